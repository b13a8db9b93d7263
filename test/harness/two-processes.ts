/**
 * Two separate n8n processes (regular mode, two user folders, `n8n execute` each) writing under one
 * vendor credential at the same moment: what the vendor sees when several n8n processes share a key.
 * Used by test/e2e/shared-limit.e2e.test.ts and the `shared-limit` bench job.
 */
import type { IDataObject, INode, IRun } from 'n8n-workflow';

import type { Sandboxes } from '../../sandbox';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { nodeItems, RealN8n } from './real-n8n';

export type SharedLimitVendor = 'eduframe' | 'planaday';

export interface SharedLimitOptions {
	vendor: SharedLimitVendor;
	/** The credential's "n8n Processes Sharing This Key". */
	processesSetting: number;
	/** The vendor's limit for the account, set in the sandbox (and, for Eduframe, in the credential). */
	limit: number;
	windowMs: number;
	/** Items each process writes (one request each). */
	perProcess: number;
	/** How long after the imports both executions start writing (both n8n processes must have started by then). */
	startAfterMs?: number;
}

export interface SharedLimitResult {
	vendor: SharedLimitVendor;
	processesSetting: number;
	limit: number;
	windowSeconds: number;
	items: number;
	/** Items that came out of the nodes without an error. */
	written: number;
	/** Records the sandbox holds afterwards that the two runs made (a write sent twice shows here). */
	recordsMade: number;
	/** Requests the vendor refused for the limit (Eduframe and accessplanit 429, Planaday 503). */
	refused: number;
	accepted: number;
	/** The most requests accepted in any span of one window (a sliding count, stricter than the sandbox's fixed one). */
	busiestWindow: number;
	/** ms between the two executions' first write. */
	startSpreadMs: number;
	/** ms the later execution started writing after the agreed moment (its n8n took longer to start). */
	lateStartMs: number;
	seconds: number;
	/**
	 * The rate kept up, as a share of the vendor's limit: requests accepted before the vendor's last
	 * (fixed, as the sandbox counts it) window, per window length, over the limit. 1 is the full rate.
	 */
	shareOfAllowedRate: number;
	/** Fixed windows the vendor counted (the last one partly filled). */
	windows: number;
}

const trigger: INode = { id: 'm0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

export class TwoProcesses {
	private constructor(
		readonly sandboxes: Sandboxes,
		readonly n8n: [RealN8n, RealN8n],
	) {}

	static async create(sandboxes: Sandboxes, version = '2.40.7'): Promise<TwoProcesses> {
		const n8n: [RealN8n, RealN8n] = [await RealN8n.create(version), await RealN8n.create(version)];
		// A first run in a new user folder sets up n8n's database: done once here, so both runs start on time.
		await Promise.all(
			n8n.map(async (instance) => {
				await instance.importWorkflows([{ id: 'sharedWarmUp0001', name: 'Warm up', nodes: [trigger], connections: {} }]);
				await instance.execute('sharedWarmUp0001');
			}),
		);
		return new TwoProcesses(sandboxes, n8n);
	}

	cleanup(): void {
		for (const n8n of this.n8n) n8n.cleanup();
	}

	async run(options: SharedLimitOptions): Promise<SharedLimitResult> {
		const { vendor, limit, windowMs } = options;
		const sandbox = this.sandboxes[vendor];
		const tag = `${vendor}${options.processesSetting}${Date.now().toString(36)}`;
		const credential =
			vendor === 'eduframe'
				? { id: 'sharedEduframe01', name: 'Eduframe (shared)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: this.sandboxes.eduframe.baseUrl, rateLimitRequests: limit, rateLimitWindowSeconds: windowMs / 1000, rateLimitProcesses: options.processesSetting } }
				: { id: 'sharedPlanaday01', name: 'Planaday (shared)', type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: this.sandboxes.planaday.baseUrl, rateLimitProcesses: options.processesSetting } };
		const workflowId = (index: number) => `shared${index}${tag}`.slice(0, 16).padEnd(16, '0');
		const ids = [workflowId(0), workflowId(1)];
		await Promise.all(this.n8n.map((n8n) => n8n.importCredentials([credential])));
		// Both executions wait (n8n's Wait node, in memory under 65 s) until the same moment, then write.
		const startAt = new Date(Date.now() + (options.startAfterMs ?? 30_000)).toISOString();
		await Promise.all(this.n8n.map((n8n, index) => n8n.importWorkflows([writeWorkflow(ids[index], vendor, index, tag, options.perProcess, startAt, credential.id)])));

		const accepted: number[] = [];
		let refused = 0;
		const limiter = sandbox.limiter;
		const before = { limit: limiter.limit, windowMs: limiter.windowMs, hit: limiter.hit };
		limiter.limit = limit;
		limiter.windowMs = windowMs;
		limiter.reset();
		limiter.hit = (key: string, now?: number) => {
			const verdict = before.hit.call(limiter, key, now);
			if (verdict.allowed) accepted.push(Date.now());
			else refused++;
			return verdict;
		};
		const recordsBefore = records(this.sandboxes, vendor, tag);
		let runs: IRun[];
		try {
			runs = await Promise.all(this.n8n.map((n8n, index) => n8n.execute(ids[index])));
		} finally {
			limiter.hit = before.hit;
			limiter.limit = before.limit;
			limiter.windowMs = before.windowMs;
			limiter.reset();
		}
		const outputs = runs.map((run) => nodeItems(run.data, 'Job'));
		const starts = runs.map((run) => run.data.resultData.runData.Job?.[0]?.startTime ?? 0);
		const span = accepted.length > 1 ? accepted[accepted.length - 1] - accepted[0] : 0;
		// The sandbox's fixed windows: one starts at the first request after the previous one ended.
		const windowStarts: number[] = [];
		for (const t of accepted) if (!windowStarts.length || t - windowStarts[windowStarts.length - 1] >= windowMs) windowStarts.push(t);
		const lastStart = windowStarts[windowStarts.length - 1] ?? 0;
		const beforeLast = accepted.filter((t) => t < lastStart).length;
		return {
			vendor,
			processesSetting: options.processesSetting,
			limit,
			windowSeconds: windowMs / 1000,
			items: 2 * options.perProcess,
			written: outputs.flat().filter((item: IDataObject) => !item.error).length,
			recordsMade: records(this.sandboxes, vendor, tag) - recordsBefore,
			refused,
			accepted: accepted.length,
			busiestWindow: Math.max(0, ...accepted.map((t) => accepted.filter((s) => s > t - windowMs && s <= t).length)),
			startSpreadMs: Math.abs(starts[0] - starts[1]),
			lateStartMs: Math.max(0, Math.max(...starts) - Date.parse(startAt)),
			seconds: Number((span / 1000).toFixed(1)),
			shareOfAllowedRate: windowStarts.length > 1 ? Number(((beforeLast / (lastStart - windowStarts[0])) * (windowMs / limit)).toFixed(3)) : 0,
			windows: windowStarts.length,
		};
	}
}

/** Records made by the runs tagged `tag` (users by e-mail, students by last name). */
function records(sandboxes: Sandboxes, vendor: SharedLimitVendor, tag: string): number {
	if (vendor === 'eduframe') return sandboxes.eduframe.tables.users.filter((user) => String(user.email).includes(tag)).length;
	return sandboxes.planaday.students.filter((student) => String(student.last_name).includes(tag)).length;
}

function writeWorkflow(id: string, vendor: SharedLimitVendor, index: number, tag: string, count: number, startAt: string, credentialId: string): IDataObject {
	const people = Array.from({ length: count }, (_, i) => ({ first: 'Shared', last: `${tag} p${index} ${i}`, email: `${tag}.p${index}.${i}@acme.example` }));
	// Eduframe makes users, Planaday students, from the same people.
	const [resource, credentialName] = vendor === 'eduframe' ? ['user', 'Eduframe (shared)'] : ['student', 'Planaday (shared)'];
	const job: INode = {
		id: 'm4',
		name: 'Job',
		type: `n8n-nodes-training-systems.${vendor}`,
		typeVersion: 1,
		position: [800, 0],
		parameters: { resource, operation: 'create', first_name: '={{ $json.first }}', last_name: '={{ $json.last }}', email: '={{ $json.email }}' },
		credentials: { [`${vendor}Api`]: { id: credentialId, name: credentialName } },
		onError: 'continueRegularOutput',
	};
	return {
		id,
		name: `Shared limit ${vendor} process ${index + 1}`,
		nodes: [
			trigger,
			{ id: 'm1', name: 'Together', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [200, 0], parameters: { resume: 'specificTime', dateTime: startAt } },
			{ id: 'm2', name: 'People', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [400, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ people }), options: {} } },
			{ id: 'm3', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [600, 0], parameters: { fieldToSplitOut: 'people', options: {} } },
			job,
		],
		connections: {
			Start: { main: [[{ node: 'Together', type: 'main', index: 0 }]] },
			Together: { main: [[{ node: 'People', type: 'main', index: 0 }]] },
			People: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Job', type: 'main', index: 0 }]] },
		},
	};
}
