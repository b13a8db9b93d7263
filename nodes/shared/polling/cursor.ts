import type { IDataObject } from 'n8n-workflow';

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
	for (let page = 0; page < (options.maxPages ?? 1000); page++) {
		let batch: IDataObject[];
		try {
			batch = await options.fetchPage(current.since, skip);
		} catch (error) {
			return { records, cursor: current, error };
		}
		const selected = selectNewRecords(batch, current, options.accessors);
		records.push(...selected.records);
		const moved = selected.cursor.since !== undefined && selected.cursor.since !== current.since;
		current = { since: selected.cursor.since ?? current.since, boundaryIds: selected.cursor.boundaryIds };
		if (batch.length < options.pageSize) break;
		skip = moved ? 0 : skip + options.pageSize;
	}
	return { records, cursor: current };
}
