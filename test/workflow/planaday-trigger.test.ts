/** The Planaday Trigger's polling against the Planaday sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';
import { sharedPacer, transportSettings } from '../../nodes/shared';
import { PlanadaySandbox } from '../../sandbox/planaday/server';
import { pollContext, runPlanadaySoak } from '../harness/planaday-soak';

let sandbox: PlanadaySandbox;
beforeEach(async () => {
	sandbox = await new PlanadaySandbox({ courses: 200 }).start();
	sharedPacer.reset();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 2, maxDelayMs: 10 };
});
afterEach(async () => sandbox.stop());

const trigger = new PlanadayTrigger();
const all = { events: ['courseAdded', 'courseChanged', 'courseFull', 'placesOpened', 'courseRemoved'], daysAhead: 60, filters: {} };

test('the first poll records the baseline and reports nothing; a test run returns a sample and keeps the snapshot', async () => {
	const state: IDataObject = {};
	expect(await trigger.poll.call(pollContext(sandbox, state, all))).toBeNull();
	const snapshot = JSON.stringify(state);
	expect(Object.keys(state.snapshot as object).length).toBe(sandbox.courses.length - 0);
	sandbox.addCourse(new Date(Date.now() + 3 * 86_400_000));
	const sample = await trigger.poll.call(pollContext(sandbox, state, all, 'manual'));
	expect(sample?.[0]).toHaveLength(1);
	expect(JSON.stringify(state)).toBe(snapshot);
});

test('reports a course added, changed, filled, opened up and removed, each once', async () => {
	const state: IDataObject = {};
	const ctx = pollContext(sandbox, state, all);
	await trigger.poll.call(ctx);
	const added = sandbox.addCourse(new Date(Date.now() + 5 * 86_400_000));
	const [changed, filled, removed] = sandbox.courses.slice(10, 13);
	changed.status = 'concept';
	(filled.users as { available: number }).available = 0;
	sandbox.courses.splice(sandbox.courses.indexOf(removed), 1);
	const events = ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => `${String(item.json.event)}:${String(item.json.courseId)}`);
	expect(events.sort()).toEqual(
		[`courseAdded:${added.id}`, `courseChanged:${changed.id}`, `courseChanged:${filled.id}`, `courseFull:${filled.id}`, `courseRemoved:${removed.id}`].sort(),
	);
	expect(await trigger.poll.call(ctx)).toBeNull();
	(filled.users as { available: number }).available = 3;
	const opened = ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => String(item.json.event));
	expect(opened.sort()).toEqual(['courseChanged', 'placesOpened']);
});

test('a course that leaves the window is forgotten, not reported removed; only chosen events are put out', async () => {
	const state: IDataObject = {};
	const ctx = pollContext(sandbox, state, { ...all, events: ['courseRemoved'], daysAhead: 10 });
	await trigger.poll.call(ctx);
	const inside = sandbox.courses.find((c) => Number(String(c.start_date)) > Number(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')))!;
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
