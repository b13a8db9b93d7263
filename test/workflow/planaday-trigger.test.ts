/** The Planaday Trigger's polling against the Planaday sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';
import { sharedPacer, transportSettings } from '../../nodes/shared';
import { PlanadaySandbox } from '../../sandbox/planaday/server';
import { moveClock, placeClock, restoreClock } from '../harness/clock';
import { pollContext, runPlanadaySoak } from '../harness/planaday-soak';
import { DURABLE_SCHEDULER_REPEATS } from '../harness/repeat-polls';

let sandbox: PlanadaySandbox;
beforeEach(async () => {
	sandbox = await new PlanadaySandbox({ courses: 200 }).start();
	sharedPacer.reset();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 2, maxDelayMs: 10 };
});
afterEach(async () => sandbox.stop());

const trigger = new PlanadayTrigger();
const all = { events: ['courseAdded', 'courseChanged', 'courseFull', 'placesOpened', 'courseRemoved'], daysAhead: 60, filters: {} };

/** The window (start, end as YYYYMMDD) of the last course list the trigger asked for. */
function lastWindow(): { start: string; end: string } {
	const list = [...sandbox.recent].reverse().find((line) => line.startsWith('GET /v1/course/list?'))!;
	const query = new URLSearchParams(list.slice(list.indexOf('?') + 1));
	return { start: query.get('start')!, end: query.get('end')! };
}
const inWindow = ({ start, end }: { start: string; end: string }) => sandbox.courses.filter((c) => String(c.start_date) >= start && String(c.start_date) <= end);

test('the first poll records the baseline and reports nothing; a test run returns a sample and keeps the snapshot', async () => {
	const state: IDataObject = {};
	const before = sandbox.today();
	expect(await trigger.poll.call(pollContext(sandbox, state, all))).toBeNull();
	const after = sandbox.today();
	const window = lastWindow();
	// The window starts on Planaday's day (Amsterdam) at the poll and runs 60 calendar days.
	expect([before, after]).toContain(window.start);
	expect(window.end).toBe(sandbox.today(60, window.start));
	const snapshot = JSON.stringify(state);
	expect(Object.keys(state.snapshot as object).sort()).toEqual(inWindow(window).map((c) => String(c.id)).sort());
	expect(Object.keys(state.snapshot as object).length).toBeGreaterThanOrEqual(sandbox.courses.length - 4);
	sandbox.addCourse(sandbox.today(3));
	const sample = await trigger.poll.call(pollContext(sandbox, state, all, 'manual'));
	expect(sample?.[0]).toHaveLength(1);
	expect(JSON.stringify(state)).toBe(snapshot);
	// The course names its template beside the template's ID.
	const course = sample![0][0].json.course as IDataObject;
	const template = sandbox.templates.find((entry) => entry.id === (course.coursetemplate as IDataObject).id)!;
	expect(course.coursetemplate).toMatchObject({ id: template.id, name: template.name });
});

test('a reported course names its template, from one read of the templates per poll', async () => {
	const state: IDataObject = {};
	const ctx = pollContext(sandbox, state, all);
	await trigger.poll.call(ctx);
	const added = [sandbox.addCourse(sandbox.today(2)), sandbox.addCourse(sandbox.today(3))];
	sandbox.resetStats();
	const out = (await trigger.poll.call(ctx))![0].map((item) => item.json);
	expect(out.map((item) => item.courseId).sort()).toEqual(added.map((course) => course.id).sort());
	for (const item of out) {
		const course = item.course as IDataObject;
		const template = sandbox.templates.find((entry) => entry.id === (course.coursetemplate as IDataObject).id)!;
		expect((course.coursetemplate as IDataObject).name).toBe(template.name);
	}
	expect(sandbox.recent.filter((line) => line.includes('/coursetemplate/'))).toHaveLength(1);
});

describe('Planaday days are Amsterdam days, counted on the calendar', () => {
	afterEach(() => restoreClock());
	const restart = async (instant: string) => {
		await sandbox.stop();
		placeClock(instant);
		sandbox = await new PlanadaySandbox({ courses: 200 }).start();
	};

	test('at 23:05 UTC, when Amsterdam is a day ahead, a course starting that day in Amsterdam is watched and one of the day before is not', async () => {
		await restart('2026-01-15T23:05:00Z');
		const yesterday = sandbox.addCourse('20260115');
		const today = sandbox.addCourse('20260116');
		const state: IDataObject = {};
		await trigger.poll.call(pollContext(sandbox, state, all));
		expect(lastWindow()).toEqual({ start: '20260116', end: '20260317' });
		const watched = Object.keys(state.snapshot as object);
		expect(watched).toContain(String(today.id));
		expect(watched).not.toContain(String(yesterday.id));
		// Every course the sandbox planned from its "today" is watched: the two agree on the day.
		expect(watched.length).toBe(sandbox.courses.length - 1);
	});

	test('when midnight passes in Amsterdam between two polls, the courses that started leave quietly and nothing is reported', async () => {
		await restart('2026-07-15T21:58:00Z');
		const state: IDataObject = {};
		const ctx = pollContext(sandbox, state, all);
		await trigger.poll.call(ctx);
		expect(lastWindow().start).toBe('20260715');
		moveClock(4);
		expect(await trigger.poll.call(ctx)).toBeNull();
		expect(lastWindow()).toEqual({ start: '20260716', end: '20260914' });
		const started = sandbox.courses.filter((c) => c.start_date === '20260715').map((c) => String(c.id));
		expect(started.length).toBe(4);
		for (const id of started) expect(Object.keys(state.snapshot as object)).not.toContain(id);
	});

	test.each([
		['the 25-hour day (summer time ends)', '2026-10-24T22:30:00Z', '20261025', '20261026', [60, 60, 60, 600]],
		['the eve of the 23-hour day (summer time starts)', '2026-03-28T22:30:00Z', '20260328', '20260329', [20]],
		['the 23-hour day itself', '2026-03-28T23:30:00Z', '20260329', '20260330', [60, 60, 60, 600]],
		['29 February', '2028-02-28T23:30:00Z', '20280229', '20280301', [60, 600]],
	])('on %s the window keeps its length: a course on its last day is neither dropped nor reported again', async (_day, instant, start, end, moves) => {
		await restart(instant);
		const state: IDataObject = {};
		const ctx = pollContext(sandbox, state, { ...all, daysAhead: 1 });
		await trigger.poll.call(ctx);
		expect(lastWindow()).toEqual({ start, end });
		const watched = Object.keys(state.snapshot as object).sort();
		expect(watched.length).toBe(8);
		for (const minutes of moves) {
			moveClock(minutes);
			expect(await trigger.poll.call(ctx)).toBeNull();
			expect(lastWindow()).toEqual({ start, end });
			expect(Object.keys(state.snapshot as object).sort()).toEqual(watched);
		}
	});
});

test('reports a course added, changed, filled, opened up and removed, each once', async () => {
	const state: IDataObject = {};
	const ctx = pollContext(sandbox, state, all);
	await trigger.poll.call(ctx);
	const added = sandbox.addCourse(sandbox.today(5));
	const [changed, filled, removed] = sandbox.courses.slice(10, 13);
	changed.status = 'concept';
	(filled.users as { available: number }).available = 0;
	sandbox.courses.splice(sandbox.courses.indexOf(removed), 1);
	const items = ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => item.json);
	const events = items.map((item) => `${String(item.event)}:${String(item.courseId)}`);
	expect(events.sort()).toEqual(
		[`courseAdded:${added.id}`, `courseChanged:${changed.id}`, `courseChanged:${filled.id}`, `courseFull:${filled.id}`, `courseRemoved:${removed.id}`].sort(),
	);
	// What a person reads: the course's days as 2026-12-07 and its places left, and what it was before in words.
	const day = (compact: unknown) => String(compact).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
	const full = items.find((item) => item.event === 'courseFull')!;
	expect(full.course).toMatchObject({ id: filled.id, start_date: day(filled.start_date), places_left: 0, full: true });
	expect(full.previous).toEqual({ status: filled.status, start_date: day(filled.start_date), places_left: expect.any(Number), places_max: (filled.users as { max: number }).max, dayparts: expect.any(Array) });
	expect((full.previous as IDataObject).places_left).toBeGreaterThan(0);
	expect(JSON.stringify(items)).not.toMatch(/"\d{8}"|"[sdamp]":/);
	expect(await trigger.poll.call(ctx)).toBeNull();
	(filled.users as { available: number }).available = 3;
	const opened = ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => String(item.json.event));
	expect(opened.sort()).toEqual(['courseChanged', 'placesOpened']);
});

test('a course that leaves the window is forgotten, not reported removed; only chosen events are put out', async () => {
	const state: IDataObject = {};
	const ctx = pollContext(sandbox, state, { ...all, events: ['courseRemoved'], daysAhead: 10 });
	await trigger.poll.call(ctx);
	const inside = sandbox.courses.find((c) => String(c.start_date) > sandbox.today(1))!;
	inside.start_date = '20991231';
	inside.status = 'concept';
	expect(await trigger.poll.call(ctx)).toBeNull();
	expect(Object.keys(state.snapshot as object)).not.toContain(String(inside.id));
});

test('soak: 60 polls with random changes and 10 % injected faults miss, repeat and invent nothing', async () => {
	const result = await runPlanadaySoak(sandbox, { polls: 60, faultRate: 0.1, seed: 7 });
	expect(result.expected).toBeGreaterThan(40);
	expect({ missed: result.missed, duplicated: result.duplicated, falseEvents: result.falseEvents }).toEqual({ missed: 0, duplicated: 0, falseEvents: 0 });
}, 120_000);

describe("n8n's durable scheduler: polls run twice, and states thrown away", () => {
	test('soak: every poll may run twice from the same state, run again after it was kept, or lose its state when it reported nothing; each event once', async () => {
		const result = await runPlanadaySoak(sandbox, { polls: 60, faultRate: 0.1, seed: 11, repeat: DURABLE_SCHEDULER_REPEATS });
		expect(result.expected).toBeGreaterThan(40);
		expect(result.repeats.reruns).toBeGreaterThan(10);
		expect(result.repeats.again).toBeGreaterThan(10);
		expect(result.repeats.dropped).toBeGreaterThan(3);
		expect({ missed: result.missed, duplicated: result.duplicated, falseEvents: result.falseEvents }).toEqual({ missed: 0, duplicated: 0, falseEvents: 0 });
	}, 120_000);

	test("two polls at once on the same static data (n8n's legacy engine: a cron tick while the last poll still reads) report a change once", async () => {
		const state: IDataObject = {};
		const ctx = pollContext(sandbox, state, all);
		await trigger.poll.call(ctx);
		const [course, removed] = sandbox.courses.filter((c) => String(c.start_date) > sandbox.today(2) && String(c.start_date) < sandbox.today(30));
		course.status = course.status === 'active' ? 'concept' : 'active';
		// A removed course is asked for on its own after the comparison, so both polls compare before either keeps its snapshot.
		sandbox.courses.splice(sandbox.courses.indexOf(removed), 1);
		sandbox.latencyMs = 40;
		const [first, second] = await Promise.all([trigger.poll.call(ctx), trigger.poll.call(ctx)]);
		sandbox.latencyMs = 0;
		const events = [...(first?.[0] ?? []), ...(second?.[0] ?? [])].map((item) => `${String(item.json.event)}:${String(item.json.courseId)}`);
		expect(events.sort()).toEqual([`courseChanged:${course.id}`, `courseRemoved:${removed.id}`].sort());
		expect(await trigger.poll.call(ctx)).toBeNull();
		expect(Object.keys(state)).toEqual(['snapshot']);
	});
});
