/**
 * Polls run the way n8n's durable scheduler may run them (see nodes/shared/polling/cursor.ts):
 * each poll works on a copy of the node's static data, and the copy is kept (committed) or not.
 *
 * - `rerun`: a run whose result and state are thrown away (its lease lapsed, or it crashed before
 *   committing), then the same poll again from the same state; the second one counts.
 * - `again`: after a poll was committed, the task runs once more (a crash after the commit, before
 *   the task was marked done), from the committed state; what it emits counts too.
 * - `dropIdle`: a poll that emitted nothing loses its state, as n8n does when it saves static data
 *   only on emit (its scheduler without durable cursors; a restart of its legacy engine).
 */
import type { IDataObject } from 'n8n-workflow';

export interface RepeatOptions {
	/** Share of polls run twice (`rerun` and `again` are each drawn with it). */
	rate: number;
	rerun?: boolean;
	again?: boolean;
	dropIdle?: boolean;
	random: () => number;
}

export interface RepeatCounts {
	reruns: number;
	again: number;
	dropped: number;
}

/** Everything n8n's durable scheduler may do to a poll, each for half the polls (the soaks' setting). */
export const DURABLE_SCHEDULER_REPEATS = { rate: 0.5, rerun: true, again: true, dropIdle: true } as const;

export const newRepeatCounts = (): RepeatCounts => ({ reruns: 0, again: 0, dropped: 0 });

const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

/**
 * One poll under `options`: `poll` is called with the static data to use; `holder.state` is the
 * committed state, replaced when a run is kept. Returns what the kept runs emitted.
 */
export async function repeatablePoll<T>(
	holder: { state: IDataObject },
	poll: (staticData: IDataObject) => Promise<T[] | null>,
	options: RepeatOptions | undefined,
	counts: RepeatCounts,
): Promise<T[] | null> {
	if (!options) return await poll(holder.state);
	const before = copy(holder.state);
	if (options.rerun && options.random() < options.rate) {
		counts.reruns++;
		try {
			await poll(copy(before)); // emitted nothing that counts, kept nothing
		} catch {
			// a failed first run changes nothing either
		}
	}
	const working = copy(before);
	const emitted = await poll(working); // a failure keeps the state as it was
	if (emitted === null && options.dropIdle) {
		counts.dropped++;
	} else {
		holder.state = working;
	}
	if (!options.again || options.random() >= options.rate) return emitted;
	counts.again++;
	const next = copy(holder.state);
	let more: T[] | null = null;
	try {
		more = await poll(next);
	} catch {
		return emitted;
	}
	if (more !== null || !options.dropIdle) holder.state = next;
	return more === null ? emitted : [...(emitted ?? []), ...more];
}
