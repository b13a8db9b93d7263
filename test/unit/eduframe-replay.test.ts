/**
 * The Eduframe Trigger's catch-up and de-duplication against the sandbox, through minimal n8n
 * contexts: failed deliveries are replayed once each, in order, marked as replayed; deliveries
 * already handled (live or replayed) never run again; a key without settings:read is reported
 * without stopping live deliveries. And the sandbox's delivery log as Eduframe's spec shapes it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import axios from 'axios';
import type { IDataObject, IHookFunctions, INodeExecutionData, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
import { deliveryKey, forgetHandledHere, MAX_HANDLED, HandledRecord } from '../../nodes/Eduframe/trigger/replay';
import { deliverySecret } from '../../nodes/Eduframe/trigger/secret';
import { sharedPacer } from '../../nodes/shared';
import { EDUFRAME_SANDBOX_KEY, EDUFRAME_TENANT_UUIDS, EduframeSandbox } from '../../sandbox/eduframe/server';
import { fakeContext } from '../harness/fake-context';

const NO_SETTINGS_KEY = 'eduframe-key-without-settings-read-1';

let sandbox: EduframeSandbox;
beforeAll(async () => {
	sandbox = await new EduframeSandbox({ users: 20 }).start();
	sandbox.tokens.set(NO_SETTINGS_KEY, 1);
	sandbox.scopes.set(NO_SETTINGS_KEY, ['settings:modify', 'relations:read', 'courses:read']);
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sharedPacer.reset();
	forgetHandledHere();
	sandbox.receiversReachable = true;
	sandbox.webhookRetryDelaysMs = [30, 60];
});

const node = new EduframeTrigger();
const RECEIVER = 'http://127.0.0.1:9/never-called';
const WEBHOOK_ID = '5d2b8f1e-replay-unit-0001';
const auth = { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' };

interface Setup {
	state: IDataObject;
	options: IDataObject;
	events: string[];
	key?: string;
	workflowId?: string;
}

function base(setup: Setup, mode: string) {
	const key = setup.key ?? EDUFRAME_SANDBOX_KEY;
	const context = fakeContext('eduframeApi', { apiKey: key, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${key}` };
	});
	return Object.assign(context, {
		getNode: () => ({ id: 'node-1', name: 'Eduframe Trigger', type: 'eduframeTrigger', typeVersion: 1, position: [0, 0], parameters: {}, webhookId: WEBHOOK_ID }),
		getWorkflow: () => ({ id: setup.workflowId ?? 'wf-1', active: true }),
		getWorkflowStaticData: () => setup.state,
		getNodeParameter: (name: string, fallback?: unknown) => (name === 'events' ? setup.events : name === 'options' ? setup.options : fallback),
		getNodeWebhookUrl: () => RECEIVER,
		getMode: () => mode,
		getActivationMode: () => 'init',
	});
}

function hookContext(setup: Setup) {
	return base(setup, 'trigger') as unknown as IHookFunctions;
}

/** The secret of the address the trigger registers (what Eduframe sends with). */
const secretOf = (setup: Setup) => deliverySecret(setup.key ?? EDUFRAME_SANDBOX_KEY, WEBHOOK_ID);

/**
 * A delivery as n8n hands it to webhook(): by default JSON, with the secret of the registered address
 * in `token`; `answers` records what webhook() answered (status and body).
 */
function webhookContext(setup: Setup, body: unknown, mode = 'webhook', request: { query?: IDataObject; contentType?: string } = {}, answers: Array<{ status: number; body: unknown }> = []) {
	const response = { status: (status: number) => ({ json: (answer: unknown) => answers.push({ status, body: answer }) }) };
	return Object.assign(base(setup, mode), {
		getBodyData: () => body,
		getQueryData: () => request.query ?? { token: secretOf(setup) },
		getHeaderData: () => ({ 'content-type': request.contentType ?? 'application/json' }),
		getResponseObject: () => response,
	}) as unknown as IWebhookFunctions;
}

interface TriggerHarness {
	context: ITriggerFunctions;
	emitted: IDataObject[];
	crons: Array<{ expression: string; onTick: () => void }>;
	warnings: string[];
	failedExecutions: Error[];
}

function triggerContext(setup: Setup, mode = 'trigger'): TriggerHarness {
	const harness: TriggerHarness = { context: undefined as unknown as ITriggerFunctions, emitted: [], crons: [], warnings: [], failedExecutions: [] };
	const context = base(setup, mode) as unknown as IDataObject;
	const helpers = context.helpers as IDataObject;
	// As n8n's helper: a promise with its resolve and reject.
	helpers.createDeferredPromise = () => {
		const deferred: IDataObject = {};
		deferred.promise = new Promise((resolve, reject) => Object.assign(deferred, { resolve, reject }));
		return deferred;
	};
	// n8n's plain httpRequest: sends what it is given, adds no credential.
	const plain = fakeContext('eduframeApi', {}, () => undefined).helpers as unknown as IDataObject;
	helpers.httpRequest = async (options: IDataObject) => await (plain.httpRequestWithAuthentication as (type: string, o: IDataObject) => Promise<unknown>)('none', options);
	// The catch-up must not evaluate credentials with expressions after activation (n8n 2.x's isolate is released then).
	helpers.httpRequestWithAuthentication = async () => {
		throw new Error('httpRequestWithAuthentication called outside activation');
	};
	helpers.registerCron = (cron: { expression: string }, onTick: () => void) => harness.crons.push({ expression: cron.expression, onTick });
	context.emit = (data: INodeExecutionData[][], _response: unknown, done?: { resolve: (run: unknown) => void }) => {
		harness.emitted.push(...data[0].map((item) => item.json));
		done?.resolve({});
	};
	context.logger = { warn: (message: string) => harness.warnings.push(message) };
	context.saveFailedExecution = (error: Error) => harness.failedExecutions.push(error);
	harness.context = context as unknown as ITriggerFunctions;
	return harness;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 4_000, warnings: string[] = []) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what} ${warnings.join(' ')}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Registers the trigger with Eduframe (as activation does); its deliveries go to a port nobody listens on. */
async function registered(setup: Setup) {
	await node.webhookMethods.default.create.call(hookContext(setup));
	return sandbox.webhooks.find((hook) => hook.id === setup.state.webhookId)!;
}

async function changeUsers(ids: number[]) {
	for (const id of ids) await axios.patch(`${sandbox.baseUrl}/users/${id}`, { first_name: `Changed ${id}` }, { headers: auth });
}

describe('the sandbox delivery log, as the spec shapes it', () => {
	test('an unreachable receiver is tried again on the schedule, then listed as failed with its payload', async () => {
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'] };
		const hook = await registered(setup);
		sandbox.receiversReachable = false;
		await changeUsers([2]);
		const notification = sandbox.notifications.find((n) => n.webhook_id === hook.id)!;
		expect(['pending', 'retry']).toContain(notification.status);
		await sandbox.settled();
		expect(notification.status).toBe('failed');
		expect(notification.send_attempts).toHaveLength(3);
		expect(notification.send_attempts.every((attempt) => attempt.status_code === 0 && /ECONNREFUSED/.test(attempt.response))).toBe(true);

		const failed = await axios.get(`${sandbox.baseUrl}/webhooks/${hook.id}/notifications/failed`, { headers: auth });
		expect(failed.data).toEqual([
			{ id: notification.id, event_id: notification.event_id, webhook_id: hook.id, data: notification.data, status: 'failed', created_at: notification.created_at },
		]);
		// Eduframe's documented payload: the tenant's UUID and the educator's subdomain, as strings.
		expect(failed.data[0].data).toEqual({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: 'user.updated', event_data: expect.objectContaining({ id: 2, first_name: 'Changed 2' }) });
		const later = await axios.get(`${sandbox.baseUrl}/webhooks/${hook.id}/notifications/failed`, { headers: auth, params: { start: new Date(Date.now() + 60_000).toISOString() } });
		expect(later.data).toEqual([]);
		const before = await axios.get(`${sandbox.baseUrl}/webhooks/${hook.id}/notifications/failed`, { headers: auth, params: { end: notification.created_at } });
		expect(before.data).toEqual([]);
		const refused = await axios.get(`${sandbox.baseUrl}/webhooks/${hook.id}/notifications/failed`, { headers: { Authorization: `Bearer ${NO_SETTINGS_KEY}` }, validateStatus: () => true });
		expect(refused.status).toBe(403);
	});

	test('the failed list pages with an opaque cursor', async () => {
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'] };
		const hook = await registered(setup);
		sandbox.receiversReachable = false;
		sandbox.webhookRetryDelaysMs = [];
		await changeUsers([3, 4, 5]);
		await sandbox.settled();
		const first = await axios.get(`${sandbox.baseUrl}/webhooks/${hook.id}/notifications/failed`, { headers: auth, params: { per_page: 2 } });
		expect(first.data).toHaveLength(2);
		const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))![1];
		expect(next).toMatch(/cursor=/);
		const second = await axios.get(next, { headers: auth });
		expect([...first.data, ...second.data].map((n: IDataObject) => (n.data as IDataObject).event_data).map((data) => (data as IDataObject).id)).toEqual([3, 4, 5]);
	});
});

describe('catching up', () => {
	test('on activation, every failed delivery runs the workflow once, oldest first, marked as replayed, with the live item’s fields', async () => {
		const setup: Setup = { state: {}, options: { includeFullRecord: true }, events: ['user.updated'] };
		const hook = await registered(setup);
		sandbox.receiversReachable = false;
		await changeUsers([6, 7, 8]);
		await sandbox.settled();
		sandbox.receiversReachable = true;

		const trigger = triggerContext(setup);
		const response = await node.trigger.call(trigger.context);
		await waitFor(() => trigger.emitted.length === 3, 'three replays', 4_000, trigger.warnings);
		expect(trigger.emitted.map((item) => (item.event_data as IDataObject).id)).toEqual([6, 7, 8]);
		const failed = sandbox.notifications.filter((n) => n.webhook_id === hook.id);
		expect(trigger.emitted[0]).toEqual({
			event: 'user.updated',
			tenant_id: EDUFRAME_TENANT_UUIDS[1],
			educator: 'sandbox-academy',
			event_data: failed[0].data.event_data,
			record: expect.objectContaining({ id: 6, first_name: 'Changed 6' }),
			replayed: true,
			notification: { id: failed[0].id, event_id: failed[0].event_id, created_at: failed[0].created_at },
		});

		// The same delivery live does not run this workflow again; in another workflow its item has the same fields, with replayed false.
		expect((await node.webhook.call(webhookContext(setup, failed[0].data as unknown as IDataObject))).workflowData).toBeUndefined();
		const live = await node.webhook.call(webhookContext({ ...setup, state: {}, workflowId: 'wf-other' }, failed[0].data as unknown as IDataObject));
		const liveItem = live.workflowData![0][0].json;
		const { notification: _notification, ...replayedFields } = trigger.emitted[0];
		expect(Object.keys(liveItem).sort()).toEqual(Object.keys(replayedFields).sort());
		expect(liveItem.replayed).toBe(false);

		// The periodic check (every 5 minutes by default) finds nothing new to run.
		expect(trigger.crons.map((cron) => cron.expression)).toEqual(['0 */5 * * * *']);
		trigger.crons[0].onTick();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(trigger.emitted).toHaveLength(3);
		await response.closeFunction?.();
	});

	test('at activation the catch-up waits for the registration check n8n 2.x runs beside it, then replays', async () => {
		// Earlier tests registered the same URL; only this test's registration stays.
		sandbox.webhooks.splice(0, sandbox.webhooks.length);
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'] };
		const hook = await registered(setup);
		sandbox.receiversReachable = false;
		await changeUsers([13]);
		await sandbox.settled();
		sandbox.receiversReachable = true;

		// The static data as loaded lacks the id; checkExists (running beside trigger()) settles it a moment later.
		const loaded: IDataObject = { ...setup.state };
		delete loaded.webhookId;
		const trigger = triggerContext({ ...setup, state: loaded });
		const response = await node.trigger.call(trigger.context);
		await new Promise((resolve) => setTimeout(resolve, 600));
		expect(trigger.emitted).toHaveLength(0);
		expect(await node.webhookMethods.default.checkExists.call(hookContext({ ...setup, state: loaded }))).toBe(true);
		expect(loaded.webhookId).toBe(hook.id);
		await waitFor(() => trigger.emitted.length === 1, 'the replay once the id is known', 4_000, trigger.warnings);
		expect(trigger.emitted[0]).toMatchObject({ replayed: true, event_data: expect.objectContaining({ id: 13 }) });
		await response.closeFunction?.();
	});

	test('a delivery that fails while the workflow is active is run by the next periodic check', async () => {
		const setup: Setup = { state: {}, options: { checkEveryMinutes: 1 }, events: ['user.updated'] };
		await registered(setup);
		const trigger = triggerContext(setup);
		await node.trigger.call(trigger.context);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.emitted).toHaveLength(0);
		expect(trigger.crons[0].expression).toBe('0 */1 * * * *');

		sandbox.receiversReachable = false;
		await changeUsers([9]);
		await sandbox.settled();
		trigger.crons[0].onTick();
		await waitFor(() => trigger.emitted.length === 1, 'the replay');
		expect(trigger.emitted[0]).toMatchObject({ event: 'user.updated', replayed: true, event_data: expect.objectContaining({ id: 9 }) });
	});

	test('a delivery handled live is not replayed when Eduframe lists it as failed, and a replayed one does not run again when it arrives late', async () => {
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'] };
		const hook = await registered(setup);
		sandbox.receiversReachable = false;
		await changeUsers([10, 11]);
		await sandbox.settled();
		const [first, second] = sandbox.notifications.filter((n) => n.webhook_id === hook.id);

		// The first reached n8n after all (Eduframe saw no answer in time): the workflow ran for it then.
		const live = await node.webhook.call(webhookContext(setup, first.data as unknown as IDataObject));
		expect(live.workflowData).toHaveLength(1);
		// The same delivery again (Eduframe's retry reaching n8n) starts nothing.
		expect((await node.webhook.call(webhookContext(setup, first.data as unknown as IDataObject))).workflowData).toBeUndefined();

		const trigger = triggerContext(setup);
		await node.trigger.call(trigger.context);
		await waitFor(() => trigger.emitted.length === 1, 'one replay');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.emitted.map((item) => (item.event_data as IDataObject).id)).toEqual([11]);

		// The second, now replayed, arrives live late: it starts nothing.
		expect((await node.webhook.call(webhookContext(setup, second.data as unknown as IDataObject))).workflowData).toBeUndefined();
		// After a restart (only the saved static data is left), still nothing runs twice.
		forgetHandledHere();
		const saved = JSON.parse(JSON.stringify(setup.state)) as IDataObject;
		const restarted = triggerContext({ ...setup, state: saved });
		await node.trigger.call(restarted.context);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(restarted.emitted).toHaveLength(0);
		expect((await node.webhook.call(webhookContext({ ...setup, state: saved }, second.data as unknown as IDataObject))).workflowData).toBeUndefined();
	});

	test('the live copy and the catch-up copy of the static data do not lose each other’s deliveries in one process', async () => {
		// n8n hands the live path a fresh copy per delivery and the trigger the copy from activation.
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'] };
		const hook = await registered(setup);
		const atActivation = JSON.parse(JSON.stringify(setup.state)) as IDataObject;
		sandbox.receiversReachable = false;
		await changeUsers([12]);
		await sandbox.settled();
		const [notification] = sandbox.notifications.filter((n) => n.webhook_id === hook.id);
		await node.webhook.call(webhookContext({ ...setup, state: JSON.parse(JSON.stringify(atActivation)) as IDataObject }, notification.data as unknown as IDataObject));
		const trigger = triggerContext({ ...setup, state: atActivation });
		await node.trigger.call(trigger.context);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(trigger.emitted).toHaveLength(0);
		// What the trigger writes back holds the live delivery too.
		expect(Object.keys(atActivation.handled as IDataObject)).toContain(deliveryKey(notification.data as unknown as IDataObject));
	});

	test('on activation, deliveries Eduframe counts as delivered that were answered by someone else than the trigger (n8n starting up) run once; those the trigger answered do not', async () => {
		// n8n answers every request with 200 "n8n is starting up. Please wait" from the moment it listens
		// until its migrations are checked: Eduframe logs those deliveries as succeeded, no execution runs.
		const receiver = http.createServer((request, response) => {
			let body = '';
			request.on('data', (chunk) => (body += chunk));
			request.on('end', () => {
				const id = (JSON.parse(body) as { event_data: { id: number } }).event_data.id;
				if (id === 18) response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ received: true }));
				else response.writeHead(200, { 'Content-Type': 'text/html' }).end('n8n is starting up. Please wait');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			const setup: Setup = { state: {}, options: {}, events: ['user.updated'] };
			const hook = await registered(setup);
			hook.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
			await changeUsers([16, 17, 18]);
			await sandbox.settled();
			expect(sandbox.notifications.filter((n) => n.webhook_id === hook.id).map((n) => n.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);

			sandbox.resetStats();
			const trigger = triggerContext(setup);
			await node.trigger.call(trigger.context);
			await waitFor(() => trigger.emitted.length === 2, 'two replays', 4_000, trigger.warnings);
			await new Promise((resolve) => setTimeout(resolve, 200));
			// User 18's delivery was answered by the trigger itself (webhook() ran for it): not run again, even without a record of it.
			expect(trigger.emitted.map((item) => (item.event_data as IDataObject).id)).toEqual([16, 17]);
			expect(trigger.emitted[0]).toMatchObject({ replayed: true, notification: expect.objectContaining({ id: expect.any(String) }) });
			// The whole log is read once per activation; the periodic check reads only the failed list.
			trigger.crons[0].onTick();
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(sandbox.stats.byRoute['GET /api/v1/webhooks/:id/notifications']).toBe(1);
			expect(trigger.emitted).toHaveLength(2);

			// After a restart, the next activation reads the log again and runs nothing twice.
			forgetHandledHere();
			const restarted = triggerContext({ ...setup, state: JSON.parse(JSON.stringify(setup.state)) as IDataObject });
			await node.trigger.call(restarted.context);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(sandbox.stats.byRoute['GET /api/v1/webhooks/:id/notifications']).toBe(2);
			expect(restarted.emitted).toHaveLength(0);
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});

	test('events not chosen and other educators’ deliveries are not replayed', async () => {
		const setup: Setup = { state: {}, options: {}, events: ['*'] };
		const hook = await registered(setup);
		sandbox.receiversReachable = false;
		await changeUsers([13]);
		await sandbox.settled();
		const narrowed = triggerContext({ ...setup, events: ['order.approved'] });
		await node.trigger.call(narrowed.context);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(narrowed.emitted).toHaveLength(0);
		expect(sandbox.notifications.filter((n) => n.webhook_id === hook.id && n.status === 'failed')).toHaveLength(1);
	});

	test('switched off: nothing is read or run', async () => {
		const setup: Setup = { state: {}, options: { catchUp: false }, events: ['user.updated'] };
		await registered(setup);
		sandbox.receiversReachable = false;
		await changeUsers([14]);
		await sandbox.settled();
		sandbox.resetStats();
		const trigger = triggerContext(setup);
		await node.trigger.call(trigger.context);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.emitted).toHaveLength(0);
		expect(trigger.crons).toHaveLength(0);
		expect(sandbox.stats.byRoute['GET /api/v1/webhooks/:id/notifications/failed']).toBeUndefined();
	});

	test('a key without settings:read: catching up is reported once in plain words, live deliveries keep running', async () => {
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'], key: NO_SETTINGS_KEY };
		await registered(setup);
		const trigger = triggerContext(setup);
		const response = await node.trigger.call(trigger.context);
		await waitFor(() => trigger.warnings.length === 1, 'the report');
		expect(trigger.warnings[0]).toMatch(/could not catch up on missed events/);
		expect(trigger.warnings[0]).toMatch(/"settings:read" permission/);
		expect(trigger.failedExecutions).toHaveLength(1);
		expect((trigger.failedExecutions[0] as Error & { description?: string }).description).toMatch(/switch off the trigger’s "Catch Up on Missed Events" option/);
		trigger.crons[0].onTick();
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.warnings).toHaveLength(1);
		expect(response.closeFunction).toBeDefined();

		const live = await node.webhook.call(
			webhookContext(setup, { tenant_id: 1, educator: { id: 1 }, event: 'user.updated', event_data: { id: 15, updated_at: '2026-01-05T09:00:00Z' } }),
		);
		expect(live.workflowData![0][0].json).toMatchObject({ event: 'user.updated', replayed: false });
	});
});

describe('the record of handled deliveries', () => {
	test('is keyed by event, record and updated_at, the same for a live delivery and the failed log’s data', () => {
		const payload = { tenant_id: 1, educator: { id: 1, slug: 'a' }, event: 'user.updated', event_data: { id: 5, updated_at: '2026-01-05T09:00:00Z', first_name: 'A' } };
		expect(deliveryKey(payload)).toBe(deliveryKey({ ...payload, event_data: { ...payload.event_data, first_name: 'A' } }));
		expect(deliveryKey(payload)).not.toBe(deliveryKey({ ...payload, event: 'user.created' }));
		expect(deliveryKey(payload)).not.toBe(deliveryKey({ ...payload, event_data: { ...payload.event_data, updated_at: '2026-01-05T09:00:01Z' } }));
		// Without a stamp, the whole record decides (key order does not matter).
		expect(deliveryKey({ event: 'user.deleted', event_data: { id: 5, a: 1 } })).toBe(deliveryKey({ event: 'user.deleted', event_data: { a: 1, id: 5 } }));
		expect(deliveryKey({ event: 'user.deleted', event_data: { id: 5 } })).toMatch(/^[0-9a-f]{16}$/);
	});

	test('stays bounded: older than the look-back window, or beyond the most recent 5,000, is forgotten', () => {
		const state: IDataObject = {};
		const record = new HandledRecord(state, 'bounded', 3600);
		record.add('old', 1_000);
		record.add('new', 10_000);
		expect(Object.keys(state.handled as IDataObject)).toEqual(['new']);
		for (let index = 0; index < MAX_HANDLED + 600; index++) record.add(`k${index}`, 10_000 + index / 10);
		expect(Object.keys(state.handled as IDataObject).length).toBeLessThanOrEqual(MAX_HANDLED);
		expect(record.has('k9')).toBe(false);
		expect(record.has(`k${MAX_HANDLED + 599}`)).toBe(true);
	});
});

/** A receiver that hands each delivery to webhook() as n8n would (query, content type, parsed JSON body) and answers what it answers. */
async function webhookReceiver(setup: Setup): Promise<http.Server> {
	const receiver = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			const answers: Array<{ status: number; body: unknown }> = [];
			const context = webhookContext(setup, JSON.parse(body) as unknown, 'webhook', { query: Object.fromEntries(url.searchParams), contentType: request.headers['content-type'] }, answers);
			void node.webhook.call(context).then(() => response.writeHead(answers[0].status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answers[0].body)));
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	return receiver;
}

describe('what a delivery must be to start the workflow', () => {
	const genuine = (id = 7, updatedAt = '2026-01-06T09:00:00Z') => ({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: 'user.updated', event_data: { id, updated_at: updatedAt } });
	/** webhook() with this request: what it answered, whether it started the workflow, the requests it sent. */
	async function deliver(setup: Setup, body: unknown, request: { query?: IDataObject; contentType?: string } = {}) {
		const answers: Array<{ status: number; body: unknown }> = [];
		sandbox.resetStats();
		const result = await node.webhook.call(webhookContext(setup, body, 'webhook', request, answers));
		return { answers, started: result.workflowData !== undefined, requests: sandbox.stats.requests, item: result.workflowData?.[0][0].json };
	}
	const registeredSetup = async (events: string[], options: IDataObject = { includeFullRecord: true }) => {
		const setup: Setup = { state: {}, options, events };
		await registered(setup);
		return setup;
	};

	test('the secret of the registered address is required; without it, or with another, nothing starts and nothing is read (401)', async () => {
		const setup = await registeredSetup(['*']);
		expect(sandbox.webhooks.find((hook) => hook.id === setup.state.webhookId)!.url).toBe(`${RECEIVER}?token=${secretOf(setup)}`);
		for (const query of [{}, { token: '' }, { token: 'wrong' }, { token: secretOf(setup).slice(0, -1) }, { token: [secretOf(setup), secretOf(setup)] }, { token: deliverySecret(EDUFRAME_SANDBOX_KEY, 'another-webhook') }]) {
			const outcome = await deliver(setup, genuine(), { query });
			expect(outcome).toMatchObject({ started: false, requests: 0, answers: [{ status: 401, body: { received: false } }] });
		}
		expect(Object.keys(setup.state.handled ?? {})).toHaveLength(0);
		// With it: answered 200 and started, the record read once.
		const outcome = await deliver(setup, genuine());
		expect(outcome).toMatchObject({ started: true, requests: 1, answers: [{ status: 200, body: { received: true } }] });
		expect(outcome.item).toMatchObject({ event: 'user.updated', tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', record: expect.objectContaining({ id: 7 }), replayed: false });
	});

	test('a body that is not an Eduframe event is refused (400) before anything is read, an empty one included', async () => {
		const setup = await registeredSetup(['*']);
		const bodies: Array<[unknown, string?]> = [
			[{}],
			[[]],
			[[genuine()]],
			['user.updated'],
			[{ ...genuine(), event: 'payroll.paid' }],
			[{ ...genuine(), event: ['user.updated'] }],
			[{ ...genuine(), event_data: 'Account' }],
			[{ ...genuine(), event_data: null }],
			[{ ...genuine(), event_data: [{ id: 21 }] }],
			[{ tenant_id: 1, educator: 'sandbox-academy', event: 'user.updated', event_data: { id: 3 } }, 'application/x-www-form-urlencoded'],
			[genuine(), 'text/plain'],
		];
		for (const [body, contentType] of bodies) {
			const outcome = await deliver(setup, body, { contentType });
			expect(outcome).toMatchObject({ started: false, requests: 0, answers: [{ status: 400 }] });
		}
		// JSON with a charset is JSON.
		expect(await deliver(setup, genuine(22), { contentType: 'application/json; charset=utf-8' })).toMatchObject({ started: true, answers: [{ status: 200 }] });
	});

	test('an event Eduframe has but the workflow did not choose is answered 200 and ignored, without a request', async () => {
		const setup = await registeredSetup(['order.approved']);
		expect(await deliver(setup, genuine())).toMatchObject({ started: false, requests: 0, answers: [{ status: 200, body: { received: true } }] });
	});

	test('Only From This Educator: Eduframe’s documented shape (subdomain, any case) and the older one (educator number) are accepted; another educator is refused (403)', async () => {
		const setup = await registeredSetup(['user.updated'], {});
		expect(setup.state).toMatchObject({ educatorId: 1, educatorSlug: 'sandbox-academy' });
		expect(await deliver(setup, { ...genuine(23), educator: 'Sandbox-Academy' })).toMatchObject({ started: true, requests: 0 });
		expect(await deliver(setup, { tenant_id: 1, educator: { id: 1, slug: 'sandbox-academy' }, event: 'user.updated', event_data: { id: 24, updated_at: 'x' } })).toMatchObject({ started: true, requests: 0 });
		for (const body of [
			{ ...genuine(25), educator: 'other-training-institute', tenant_id: EDUFRAME_TENANT_UUIDS[2] },
			{ tenant_id: 2, educator: { id: 2 }, event: 'user.updated', event_data: { id: 25 } },
			{ tenant_id: 2, educator: { id: 1 }, event: 'user.updated', event_data: { id: 25 } },
			{ tenant_id: 1, educator: { id: '1x' }, event: 'user.updated', event_data: { id: 25 } },
			{ event: 'user.updated', event_data: { id: 25 } },
		]) {
			const outcome = await deliver(setup, body);
			expect(outcome).toMatchObject({ started: false, requests: 0, answers: [{ status: 403 }] });
		}
		// Switched off, the account a delivery names is not checked (the secret still is).
		const off = { ...setup, options: { onlyFromThisEducator: false } };
		expect(await deliver(off, { ...genuine(26), educator: 'other-training-institute' })).toMatchObject({ started: true });
		expect(await deliver(off, genuine(27), { query: {} })).toMatchObject({ started: false, answers: [{ status: 401 }] });
	});

	test('a registration from before the slug was kept: the educator is read once, then kept', async () => {
		const setup: Setup = { state: { educatorId: 1 }, options: {}, events: ['user.updated'] };
		expect(await deliver(setup, genuine(28))).toMatchObject({ started: true, requests: 1 });
		expect(setup.state.educatorSlug).toBe('sandbox-academy');
		expect(await deliver(setup, genuine(29))).toMatchObject({ started: true, requests: 0 });
	});

	test('the full record names the people and courses its IDs point to', async () => {
		const setup = await registeredSetup(['enrollment.updated']);
		const enrollment = sandbox.tables.enrollments[0];
		const student = sandbox.tables.users.find((user) => user.id === enrollment.student_id)!;
		const outcome = await deliver(setup, { ...genuine(), event: 'enrollment.updated', event_data: { id: enrollment.id, updated_at: 'named' } });
		expect(outcome.started).toBe(true);
		const record = outcome.item!.record as IDataObject;
		expect(record).toMatchObject({ id: enrollment.id, student_id: student.id, student_name: [student.first_name, student.middle_name, student.last_name].filter(Boolean).join(' ') });
		expect(record.planned_course_name).toEqual(expect.any(String));
		// The record, then each name once (the student; the planned course and its course).
		expect(outcome.requests).toBeGreaterThan(1);
	});

	test('a record ID that is not an Eduframe ID is not read (it would become part of the request’s path)', async () => {
		const setup = await registeredSetup(['user.updated']);
		for (const id of ['..', '.', '1/../../webhooks', '']) {
			const outcome = await deliver(setup, { ...genuine(), event_data: { id, updated_at: `stamp-${id}` } });
			expect(outcome).toMatchObject({ started: true, requests: 0 });
			expect(outcome.item).toMatchObject({ record: null, recordError: expect.stringMatching(/no record ID/) });
		}
	});

	test('a genuine delivery refused for its secret is caught up from Eduframe’s failed list, which needs no secret', async () => {
		const setup = await registeredSetup(['user.updated'], {});
		const receiver = await webhookReceiver(setup);
		try {
			const hook = sandbox.webhooks.find((entry) => entry.id === setup.state.webhookId)!;
			hook.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook?token=of-a-replaced-key`;
			await changeUsers([19]);
			await sandbox.settled();
			const [notification] = sandbox.notifications.filter((n) => n.webhook_id === hook.id);
			expect(notification.status).toBe('failed');
			expect(notification.send_attempts.map((attempt) => attempt.status_code)).toEqual([401, 401, 401]);

			const trigger = triggerContext(setup);
			await node.trigger.call(trigger.context);
			await waitFor(() => trigger.emitted.length === 1, 'the replay', 4_000, trigger.warnings);
			expect(trigger.emitted[0]).toMatchObject({ replayed: true, educator: 'sandbox-academy', event_data: expect.objectContaining({ id: 19 }) });
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
	test('a genuine delivery refused because its account name did not read as the key’s (403) is run by the catch-up, not lost', async () => {
		const setup = await registeredSetup(['user.updated'], {});
		// Eduframe's subdomain and the API's slug differ for this account (undocumented, so possible).
		setup.state.educatorSlug = 'academy-as-the-api-names-it';
		const registeredUrl = sandbox.webhooks.find((entry) => entry.id === setup.state.webhookId)!.url;
		const receiver = await webhookReceiver(setup);
		try {
			const hook = sandbox.webhooks.find((entry) => entry.id === setup.state.webhookId)!;
			hook.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook${new URL(registeredUrl).search}`;
			await changeUsers([17]);
			await sandbox.settled();
			const [notification] = sandbox.notifications.filter((n) => n.webhook_id === hook.id);
			expect(notification.send_attempts.map((attempt) => attempt.status_code)).toEqual([403, 403, 403]);

			const trigger = triggerContext(setup);
			await node.trigger.call(trigger.context);
			await waitFor(() => trigger.emitted.length === 1, 'the replay', 4_000, trigger.warnings);
			expect(trigger.emitted[0]).toMatchObject({ replayed: true, event_data: expect.objectContaining({ id: 17 }) });
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});

describe('the editor’s test delivery', () => {
	test('n8n runs trigger() in manual mode after the test delivery; it puts out that delivery', async () => {
		const setup: Setup = { state: {}, options: {}, events: ['user.updated'], workflowId: 'wf-manual' };
		const body = { tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'Sandbox-Academy', event: 'user.updated', event_data: { id: 16, updated_at: '2026-01-05T09:00:00Z' } };
		const answered = await node.webhook.call(webhookContext(setup, body, 'manual'));
		expect(answered.workflowData![0][0].json).toMatchObject({ event: 'user.updated', replayed: false });
		// A test delivery is not recorded as handled.
		expect(setup.state.handled).toBeUndefined();

		const trigger = triggerContext(setup, 'manual');
		const response = await node.trigger.call(trigger.context);
		await response.manualTriggerFunction!();
		expect(trigger.emitted).toEqual([answered.workflowData![0][0].json]);
		expect(trigger.crons).toHaveLength(0);
		// Without a delivery in this process, it says so.
		await expect(response.manualTriggerFunction!()).rejects.toThrow(/did not reach this step/);
	});
});
