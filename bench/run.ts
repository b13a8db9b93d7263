/*
 * `npm run bench`: measures jobs done by this package's nodes in a real n8n against the
 * sandboxes, beside the same job done in the same run by n8n's HTTP Request node (configured
 * with its own pagination options, as a user would), and the lower bound on requests.
 *
 * Options: --latency=20 (ms the sandbox adds per request), --repeat=3 (runs per job; the median
 * time is shown), --n8n=2.40.7, --jobs=eduframe-users (comma-separated).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../sandbox';
import { EDUFRAME_SANDBOX_KEY } from '../sandbox/eduframe/server';
import { RealN8n } from '../test/harness/real-n8n';

function argument(name: string, fallback: string): string {
	const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return found ? found.slice(name.length + 3) : fallback;
}

const latencyMs = Number(argument('latency', '20'));
const repeat = Math.max(1, Number(argument('repeat', '3')));
const version = argument('n8n', '2.40.7');

interface Job {
	id: string;
	title: string;
	records: number;
	maxPageSize: number;
	/** Prepares the sandbox for the job (seeding) and returns the vendor's request counter. */
	prepare(sandboxes: Sandboxes): void;
	sandbox(sandboxes: Sandboxes): { resetStats(): void; stats: { requests: number } };
	ours: INode;
	http: INode;
	credentials: Array<{ id: string; name: string; type: string; data: IDataObject }>;
}

const trigger: INode = { id: 'b0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function jobs(sandboxes: Sandboxes): Job[] {
	const eduframeCredential = { eduframeApi: { id: 'benchEduframe', name: 'Eduframe (bench)' } };
	return [
		{
			id: 'eduframe-users',
			title: 'Eduframe: list 10,000 users',
			records: 10_000,
			maxPageSize: 100,
			prepare: (s) => s.eduframe.seed(10_000),
			sandbox: (s) => s.eduframe,
			credentials: [{ id: 'benchEduframe', name: 'Eduframe (bench)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } }],
			ours: {
				id: 'b1',
				name: 'Job',
				type: 'n8n-nodes-training-systems.eduframe',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'user', operation: 'getAll', returnAll: true },
				credentials: eduframeCredential,
			},
			http: {
				id: 'b2',
				name: 'Job',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					url: `${sandboxes.eduframe.baseUrl}/users`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'eduframeApi',
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'per_page', value: '100' }] },
					options: {
						pagination: {
							pagination: {
								paginationMode: 'responseContainsNextURL',
								nextURL: '={{ ($response.headers.link || "").match(/<([^>]+)>;\\s*rel="next"/)?.[1] }}',
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !/rel="next"/.test($response.headers.link || "") }}',
								limitPagesFetched: false,
							},
						},
					},
				},
				credentials: eduframeCredential,
			},
		},
	];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const sandboxes = await startSandboxes({ eduframe: { users: 10, latencyMs } });
	const n8n = await RealN8n.create(version);
	const selected = argument('jobs', '').split(',').filter(Boolean);
	const all = jobs(sandboxes).filter((job) => !selected.length || selected.includes(job.id));
	const rows: IDataObject[] = [];
	try {
		for (const job of all) {
			job.prepare(sandboxes);
			await n8n.importCredentials(job.credentials);
			const workflows = (['ours', 'http'] as const).map((kind) => ({
				id: `bench${job.id.replace(/[^a-z]/gi, '').slice(0, 8)}${kind}`.slice(0, 16),
				name: `Bench ${job.id} (${kind})`,
				nodes: [trigger, job[kind]],
				connections: { Start: { main: [[{ node: 'Job', type: 'main', index: 0 }]] } },
			}));
			await n8n.importWorkflows(workflows);
			const measured: Record<string, { requests: number[]; ms: number[]; records: number[]; error?: string }> = {};
			for (const [index, kind] of (['ours', 'http'] as const).entries()) {
				measured[kind] = { requests: [], ms: [], records: [] };
				for (let round = 0; round < repeat; round++) {
					const vendor = job.sandbox(sandboxes);
					vendor.resetStats();
					// Each job starts with a fresh rate-limit window, as a job run on its own would.
					for (const sandbox of [sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit]) sandbox.limiter.reset();
					const run = await n8n.execute(workflows[index].id);
					const task = run.data.resultData.runData.Job?.[0];
					if (!task || task.error) {
						measured[kind].error = task?.error?.message ?? run.data.resultData.error?.message ?? 'did not run';
						break;
					}
					measured[kind].requests.push(vendor.stats.requests);
					measured[kind].ms.push(task.executionTime);
					measured[kind].records.push(task.data?.main?.[0]?.length ?? 0);
				}
			}
			rows.push({
				job: job.title,
				records: median(measured.ours.records),
				requests: median(measured.ours.requests),
				ms: median(measured.ours.ms),
				httpRecords: measured.http.error ? measured.http.error : median(measured.http.records),
				httpRequests: measured.http.error ? '-' : median(measured.http.requests),
				httpMs: measured.http.error ? '-' : median(measured.http.ms),
				lowerBound: Math.ceil(job.records / job.maxPageSize),
			});
		}
	} finally {
		await sandboxes.stop();
		n8n.cleanup();
	}

	const header = ['Job', 'Records', 'Requests', 'Time (ms)', 'HTTP Request node: records', 'requests', 'time (ms)', 'Lower bound (requests)'];
	const table = [header, ...rows.map((row) => [row.job, row.records, row.requests, row.ms, row.httpRecords, row.httpRequests, row.httpMs, row.lowerBound].map(String))];
	const widths = header.map((_, column) => Math.max(...table.map((line) => line[column].length)));
	process.stdout.write(`\nn8n ${version}, sandbox latency ${latencyMs} ms per request, median of ${repeat} runs (node execution time)\n\n`);
	for (const [index, line] of table.entries()) {
		process.stdout.write(`| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |\n`);
		if (index === 0) process.stdout.write(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
	}
	const out = path.resolve(__dirname, '..', '.test-results');
	fs.mkdirSync(out, { recursive: true });
	fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify({ version, latencyMs, repeat, rows }, null, 2));
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
