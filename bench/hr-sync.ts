/**
 * `npm run bench -- --jobs=hr-sync`: User → Sync From HR at scale in a real n8n. For Eduframe and
 * accessplanit, at each latency: 10,000 people the sync manages, and an HR list without 300 of them
 * (leavers), with 1,000 whose surname changed (movers) and 500 who are new (joiners): 10,200 HR rows.
 *
 * - Preview: requests and node time, beside n8n's HTTP Request node reading the same list of people
 *   (its own pagination options) in the same n8n;
 * - Apply: requests against the lower bound (list pages + one write per change, and for an Eduframe
 *   leaver the read of their log-ins, one delete per log-in and the label), node time, and the share
 *   of the vendor's allowed rate while writing (writes ÷ seconds from the first write to the last
 *   answer ÷ allowed requests per second);
 * - Apply again with the same HR list: writes (0) and requests.
 *
 * The sandboxes' limits are scaled as in the bulk-write jobs (500 requests per 3 s, the credential says
 * the same): Eduframe's 500 per 5 minutes would make one run last 25 minutes. Options: --hr-people,
 * --hr-joiners, --hr-movers, --hr-leavers, --bulk-limit, --bulk-window.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { Sandboxes } from '../sandbox';
import { ACCESSPLANIT_API_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../sandbox/accessplanit/server';
import { HR_EXAMPLE_LABELS } from '../sandbox/common/hr-example';
import type { SandboxServer } from '../sandbox/common/server';
import { EDUFRAME_SANDBOX_KEY } from '../sandbox/eduframe/server';
import type { RealN8n } from '../test/harness/real-n8n';
import { rateUse } from '../test/harness/rates';

type Argument = (name: string, fallback: string) => string;
type Vendor = 'eduframe' | 'accessplanit';

const trigger: INode = { id: 'h0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const CREDENTIAL = {
	eduframe: { eduframeApi: { id: 'benchHrEduframe', name: 'Eduframe (bench HR sync)' } },
	accessplanit: { accessplanitApi: { id: 'benchHrAccess', name: 'accessplanit (bench HR sync)' } },
};
/**
 * The HTTP Request node signs in with a header of its own (n8n's Header Auth): the package's credentials
 * refuse requests whose address they cannot read, and the HTTP Request node's requests give theirs as `uri`.
 */
const HEADER_CREDENTIAL = {
	eduframe: { httpHeaderAuth: { id: 'benchHrEduHeader', name: 'Eduframe key as a header (bench)' } },
	accessplanit: { httpHeaderAuth: { id: 'benchHrApHeader', name: 'accessplanit key as a header (bench)' } },
};

const column = (id: string, required = false) => ({ id, displayName: id, required, defaultMatch: false, display: true, type: 'string', canBeUsedToMatch: false });

/** The Sync From HR node of one vendor, on HR rows with `key`, `first`, `last` (and `email`). */
function syncNode(vendor: Vendor, mode: 'preview' | 'apply', labels: { employees?: number; left?: number }, leavers: number): INode {
	const guard = { leavers: 'deactivate', maxLeaverShare: 5, maxLeavers: Math.max(500, leavers) };
	const parameters =
		vendor === 'eduframe'
			? {
					resource: 'user',
					operation: 'syncFromHr',
					syncMode: mode,
					matchOn: 'email',
					matchValue: '={{ $json.key }}',
					fields: { mappingMode: 'defineBelow', value: { first_name: '={{ $json.first }}', last_name: '={{ $json.last }}' }, matchingColumns: [], schema: [column('first_name', true), column('last_name', true)] },
					scope: 'label',
					scopeLabel: labels.employees,
					leaverLabel: labels.left,
					options: { giveLogin: true },
					...guard,
				}
			: {
					resource: 'user',
					operation: 'syncFromHr',
					syncMode: mode,
					matchOn: 'ExternalID',
					matchValue: '={{ $json.key }}',
					fields: {
						mappingMode: 'defineBelow',
						value: { Forenames: '={{ $json.first }}', Surname: '={{ $json.last }}', Email: '={{ $json.email }}' },
						matchingColumns: [],
						schema: [column('Forenames', true), column('Surname', true), column('Email', true)],
					},
					scope: 'externalId',
					...guard,
				};
	return { id: 'h3', name: 'Job', type: `n8n-nodes-training-systems.${vendor}`, typeVersion: 1, position: [600, 0], parameters, credentials: CREDENTIAL[vendor] } as INode;
}

/** n8n's HTTP Request node reading every person, with its own pagination options as a user sets them up. */
function httpNode(vendor: Vendor, sandboxes: Sandboxes): INode {
	const common = { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', sendQuery: true };
	const parameters =
		vendor === 'eduframe'
			? {
					...common,
					url: `${sandboxes.eduframe.baseUrl}/users`,
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
				}
			: {
					...common,
					url: `${sandboxes.accessplanit.baseUrl}/api/v2/User`,
					queryParameters: { parameters: [{ name: '$top', value: '500' }] },
					options: {
						pagination: {
							pagination: {
								parameters: { parameters: [{ type: 'qs', name: '$skip', value: '={{ $pageCount * 500 }}' }] },
								paginationCompleteWhen: 'other',
								completeExpression: '={{ $response.body.results.length < 500 }}',
								limitPagesFetched: false,
							},
						},
					},
				};
	return { id: 'h2', name: 'Job', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [240, 0], parameters, credentials: HEADER_CREDENTIAL[vendor] } as INode;
}

/** HR rows handed to `node` (named "Job") one item each. */
function hrWorkflow(id: string, rows: IDataObject[], node: INode): IDataObject {
	return {
		id,
		name: `Bench ${id}`,
		nodes: [
			trigger,
			{ id: 'h1', name: 'HR employees', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} } },
			{ id: 'h4', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'rows', options: {} } },
			node,
		],
		connections: {
			Start: { main: [[{ node: 'HR employees', type: 'main', index: 0 }]] },
			'HR employees': { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Job', type: 'main', index: 0 }]] },
		},
	};
}

const tally = (items: IDataObject[], field: string) =>
	items.reduce<Record<string, number>>((all, item) => (item[field] === undefined ? all : { ...all, [String(item[field])]: (all[String(item[field])] ?? 0) + 1 }), {});
const isWrite = (method: string, path: string) => method !== 'GET' && !/\/token$/.test(path);

/** The people the sync manages (seeded), the HR rows, and what the lower bound on requests is made of. */
function prepare(vendor: Vendor, sandboxes: Sandboxes, sizes: { people: number; joiners: number; movers: number; leavers: number }) {
	const leaving = (index: number) => index % Math.floor(sizes.people / sizes.leavers) === 5 && index < sizes.leavers * Math.floor(sizes.people / sizes.leavers);
	if (vendor === 'eduframe') {
		const eduframe = sandboxes.eduframe;
		eduframe.seed(sizes.people);
		const employees = Number(eduframe.tables.labels.find((label) => label.name === HR_EXAMPLE_LABELS.employees)!.id);
		const left = Number(eduframe.tables.labels.find((label) => label.name === HR_EXAMPLE_LABELS.left)!.id);
		for (const user of eduframe.tables.users) user.label_ids = [...(user.label_ids as number[]), employees];
		const rows: IDataObject[] = [];
		let moved = 0;
		let logins = 0;
		eduframe.tables.users.forEach((user, index) => {
			if (leaving(index)) {
				logins += (eduframe.tables.authentications ?? []).filter((login) => login.user_id === user.id).length;
				return;
			}
			const move = moved < sizes.movers && index % 7 === 3;
			if (move) moved++;
			rows.push({ key: String(user.email), first: String(user.first_name), last: move ? `${String(user.last_name)}-Moved` : String(user.last_name) });
		});
		for (let index = 0; index < sizes.joiners; index++) rows.push({ key: `joiner.${index}@acme.example`, first: 'New', last: `Joiner ${index}` });
		const leavers = sizes.people - (rows.length - sizes.joiners);
		return {
			sandbox: eduframe as SandboxServer,
			rows,
			labels: { employees, left },
			leavers,
			// Every user, one page of labels; a create, an update each; a leaver: their log-ins read, each deleted, the label.
			lowerBound: Math.ceil(sizes.people / 100) + 1 + sizes.joiners + moved + 2 * leavers + logins,
			pages: Math.ceil(sizes.people / 100) + 1,
			moved,
		};
	}
	const ap = sandboxes.accessplanit;
	ap.seed(sizes.people);
	const rows: IDataObject[] = [];
	let moved = 0;
	ap.modules.User.forEach((user, index) => {
		if (leaving(index)) return;
		const move = moved < sizes.movers && index % 7 === 3;
		if (move) moved++;
		rows.push({ key: String(user.ExternalID), first: String(user.Forenames), last: move ? `${String(user.Surname)}-Moved` : String(user.Surname), email: String(user.Email) });
	});
	for (let index = 0; index < sizes.joiners; index++) rows.push({ key: `HR-J${index}`, first: 'New', last: `Joiner ${index}`, email: `joiner.${index}@acme.example` });
	const leavers = sizes.people - (rows.length - sizes.joiners);
	return {
		sandbox: ap as SandboxServer,
		rows,
		labels: {},
		leavers,
		// Every user, one write per change (and the sign-in when the token n8n keeps has expired, not counted).
		lowerBound: Math.ceil(sizes.people / 500) + sizes.joiners + moved + leavers,
		pages: Math.ceil(sizes.people / 500),
		moved,
	};
}

export async function hrSyncBench(n8n: RealN8n, sandboxes: Sandboxes, latencies: number[], argument: Argument): Promise<IDataObject[]> {
	const sizes = {
		people: Number(argument('hr-people', '10000')),
		joiners: Number(argument('hr-joiners', '500')),
		movers: Number(argument('hr-movers', '1000')),
		leavers: Number(argument('hr-leavers', '300')),
	};
	const limit = Number(argument('bulk-limit', '500'));
	const windowSeconds = Number(argument('bulk-window', '3'));
	const scaled = { rateLimitRequests: limit, rateLimitWindowSeconds: windowSeconds };
	await n8n.importCredentials([
		{ id: 'benchHrEduframe', name: 'Eduframe (bench HR sync)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl, ...scaled } },
		{
			id: 'benchHrAccess',
			name: 'accessplanit (bench HR sync)',
			type: 'accessplanitApi',
			data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD, ...scaled },
		},
		{ id: 'benchHrEduHeader', name: 'Eduframe key as a header (bench)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${EDUFRAME_SANDBOX_KEY}` } },
		{ id: 'benchHrApHeader', name: 'accessplanit key as a header (bench)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${ACCESSPLANIT_API_KEY}` } },
	]);
	const rows: IDataObject[] = [];
	for (const vendor of ['eduframe', 'accessplanit'] as const) {
		for (const latency of latencies) {
			for (const sandbox of [sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit]) sandbox.latencyMs = latency;
			const data = prepare(vendor, sandboxes, sizes);
			const { sandbox } = data;
			const limiter = (sandbox as unknown as { limiter: { limit: number; windowMs: number; reset(): void } }).limiter;
			limiter.limit = limit;
			limiter.windowMs = windowSeconds * 1000;
			const ids = { preview: `benchHr${vendor.slice(0, 4)}Prev`, apply: `benchHr${vendor.slice(0, 4)}Appl`, http: `benchHr${vendor.slice(0, 4)}Http` };
			await n8n.importWorkflows([
				hrWorkflow(ids.preview, data.rows, syncNode(vendor, 'preview', data.labels, data.leavers)),
				hrWorkflow(ids.apply, data.rows, syncNode(vendor, 'apply', data.labels, data.leavers)),
				{ id: ids.http, name: `Bench ${ids.http}`, nodes: [trigger, httpNode(vendor, sandboxes)], connections: { Start: { main: [[{ node: 'Job', type: 'main', index: 0 }]] } } },
			]);
			const measure = async (workflowId: string, watchWrites = false) => {
				sandbox.resetStats();
				limiter.reset();
				const times: number[] = [];
				if (watchWrites) {
					sandbox.tamper = {
						before: (request) => {
							if (isWrite(request.method, request.path)) times.push(Date.now());
							return undefined;
						},
						after: (request) => {
							if (isWrite(request.method, request.path)) times.push(Date.now());
							return undefined;
						},
					};
				}
				try {
					const run = await n8n.execute(workflowId);
					const task = run.data.resultData.runData.Job?.[0];
					const items = (task?.data?.main?.[0] ?? []).map((item) => item.json);
					const writes = Object.entries(sandbox.stats.byRoute)
						.filter(([route]) => isWrite(route.split(' ')[0], route.split(' ')[1] ?? ''))
						.reduce((sum, [, n]) => sum + n, 0);
					const seconds = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
					return { error: task?.error?.message ?? run.data.resultData.error?.message, ms: task?.executionTime ?? 0, requests: sandbox.stats.requests, writes, refused: sandbox.stats.rateLimited, mostAtOnce: sandbox.stats.mostAtOnce, items, writeSeconds: seconds };
				} finally {
					sandbox.tamper = {};
				}
			};
			const http = await measure(ids.http);
			const preview = await measure(ids.preview);
			const apply = await measure(ids.apply, true);
			const again = await measure(ids.apply);
			const share = apply.writeSeconds ? rateUse(apply.writes, apply.writeSeconds, limit, windowSeconds) : undefined;
			const row = {
				vendor,
				latencyMs: latency,
				hrRows: data.rows.length,
				people: sizes.people,
				previewRequests: preview.requests,
				previewPages: data.pages,
				previewMs: preview.ms,
				httpRequests: http.requests,
				httpMs: http.ms,
				previewRatio: http.ms ? (preview.ms / http.ms).toFixed(2) : '-',
				previewActions: tally(preview.items, 'action'),
				applyRequests: apply.requests,
				applyLowerBound: data.lowerBound,
				applyWrites: apply.writes,
				applyMs: apply.ms,
				applyWriteSeconds: apply.writeSeconds.toFixed(1),
				applyShare: share?.share ?? '-',
				applyRefused: apply.refused,
				applyMostAtOnce: apply.mostAtOnce,
				applyActions: tally(apply.items, 'action'),
				applyResults: tally(apply.items, 'result'),
				againWrites: again.writes,
				againRequests: again.requests,
				againActions: tally(again.items, 'action'),
				limit: `${limit} per ${windowSeconds} s`,
				errors: [http.error, preview.error, apply.error, again.error].filter(Boolean),
			};
			process.stderr.write(`bench hr-sync: ${JSON.stringify(row)}\n`);
			rows.push(row);
		}
	}
	return rows;
}

/** The rows as Markdown tables, and the counts per action. */
export function printHrSync(rows: IDataObject[], version: string, print: (header: string[], lines: string[][]) => void): void {
	const first = rows[0];
	process.stdout.write(
		`\nUser → Sync From HR, n8n ${version}: ${String(first.hrRows)} HR rows against ${String(first.people)} people the sync manages (joiners, movers and leavers below), sandbox limit ${String(first.limit)}; one run each. Lower bound = list pages (Eduframe: and its user labels) + one write per change (an Eduframe leaver: the read of their log-ins, one delete per log-in and the label); accessplanit's sign-in, when n8n's kept token has expired, is one request more\n\n`,
	);
	print(
		['Vendor', 'Latency (ms)', 'Preview: requests', 'time (ms)', 'HTTP Request node: requests', 'time (ms)', 'Ratio preview / HTTP', 'Apply: requests', 'lower bound', 'writes', 'time (ms)', 'writing (s)', 'share of allowed rate', 'refused', 'Second apply: writes', 'requests'],
		rows.map((row) =>
			[row.vendor, row.latencyMs, row.previewRequests, row.previewMs, row.httpRequests, row.httpMs, row.previewRatio, row.applyRequests, row.applyLowerBound, row.applyWrites, row.applyMs, row.applyWriteSeconds, row.applyShare, row.applyRefused, row.againWrites, row.againRequests].map(String),
		),
	);
	process.stdout.write('\n');
	for (const row of rows) {
		process.stdout.write(
			`  ${String(row.vendor)} at ${String(row.latencyMs)} ms: preview ${JSON.stringify(row.previewActions)}; apply ${JSON.stringify(row.applyActions)}, results ${JSON.stringify(row.applyResults)}; second apply ${JSON.stringify(row.againActions)}${(row.errors as string[]).length ? `; errors: ${(row.errors as string[]).join(' | ')}` : ''}\n`,
		);
	}
}
