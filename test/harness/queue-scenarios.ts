/**
 * The three queue-mode scenarios, shared by the e2e test (test/e2e/queue-mode.e2e.test.ts) and the
 * bench job (bench/queue.ts): each returns what it measured, the test asserts on it, the bench prints it.
 *
 * 1. Eduframe Trigger: a burst of events delivered by Eduframe to the URL it registered, which is the
 *    webhook process's; the executions run on the workers.
 * 2. Planaday and accessplanit Triggers polling on the main process; the executions run on the workers.
 * 3. A bulk Create or Update of HR items (Eduframe users) in two executions started at once, one on each
 *    worker, sharing one API key (`rateLimitProcesses: 2`) under a scaled rate limit.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import type { QueueN8n } from './queue';
import { nodeItems } from './real-n8n';
import { rateUse } from './rates';
import { waitFor } from './wait';

export const QUEUE_WORKFLOWS = {
	eduframeTrigger: 'queueEduTrigger1',
	planadayTrigger: 'queuePlanadayTr1',
	accessplanitTrigger: 'queueAccessTrig1',
	bulkUpsert: 'queueBulkUpsert1',
};
const BULK_PATH = 'queue-hr-bulk-upsert';
const EDUFRAME_TRIGGER = { eduframeApi: { id: 'queueEduframeTrg', name: 'Eduframe (queue, trigger)' } };
const EDUFRAME_BULK = { eduframeApi: { id: 'queueEduframeBlk', name: 'Eduframe (queue, bulk)' } };
const PLANADAY = { planadayApi: { id: 'queuePlanaday001', name: 'Planaday (queue)' } };
const ACCESSPLANIT = { accessplanitApi: { id: 'queueAccessplan1', name: 'accessplanit (queue)' } };

export interface QueueScenarioOptions {
	/** The Eduframe limit the bulk upsert runs under (requests per window; default 500 per 3 s, Eduframe's 5 minutes scaled). */
	bulkLimit?: number;
	bulkWindowSeconds?: number;
	/** "n8n processes sharing this key" on the bulk upsert's credential (default 2: the two workers). */
	rateLimitProcesses?: number;
}

/** Credentials and the four workflows, imported and published (before `n8n.start()`). */
export async function setUpQueueScenarios(n8n: QueueN8n, sandboxes: Sandboxes, options: QueueScenarioOptions = {}): Promise<void> {
	const limit = options.bulkLimit ?? 500;
	const windowSeconds = options.bulkWindowSeconds ?? 3;
	const eduframe = { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl };
	await n8n.importCredentials([
		{ ...EDUFRAME_TRIGGER.eduframeApi, type: 'eduframeApi', data: { ...eduframe, rateLimitRequests: 100_000 } },
		// Two processes (the two workers) share this key: each paces itself at half the limit.
		{ ...EDUFRAME_BULK.eduframeApi, type: 'eduframeApi', data: { ...eduframe, rateLimitRequests: limit, rateLimitWindowSeconds: windowSeconds, rateLimitProcesses: options.rateLimitProcesses ?? 2 } },
		{ ...PLANADAY.planadayApi, type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
		{
			...ACCESSPLANIT.accessplanitApi,
			type: 'accessplanitApi',
			data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD },
		},
	]);
	const toHr = (id: string) => ({ id, name: 'To HR', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} });
	const connect = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });
	const everyMinute = { item: [{ mode: 'everyMinute' }] };
	await n8n.importWorkflows([
		{
			id: QUEUE_WORKFLOWS.eduframeTrigger,
			name: 'Queue mode: Eduframe enrollments → HR',
			nodes: [
				{
					id: 'q1a',
					name: 'Eduframe Trigger',
					type: 'n8n-nodes-training-systems.eduframeTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: '5a1e0c3d-7a51-4c0e-9d7e-000000000001',
					parameters: { events: ['enrollment.updated'], options: { includeFullRecord: true } },
					credentials: EDUFRAME_TRIGGER,
				},
				toHr('q1b'),
			],
			connections: connect('Eduframe Trigger', 'To HR'),
		},
		{
			id: QUEUE_WORKFLOWS.planadayTrigger,
			name: 'Queue mode: Planaday courses → HR',
			nodes: [
				{
					id: 'q2a',
					name: 'Planaday Trigger',
					type: 'n8n-nodes-training-systems.planadayTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: everyMinute, events: ['courseAdded', 'courseChanged', 'courseFull', 'placesOpened', 'courseRemoved'], daysAhead: 60, filters: {} },
					credentials: PLANADAY,
				},
				toHr('q2b'),
			],
			connections: connect('Planaday Trigger', 'To HR'),
		},
		{
			id: QUEUE_WORKFLOWS.accessplanitTrigger,
			name: 'Queue mode: accessplanit users updated → HR',
			nodes: [
				{
					id: 'q3a',
					name: 'accessplanit Trigger',
					type: 'n8n-nodes-training-systems.accessplanitTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: everyMinute, event: 'userUpdated', filters: {} },
					credentials: ACCESSPLANIT,
				},
				toHr('q3b'),
			],
			connections: connect('accessplanit Trigger', 'To HR'),
		},
		{
			id: QUEUE_WORKFLOWS.bulkUpsert,
			name: 'Queue mode: HR employees → Eduframe users',
			nodes: [
				{
					id: 'q4a',
					name: 'HR system',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '5a1e0c3d-7a51-4c0e-9d7e-000000000004',
					parameters: { httpMethod: 'POST', path: BULK_PATH, options: {} },
				},
				{ id: 'q4b', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.employees', options: {} } },
				{
					id: 'q4c',
					name: 'Job',
					type: 'n8n-nodes-training-systems.eduframe',
					typeVersion: 1,
					position: [400, 0],
					parameters: { resource: 'user', operation: 'createOrUpdate', email: '={{ $json.email }}', first_name: '={{ $json.firstName }}', last_name: '={{ $json.lastName }}' },
					credentials: EDUFRAME_BULK,
					onError: 'continueRegularOutput',
				},
			],
			connections: { ...connect('HR system', 'Split'), ...connect('Split', 'Job') },
		},
	]);
	for (const id of Object.values(QUEUE_WORKFLOWS)) await n8n.activate(id);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often each key occurs: missed (expected, never seen), duplicated (seen more than once), invented (seen, never expected). */
function tally(expected: string[], seen: string[]) {
	const counts = new Map<string, number>();
	for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
	return {
		missed: expected.filter((key) => !counts.has(key)).length,
		duplicated: [...counts.values()].filter((count) => count > 1).reduce((sum, count) => sum + count - 1, 0),
		invented: [...counts.keys()].filter((key) => !expected.includes(key)).length,
	};
}

/** Executions per worker (from the workers' logs); `main` when no worker logged it. */
function byWorker(n8n: QueueN8n, ids: Array<number | string>): Record<string, number> {
	const result: Record<string, number> = {};
	for (const id of ids) {
		const name = n8n.workerOf(id) ?? 'main';
		result[name] = (result[name] ?? 0) + 1;
	}
	return result;
}

export interface PollingChanges {
	planaday: string[];
	accessplanit: string[];
	planadayRequestsBefore: number;
}

/**
 * Waits for each polling trigger's first poll on main (its baseline), then changes records on both
 * vendors; `checkPolling` later collects what the triggers reported.
 */
export async function makePollingChanges(sandboxes: Sandboxes, timeoutMs = 120_000): Promise<PollingChanges> {
	const { planaday, accessplanit: ap } = sandboxes;
	await waitFor(
		() => planaday.stats.requests > 0 && ap.recent.some((line) => line.startsWith('GET /accessplan/api/v2/User?')),
		'the first poll of the Planaday and accessplanit Triggers',
		timeoutMs,
	);
	await sleep(1_500);
	const added = planaday.addCourse(new Date(Date.now() + 7 * 86_400_000));
	const [changed, filled] = planaday.courses.slice(20, 22);
	changed.status = 'concept';
	(filled.users as { available: number }).available = 0;
	ap.frozenStamp = ap.stamp();
	const updated = ap.modules.User.slice(100, 110);
	for (const user of updated) ap.update(user, { JobTitle: 'Team Lead (queue mode)' });
	ap.frozenStamp = undefined;
	return {
		planaday: [`courseAdded:${added.id}`, `courseChanged:${changed.id}`, `courseChanged:${filled.id}`, `courseFull:${filled.id}`],
		accessplanit: updated.map((user) => `userUpdated:${String(user.ID)}`),
		planadayRequestsBefore: planaday.stats.requests,
	};
}

/** What the polling triggers put out after `makePollingChanges`, read from the executions in Postgres. */
export async function checkPolling(n8n: QueueN8n, changes: PollingChanges, timeoutMs = 150_000): Promise<IDataObject> {
	const planadayRuns = await n8n.waitForExecutions(QUEUE_WORKFLOWS.planadayTrigger, 1, timeoutMs);
	const accessplanitRuns = await n8n.waitForExecutions(QUEUE_WORKFLOWS.accessplanitTrigger, 1, timeoutMs);
	// One more poll each, so an event reported twice would show.
	await sleep(65_000);
	const planadayAll = await n8n.executions(QUEUE_WORKFLOWS.planadayTrigger, true);
	const accessplanitAll = await n8n.executions(QUEUE_WORKFLOWS.accessplanitTrigger, true);
	const planadaySeen = planadayAll.flatMap((run) => nodeItems(run.data, 'Planaday Trigger')).map((item) => `${String(item.event)}:${String(item.courseId)}`);
	const accessplanitSeen = accessplanitAll.flatMap((run) => nodeItems(run.data, 'accessplanit Trigger')).map((item) => `userUpdated:${String(item.ID)}`);
	const all = [...planadayAll, ...accessplanitAll];
	return {
		planaday: { expected: changes.planaday.length, emitted: planadaySeen.length, ...tally(changes.planaday, planadaySeen), executions: planadayAll.length, firstWithin: planadayRuns.length },
		accessplanit: { expected: changes.accessplanit.length, emitted: accessplanitSeen.length, ...tally(changes.accessplanit, accessplanitSeen), executions: accessplanitAll.length, firstWithin: accessplanitRuns.length },
		failedExecutions: all.filter((run) => run.status !== 'success').length,
		modes: [...new Set(all.map((run) => run.mode))],
		workers: byWorker(n8n, all.map((run) => run.id)),
	};
}

/** A burst of enrollment changes Eduframe delivers to the URL the trigger registered (the webhook process). */
export async function eduframeBurst(n8n: QueueN8n, sandboxes: Sandboxes, events = 100, concurrency = 20): Promise<IDataObject> {
	const edu = sandboxes.eduframe;
	edu.limiter.limit = 100_000;
	edu.limiter.reset();
	const ours = () => edu.webhooks.filter((hook) => hook.url.includes('/webhook/') && hook.events.includes('enrollment.updated'));
	await waitFor(() => ours().length > 0, 'the Eduframe Trigger registered its URL', 60_000);
	const registered = ours().map((hook) => hook.url);
	edu.resetStats();
	const records = edu.tables.enrollments.slice(0, events);
	const started = Date.now();
	const times = await edu.burst('enrollment.updated', records, concurrency);
	const answerMs = Date.now() - started;
	const hookIds = new Set(ours().map((hook) => hook.id));
	const deliveries = edu.notifications.filter((n) => hookIds.has(n.webhook_id)).slice(-events);
	let rows = await n8n.executions(QUEUE_WORKFLOWS.eduframeTrigger);
	for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
		rows = await n8n.executions(QUEUE_WORKFLOWS.eduframeTrigger);
		if (rows.filter((row) => row.status !== 'running' && row.status !== 'new').length >= events) break;
		await sleep(1_000);
	}
	await sleep(1_500); // anything more (a duplicate) would show now
	rows = await n8n.executions(QUEUE_WORKFLOWS.eduframeTrigger, true);
	const lastDone = Date.now() - started;
	const seen = rows.flatMap((row) => nodeItems(row.data, 'Eduframe Trigger')).map((item) => String((item.event_data as IDataObject | undefined)?.id));
	const withRecord = rows.flatMap((row) => nodeItems(row.data, 'Eduframe Trigger')).filter((item) => item.record && typeof item.record === 'object').length;
	return {
		events,
		concurrency,
		registered,
		deliveriesFailed: deliveries.filter((n) => !['success', 'succeeded'].includes(String(n.status))).length,
		executions: rows.length,
		failedExecutions: rows.filter((row) => row.status !== 'success').length,
		...tally(records.map((record) => String(record.id)), seen),
		withFullRecord: withRecord,
		modes: [...new Set(rows.map((row) => row.mode))],
		workers: byWorker(n8n, rows.map((row) => row.id)),
		answerP50: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)],
		answerMax: Math.max(...times),
		burstSeconds: (answerMs / 1000).toFixed(1),
		allDoneSeconds: (lastDone / 1000).toFixed(1),
		rateLimited: edu.stats.rateLimited,
	};
}

/**
 * `items` HR employees (half already in Eduframe, half new) posted by the HR system in two halves at
 * once: two executions, one per worker, both creating or updating users through one API key.
 */
export async function bulkUpsertOnWorkers(n8n: QueueN8n, sandboxes: Sandboxes, items = 1_000, options: QueueScenarioOptions = {}): Promise<IDataObject> {
	const edu = sandboxes.eduframe;
	const limit = options.bulkLimit ?? 500;
	const windowSeconds = options.bulkWindowSeconds ?? 3;
	const existingCount = Math.floor(items / 2);
	if (edu.tables.users.length < existingCount) throw new Error(`Seed at least ${existingCount} Eduframe users`);
	const existing = edu.tables.users.slice(0, existingCount).map((user) => ({ email: String(user.email), firstName: String(user.first_name), lastName: `${String(user.last_name)} (HR)` }));
	const fresh = Array.from({ length: items - existingCount }, (_, index) => ({ email: `queue.bulk.${index}@acme.example`, firstName: 'Queue', lastName: `Employee ${index}` }));
	// Each half: a quarter existing, a quarter new.
	const halves = [0, 1].map((half) => [
		...existing.filter((_, index) => index % 2 === half),
		...fresh.filter((_, index) => index % 2 === half),
	]);
	edu.limiter.limit = limit;
	edu.limiter.windowMs = windowSeconds * 1000;
	edu.limiter.reset();
	edu.resetStats();
	await n8n.waitForWebhook(BULK_PATH);
	const before = (await n8n.executions(QUEUE_WORKFLOWS.bulkUpsert)).length;
	const answers = await Promise.all(
		halves.map((employees) =>
			fetch(`${n8n.webhookUrl}/webhook/${BULK_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ employees }) }).then((response) => response.status),
		),
	);
	const rows = (await n8n.waitForExecutions(QUEUE_WORKFLOWS.bulkUpsert, before + 2, 600_000)).slice(before);
	const timing = await n8n.sql(
		`select extract(epoch from min("startedAt")) * 1000 as first_start, extract(epoch from max("stoppedAt")) * 1000 as last_stop, array_agg(extract(epoch from "startedAt") * 1000 order by id) as starts, array_agg(extract(epoch from "stoppedAt") * 1000 order by id) as stops from execution_entity where id = any($1::int[])`,
		[rows.map((row) => row.id)],
	);
	const seconds = (Number(timing[0].last_stop) - Number(timing[0].first_start)) / 1000;
	const [starts, stops] = [timing[0].starts as number[], timing[0].stops as number[]].map((list) => list.map(Number));
	const overlapSeconds = Math.max(0, (Math.min(...stops) - Math.max(...starts)) / 1000);
	const outputs = rows.map((row) => nodeItems(row.data, 'Job'));
	const out = outputs.flat();
	const emails = new Set([...existing, ...fresh].map((person) => person.email.toLowerCase()));
	const inEduframe = edu.tables.users.filter((user) => emails.has(String(user.email).toLowerCase()));
	const requests = edu.stats.requests;
	return {
		items,
		answers,
		executions: rows.length,
		itemsPerExecution: outputs.map((output) => output.length),
		statuses: rows.map((row) => row.status),
		modes: [...new Set(rows.map((row) => row.mode))],
		workers: rows.map((row) => n8n.workerOf(row.id) ?? 'main'),
		overlapSeconds: overlapSeconds.toFixed(1),
		created: out.filter((item) => item.outcome === 'created').length,
		updated: out.filter((item) => item.outcome === 'updated').length,
		failed: out.filter((item) => item.error).length + (items - out.length),
		usersInEduframe: inEduframe.length,
		namesApplied: existing.filter((person) => inEduframe.some((user) => user.email === person.email && user.last_name === person.lastName)).length,
		requests,
		rateLimited: edu.stats.rateLimited,
		...rateUse(requests, seconds, limit, windowSeconds),
	};
}
