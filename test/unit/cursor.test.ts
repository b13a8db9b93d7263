import type { IDataObject } from 'n8n-workflow';

import { drainSince, selectNewRecords, type PollCursor } from '../../nodes/shared';

const accessors = { time: (r: IDataObject) => r.t as string, id: (r: IDataObject) => String(r.id) };
const rec = (id: number, t: string) => ({ id, t });

describe('polling cursor', () => {
	test('emits records after the bound, oldest first, and advances to the last one', () => {
		const cursor: PollCursor = { since: '2026-01-01T00:00:00.000Z', boundaryIds: [] };
		const result = selectNewRecords([rec(2, '2026-01-01T00:00:02Z'), rec(1, '2026-01-01T00:00:01Z')], cursor, accessors);
		expect(result.records.map((r) => r.id)).toEqual([1, 2]);
		expect(result.cursor).toEqual({ since: '2026-01-01T00:00:02Z', boundaryIds: ['2'] });
	});

	test('a record at the bound is emitted once: the inclusive query finds it again, the boundary ids drop it', () => {
		const first = selectNewRecords([rec(1, '2026-01-01T00:00:05Z')], { since: '2026-01-01T00:00:00Z', boundaryIds: [] }, accessors);
		// The next poll (>= since) sees record 1 again plus record 2 written in the same second.
		const second = selectNewRecords([rec(1, '2026-01-01T00:00:05Z'), rec(2, '2026-01-01T00:00:05Z')], first.cursor, accessors);
		expect(second.records.map((r) => r.id)).toEqual([2]);
		expect(second.cursor.boundaryIds.sort()).toEqual(['1', '2']);
		const third = selectNewRecords([rec(1, '2026-01-01T00:00:05Z'), rec(2, '2026-01-01T00:00:05Z')], second.cursor, accessors);
		expect(third.records).toEqual([]);
	});

	test('the cursor moves only past emitted records when a cap applies', () => {
		const records = [rec(1, '2026-01-01T00:00:01Z'), rec(2, '2026-01-01T00:00:02Z'), rec(3, '2026-01-01T00:00:03Z')];
		const capped = selectNewRecords(records, { since: '2026-01-01T00:00:00Z', boundaryIds: [] }, accessors, 2);
		expect(capped.records.map((r) => r.id)).toEqual([1, 2]);
		const rest = selectNewRecords(records, capped.cursor, accessors);
		expect(rest.records.map((r) => r.id)).toEqual([3]);
	});
});

describe('drainSince (keyset reading for polling triggers)', () => {
	const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}`;
	/** A store answering `time >= since`, oldest first then by id, `skip` and a page of 3. */
	const store = (records: Array<{ id: number; t: string }>) => ({
		records,
		requests: [] as Array<{ since: string; skip: number }>,
		async page(since: string, skip: number) {
			this.requests.push({ since, skip });
			return this.records
				.filter((r) => r.t >= since)
				.sort((a, b) => a.t.localeCompare(b.t) || a.id - b.id)
				.slice(skip, skip + 3)
				.map((r) => ({ ...r })); // an answer is a copy, as from a server
		},
	});

	test('moves the bound page by page; only a page all at the bound is passed with skip', async () => {
		const s = store([rec(1, at(1)), rec(2, at(2)), rec(3, at(2)), rec(4, at(2)), rec(5, at(2)), rec(6, at(3)), rec(7, at(4))]);
		const result = await drainSince({ since: at(0), boundaryIds: [] }, { pageSize: 3, accessors, fetchPage: (since, skip) => s.page(since, skip) });
		expect(result.records.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(s.requests).toEqual([
			{ since: at(0), skip: 0 },
			{ since: at(2), skip: 0 },
			{ since: at(2), skip: 3 },
			{ since: at(4), skip: 0 },
		]);
		expect(result.cursor).toEqual({ since: at(4), boundaryIds: ['7'] });
	});

	test('a record changed while pages are read moves to the end and is still read; nothing is read twice', async () => {
		const s = store([rec(1, at(1)), rec(2, at(2)), rec(3, at(3)), rec(4, at(4)), rec(5, at(5)), rec(6, at(6))]);
		const fetchPage = async (since: string, skip: number) => {
			const page = await s.page(since, skip);
			if (s.requests.length === 1) s.records[1].t = at(9); // record 2 changes after the first page was read
			return page;
		};
		const result = await drainSince({ since: at(0), boundaryIds: [] }, { pageSize: 3, accessors, fetchPage });
		expect(result.records.map((r) => `${String(r.id)}@${String(r.t)}`)).toEqual([`1@${at(1)}`, `2@${at(2)}`, `3@${at(3)}`, `4@${at(4)}`, `5@${at(5)}`, `6@${at(6)}`, `2@${at(9)}`]);
	});

	test('a failing page returns what came before it, with the bound moved only that far', async () => {
		const s = store([rec(1, at(1)), rec(2, at(2)), rec(3, at(3)), rec(4, at(4))]);
		let calls = 0;
		const fetchPage = async (since: string, skip: number) => {
			if (++calls === 2) throw new Error('unavailable');
			return await s.page(since, skip);
		};
		const result = await drainSince({ since: at(0), boundaryIds: [] }, { pageSize: 3, accessors, fetchPage });
		expect(result.records.map((r) => r.id)).toEqual([1, 2, 3]);
		expect(result.cursor).toEqual({ since: at(3), boundaryIds: ['3'] });
		expect((result.error as Error).message).toBe('unavailable');
	});
});
