/*
 * The bench's `queue-mode` job: n8n in queue mode (test/harness/queue.ts: Postgres, Redis, a main
 * process, two workers, a webhook process) running the three scenarios of the queue-mode e2e test
 * (test/harness/queue-scenarios.ts), larger, and printing per scenario: events missed / duplicated,
 * failed items or executions, requests answered 429, and throughput as a share of the allowed rate.
 *
 * Options: --queue-events=200 (Eduframe burst), --queue-burst-concurrency=20, --queue-items=1000
 * (bulk upsert), --queue-limit=150 and --queue-window=3 (the Eduframe limit the bulk upsert runs under:
 * tighter than one execution's pace, so the two workers must share it), --queue-processes=2 (the
 * credential's "n8n processes sharing this key"; 1 shows what happens without it), --queue-worker-concurrency=1
 * (jobs per worker at once), --latency (the bench's).
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxes } from '../sandbox';
import { QueueN8n } from '../test/harness/queue';
import { bulkUpsertOnWorkers, checkPolling, eduframeBurst, makePollingChanges, setUpQueueScenarios } from '../test/harness/queue-scenarios';

export async function queueModeBench(argument: (name: string, fallback: string) => string, version: string, latencyMs: number): Promise<IDataObject> {
	const events = Number(argument('queue-events', '200'));
	const burstConcurrency = Number(argument('queue-burst-concurrency', '20'));
	const items = Number(argument('queue-items', '1000'));
	const workerConcurrency = Number(argument('queue-worker-concurrency', '1'));
	const limits = { bulkLimit: Number(argument('queue-limit', '150')), bulkWindowSeconds: Number(argument('queue-window', '3')), rateLimitProcesses: Number(argument('queue-processes', '2')) };
	const sandboxes = await startSandboxes({ eduframe: { users: Math.max(600, items), latencyMs }, planaday: { courses: 120, latencyMs }, accessplanit: { latencyMs } });
	let n8n: QueueN8n | undefined;
	try {
		const setupStarted = Date.now();
		n8n = await QueueN8n.createQueue(version, { workers: 2, workerConcurrency });
		await setUpQueueScenarios(n8n, sandboxes, limits);
		await n8n.start();
		const startupSeconds = ((Date.now() - setupStarted) / 1000).toFixed(1);
		const changes = await makePollingChanges(sandboxes);
		const burst = await eduframeBurst(n8n, sandboxes, events, burstConcurrency);
		const bulk = await bulkUpsertOnWorkers(n8n, sandboxes, items, limits);
		const polling = await checkPolling(n8n, changes);
		const result = { version, latencyMs, workerConcurrency, startupSeconds, burst, bulk: { ...bulk, rateLimitProcesses: limits.rateLimitProcesses }, polling };
		print(result);
		return result;
	} finally {
		await n8n?.shutdown();
		await sandboxes.stop();
	}
}

function print(result: { version: string; latencyMs: number; workerConcurrency: number; startupSeconds: string; burst: IDataObject; bulk: IDataObject; polling: IDataObject }) {
	const { burst, bulk, polling } = result;
	const p = polling.planaday as IDataObject;
	const a = polling.accessplanit as IDataObject;
	const w = (workers: unknown) => JSON.stringify(workers);
	process.stdout.write(`
Queue mode (n8n ${result.version}: Postgres, Redis, main + 2 workers (${result.workerConcurrency} job(s) each at once) + webhook process; set-up ${result.startupSeconds} s; sandbox latency ${result.latencyMs} ms):
  Eduframe Trigger burst through the webhook process: ${burst.events} events, ${burst.concurrency} at a time
    executions ${burst.executions} (failed ${burst.failedExecutions}); missed ${burst.missed}, duplicated ${burst.duplicated}; deliveries failed ${burst.deliveriesFailed}; requests answered 429 ${burst.rateLimited}
    answer time p50 ${burst.answerP50} ms, max ${burst.answerMax} ms; all executions done ${burst.allDoneSeconds} s after the first event; per worker ${w(burst.workers)}
  Planaday and accessplanit Triggers polling on main (executions on the workers):
    Planaday: expected ${p.expected}, put out ${p.emitted}; missed ${p.missed}, duplicated ${p.duplicated}, invented ${p.invented}
    accessplanit: expected ${a.expected}, put out ${a.emitted}; missed ${a.missed}, duplicated ${a.duplicated}, invented ${a.invented}
    failed executions ${polling.failedExecutions}; per worker ${w(polling.workers)}
  Bulk Create or Update: ${bulk.items} HR items in two executions at once (${w(bulk.itemsPerExecution)}) on ${w(bulk.workers)}, one key, rateLimitProcesses ${bulk.rateLimitProcesses}
    failed items ${bulk.failed} (created ${bulk.created}, updated ${bulk.updated}); requests ${bulk.requests}, answered 429 ${bulk.rateLimited}
    ${bulk.seconds} s (executions overlapping ${bulk.overlapSeconds} s): ${bulk.rate} requests/s of the ${bulk.allowedRate} allowed (${bulk.limit} per ${bulk.windowSeconds} s) = ${bulk.share} of the allowed rate
`);
}
