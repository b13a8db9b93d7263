/*
 * `npm run bench`: measures jobs done by this package's nodes in a real n8n against the
 * sandboxes, beside the same job done in the same run by n8n's HTTP Request node (configured
 * with its own pagination options, as a user would), and the lower bound on requests.
 *
 * Options: --latencies=20,150 (ms the sandbox adds per request; every list job runs at each, the
 * other jobs at the first; --latency=20 runs one), --repeat=3 (runs per job; the median time is
 * shown), --n8n=2.40.7, --jobs=eduframe-users (comma-separated).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../sandbox';
import { EDUFRAME_SANDBOX_KEY } from '../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../sandbox/planaday/server';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../sandbox/accessplanit/server';
import { AccessplanitChangeDriver, runAccessplanitSoak, SOAK_EVENTS } from '../test/harness/accessplanit-soak';
import { runPlanadaySoak } from '../test/harness/planaday-soak';
import { nodeItems, RealN8n } from '../test/harness/real-n8n';
import { sharedLimit } from './shared-limit';
import { queueModeBench } from './queue';
import { hrSyncBench, printHrSync } from './hr-sync';
import { eduframeDowntime, printDowntime } from './downtime';
import { twiceRunSoaks } from './twice-run';
import { rateUse } from '../test/harness/rates';
import { PAGES_SIDE_BY_SIDE } from '../nodes/shared/transport/paginate';

function argument(name: string, fallback: string): string {
	const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return found ? found.slice(name.length + 3) : fallback;
}

/** The sandbox latencies the list jobs run at (`--latency=20` for one); the other jobs run at the first. */
const latencies = argument('latency', '') ? [Number(argument('latency', ''))] : argument('latencies', '20,150').split(',').map(Number);
const latencyMs = latencies[0];
const repeat = Math.max(1, Number(argument('repeat', '3')));
const version = argument('n8n', '2.40.7');

interface Job {
	id: string;
	title: string;
	records: number;
	maxPageSize: number;
	/**
	 * Pages this package's node reads at once after the first: PAGES_SIDE_BY_SIDE where the vendor pages
	 * by offset and says how many records match (Planaday, accessplanit), 1 where each page needs the
	 * previous page's next link (Eduframe). The lower bound in time is the first page's round trip plus
	 * the other pages' ÷ concurrency; the table also shows the most requests the sandbox saw open at once.
	 */
	concurrency: number;
	/** Prepares the sandbox for the job (seeding) and returns the vendor's request counter. */
	prepare(sandboxes: Sandboxes): void;
	sandbox(sandboxes: Sandboxes): { resetStats(): void; stats: { requests: number; mostAtOnce: number } };
	ours: INode;
	http: INode;
	/** Records in a node's output, when they are not one item each. */
	countRecords?: (items: IDataObject[]) => number;
	credentials: Array<{ id: string; name: string; type: string; data: IDataObject }>;
}

const trigger: INode = { id: 'b0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

/** n8n's HTTP Request node listing a vendor path with its own pagination options, as a user would set it up. */
function httpList(
	url: string,
	credentialType: string,
	credentials: INode['credentials'],
	query: Array<{ name: string; value: string }>,
	pagination: IDataObject,
	extra: IDataObject = {},
): INode {
	return {
		id: 'b2',
		name: 'Job',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [240, 0],
		parameters: {
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credentialType,
			sendQuery: true,
			queryParameters: { parameters: query },
			...extra,
			options: { pagination: { pagination: { ...pagination, limitPagesFetched: false } } },
		},
		credentials,
	};
}

/** Eduframe: `per_page=100` and the `Link` header's next URL. */
function eduframeHttpList(url: string, query: Array<{ name: string; value: string }>, credentials: INode['credentials']): INode {
	return httpList(url, 'eduframeApi', credentials, [{ name: 'per_page', value: '100' }, ...query], {
		paginationMode: 'responseContainsNextURL',
		nextURL: '={{ ($response.headers.link || "").match(/<([^>]+)>;\\s*rel="next"/)?.[1] }}',
		paginationCompleteWhen: 'other',
		completeExpression: '={{ !/rel="next"/.test($response.headers.link || "") }}',
	});
}

/** The credentials the bench imports, and how its nodes name them. */
const EDUFRAME_REF = { eduframeApi: { id: 'benchEduframe', name: 'Eduframe (bench)' } };
const PLANADAY_REF = { planadayApi: { id: 'benchPlanaday', name: 'Planaday (bench)' } };
const ACCESSPLANIT_REF = { accessplanitApi: { id: 'benchAccessplan', name: 'accessplanit (bench)' } };
function accessplanitBenchCredential(sandboxes: Sandboxes) {
	return {
		id: 'benchAccessplan',
		name: 'accessplanit (bench)',
		type: 'accessplanitApi',
		data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD },
	};
}
function eduframeBenchCredential(sandboxes: Sandboxes, extra: IDataObject = {}) {
	return { id: 'benchEduframe', name: 'Eduframe (bench)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl, ...extra } };
}
function planadayBenchCredential(sandboxes: Sandboxes) {
	return { id: 'benchPlanaday', name: 'Planaday (bench)', type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } };
}

/** One of this package's nodes as the job's node. */
function ourNode(node: 'eduframe' | 'planaday' | 'accessplanit', parameters: INode['parameters'], extra: Partial<INode> = {}): INode {
	return {
		id: 'b1',
		name: 'Job',
		type: `n8n-nodes-training-systems.${node}`,
		typeVersion: 1,
		position: [240, 0],
		parameters,
		credentials: { eduframe: EDUFRAME_REF, planaday: PLANADAY_REF, accessplanit: ACCESSPLANIT_REF }[node],
		...extra,
	};
}

/** A workflow that hands `items` to `node` (the job, named "Job") one input item each; failed items stay in the output. */
function itemsWorkflow(id: string, name: string, items: unknown[], node: INode) {
	return {
		id,
		name,
		nodes: [
			trigger,
			{ id: 'i1', name: 'Employees', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} } },
			{ id: 'i2', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'items', options: {} } },
			{ ...node, position: [600, 0], onError: 'continueRegularOutput' },
		] as INode[],
		connections: {
			Start: { main: [[{ node: 'Employees', type: 'main', index: 0 }]] },
			Employees: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Job', type: 'main', index: 0 }]] },
		},
	};
}

/** accessplanit User → Create or Update on External ID, from items with id, first, last and email. */
const accessplanitUpsertNode = () =>
	ourNode('accessplanit', { resource: 'user', operation: 'createOrUpdate', ExternalID: '={{ $json.id }}', Forenames: '={{ $json.first }}', Surname: '={{ $json.last }}', Email: '={{ $json.email }}' });

/** Planaday Booking → Book, one booking per item with first, last and email, on `course` (an ID or an expression). */
const planadayBookNode = (course: string) =>
	ourNode('planaday', { resource: 'booking', operation: 'book', courseId: { __rl: true, mode: 'id', value: course }, studentsSource: 'items', grouping: 'perItem', first_name: '={{ $json.first }}', last_name: '={{ $json.last }}', email: '={{ $json.email }}' });

/** A Planaday day (YYYYMMDD, or YYYY-MM-DD with a separator) counted from the sandbox's today. */
function planadayDayOf(sandboxes: Sandboxes, days: number, separator = ''): string {
	return sandboxes.planaday.today(days).replace(/^(\d{4})(\d{2})(\d{2})$/, `$1${separator}$2${separator}$3`);
}

function eduframeUsersJob(sandboxes: Sandboxes, records: number, extra: IDataObject = {}): Job {
	return {
		id: 'eduframe-users',
		title: `Eduframe: list ${records.toLocaleString('en')} users`,
		records,
		maxPageSize: 100,
		concurrency: 1,
		prepare: (s) => s.eduframe.seed(records),
		sandbox: (s) => s.eduframe,
		credentials: [eduframeBenchCredential(sandboxes, extra)],
		ours: ourNode('eduframe', { resource: 'user', operation: 'getAll', returnAll: true }),
		http: eduframeHttpList(`${sandboxes.eduframe.baseUrl}/users`, [], EDUFRAME_REF),
	};
}

function planadayCoursesJob(sandboxes: Sandboxes, records: number): Job {
	// The sandbox starts four courses a day from its today: the range holds them all.
	const lastDay = Math.max(5 * 366, Math.ceil(records / 4) + 2);
	return {
		id: 'planaday-courses',
		title: `Planaday: list ${records.toLocaleString('en')} courses in a date range`,
		records,
		maxPageSize: 100,
		concurrency: PAGES_SIDE_BY_SIDE,
		prepare: (s) => s.planaday.seed(records),
		sandbox: (s) => s.planaday,
		credentials: [planadayBenchCredential(sandboxes)],
		// The range is given as Planaday's days (Amsterdam), from the day before the sandbox's first course, so
		// neither n8n's own time zone ($today) nor a midnight during the run changes what is listed.
		ours: ourNode('planaday', { resource: 'course', operation: 'getAll', start: planadayDayOf(sandboxes, -1, '-'), end: planadayDayOf(sandboxes, lastDay, '-'), returnAll: true }),
		http: httpList(
			`${sandboxes.planaday.baseUrl}/course/list`,
			'planadayApi',
			PLANADAY_REF,
			[
				{ name: 'start', value: planadayDayOf(sandboxes, -1) },
				{ name: 'end', value: planadayDayOf(sandboxes, lastDay) },
				{ name: 'limit', value: '100' },
			],
			{ paginationMode: 'responseContainsNextURL', nextURL: '={{ $response.body.links.next }}', paginationCompleteWhen: 'other', completeExpression: '={{ !$response.body.links.next }}' },
			{ sendHeaders: true, headerParameters: { parameters: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Accept', value: 'application/json' }] } },
		),
		// The HR node's output is one item per page (the body holds `data`): count the records in them.
		countRecords: (items: IDataObject[]) => items.reduce((sum, item) => sum + (Array.isArray(item.data) ? item.data.length : 1), 0),
	};
}

function accessplanitUsersJob(sandboxes: Sandboxes, records: number): Job {
	return {
		id: 'accessplanit-users',
		title: `accessplanit: list ${records.toLocaleString('en')} users`,
		records,
		maxPageSize: 500,
		concurrency: PAGES_SIDE_BY_SIDE,
		prepare: (s) => s.accessplanit.seed(records),
		sandbox: (s) => s.accessplanit,
		credentials: [accessplanitBenchCredential(sandboxes)],
		ours: ourNode('accessplanit', { resource: 'user', operation: 'getAll', returnAll: true }),
		http: httpList(
			`${sandboxes.accessplanit.baseUrl}/api/v2/User`,
			'accessplanitApi',
			ACCESSPLANIT_REF,
			[{ name: '$top', value: '500' }],
			{
				parameters: { parameters: [{ type: 'qs', name: '$skip', value: '={{ $pageCount * 500 }}' }] },
				paginationCompleteWhen: 'other',
				completeExpression: '={{ $response.body.results.length < 500 }}',
			},
		),
		// The HTTP Request node puts out one item per page (the body holds `results`).
		countRecords: (items: IDataObject[]) => items.reduce((sum, item) => sum + (Array.isArray(item.results) ? item.results.length : 1), 0),
	};
}

/** 5,000 active enrollments among 9,000, so the status filter has work to do; with or without "Add Names Next to IDs". */
function eduframeEnrollmentsJob(sandboxes: Sandboxes, addNames: boolean): Job {
	return {
		id: addNames ? 'eduframe-enrollments' : 'eduframe-enrollments-ids',
		title: `Eduframe: list 5,000 enrollments with a status filter${addNames ? '' : ' (Add Names Next to IDs off)'}`,
		records: 5_000,
		maxPageSize: 100,
		concurrency: 1,
		prepare: (s) => {
			s.eduframe.seed(10, 0);
			s.eduframe.tables.enrollments.length = 0;
			s.eduframe.addEnrollments(5_000, 'active');
			s.eduframe.addEnrollments(2_000, 'completed');
			s.eduframe.addEnrollments(2_000, 'canceled');
		},
		sandbox: (s) => s.eduframe,
		credentials: [eduframeBenchCredential(sandboxes)],
		ours: ourNode('eduframe', { resource: 'enrollment', operation: 'getAll', returnAll: true, filters: { status: ['active'] }, addNames }),
		http: eduframeHttpList(`${sandboxes.eduframe.baseUrl}/enrollments`, [{ name: 'status', value: 'active' }], EDUFRAME_REF),
	};
}

function jobs(sandboxes: Sandboxes): Job[] {
	return [
		eduframeUsersJob(sandboxes, 10_000),
		eduframeEnrollmentsJob(sandboxes, true),
		// Like for like with the HTTP Request node, which adds no names: the same list with the switch off.
		eduframeEnrollmentsJob(sandboxes, false),
		planadayCoursesJob(sandboxes, 10_000),
		accessplanitUsersJob(sandboxes, 10_000),
	];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Sets the latency every sandbox adds to each vendor request. */
function setLatency(sandboxes: Sandboxes, ms: number): void {
	for (const sandbox of [sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit]) sandbox.latencyMs = ms;
}

interface Measured {
	requests: number[];
	ms: number[];
	records: number[];
	/** Peak resident memory of the `n8n execute` process per run, kB (with `peakRss`). */
	peakRssKb: number[];
	/** The most requests the sandbox saw open at once, per run. */
	mostAtOnce: number[];
	error?: string;
}

/** Runs a job's two workflows (this package's node, then the HTTP Request node) `rounds` times each. */
async function measureJob(n8n: RealN8n, sandboxes: Sandboxes, job: Job, workflowIds: string[], rounds: number, peakRss = false): Promise<Record<'ours' | 'http', Measured>> {
	const measured = {} as Record<'ours' | 'http', Measured>;
	for (const [index, kind] of (['ours', 'http'] as const).entries()) {
		measured[kind] = { requests: [], ms: [], records: [], peakRssKb: [], mostAtOnce: [] };
		for (let round = 0; round < rounds; round++) {
			const vendor = job.sandbox(sandboxes);
			vendor.resetStats();
			// Each job starts with a fresh rate-limit window, as a job run on its own would.
			for (const sandbox of [sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit]) sandbox.limiter.reset();
			const run = await n8n.execute(workflowIds[index], { peakRss });
			const task = run.data.resultData.runData.Job?.[0];
			if (!task || task.error) {
				measured[kind].error = task?.error?.message ?? run.data.resultData.error?.message ?? 'did not run';
				break;
			}
			measured[kind].requests.push(vendor.stats.requests);
			measured[kind].mostAtOnce.push(vendor.stats.mostAtOnce);
			measured[kind].ms.push(task.executionTime);
			if (run.peakRssKb !== undefined) measured[kind].peakRssKb.push(run.peakRssKb);
			const output = (task.data?.main?.[0] ?? []).map((item) => item.json);
			measured[kind].records.push(kind === 'http' && job.countRecords ? job.countRecords(output) : output.length);
		}
	}
	return measured;
}

/**
 * Peak memory of the `n8n execute` process (VmHWM: start-up, the run and saving it to the database)
 * listing 10,000 and 50,000 records with this package's node and with the HTTP Request node, once
 * each, at the first latency. Eduframe's limit is raised (sandbox and credential) so 500 pages are
 * not paced over several 5-minute windows.
 */
async function listMemory(n8n: RealN8n, sandboxes: Sandboxes): Promise<IDataObject[]> {
	const sizes = argument('memory-records', '10000,50000').split(',').map(Number);
	const rows: IDataObject[] = [];
	const eduframeLimit = sandboxes.eduframe.limiter.limit;
	sandboxes.eduframe.limiter.limit = 100_000;
	try {
		for (const records of sizes) {
			for (const job of [eduframeUsersJob(sandboxes, records, { rateLimitRequests: 100_000 }), planadayCoursesJob(sandboxes, records), accessplanitUsersJob(sandboxes, records)]) {
				job.prepare(sandboxes);
				await n8n.importCredentials(job.credentials);
				const ids = (['ours', 'http'] as const).map((kind) => `benchMem${job.id.replace(/[^a-z]/gi, '').slice(0, 5)}${kind}`.slice(0, 16));
				await n8n.importWorkflows(
					(['ours', 'http'] as const).map((kind, index) => ({
						id: ids[index],
						name: `Bench memory ${job.id} (${kind})`,
						nodes: [trigger, job[kind]],
						connections: { Start: { main: [[{ node: 'Job', type: 'main', index: 0 }]] } },
					})),
				);
				const measured = await measureJob(n8n, sandboxes, job, ids, Number(argument('memory-repeat', '1')), true);
				const mb = (kb: number[]) => (kb.length ? (median(kb) / 1024).toFixed(0) : '-');
				rows.push({
					job: job.title,
					records: measured.ours.error ?? median(measured.ours.records),
					peakMb: mb(measured.ours.peakRssKb),
					ms: measured.ours.error ? '-' : median(measured.ours.ms),
					httpRecords: measured.http.error ?? median(measured.http.records),
					httpPeakMb: mb(measured.http.peakRssKb),
					httpMs: measured.http.error ? '-' : median(measured.http.ms),
					ratio: measured.ours.peakRssKb.length && measured.http.peakRssKb.length ? (median(measured.ours.peakRssKb) / median(measured.http.peakRssKb)).toFixed(2) : '-',
				});
				process.stderr.write(`bench memory: ${JSON.stringify(rows[rows.length - 1])}\n`);
			}
		}
	} finally {
		sandboxes.eduframe.limiter.limit = eduframeLimit;
	}
	return rows;
}

/** Prints a Markdown table with padded columns. */
function printTable(header: string[], lines: string[][]): void {
	const table = [header, ...lines];
	const widths = header.map((_, column) => Math.max(...table.map((line) => line[column].length)));
	for (const [index, line] of table.entries()) {
		process.stdout.write(`| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |\n`);
		if (index === 0) process.stdout.write(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
	}
}

async function main() {
	const sandboxes = await startSandboxes({ eduframe: { users: 10, latencyMs }, planaday: { latencyMs }, accessplanit: { latencyMs } });
	const n8n = await RealN8n.create(version);
	// `--cpu-prof=<folder>`: a CPU profile of every n8n process (open the .cpuprofile files in Chrome's DevTools).
	const cpuProfiles = argument('cpu-prof', '');
	if (cpuProfiles) n8n.nodeOptions = `--cpu-prof --cpu-prof-dir=${path.resolve(cpuProfiles)}`;
	const selected = argument('jobs', '').split(',').filter(Boolean);
	const wanted = (id: string) => !selected.length || selected.includes(id);
	const all = jobs(sandboxes).filter((job) => wanted(job.id));
	const rows: IDataObject[] = [];
	let triggerResult: IDataObject | undefined;
	let memoryRows: IDataObject[] | undefined;
	let downtimeResult: IDataObject | undefined;
	const bulkResults: IDataObject[] = [];
	let soakResult: IDataObject | undefined;
	let bookingResult: IDataObject | undefined;
	let accessplanitSoak: IDataObject | undefined;
	let tokenResult: IDataObject | undefined;
	let n8nSoak: IDataObject | undefined;
	let queueMode: IDataObject | undefined;
	let hrSync: IDataObject[] | undefined;
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
			for (const latency of latencies) {
				setLatency(sandboxes, latency);
				const measured = await measureJob(n8n, sandboxes, job, workflows.map((workflow) => workflow.id), repeat);
				const lowerBound = Math.ceil(job.records / job.maxPageSize);
				// The first page alone (it says how many there are), then the others side by side.
				const lowerBoundRoundTrips = 1 + Math.ceil((lowerBound - 1) / job.concurrency);
				const ms = median(measured.ours.ms);
				const httpMs = measured.http.error ? undefined : median(measured.http.ms);
				rows.push({
					job: job.title,
					latencyMs: latency,
					records: measured.ours.error ? measured.ours.error : median(measured.ours.records),
					requests: measured.ours.error ? '-' : median(measured.ours.requests),
					ms: measured.ours.error ? '-' : ms,
					httpRecords: measured.http.error ? measured.http.error : median(measured.http.records),
					httpRequests: measured.http.error ? '-' : median(measured.http.requests),
					httpMs: httpMs ?? '-',
					ratio: !measured.ours.error && httpMs ? (ms / httpMs).toFixed(2) : '-',
					concurrency: job.concurrency,
					mostAtOnce: measured.ours.error ? '-' : Math.max(...measured.ours.mostAtOnce),
					lowerBound,
					lowerBoundMs: lowerBoundRoundTrips * latency,
				});
				process.stderr.write(`bench: ${JSON.stringify(rows[rows.length - 1])}\n`);
			}
			setLatency(sandboxes, latencyMs);
		}
		if (wanted('memory')) memoryRows = await listMemory(n8n, sandboxes);
		if (wanted('accessplanit-soak')) {
			sandboxes.accessplanit.seed(1_000);
			accessplanitSoak = (await runAccessplanitSoak(sandboxes.accessplanit, { changes: 2_000, faultRate: 0.1, restart: true, seed: 2026 })) as unknown as IDataObject;
		}
		if (wanted('accessplanit-soak-n8n')) n8nSoak = await triggerSoakInN8n(n8n, sandboxes);
		if (wanted('accessplanit-token')) tokenResult = await tokenRenewals(n8n, sandboxes);
		if (wanted('twice-run')) await twiceRunSoaks(sandboxes);
		if (wanted('planaday-soak')) soakResult = (await runPlanadaySoak(sandboxes.planaday, { polls: 500, faultRate: 0.1, seed: 2026 })) as unknown as IDataObject;
		if (wanted('planaday-bookings')) bookingResult = await bookingsUnderFaults(n8n, sandboxes);
		if (wanted('eduframe-trigger')) triggerResult = await triggerBurst(n8n, sandboxes);
		if (wanted('eduframe-downtime')) downtimeResult = await eduframeDowntime(n8n, sandboxes, argument);
		for (const job of BULK_JOBS) if (wanted(job)) bulkResults.push(await bulkWrites(n8n, sandboxes, job, repeat));
		if (wanted('shared-limit')) await sharedLimit(sandboxes, version);
		if (wanted('queue-mode')) queueMode = await queueModeBench(argument, version, latencyMs);
		if (wanted('hr-sync')) hrSync = await hrSyncBench(n8n, sandboxes, latencies, argument);
	} finally {
		await n8n.stop();
		await sandboxes.stop();
		n8n.cleanup();
	}

	if (rows.length) {
		process.stdout.write(
			`\nn8n ${version}, sandbox latency ${latencies.join(' and ')} ms per request, median of ${repeat} runs (node execution time); ratio = node time ÷ HTTP Request node time; lower bound in time = (1 + (requests − 1) ÷ pages at once) × latency\n\n`,
		);
		printTable(
			['Job', 'Latency (ms)', 'Records', 'Requests', 'Time (ms)', 'HTTP Request node: records', 'requests', 'time (ms)', 'Ratio node / HTTP', 'Pages at once', 'Most open (measured)', 'Lower bound (requests)', 'Lower bound (ms)'],
			rows.map((row) => [row.job, row.latencyMs, row.records, row.requests, row.ms, row.httpRecords, row.httpRequests, row.httpMs, row.ratio, row.concurrency, row.mostAtOnce, row.lowerBound, row.lowerBoundMs].map(String)),
		);
	}
	if (memoryRows) {
		process.stdout.write(`\nPeak memory (VmHWM, resident) of the n8n execute process, sandbox latency ${latencyMs} ms, one run each:\n\n`);
		printTable(
			['Job', 'Records', 'Peak memory (MB)', 'Time (ms)', 'HTTP Request node: records', 'peak memory (MB)', 'time (ms)', 'Memory ratio node / HTTP'],
			memoryRows.map((row) => [row.job, row.records, row.peakMb, row.ms, row.httpRecords, row.httpPeakMb, row.httpMs, row.ratio].map(String)),
		);
	}
	if (triggerResult) {
		const trigger = triggerResult as unknown as Record<'ours' | 'webhook', { p50: number; p90: number; p99: number; max: number }> & IDataObject;
		process.stdout.write(
			`\nEduframe Trigger beside n8n's Webhook node in the same n8n start, ${triggerResult.events} events delivered ${triggerResult.concurrency} at a time to each (Include Full Record ${argument('full-record', 'true') === 'true' ? 'on' : 'off'}; ${triggerResult.warmup} warm-up events each first):\n\n`,
		);
		const quantiles = ['p50', 'p90', 'p99', 'max'] as const;
		printTable(
			['Answer time (ms)', ...quantiles],
			[
				['Eduframe Trigger', ...quantiles.map((q) => String(trigger.ours[q]))],
				["n8n's Webhook node", ...quantiles.map((q) => String(trigger.webhook[q]))],
				['Ratio trigger / Webhook node', ...quantiles.map((q) => (trigger.webhook[q] ? (trigger.ours[q] / trigger.webhook[q]).toFixed(2) : '-'))],
			],
		);
		process.stdout.write(`\n  Eduframe Trigger executions ${triggerResult.executions}, events lost ${triggerResult.lost}; Webhook node executions ${triggerResult.webhookExecutions}, lost ${triggerResult.webhookLost}\n`);
	}
	if (downtimeResult) printDowntime(downtimeResult, version);
	if (soakResult) {
		process.stdout.write(`\nPlanaday Trigger soak (in-process polls, the sandbox adding, changing, filling, opening, cancelling and removing courses at random, 10 % injected faults):\n`);
		process.stdout.write(`  polls ${soakResult.polls} (${soakResult.failedPolls} failed and caught up later); events expected ${soakResult.expected}, put out ${soakResult.emitted}; missed ${soakResult.missed}, duplicated ${soakResult.duplicated}, false ${soakResult.falseEvents}; requests per poll ${soakResult.requestsPerPoll}\n`);
	}
	if (bookingResult) {
		process.stdout.write(`\nPlanaday bookings under injected dropped connections, slow answers and 503s (${bookingResult.faultRate} of booking requests):\n`);
		process.stdout.write(`  requested ${bookingResult.requested}; made ${bookingResult.made} (${bookingResult.perRequest} per booking requested); duplicates ${bookingResult.duplicates}; reported done ${bookingResult.succeeded}, reported "may have been carried out" ${bookingResult.uncertain}, refused ${bookingResult.refused}\n`);
	}
	if (bulkResults.length) {
		process.stdout.write(`\nBulk writes: ${repeat} runs from the same starting data (share = requests/s ÷ allowed requests/s):\n\n`);
		printTable(
			['Job', 'HR items', 'Sandbox limit', 'Median share', 'Shares', 'Failed items', 'Requests', 'Refused (429/503)', 'Most open', 'Seconds'],
			bulkResults.map((result) => {
				const runs = result.runs as IDataObject[];
				const each = (field: string) => runs.map((run) => String(run[field])).join(', ');
				return [String(result.job), String(result.items), `${String(result.limit)} per ${String(result.windowSeconds)} s`, String(result.medianShare), String(result.shares), each('failed'), each('requests'), each('refused'), each('mostAtOnce'), each('seconds')];
			}),
		);
	}
	if (accessplanitSoak) {
		const r = accessplanitSoak as unknown as { changes: number; sharedStampRecords: number; polls: number; failedPolls: number; expected: IDataObject; emitted: IDataObject; missed: number; duplicated: number; invented: number; idleRequestsPerPoll: number };
		process.stdout.write(`\naccessplanit Trigger soak (in-process polls of User Created, User Updated, Delegate Registered and Delegate Status Changed; 10 % injected faults on reads; one restart half-way):\n`);
		process.stdout.write(`  records created or updated ${r.changes} (${r.sharedStampRecords} written under a shared stamp); polls ${r.polls} (${r.failedPolls} failed and caught up later)\n`);
		process.stdout.write(`  expected ${JSON.stringify(r.expected)}, put out ${JSON.stringify(r.emitted)}; missed ${r.missed}, duplicated ${r.duplicated}, invented ${r.invented}; requests per poll when nothing changed ${r.idleRequestsPerPoll}\n`);
	}
	if (n8nSoak) {
		process.stdout.write(`\naccessplanit Trigger soak in n8n start (${version}): four active workflows (${SOAK_EVENTS.join(', ')}) polling every minute; 10 % injected faults on reads; n8n stopped and started once half-way:\n`);
		process.stdout.write(`  records created or updated ${n8nSoak.changes} (${n8nSoak.sharedStampRecords} under a shared stamp) in ${n8nSoak.minutes} min; executions ${n8nSoak.executions} (failed ${n8nSoak.failedExecutions})\n`);
		process.stdout.write(`  expected ${JSON.stringify(n8nSoak.expected)}, put out ${JSON.stringify(n8nSoak.emitted)}; missed ${n8nSoak.missed}, duplicated ${n8nSoak.duplicated}, invented ${n8nSoak.invented}\n`);
	}
	if (hrSync?.length) printHrSync(hrSync, version, printTable);
	if (tokenResult) {
		process.stdout.write(`\naccessplanit token renewal: ${tokenResult.items} HR items through User → Create or Update with the token lifetime scaled to ${tokenResult.lifetimeMs} ms:\n`);
		process.stdout.write(`  run ${tokenResult.seconds} s (${tokenResult.lifetimes} token lifetimes); tokens issued ${tokenResult.tokensIssued} (renewals ${tokenResult.renewals}); requests refused 401 ${tokenResult.refused401}; items failed ${tokenResult.failed}\n`);
	}
	const out = path.resolve(__dirname, '..', '.test-results');
	fs.mkdirSync(out, { recursive: true });
	fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify({ version, latencies, repeat, rows, memory: memoryRows, trigger: triggerResult, bulk: bulkResults, soak: soakResult, bookings: bookingResult, accessplanitSoak, accessplanitSoakInN8n: n8nSoak, token: tokenResult, queueMode, hrSync }, null, 2));
}

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * 200 enrollment changes delivered 20 at a time to an active Eduframe Trigger in `n8n start`, and the
 * same burst (same payloads, same sender) to a workflow with n8n's own Webhook node in the same n8n:
 * the answer-time distributions side by side. Each gets a warm-up burst first, and each burst starts
 * after the other's executions are through.
 */
async function triggerBurst(n8n: RealN8n, sandboxes: Sandboxes): Promise<IDataObject> {
	sandboxes.eduframe.seed(300);
	sandboxes.eduframe.limiter.limit = 100_000;
	await n8n.importCredentials([eduframeBenchCredential(sandboxes, { rateLimitRequests: 100_000 })]);
	const webhookPath = 'bench-webhook-node';
	await n8n.importWorkflows([
		{
			id: 'benchTrigger0001',
			name: 'Bench trigger',
			nodes: [
				{
					id: 'b9',
					name: 'Eduframe Trigger',
					type: 'n8n-nodes-training-systems.eduframeTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: '0b7c1d52-bench-4f0e-9d7e-000000000001',
					parameters: { events: ['enrollment.updated'], options: { includeFullRecord: argument('full-record', 'true') === 'true' } },
					credentials: EDUFRAME_REF,
				},
			],
			connections: {},
		},
		{
			id: 'benchWebhook0001',
			name: "Bench n8n's Webhook node",
			nodes: [
				{
					id: 'b8',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '0b7c1d52-bench-4f0e-9d7e-000000000002',
					// Answers as soon as the workflow has started (Respond: Immediately), as the trigger does.
					parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
		},
	]);
	await n8n.activate('benchTrigger0001');
	await n8n.activate('benchWebhook0001');
	await n8n.start();
	const deadline = Date.now() + 30_000;
	const registered = () => sandboxes.eduframe.webhooks.find((hook) => hook.url.startsWith(n8n.baseUrl));
	while (!registered()) {
		if (Date.now() > deadline) throw new Error('The trigger did not register');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await n8n.waitForWebhook(webhookPath);
	const triggerHook = registered()!;
	// The Webhook node's URL as one more Eduframe webhook of the same tenant, so the sandbox sends it the same deliveries.
	const now = new Date().toISOString();
	const webhookNodeHook = { ...triggerHook, id: 'wh_bench_webhook_node', url: `${n8n.baseUrl}/webhook/${webhookPath}`, active: false, created_at: now, updated_at: now };
	sandboxes.eduframe.webhooks.push(webhookNodeHook);
	const events = Number(argument('events', '200'));
	const concurrency = Number(argument('concurrency', '20'));
	const warmup = concurrency;
	const enrollments = sandboxes.eduframe.tables.enrollments;
	/** Sends a burst to one receiver only; the answer times. */
	const burstTo = async (hook: { active: boolean }, records: typeof enrollments) => {
		triggerHook.active = hook === triggerHook;
		webhookNodeHook.active = hook === webhookNodeHook;
		try {
			return await sandboxes.eduframe.burst('enrollment.updated', records, concurrency);
		} finally {
			triggerHook.active = true;
			webhookNodeHook.active = false;
		}
	};
	const succeeded = async (workflowId: string) => (await n8n.executions(workflowId)).filter((row) => row.status === 'success').length;
	/** Waits until a workflow has `count` successful executions (or three minutes); how many it has. */
	const through = async (workflowId: string, count: number) => {
		let done = 0;
		for (const until = Date.now() + 180_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 1000))) {
			done = await succeeded(workflowId);
			if (done >= count) break;
		}
		return done;
	};
	const measured = enrollments.slice(warmup, warmup + events);
	await burstTo(triggerHook, enrollments.slice(0, warmup));
	await through('benchTrigger0001', warmup);
	await burstTo(webhookNodeHook, enrollments.slice(0, warmup));
	await through('benchWebhook0001', warmup);
	const ours = await burstTo(triggerHook, measured);
	const executions = (await through('benchTrigger0001', warmup + events)) - warmup;
	const webhook = await burstTo(webhookNodeHook, measured);
	const webhookExecutions = (await through('benchWebhook0001', warmup + events)) - warmup;
	await n8n.stop();
	sandboxes.eduframe.webhooks.splice(sandboxes.eduframe.webhooks.indexOf(webhookNodeHook), 1);
	const distribution = (times: number[]) => ({ p50: percentile(times, 50), p90: percentile(times, 90), p99: percentile(times, 99), max: Math.max(...times) });
	return {
		events,
		concurrency,
		warmup,
		ours: distribution(ours),
		webhook: distribution(webhook),
		executions,
		lost: events - executions,
		webhookExecutions,
		webhookLost: events - webhookExecutions,
	};
}

/** 200 bookings (one per input item) while a share of booking requests are dropped after booking, slowed or refused with 503. */
async function bookingsUnderFaults(n8n: RealN8n, sandboxes: Sandboxes): Promise<IDataObject> {
	const requested = 200;
	const faultRate = 0.3;
	sandboxes.planaday.seed(100);
	await n8n.importCredentials([planadayBenchCredential(sandboxes)]);
	const people = Array.from({ length: requested }, (_, index) => ({ first: 'Bench', last: `Person ${index}`, email: `bench.${index}@acme.example` }));
	await n8n.importWorkflows([
		itemsWorkflow(
			'benchBookings001',
			'Bench bookings',
			people,
			planadayBookNode('3'),
		),
	]);
	sandboxes.planaday.setFaults({ rate: faultRate, kinds: ['drop', 'slow', 'unavailable', 'rate-limit'], slowMs: 300, match: '^POST /v1/booking/\\d+$' });
	const run = await n8n.execute('benchBookings001');
	sandboxes.planaday.setFaults({ rate: 0, kinds: [] });
	const items = (run.data.resultData.runData.Job?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	const perPerson = people.map((person) => sandboxes.planaday.bookings.filter((booking) => (booking.students as IDataObject[])[0].email === person.email).length);
	const made = perPerson.reduce((sum, count) => sum + count, 0);
	return {
		requested,
		faultRate,
		made,
		perRequest: (made / requested).toFixed(3),
		duplicates: perPerson.filter((count) => count > 1).length,
		succeeded: items.filter((item) => item.booking_id).length,
		uncertain: items.filter((item) => String(item.error ?? '').includes('connection to Planaday was lost')).length,
		refused: items.filter((item) => item.error && !String(item.error).includes('connection to Planaday was lost')).length,
	};
}

/** The bulk-write jobs: the HR write each vendor's users run for many people at once. */
const BULK_JOBS = ['eduframe-upsert', 'accessplanit-upsert', 'planaday-book', 'planaday-book-30s'] as const;
type BulkJob = (typeof BULK_JOBS)[number];

/**
 * Each job's scale: requests allowed per window and HR items per run (`--bulk-limit`, `--bulk-window` and
 * `--bulk-items` override them). All allow 166.7 requests/s. planaday-book-30s is Planaday's booking
 * under a 30-s window: Planaday's X-RateLimit-Reset is in whole seconds and its window starts with the
 * first request after the reset, so when a window runs out the next one starts up to a second (plus the
 * pacer's 250 ms) after the true reset: scaled to 3 s that is a quarter of every window, in 30 s 2.5 %,
 * in Planaday's own hour-long window 0.03 %.
 */
const BULK_SCALE: Record<BulkJob, { limit: number; windowSeconds: number; items: number }> = {
	'eduframe-upsert': { limit: 500, windowSeconds: 3, items: 1000 },
	'accessplanit-upsert': { limit: 500, windowSeconds: 3, items: 1000 },
	'planaday-book': { limit: 500, windowSeconds: 3, items: 1000 },
	'planaday-book-30s': { limit: 5000, windowSeconds: 30, items: 12000 },
};

/**
 * HR items through one vendor's bulk write under the sandbox's limit, both at the job's scale (`BULK_SCALE`;
 * the credential says the same where it has the fields; Planaday's pacer reads the sandbox's X-RateLimit
 * headers), `rounds` times from the same starting data: failed items, refusals and the share of the
 * allowed rate, per run and as the median.
 * - eduframe-upsert: User → Create or Update on email (half existing, half new; 2 requests an item);
 * - accessplanit-upsert: User → Create or Update on External ID (the same split; 2 requests an item);
 * - planaday-book, planaday-book-30s: Booking → Book, one booking per item spread over 100 courses
 *   without STAP rules (1 request an item).
 */
async function bulkWrites(n8n: RealN8n, sandboxes: Sandboxes, job: BulkJob, rounds: number): Promise<IDataObject> {
	const scale = BULK_SCALE[job];
	const limit = Number(argument('bulk-limit', String(scale.limit)));
	const windowSeconds = Number(argument('bulk-window', String(scale.windowSeconds)));
	// HR items per run (half of them people who already exist, for the create-or-update jobs).
	const count = Number(argument('bulk-items', String(scale.items)));
	const half = Math.floor(count / 2);
	const scaled = { rateLimitRequests: limit, rateLimitWindowSeconds: windowSeconds };
	const spec = {
		'eduframe-upsert': () => {
			sandboxes.eduframe.seed(half);
			const existing = sandboxes.eduframe.tables.users.slice(0, half).map((user) => ({ email: user.email, first: user.first_name, last: `${String(user.last_name)} (HR)` }));
			const fresh = Array.from({ length: count - half }, (_, index) => ({ email: `bulk.${index}@acme.example`, first: 'Bulk', last: `Employee ${index}` }));
			return {
				sandbox: sandboxes.eduframe,
				credential: eduframeBenchCredential(sandboxes, scaled),
				items: [...existing, ...fresh],
				node: ourNode('eduframe', { resource: 'user', operation: 'createOrUpdate', email: '={{ $json.email }}', first_name: '={{ $json.first }}', last_name: '={{ $json.last }}' }),
				done: (item: IDataObject) => item.outcome === 'updated' || item.outcome === 'created',
			};
		},
		'accessplanit-upsert': () => {
			sandboxes.accessplanit.seed(half);
			const existing = sandboxes.accessplanit.modules.User.slice(0, half).map((user) => ({ id: user.ExternalID, first: user.Forenames, last: `${String(user.Surname)} (HR)`, email: user.Email }));
			const fresh = Array.from({ length: count - half }, (_, index) => ({ id: `HR-B${index}`, first: 'Bulk', last: `Employee ${index}`, email: `bulk.${index}@acme.example` }));
			const credential = accessplanitBenchCredential(sandboxes);
			return {
				sandbox: sandboxes.accessplanit,
				credential: { ...credential, data: { ...credential.data, ...scaled } },
				items: [...existing, ...fresh],
				node: accessplanitUpsertNode(),
				done: (item: IDataObject) => item.ID !== undefined && !item.error,
			};
		},
		'planaday-book': planadayBook,
		'planaday-book-30s': planadayBook,
	}[job];
	function planadayBook() {
		sandboxes.planaday.seed(100);
		// Courses a plain booking fits: with dayparts, without STAP rules (a birth date and an address per
		// student) and without required course attributes.
		const plain = (course: Record<string, unknown>) =>
			(course.dayparts as number[]).length > 0 &&
			!Number(course.has_stap) &&
			!Number(course.stap_only) &&
			!Object.values((course.attributes ?? {}) as Record<string, { is_required?: boolean }>).some((attribute) => attribute.is_required);
		const courses = sandboxes.planaday.courses
			.filter(plain)
			.slice(0, 100)
			.map((course) => String(course.id));
		return {
			sandbox: sandboxes.planaday,
			credential: planadayBenchCredential(sandboxes),
			items: Array.from({ length: count }, (_, index) => ({ course: courses[index % courses.length], first: 'Bulk', last: `Person ${index}`, email: `bulk.${index}@acme.example` })),
			node: planadayBookNode('={{ $json.course }}'),
			done: (item: IDataObject) => item.booking_id !== undefined,
		};
	}
	const runs: IDataObject[] = [];
	for (let round = 0; round < rounds; round++) {
		const { sandbox, credential, items, node, done } = spec();
		sandbox.limiter.limit = limit;
		sandbox.limiter.windowMs = windowSeconds * 1000;
		sandbox.limiter.reset();
		const workflowId = `benchBulk${job.replace(/[^a-z]/g, '')}`.slice(0, 16);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([itemsWorkflow(workflowId, `Bench ${job}`, items, node)]);
		sandbox.resetStats();
		const run = await n8n.execute(workflowId);
		const task = run.data.resultData.runData.Job?.[0];
		const output = (task?.data?.main?.[0] ?? []).map((item) => item.json);
		const seconds = (task?.executionTime ?? 0) / 1000;
		const requests = sandbox.stats.requests;
		runs.push({
			items: output.length,
			failed: output.filter((item) => !done(item)).length + (items.length - output.length),
			requests,
			// 429 (Eduframe, accessplanit) or Planaday's 503 with no requests left.
			refused: sandbox.stats.rateLimited + (sandbox.stats.byStatus['503'] ?? 0),
			mostAtOnce: sandbox.stats.mostAtOnce,
			...rateUse(requests, seconds, limit, windowSeconds),
		});
		process.stderr.write(`bench: ${job} round ${round + 1}: ${JSON.stringify(runs[runs.length - 1])}\n`);
	}
	const shares = runs.map((run) => Number(run.share));
	return { job, items: count, limit, windowSeconds, rounds, medianShare: median(shares).toFixed(2), shares: shares.map((share) => share.toFixed(2)).join(', '), runs };
}

/**
 * The accessplanit Trigger soak in a real n8n: four workflows with the trigger active in `n8n start`,
 * polling every minute while the sandbox takes 2,000 changes in bursts (10 % faults on reads), with
 * n8n stopped and started once half-way. The events are read from the executions in n8n's database.
 */
async function triggerSoakInN8n(n8n: RealN8n, sandboxes: Sandboxes): Promise<IDataObject> {
	const ap = sandboxes.accessplanit;
	const total = Number(argument('soak-changes', '2000'));
	const everyMs = Number(argument('soak-burst-seconds', '15')) * 1000;
	ap.seed(1_000);
	await n8n.importCredentials([accessplanitBenchCredential(sandboxes)]);
	const ids = SOAK_EVENTS.map((_event, index) => `benchApSoak${index}0000`.slice(0, 16));
	await n8n.importWorkflows(
		SOAK_EVENTS.map((event, index) => ({
			id: ids[index],
			name: `Bench accessplanit soak: ${event}`,
			nodes: [
				{ id: `s${index}a`, name: 'accessplanit Trigger', type: 'n8n-nodes-training-systems.accessplanitTrigger', typeVersion: 1, position: [0, 0], parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event, filters: {} }, credentials: ACCESSPLANIT_REF },
				{ id: `s${index}b`, name: 'To HR', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
			],
			connections: { 'accessplanit Trigger': { main: [[{ node: 'To HR', type: 'main', index: 0 }]] } },
		})),
	);
	for (const id of ids) await n8n.activate(id);
	ap.resetStats();
	await n8n.start();
	// Each trigger's first poll (on activation) reads the newest stamp of its module: its baseline.
	const baselined = () => ap.recent.filter((line) => /\$orderby=Date(Created|Updated) desc&\$top=1&/.test(line)).length >= SOAK_EVENTS.length;
	for (const deadline = Date.now() + 120_000; !baselined() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 200));
	await new Promise((resolve) => setTimeout(resolve, 2_000));

	const driver = new AccessplanitChangeDriver(ap, 2026);
	ap.setFaults({ rate: 0.1, kinds: ['unavailable', 'server-error', 'drop', 'malformed', 'rate-limit'], match: '^GET ' });
	const started = Date.now();
	let restarted = false;
	while (driver.changes < total) {
		driver.burst(Math.min(total - driver.changes, driver.burstSize(120)));
		if (!restarted && driver.changes >= total / 2) {
			await n8n.stop();
			driver.burst(Math.min(total - driver.changes, 80)); // changes while n8n is down
			await n8n.start();
			restarted = true;
		}
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	driver.settle();
	ap.setFaults({ rate: 0, kinds: [] });
	// Two more polls of every trigger after the last change.
	await new Promise((resolve) => setTimeout(resolve, 125_000));
	const reported: Record<string, IDataObject[]> = {};
	let executions = 0;
	let failedExecutions = 0;
	for (const [index, event] of SOAK_EVENTS.entries()) {
		const rows = await n8n.waitForExecutions(ids[index], 0, 60_000);
		executions += rows.length;
		failedExecutions += rows.filter((row) => row.status === 'error').length;
		reported[event] = rows.flatMap((row) => nodeItems(row.data, 'accessplanit Trigger'));
	}
	await n8n.stop();
	for (const id of ids) await n8n.deactivate(id);
	return { ...driver.check(reported), changes: driver.changes, sharedStampRecords: driver.sharedStampRecords, minutes: ((Date.now() - started) / 60_000).toFixed(1), executions, failedExecutions };
}

/** HR items through accessplanit User → Create or Update in a run several (scaled) token lifetimes long. */
async function tokenRenewals(n8n: RealN8n, sandboxes: Sandboxes): Promise<IDataObject> {
	const ap = sandboxes.accessplanit;
	ap.seed(600);
	const people = ap.modules.User.slice(0, 300).map((user) => ({ id: user.ExternalID, first: user.Forenames, last: `${String(user.Surname)}`, email: user.Email }));
	for (let i = 0; i < 300; i++) people.push({ id: `HR-T${i}`, first: 'Token', last: `Employee ${i}`, email: `token.${i}@acme.example` });
	await n8n.importCredentials([accessplanitBenchCredential(sandboxes)]);
	await n8n.importWorkflows([itemsWorkflow('benchApToken0001', 'Bench accessplanit token', people, accessplanitUpsertNode())]);
	const lifetimeMs = 2_000;
	ap.tokenLifetimeMs = lifetimeMs;
	ap.resetStats();
	const before = ap.tokensIssued;
	try {
		const run = await n8n.execute('benchApToken0001');
		const task = run.data.resultData.runData.Job?.[0];
		const items = (task?.data?.main?.[0] ?? []).map((item) => item.json);
		const ms = task?.executionTime ?? 0;
		const issued = ap.tokensIssued - before;
		return {
			items: people.length,
			lifetimeMs,
			seconds: (ms / 1000).toFixed(1),
			lifetimes: (ms / lifetimeMs).toFixed(1),
			tokensIssued: issued,
			renewals: Math.max(0, issued - 1),
			refused401: ap.stats.byStatus[401] ?? 0,
			failed: items.filter((item) => item.error).length + (people.length - items.length),
		};
	} finally {
		ap.tokenLifetimeMs = 3_600_000;
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
