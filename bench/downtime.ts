/**
 * `eduframe-downtime`: the Eduframe Trigger active in `n8n start` while 500 changes are made in
 * Eduframe; n8n is stopped for a stretch in the middle, so the deliveries of that stretch fail and
 * Eduframe gives up on them (its retries shortened to a few seconds), then n8n starts again. Counts
 * the changes that never ran the workflow and those that ran it twice (goal 0 / 0), and the time
 * from n8n being ready again until the last missed change has run (the backlog).
 *
 * Options: --downtime-events=500, --downtime-seconds=20 (how long n8n stays stopped),
 * --downtime-rate=8 (changes per second; changes go on while n8n stops and starts).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandboxes } from '../sandbox';
import { EDUFRAME_SANDBOX_KEY } from '../sandbox/eduframe/server';
import { nodeItems, type RealN8n } from '../test/harness/real-n8n';
import { eduframeReplayWorkflow } from '../test/harness/workflows';

const WORKFLOW = 'benchDowntime001';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eduframeDowntime(n8n: RealN8n, sandboxes: Sandboxes, argument: (name: string, fallback: string) => string): Promise<IDataObject> {
	const total = Number(argument('downtime-events', '500'));
	const downMs = Number(argument('downtime-seconds', '20')) * 1000;
	const perSecond = Number(argument('downtime-rate', '8'));
	const eduframe = sandboxes.eduframe;
	eduframe.seed(Math.max(total, 300));
	eduframe.limiter.limit = 100_000;
	// Eduframe's retries (1 min, 5 min, 30 min, 2 h in the sandbox's default) shortened to 1 s, 2 s, 4 s.
	eduframe.webhookRetryDelaysMs = [1_000, 2_000, 4_000];
	await n8n.importCredentials([
		{ id: 'benchEduframe', name: 'Eduframe (bench)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: eduframe.baseUrl, rateLimitRequests: 100_000 } },
	]);
	await n8n.importWorkflows([eduframeReplayWorkflow(WORKFLOW, 'Bench Eduframe downtime', '0b7c1d52-down-4f0e-9d7e-000000000002', { id: 'benchEduframe', name: 'Eduframe (bench)' })]);
	await n8n.activate(WORKFLOW);
	await n8n.start();
	const port = n8n.port;
	for (const deadline = Date.now() + 60_000; !eduframe.webhooks.some((hook) => hook.url.startsWith(n8n.baseUrl)); ) {
		if (Date.now() > deadline) throw new Error('The trigger did not register');
		await sleep(200);
	}

	// One change per user, so each event names its own record.
	const users = eduframe.tables.users.slice(0, total);
	const stopAt = Math.floor(total * 0.4);
	let stoppedAt = 0;
	let readyAgainAt = 0;
	let starting: Promise<void> | undefined;
	const changedWhileDown = new Set<number>();
	const startAgain = () =>
		(starting = n8n.start(180_000, port).then(() => {
			readyAgainAt = Date.now();
		}));
	for (const [index, user] of users.entries()) {
		if (index === stopAt) {
			await n8n.stop();
			stoppedAt = Date.now();
		}
		// n8n starts while changes go on (those made while it starts fail, or reach it on a retry).
		if (stoppedAt && !starting && Date.now() - stoppedAt >= downMs) void startAgain();
		if (stoppedAt && !readyAgainAt) changedWhileDown.add(Number(user.id));
		user.first_name = `Changed ${index}`;
		user.updated_at = new Date(Date.now()).toISOString();
		eduframe.emit('user.updated', user);
		await sleep(1000 / perSecond);
	}
	if (!starting) {
		await sleep(Math.max(0, downMs - (Date.now() - stoppedAt)));
		void startAgain();
	}
	await starting;
	await eduframe.settled();
	const hookId = eduframe.webhooks.find((hook) => hook.url.startsWith(n8n.baseUrl))?.id;
	const notifications = eduframe.notifications.filter((n) => n.webhook_id === hookId);
	const failedDeliveries = notifications.filter((n) => n.status === 'failed').length;

	// Wait for every change to have run (catch-up on start, then every minute), at most 5 minutes.
	const wanted = new Set(users.map((user) => Number(user.id)));
	let seen: number[] = [];
	let backlogDoneAt = 0;
	for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
		const rows = await n8n.executions(WORKFLOW, true);
		const items = rows.flatMap((row) => nodeItems(row.data, 'Eduframe Trigger'));
		seen = items.map((item) => Number((item.event_data as IDataObject | undefined)?.id));
		if ([...wanted].every((id) => seen.includes(id))) {
			backlogDoneAt = Date.now();
			break;
		}
		await sleep(1_000);
	}
	// Anything more (a duplicate) would show now.
	await sleep(5_000);
	const rows = await n8n.executions(WORKFLOW, true);
	const items = rows.flatMap((row) => nodeItems(row.data, 'Eduframe Trigger'));
	seen = items.map((item) => Number((item.event_data as IDataObject | undefined)?.id));
	const counts = new Map<number, number>();
	for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
	await n8n.stop();
	await n8n.deactivate(WORKFLOW);
	return {
		events: total,
		downSeconds: Math.round((readyAgainAt - stoppedAt) / 1000),
		changedWhileDown: changedWhileDown.size,
		failedDeliveries,
		replayed: items.filter((item) => item.replayed === true).length,
		executions: rows.length,
		failedExecutions: rows.filter((row) => row.status !== 'success').length,
		missed: [...wanted].filter((id) => !counts.has(id)).length,
		runTwice: [...counts.values()].filter((count) => count > 1).length,
		backlogSeconds: backlogDoneAt ? ((backlogDoneAt - readyAgainAt) / 1000).toFixed(1) : 'not through in 5 min',
	};
}

export function printDowntime(result: IDataObject, version: string): void {
	process.stdout.write(
		`\nEduframe Trigger downtime soak in n8n start (${version}): ${result.events} changes, n8n stopped and starting again for ${result.downSeconds} s in the middle (${result.changedWhileDown} changes made meanwhile; Eduframe's retries 1 s, 2 s, 4 s, then failed):\n`,
	);
	process.stdout.write(
		`  deliveries Eduframe gave up on ${result.failedDeliveries}; executions ${result.executions} (failed ${result.failedExecutions}, replayed ${result.replayed}); missed ${result.missed}, run twice ${result.runTwice}; backlog through ${typeof result.backlogSeconds === 'string' && /^[\d.]+$/.test(result.backlogSeconds) ? `${result.backlogSeconds} s after n8n was ready again` : String(result.backlogSeconds)}\n`,
	);
}
