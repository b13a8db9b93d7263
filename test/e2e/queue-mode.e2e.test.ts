/**
 * n8n 2.40.7 in queue mode, for real (test/harness/queue.ts): Postgres, Redis, a main process, two
 * workers and a webhook process, this package installed in each. The three scenarios are in
 * test/harness/queue-scenarios.ts (the bench's `queue-mode` job runs the same ones, larger).
 */
import { startSandboxes, type Sandboxes } from '../../sandbox';
import { QueueN8n } from '../harness/queue';
import { bulkUpsertOnWorkers, checkPolling, eduframeBurst, makePollingChanges, type PollingChanges, setUpQueueScenarios } from '../harness/queue-scenarios';

describe('queue mode: n8n 2.40.7 with Postgres, Redis, a main process, two workers and a webhook process', () => {
	let n8n: QueueN8n | undefined;
	let sandboxes: Sandboxes;
	let polling: PollingChanges;
	// The Eduframe limit of the bulk upsert, tighter than one execution's own pace: the two workers share it.
	const limits = { bulkLimit: 300, bulkWindowSeconds: 3 };

	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 600 }, planaday: { courses: 120 } });
		// One job at a time per worker: two executions started at once run on the two workers.
		n8n = await QueueN8n.createQueue('2.40.7', { workers: 2, workerConcurrency: 1 });
		await setUpQueueScenarios(n8n, sandboxes, limits);
		await n8n.start();
		// The polling triggers' changes are made now and checked last: their next poll comes while the other scenarios run.
		polling = await makePollingChanges(sandboxes);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.shutdown();
		await sandboxes?.stop();
	}, 120_000);

	test('every process is up: main, two workers and the webhook process share one Postgres and one Redis', () => {
		const queue = n8n!;
		expect(queue.workers.map((worker) => /n8n worker is now ready/.test(worker.log))).toEqual([true, true]);
		expect(queue.webhook.log).toMatch(/Webhook listener waiting for requests/);
		expect(queue.serverLog).toMatch(/Editor is now accessible/);
	});

	test('Eduframe Trigger: a burst through the webhook process, every event once, run on the workers', async () => {
		const result = await eduframeBurst(n8n!, sandboxes, 100, 20);
		// Eduframe registered the webhook process's URL, not main's.
		expect((result.registered as string[]).every((url) => url.startsWith(`${n8n!.webhookUrl}/webhook/`))).toBe(true);
		expect(result).toMatchObject({ deliveriesFailed: 0, executions: 100, failedExecutions: 0, missed: 0, duplicated: 0, invented: 0, withFullRecord: 100, modes: ['webhook'] });
		const workers = result.workers as Record<string, number>;
		expect(Object.keys(workers).sort()).toEqual(['worker-1', 'worker-2']);
	}, 300_000);

	test('bulk Create or Update: 1,000 HR items in two executions at once, one on each worker, every item done', async () => {
		const result = await bulkUpsertOnWorkers(n8n!, sandboxes, 1_000, limits);
		process.stdout.write(`queue-mode bulk upsert: ${JSON.stringify(result)}\n`);
		expect(result).toMatchObject({ answers: [200, 200], executions: 2, itemsPerExecution: [500, 500], statuses: ['success', 'success'], modes: ['webhook'], failed: 0, created: 500, updated: 500, usersInEduframe: 1_000, namesApplied: 500 });
		expect([...(result.workers as string[])].sort()).toEqual(['worker-1', 'worker-2']);
		expect(Number(result.overlapSeconds)).toBeGreaterThan(0);
	}, 600_000);

	test('Planaday and accessplanit Triggers poll on main; their events run on the workers, each once', async () => {
		const result = await checkPolling(n8n!, polling);
		expect(result.planaday).toMatchObject({ expected: 4, emitted: 4, missed: 0, duplicated: 0, invented: 0 });
		expect(result.accessplanit).toMatchObject({ expected: 10, emitted: 10, missed: 0, duplicated: 0, invented: 0 });
		expect(result.failedExecutions).toBe(0);
		expect(result.modes).toEqual(['trigger']);
		expect(Object.keys(result.workers as Record<string, number>).every((name) => name.startsWith('worker-'))).toBe(true);
		// Only main polls: the workers and the webhook process never activate triggers.
		for (const proc of [...n8n!.workers, n8n!.webhook]) expect(proc.log).not.toMatch(/Activated workflow|Start Active Workflows/i);
	}, 300_000);
});
