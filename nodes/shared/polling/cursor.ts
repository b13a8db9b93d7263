import type { IDataObject } from 'n8n-workflow';

/*
 * How n8n runs a poll, and so what the triggers must survive (read from the installed n8n 2.40.7 and
 * 1.123.5: n8n-core `execution-engine/poll-trigger-executor.js` and `active-workflow-triggers.js`
 * (1.123.5: `active-workflows.js`); n8n `workflows/triggers/trigger-execution-context.factory.js`,
 * `workflows/triggers/poll-cursor.service.js`, `scheduling/poll-trigger-node/poll-trigger-task-handler.js`;
 * `@n8n/db` `repositories/poller-state.repository.js`; `@n8n/scheduler`'s README):
 *
 * - Legacy engine (1.123.5 always; 2.40.7 unless N8N_SCHEDULER_ENABLED, N8N_SCHEDULER_POLL_TRIGGERS_ENABLED
 *   and N8N_USE_WORKFLOW_PUBLICATION_SERVICE are all on): one Workflow object per activation, so every
 *   poll mutates the same in-memory static data. A poll runs on activation (its state is saved with
 *   the activation), then on a cron whose tick does not wait for the previous poll: a slow poll and
 *   the next one can run at once on the same object. Static data is written to the database only
 *   when a poll emits (not awaited), so a restart goes back to the last poll that emitted.
 * - Durable scheduler without durable cursors: each poll is a task with a lease that loads the
 *   workflow, static data included, from the database, so a poll that emits nothing loses its state,
 *   every time. A task whose lease lapses (crash, stall) runs again from the same saved state,
 *   possibly while the first run still goes. A poll longer than N8N_SCHEDULER_POLL_TIMEOUT (45 s)
 *   is abandoned: nothing is emitted or kept, and the next poll repeats the window.
 * - Durable cursors (N8N_POLLER_DURABLE_CURSORS_ENABLED with the three flags above; ignored, with a
 *   warning, without them): the node's static data is a deep copy of its row in `poller_state`
 *   (seeded once from the static data). A poll that emits commits its copy in the transaction that
 *   creates the execution; one that emits nothing commits it alone; both only while the task holds
 *   its lease (taskId + leaseEpoch fence), so of two runs from one state one is kept and the other
 *   emits nothing. The poll run on activation is not fenced and its copy is not committed when it
 *   emits nothing: the baseline is then the first scheduled poll's. `getPollBudgetMs()` (2.40.7
 *   only) says how long a poll may take before it is abandoned.
 *
 * So a trigger keeps everything it needs in the node's static data, takes it as possibly stale (an
 * older state may come back) and is a function of that state and the vendor's data: run twice from
 * one state it gives the same events, of which n8n keeps one run. Its cursors move only past what it
 * emitted or will find again, so a state that was thrown away is caught up by reading again.
 */

/**
 * A polling cursor: an inclusive lower bound on a record time plus the ids already emitted at
 * exactly that time. Querying `time >= since` never misses a record written in the same second
 * as the last one emitted, and the boundary ids stop that record from being emitted twice.
 */
export interface PollCursor {
	/** Inclusive lower bound for the next query (ISO 8601), or undefined before the first poll. */
	since?: string;
	/** Ids emitted whose time equals `since`. */
	boundaryIds: string[];
}

export interface CursorAccessors {
	/** The record's time as ISO 8601 (or anything `Date.parse` reads). */
	time(record: IDataObject): string | undefined;
	id(record: IDataObject): string;
}

function toMs(value: string | undefined): number {
	const ms = value === undefined ? NaN : Date.parse(value);
	return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * Picks the records not yet emitted, oldest first, and the cursor that follows once they are.
 * The cursor moves only as far as the records it returns: records the caller does not emit
 * (limit reached, poll failed) are found again next time.
 */
export function selectNewRecords(
	records: IDataObject[],
	cursor: PollCursor,
	accessors: CursorAccessors,
	maxRecords = Infinity,
): { records: IDataObject[]; cursor: PollCursor } {
	const sinceMs = toMs(cursor.since);
	const boundary = new Set(cursor.boundaryIds);
	const fresh = records
		.filter((record) => {
			const ms = toMs(accessors.time(record));
			if (ms === -Infinity) return false;
			if (ms > sinceMs) return true;
			return ms === sinceMs && !boundary.has(accessors.id(record));
		})
		.sort((a, b) => toMs(accessors.time(a)) - toMs(accessors.time(b)));

	// Deduplicate inside the page (the same record listed twice by an unstable sort).
	const unique: IDataObject[] = [];
	const ids = new Set<string>();
	for (const record of fresh) {
		const id = accessors.id(record);
		if (ids.has(id)) continue;
		ids.add(id);
		unique.push(record);
	}
	const emitted = unique.slice(0, maxRecords);
	if (emitted.length === 0) return { records: [], cursor: { since: cursor.since, boundaryIds: [...cursor.boundaryIds] } };

	const last = accessors.time(emitted[emitted.length - 1]) as string;
	const lastMs = toMs(last);
	const atBoundary = emitted.filter((record) => toMs(accessors.time(record)) === lastMs).map(accessors.id);
	const boundaryIds = lastMs === sinceMs ? [...new Set([...cursor.boundaryIds, ...atBoundary])] : atBoundary;
	// The bound stays in the vendor's own form (zone and precision as it writes them), so the next query compares like with like.
	return { records: emitted, cursor: { since: lastMs === sinceMs && cursor.since !== undefined ? cursor.since : last, boundaryIds } };
}

/** Static-data helpers: the cursor lives in the workflow's static data under one key. */
export function readCursor(staticData: IDataObject, key = 'cursor'): PollCursor {
	const stored = staticData[key] as PollCursor | undefined;
	return { since: stored?.since, boundaryIds: Array.isArray(stored?.boundaryIds) ? [...stored.boundaryIds] : [] };
}

export function writeCursor(staticData: IDataObject, cursor: PollCursor, key = 'cursor'): void {
	staticData[key] = { since: cursor.since, boundaryIds: cursor.boundaryIds } as unknown as IDataObject;
}

export interface DrainOptions {
	/** Reads one page: records whose time is at or after `since`, oldest first (ties in a stable order), skipping `skip`. */
	fetchPage(since: string, skip: number): Promise<IDataObject[]>;
	pageSize: number;
	accessors: CursorAccessors;
	/** A guard against a vendor that never ends a list. */
	maxPages?: number;
	/** Asked before each page once new records were read: true stops reading, and the rest is read next time. */
	shouldStop?: () => boolean;
}

/**
 * Reads everything new since the cursor by keyset: each page is asked for `time >= since`, and
 * the cursor moves to the last record of every full page, so records that change while pages are
 * read (and move to the end) are never skipped. Only a page whose records all share the cursor's
 * time is passed with `skip`. When a page fails, what was read before it is returned with the
 * cursor moved only that far and `error` says why (the caller throws when nothing was read), so
 * a stubborn failure never blocks the records before it and nothing is lost: the rest is read
 * again next time.
 */
export async function drainSince(
	cursor: PollCursor & { since: string },
	options: DrainOptions,
): Promise<{ records: IDataObject[]; cursor: PollCursor; error?: unknown }> {
	let current: PollCursor & { since: string } = { since: cursor.since, boundaryIds: [...cursor.boundaryIds] };
	const records: IDataObject[] = [];
	let skip = 0;
	let previousPage = '';
	for (let page = 0; page < (options.maxPages ?? 1000); page++) {
		// Only once something new was read, so a poll cut short still moves on (also past a stamp shared by more than a page).
		if (records.length > 0 && options.shouldStop?.()) break;
		let batch: IDataObject[];
		try {
			batch = await options.fetchPage(current.since, skip);
		} catch (error) {
			return { records, cursor: current, error };
		}
		// A vendor that answers a later page with the page before (it ignores where to start) makes no
		// progress: what was read so far is kept, and the rest is not asked for again and again.
		const thisPage = batch.map((record) => options.accessors.id(record)).join('\u0000');
		if (batch.length > 0 && thisPage === previousPage) {
			return { records, cursor: current, error: new Error('The vendor sent the same page again when asked for the next one; the rest is read at the next poll') };
		}
		previousPage = thisPage;
		const selected = selectNewRecords(batch, current, options.accessors);
		records.push(...selected.records);
		const moved = selected.cursor.since !== undefined && selected.cursor.since !== current.since;
		current = { since: selected.cursor.since ?? current.since, boundaryIds: selected.cursor.boundaryIds };
		if (batch.length < options.pageSize) break;
		skip = moved ? 0 : skip + options.pageSize;
	}
	return { records, cursor: current };
}

/**
 * A stop for a long drain: true once most of the time n8n gives a poll has passed (n8n 2.40.7's
 * `getPollBudgetMs`; older n8n has none and no limit), so the poll returns what it read instead of
 * being abandoned with its window read again, every time.
 */
export function pollBudget(ctx: object, share = 0.6): () => boolean {
	const budgetOf = (ctx as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof budgetOf === 'function' ? Number(budgetOf.call(ctx)) : NaN;
	if (!Number.isFinite(budget) || budget <= 0) return () => false;
	const started = Date.now();
	return () => Date.now() - started > budget * share;
}

const RUNNING = 'pollRunningSince';

/**
 * Runs a poll unless another poll of the same node is running on the same static data (n8n's legacy
 * engine starts a poll on every cron tick, also while the previous one is still reading): the later
 * one reports nothing and leaves the state to the running one, which would otherwise report the same
 * records again. The mark is removed before the poll returns, so it is never part of a committed
 * state; one left by a crash counts for `leaseMs` only.
 */
export async function exclusivePoll<T>(staticData: IDataObject, poll: () => Promise<T | null>, leaseMs = 15 * 60_000): Promise<T | null> {
	const now = Date.now();
	const since = Number(staticData[RUNNING]);
	if (Number.isFinite(since) && since > 0 && since <= now && now - since < leaseMs) return null;
	staticData[RUNNING] = now;
	try {
		return await poll();
	} finally {
		delete staticData[RUNNING];
	}
}
