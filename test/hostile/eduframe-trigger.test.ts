/**
 * Forged Eduframe deliveries against the Eduframe Trigger, active in a real `n8n start` (2.40.7):
 * n8n's own routing, body parsing and execution start decide what happens, as they do for an attacker
 * who learned the workflow's address. Eduframe signs nothing, so only the secret in the address the
 * trigger registered proves a delivery came from Eduframe. Every forged delivery must start no
 * execution, cost no request with the key, and be answered with an error status; a genuine delivery
 * in Eduframe's documented shape starts exactly one; a genuine delivery that was refused is caught up
 * once from Eduframe's failed-deliveries list, which the trigger reads with the key.
 */
import type { IDataObject } from 'n8n-workflow';

import { EDUFRAME_OTHER_KEY, EDUFRAME_SANDBOX_KEY, EDUFRAME_TENANT_UUIDS, EduframeSandbox } from '../../sandbox/eduframe/server';
import { safe, tamper, untamper } from '../harness/hostile';
import { nodeItems, RealN8n } from '../harness/real-n8n';
import { waitFor } from '../harness/wait';

const VERSION = '2.40.7';
/** Every event, the full record read for each (a forged delivery that got through would spend a request). */
const ALL = { id: 'tsHostileEduAll', webhookId: '7c0e5b1a-hostile-4e2d-9f1a-000000000001' };
/** Another workflow of another educator: its secret must not open the first; its refused delivery is caught up. */
const OTHER = { id: 'tsHostileEduOther', webhookId: '7c0e5b1a-hostile-4e2d-9f1a-000000000002' };
/** Not active: listened to from the editor ("Execute step"), which registers n8n's test address. */
const MANUAL = { id: 'tsHostileEduManual', webhookId: '7c0e5b1a-hostile-4e2d-9f1a-000000000003' };
const CREDENTIALS = {
	ours: { id: 'tsHostileEduKey1', name: 'Eduframe (educator 1)' },
	other: { id: 'tsHostileEduKey2', name: 'Eduframe (educator 2)' },
};

function triggerWorkflow(workflow: { id: string; webhookId: string }, events: string[], options: IDataObject, credential: { id: string; name: string }): IDataObject {
	return {
		id: workflow.id,
		name: workflow.id,
		nodes: [
			{
				id: `${workflow.id}-t`,
				name: 'Eduframe Trigger',
				type: 'n8n-nodes-training-systems.eduframeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: workflow.webhookId,
				parameters: { events, options },
				credentials: { eduframeApi: credential },
			},
			{ id: `${workflow.id}-n`, name: 'To HR', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { 'Eduframe Trigger': { main: [[{ node: 'To HR', type: 'main', index: 0 }]] } },
	};
}

let n8n: RealN8n;
let eduframe: EduframeSandbox;
/** Requests that reached Eduframe with the key of the workflow the forged deliveries go to. */
const withOurKey: string[] = [];
/** The genuine delivery refused for its secret (made right after start, so the catch-up's minute runs beside the other cases). */
let refused: { user: IDataObject; notificationId: string };

beforeAll(async () => {
	eduframe = await new EduframeSandbox({ users: 30 }).start();
	// Eduframe's retries, shortened: three attempts 0.3 s apart, then failed.
	eduframe.webhookRetryDelaysMs = [300, 300];
	n8n = await RealN8n.create(VERSION);
	await n8n.importCredentials([
		{ ...CREDENTIALS.ours, type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: eduframe.baseUrl } },
		{ ...CREDENTIALS.other, type: 'eduframeApi', data: { apiKey: EDUFRAME_OTHER_KEY, baseUrl: eduframe.baseUrl } },
	]);
	await n8n.importWorkflows([
		triggerWorkflow(ALL, ['*'], { includeFullRecord: true, catchUp: false }, CREDENTIALS.ours),
		triggerWorkflow(OTHER, ['user.created'], { includeFullRecord: true, checkEveryMinutes: 1 }, CREDENTIALS.other),
		triggerWorkflow(MANUAL, ['user.updated'], {}, CREDENTIALS.ours),
	]);
	await n8n.activate(ALL.id);
	await n8n.activate(OTHER.id);
	await n8n.start();
	await waitFor(() => !!registration(ALL) && !!registration(OTHER), 'both triggers registered with Eduframe', 60_000);
	tamper(eduframe, {
		before: (request) => {
			if (String(request.headers.authorization ?? '').includes(EDUFRAME_SANDBOX_KEY)) withOurKey.push(`${request.method} ${request.path}`);
			return undefined;
		},
	});

	// As after the key was replaced: Eduframe sends a change to an address whose secret no longer matches.
	const hook = registration(OTHER)!;
	const good = hook.url;
	hook.url = address(OTHER, 'secret-of-a-key-since-replaced');
	const created = await fetch(`${eduframe.baseUrl}/users`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${EDUFRAME_OTHER_KEY}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ first_name: 'Refused', last_name: 'Once', email: 'refused.once@example.com' }),
	});
	expect(created.status).toBe(201);
	await eduframe.settled();
	hook.url = good;
	refused = { user: (await created.json()) as IDataObject, notificationId: eduframe.notifications.filter((n) => n.webhook_id === hook.id).at(-1)!.id };
}, 600_000);

afterAll(async () => {
	untamper(eduframe);
	await n8n?.stop();
	await eduframe?.stop();
	n8n?.cleanup();
});

/** The registration a trigger made with Eduframe. */
const registration = (workflow: { webhookId: string }) => eduframe.webhooks.find((hook) => hook.url.includes(`/webhook/${workflow.webhookId}/`));

/** The trigger's n8n address with `token` set as given (`undefined`: none), as an attacker would call it. */
function address(workflow: { webhookId: string }, token: string | undefined): string {
	const url = new URL(`${n8n.baseUrl}/webhook/${workflow.webhookId}/webhook`);
	if (token !== undefined) url.searchParams.set('token', token);
	return url.toString();
}

/** The secret in the address a trigger registered (what Eduframe sends with), or '' when it registered none. */
const registeredToken = (workflow: { webhookId: string }) => new URL(registration(workflow)!.url).searchParams.get('token') ?? '';

async function post(url: string, body: string, contentType = 'application/json'): Promise<number> {
	const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
	await response.text();
	return response.status;
}

/**
 * Sends a forged delivery and checks the three things that make it harmless: an error status (so
 * Eduframe, for a genuine one, lists it as failed), no execution, no request with the key.
 */
async function forged(what: string, url: string, body: string, contentType = 'application/json'): Promise<number> {
	const before = (await n8n.executions(ALL.id)).length;
	withOurKey.length = 0;
	const status = await post(url, body, contentType);
	safe(`${what}: answered with an error status`, status >= 400, `answered ${status}`);
	// An execution would start right after the answer; give it the moment it needs to show.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	const after = (await n8n.executions(ALL.id)).length;
	safe(`${what}: starts no execution`, after === before, `${after - before} execution(s) started`);
	safe(`${what}: sends no request with the key`, withOurKey.length === 0, withOurKey.join(', '));
	return status;
}

/** A delivery in Eduframe's documented shape, about a user of educator 1, as an attacker would invent it. */
const invented = (event = 'user.updated', data: IDataObject = { id: 3, email: 'attacker@example.com', updated_at: '2026-02-01T10:00:00Z' }) =>
	JSON.stringify({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event, event_data: data });
/** The shape the trigger accepted before (educator number), which the forged deliveries used. */
const inventedOldShape = (data: IDataObject = { id: 3, updated_at: '2026-02-01T10:00:01Z' }) => JSON.stringify({ tenant_id: 1, educator: { id: 1 }, event: 'user.updated', event_data: data });

describe('forged deliveries start nothing, cost nothing and are refused', () => {
	test('no secret', async () => {
		expect(await forged('no secret', address(ALL, undefined), inventedOldShape())).toBe(401);
		await forged('no secret, documented shape', address(ALL, undefined), invented());
	}, 60_000);

	test('a wrong secret', async () => {
		expect(await forged('a wrong secret', address(ALL, 'not-the-secret'), inventedOldShape())).toBe(401);
		await forged('an empty secret', address(ALL, ''), inventedOldShape());
		await forged('the secret cut short', address(ALL, registeredToken(ALL).slice(0, 20)), inventedOldShape());
	}, 60_000);

	test('the secret of another workflow', async () => {
		const others = registeredToken(OTHER);
		expect(others).not.toBe('');
		expect(await forged('the secret of another workflow', address(ALL, others), inventedOldShape())).toBe(401);
	}, 60_000);

	test('invented event_data without the secret', async () => {
		await forged('invented event_data without the secret', address(ALL, undefined), invented('user.updated', { id: 1, first_name: 'Mallory', email: 'mallory@example.com', updated_at: '2026-02-02T08:00:00Z' }));
		await forged('an invented enrollment without the secret', address(ALL, undefined), invented('enrollment.updated', { id: 1, status: 'canceled', updated_at: '2026-02-02T08:00:00Z' }));
	}, 60_000);

	test('a captured genuine delivery replayed with a changed updated_at and no secret', async () => {
		const user = eduframe.tables.users[4];
		eduframe.emit('user.updated', user);
		await eduframe.settled();
		const captured = eduframe.notifications.filter((notification) => notification.webhook_id === registration(ALL)!.id).at(-1)!.data;
		// The genuine one ran (once); wait for it so it does not count as the forged one's.
		await n8n.waitForExecutions(ALL.id, 1, 60_000);
		const replayed = { ...captured, event_data: { ...captured.event_data, updated_at: '2026-03-01T00:00:00Z' } };
		await forged('a captured delivery replayed with a changed updated_at and no secret', address(ALL, undefined), JSON.stringify(replayed));
		await forged('a captured delivery replayed with a changed updated_at and a wrong secret', address(ALL, 'guess'), JSON.stringify(replayed));
	}, 90_000);

	test('the right secret but an event Eduframe does not have, under [All Events]', async () => {
		expect(await forged('an unknown event under [All Events]', address(ALL, registeredToken(ALL)), invented('payroll.paid'))).toBe(400);
		await forged('an event name with a known prefix', address(ALL, registeredToken(ALL)), invented('user.updated.extra'));
	}, 60_000);

	test('an empty JSON body, with and without the secret', async () => {
		expect(await forged('an empty JSON object with the secret', address(ALL, registeredToken(ALL)), '{}')).toBe(400);
		await forged('an empty body with the secret', address(ALL, registeredToken(ALL)), '');
		await forged('an empty JSON object without the secret', address(ALL, undefined), '{}');
		// Not even a failed execution (the trigger used to fail reading `event` of nothing).
		const failed = (await n8n.executions(ALL.id)).filter((execution) => execution.status !== 'success');
		safe('an empty body records no failed execution', failed.length === 0, `${failed.length} failed execution(s)`);
	}, 60_000);

	test('bodies that are not a JSON object with an event and its event_data, with the secret', async () => {
		const token = registeredToken(ALL);
		expect(await forged('a JSON array', address(ALL, token), `[${invented()}]`)).toBe(400);
		await forged('a JSON string', address(ALL, token), JSON.stringify(invented()));
		await forged('a form-encoded body', address(ALL, token), 'tenant_id=1&educator=sandbox-academy&event=user.updated&event_data%5Bid%5D=3', 'application/x-www-form-urlencoded');
		await forged('JSON sent as text', address(ALL, token), invented(), 'text/plain');
		await forged('event_data that is not an object', address(ALL, token), JSON.stringify({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: 'user.updated', event_data: 'Account' }));
		await forged('an event that is not text', address(ALL, token), JSON.stringify({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: ['user.updated'], event_data: { id: 3 } }));
	}, 60_000);

	test('the right secret but another educator (documented shape and the older one)', async () => {
		const token = registeredToken(ALL);
		expect(
			await forged(
				'another educator named by subdomain',
				address(ALL, token),
				JSON.stringify({ tenant_id: EDUFRAME_TENANT_UUIDS[2], educator: 'other-training-institute', event: 'user.updated', event_data: { id: 3, updated_at: '2026-02-03T08:00:00Z' } }),
			),
		).toBe(403);
		await forged('another educator by number', address(ALL, token), JSON.stringify({ tenant_id: 2, educator: { id: 2 }, event: 'user.updated', event_data: { id: 3, updated_at: '2026-02-03T08:00:01Z' } }));
		await forged('another tenant number beside our educator', address(ALL, token), JSON.stringify({ tenant_id: 2, educator: { id: 1 }, event: 'user.updated', event_data: { id: 3, updated_at: '2026-02-03T08:00:02Z' } }));
		await forged('no educator at all', address(ALL, token), JSON.stringify({ event: 'user.updated', event_data: { id: 3, updated_at: '2026-02-03T08:00:03Z' } }));
	}, 60_000);
});

describe('genuine deliveries', () => {
	test('a change in Eduframe, delivered in its documented shape, starts exactly one execution', async () => {
		const before = (await n8n.executions(ALL.id)).length;
		const user = eduframe.tables.users[7];
		const changed = await fetch(`${eduframe.baseUrl}/users/${user.id}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ first_name: 'Genuine' }),
		});
		expect(changed.status).toBe(200);
		await eduframe.settled();
		const delivery = eduframe.notifications.filter((notification) => notification.webhook_id === registration(ALL)!.id).at(-1)!;
		// Eduframe's documented shape: both strings.
		expect(delivery.data).toMatchObject({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: 'user.updated' });
		safe('the genuine delivery is answered 2xx', delivery.status === 'succeeded', JSON.stringify(delivery.send_attempts));
		const executions = await n8n.waitForExecutions(ALL.id, before + 1, 60_000);
		// Nothing more arrives later: every forged delivery above left no execution behind.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const all = await n8n.executions(ALL.id, true);
		safe('the genuine delivery starts exactly one execution', all.length === before + 1, `${all.length - before} execution(s)`);
		const item = nodeItems(executions.at(-1)!.data, 'Eduframe Trigger')[0];
		safe('its execution is about that change', (item.event_data as IDataObject).id === user.id && (item.record as IDataObject).first_name === 'Genuine', JSON.stringify(item).slice(0, 300));
		// Every execution of this workflow is a genuine change: the one captured earlier, and this one.
		const ids = all.map((execution) => (nodeItems(execution.data, 'Eduframe Trigger')[0].event_data as IDataObject).id);
		safe('every execution is a genuine change', JSON.stringify(ids) === JSON.stringify([eduframe.tables.users[4].id, user.id]), JSON.stringify(ids));
	}, 120_000);

	test('a genuine delivery refused for its secret (sent to an address with a wrong one) is caught up once from Eduframe’s failed list', async () => {
		const notification = eduframe.notifications.find((n) => n.id === refused.notificationId)!;
		safe('Eduframe saw the genuine delivery refused', notification.send_attempts.length > 0 && notification.send_attempts.every((attempt) => attempt.status_code === 401), JSON.stringify(notification.send_attempts));
		expect(notification.status).toBe('failed');

		// Check Every (Minutes) is 1: the catch-up reads the failed list (with the key, without the secret) within a minute.
		const [execution] = await n8n.waitForExecutions(OTHER.id, 1, 90_000);
		const item = nodeItems(execution.data, 'Eduframe Trigger')[0];
		safe(
			'the refused delivery is caught up',
			item.replayed === true && (item.event_data as IDataObject).id === refused.user.id && (item.record as IDataObject | undefined)?.email === 'refused.once@example.com',
			JSON.stringify(item).slice(0, 300),
		);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const all = await n8n.executions(OTHER.id);
		safe('the refused delivery is caught up exactly once', all.length === 1, `${all.length} execution(s)`);
	}, 150_000);

	test('in the editor’s test ("Execute step"), the test address carries the secret too: a forged delivery is refused and n8n keeps listening for the genuine one', async () => {
		await n8n.setupOwner();
		const listening = await n8n.rest('POST', `/workflows/${MANUAL.id}/run`, { triggerToStartFrom: { name: 'Eduframe Trigger' } });
		expect(listening).toMatchObject({ status: 200, data: { waitingForWebhook: true } });
		const testHook = () => eduframe.webhooks.find((hook) => hook.url.includes(`/webhook-test/${MANUAL.webhookId}/`));
		await waitFor(() => !!testHook(), 'the test address registered with Eduframe', 30_000);
		const token = new URL(testHook()!.url).searchParams.get('token') ?? '';
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

		const testAddress = (secret: string | undefined) => {
			const url = new URL(`${n8n.baseUrl}/webhook-test/${MANUAL.webhookId}/webhook`);
			if (secret !== undefined) url.searchParams.set('token', secret);
			return url.toString();
		};
		withOurKey.length = 0;
		const status = await post(testAddress(undefined), inventedOldShape());
		safe('a forged test delivery is answered with an error status', status >= 400, `answered ${status}`);
		const wrong = await post(testAddress('guess'), invented());
		safe('a test delivery with a wrong secret is answered with an error status', wrong >= 400, `answered ${wrong}`);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		safe('forged test deliveries start no execution', (await n8n.executions(MANUAL.id)).length === 0, 'an execution started');
		safe('forged test deliveries send no request with the key', withOurKey.length === 0, withOurKey.join(', '));
		expect(testHook()).toBeDefined();

		// The genuine change, which Eduframe sends to the test address with its secret: the test run shows it.
		const user = eduframe.tables.users[9];
		const changed = await fetch(`${eduframe.baseUrl}/users/${user.id}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ first_name: 'Tested' }),
		});
		expect(changed.status).toBe(200);
		await eduframe.settled();
		const [execution] = await n8n.waitForExecutions(MANUAL.id, 1, 60_000);
		expect(execution).toMatchObject({ mode: 'manual', status: 'success' });
		expect(nodeItems(execution.data, 'Eduframe Trigger')[0]).toMatchObject({ event: 'user.updated', replayed: false, educator: 'sandbox-academy', event_data: expect.objectContaining({ id: user.id, first_name: 'Tested' }) });
		// n8n takes its test address back afterwards.
		await waitFor(() => !testHook(), 'the test address removed from Eduframe', 30_000);
	}, 120_000);
});
