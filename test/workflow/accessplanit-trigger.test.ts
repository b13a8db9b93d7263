/** The accessplanit Trigger's polling against the accessplanit sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import type { AccessplanitEvent } from '../../nodes/Accessplanit/trigger/events';
import { sharedPacer, transportSettings } from '../../nodes/shared';
import { AccessplanitSandbox } from '../../sandbox/accessplanit/server';
import { accessplanitPollContext, runAccessplanitSoak } from '../harness/accessplanit-soak';
import { placeClock, restoreClock } from '../harness/clock';
import { DURABLE_SCHEDULER_REPEATS } from '../harness/repeat-polls';

let sandbox: AccessplanitSandbox;
beforeEach(async () => {
	sandbox = await new AccessplanitSandbox({ users: 300 }).start();
	sharedPacer.reset();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 2, maxDelayMs: 10 };
});
afterEach(async () => sandbox.stop());

const trigger = new AccessplanitTrigger();
const poller = (event: AccessplanitEvent, filters: IDataObject = {}, state: IDataObject = {}) => {
	const ctx = accessplanitPollContext(sandbox, state, { event, filters });
	return { state, poll: async () => ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => item.json) };
};
const ids = (records: Array<{ ID?: unknown }>) => records.map((r) => String(r.ID));

test('the first poll records a baseline and reports nothing; a test run returns a sample and leaves the cursor alone', async () => {
	const { state, poll } = poller('userCreated');
	expect(await poll()).toEqual([]);
	const cursor = JSON.stringify(state);
	const newest = [...sandbox.modules.User].sort((a, b) => String(b.DateCreated).localeCompare(String(a.DateCreated)))[0];
	expect(cursor).toContain(String(newest.DateCreated));
	const sample = await trigger.poll.call(accessplanitPollContext(sandbox, state, { event: 'userCreated', filters: {} }, 'manual'));
	expect(sample?.[0]).toHaveLength(1);
	expect(sample?.[0][0].json).toMatchObject({ event: 'userCreated', ID: newest.ID });
	expect(JSON.stringify(state)).toBe(cursor);
	expect(await poll()).toEqual([]);
	// No user was ever updated: the sample is the newest user, so its fields can still be mapped.
	const updatedSample = await trigger.poll.call(accessplanitPollContext(sandbox, {}, { event: 'userUpdated', filters: {} }, 'manual'));
	expect(updatedSample?.[0].map((item) => item.json.ID)).toEqual([[...sandbox.modules.User].sort((a, b) => String(b.DateUpdated).localeCompare(String(a.DateUpdated)))[0].ID]);
});

test('in British Summer Time a course that started in the UK half an hour ago takes no more requests; one starting in half an hour does', async () => {
	// 08:30 UTC is 09:30 in the UK: a course at 09:00 UK time has started, one at 10:00 has not.
	placeClock('2026-07-01T08:30:00Z');
	try {
		const { poll } = poller('courseRequestAwaitingApproval');
		expect(await poll()).toEqual([]);
		const started = sandbox.create('CourseDate', { CourseTemplateID: 1, Name: 'Started at nine', StartDate: '2026-07-01T09:00:00', EndDate: '2026-07-01T17:00:00', Status: 'Available', CompanyID: sandbox.modules.Company[0].ID });
		const later = sandbox.create('CourseDate', { CourseTemplateID: 1, Name: 'Starts at ten', StartDate: '2026-07-01T10:00:00', EndDate: '2026-07-01T17:00:00', Status: 'Available', CompanyID: sandbox.modules.Company[0].ID });
		sandbox.create('UserCourseDate', sandbox.delegateFields(sandbox.modules.User[60], started, 'Provisional'));
		const request = sandbox.create('UserCourseDate', sandbox.delegateFields(sandbox.modules.User[61], later, 'Provisional'));
		expect(ids(await poll())).toEqual([String(request.ID)]);
	} finally {
		restoreClock();
	}
});

test('every event of the HR guide is reported once', async () => {
	const events: AccessplanitEvent[] = [
		'userCreated', 'userUpdated', 'delegateRegistered', 'delegateChanged', 'delegateUpdated', 'courseRequestAwaitingApproval', 'delegateCompleted', 'userTargetedForAward', 'courseDateChanged', 'invoiceChanged',
	];
	const pollers = Object.fromEntries(events.map((event) => [event, poller(event)]));
	for (const event of events) expect(await pollers[event].poll()).toEqual([]);

	const [user] = sandbox.addUsers(1);
	const changed = sandbox.modules.User[10];
	sandbox.update(changed, { JobTitle: 'Nurse Manager' });
	// Course times are the platform's UK wall clock.
	const future = sandbox.modules.CourseDate.find((c) => String(c.StartDate) > sandbox.wallClock() && c.Status === 'Available')!;
	const past = sandbox.modules.CourseDate.find((c) => String(c.StartDate) < sandbox.wallClock())!;
	const booked = sandbox.create('UserCourseDate', sandbox.delegateFields(sandbox.modules.User[50], future, 'Booked'));
	const request = sandbox.create('UserCourseDate', sandbox.delegateFields(sandbox.modules.User[51], future, 'Provisional'));
	const pastRequest = sandbox.create('UserCourseDate', sandbox.delegateFields(sandbox.modules.User[52], past, 'Provisional'));
	const finishing = sandbox.modules.UserCourseDate.find((d) => d.Status === 'InProgress')!;
	sandbox.update(finishing, { Status: 'Completed' });
	const cancelled = sandbox.modules.UserCourseDate.find((d) => d.Status === 'Booked' && d !== booked)!;
	sandbox.update(cancelled, { Status: 'Cancelled' });
	const target = sandbox.create('UserAward', { UserID: user.ID, AwardID: 'FIRSTAIDwk', AwardLabel: 'First Aid at Work', TargetDate: '2027-06-25T00:00:00', Status: 'Target' });
	sandbox.update(future, { NetCost: 18050 });
	const invoice = sandbox.modules.Invoice[4];
	sandbox.update(invoice, { PONumber: 'PO-1' });

	const seen = Object.fromEntries(await Promise.all(events.map(async (event) => [event, await pollers[event].poll()] as const)));
	expect(ids(seen.userCreated)).toEqual([String(user.ID)]);
	expect(ids(seen.userUpdated)).toEqual([String(changed.ID)]);
	expect(ids(seen.delegateRegistered).sort()).toEqual([String(booked.ID), String(request.ID), String(pastRequest.ID)].sort());
	expect(ids(seen.delegateChanged).sort()).toEqual([String(finishing.ID), String(cancelled.ID)].sort());
	expect(seen.delegateUpdated.map((d) => `${String(d.ID)}:${String(d.PreviousStatus)}>${String(d.Status)}`).sort()).toEqual(
		[`${String(finishing.ID)}:InProgress>Completed`, `${String(cancelled.ID)}:Booked>Cancelled`].sort(),
	);
	expect(ids(seen.courseRequestAwaitingApproval)).toEqual([String(request.ID)]);
	expect(ids(seen.delegateCompleted)).toEqual([String(finishing.ID)]);
	expect(ids(seen.userTargetedForAward)).toEqual([String(target.ID)]);
	expect(ids(seen.courseDateChanged)).toEqual([String(future.ID)]);
	expect(seen.courseDateChanged[0]).toMatchObject({ NetCost: 180.5, NetCostPence: 18050, event: 'courseDateChanged' });
	expect(ids(seen.invoiceChanged)).toEqual([String(invoice.ID)]);

	// Nothing else new: one request per poll. A completed delegate saved again is not completed again.
	sandbox.update(finishing, { Status: 'Completed' });
	sandbox.resetStats();
	for (const event of events) {
		const again = await pollers[event].poll();
		// Only Delegate Updated (any change) reports the delegate saved again.
		expect(ids(again)).toEqual(event === 'delegateChanged' ? [String(finishing.ID)] : []);
	}
	expect(sandbox.stats.requests).toBe(events.length);
});

test('more records than a page sharing one stamp, some written after a poll read that stamp, are reported once each', async () => {
	const { poll } = poller('userCreated');
	await poll();
	sandbox.frozenStamp = sandbox.stamp();
	const first = sandbox.addUsers(1200, sandbox.frozenStamp);
	const one = await poll();
	expect(ids(one).sort()).toEqual(ids(first).sort());
	const second = sandbox.addUsers(30, sandbox.frozenStamp);
	sandbox.frozenStamp = undefined;
	const later = sandbox.addUsers(5);
	const two = await poll();
	expect(ids(two).sort()).toEqual(ids([...second, ...later]).sort());
	expect(await poll()).toEqual([]);
});

test('filters: a company, the statuses asked for, and a filter that does not fit the event', async () => {
	const company = sandbox.modules.Company[3];
	const { poll } = poller('userCreated', { company: company.ID, statuses: ['New'] });
	await poll();
	const made = sandbox.addUsers(60);
	const reported = await poll();
	const wanted = made.filter((u) => u.MainCompanyID === company.ID && u.Status === 'New');
	expect(ids(reported)).toEqual(ids(wanted));
	expect(sandbox.recent.some((line) => line.includes(`MainCompanyID eq '${String(company.ID)}'`))).toBe(true);
	const wrong = poller('userTargetedForAward', { company: company.ID });
	await expect(wrong.poll()).rejects.toThrow('The filter "Company" does not apply to the event "User Targeted for an Award"');
	// Other filters on the same trigger start afresh, and what was kept for the earlier ones goes.
	const state: IDataObject = {};
	await poller('delegateUpdated', {}, state).poll();
	expect(Object.keys(state).sort()).toEqual(['cursor:delegateUpdated:', 'statuses:delegateUpdated']);
	await poller('userCreated', { company: company.ID }, state).poll();
	expect(Object.keys(state)).toEqual([`cursor:userCreated:MainCompanyID eq '${String(company.ID)}'`]);
	const wrongStatus = poller('userCreated', { statuses: ['Booked'] });
	await expect(wrongStatus.poll()).rejects.toThrow('The status filter "Booked" does not apply to the event "User Created"');
});

test('a failed poll reports nothing and loses nothing: the next one reports it all', async () => {
	const { state, poll } = poller('delegateRegistered');
	await poll();
	const cursor = JSON.stringify(state);
	const users = sandbox.modules.User.slice(100, 110);
	const courseDate = sandbox.modules.CourseDate[70];
	const made = users.map((user) => sandbox.create('UserCourseDate', sandbox.delegateFields(user, courseDate, 'Booked')));
	sandbox.setFaults({ rate: 1, kinds: ['unavailable'] });
	await expect(poll()).rejects.toThrow();
	expect(JSON.stringify(state)).toBe(cursor);
	sandbox.setFaults({ rate: 0, kinds: [] });
	expect(ids(await poll()).sort()).toEqual(ids(made).sort());
});

test('soak: 600 changes in bursts sharing stamps, 10 % faults and a restart: nothing missed, repeated or invented', async () => {
	const result = await runAccessplanitSoak(sandbox, { changes: 600, faultRate: 0.1, restart: true, seed: 7 });
	expect(result.changes).toBe(600);
	expect(result.sharedStampRecords).toBeGreaterThan(100);
	expect(Object.values(result.expected).every((n) => n > 0)).toBe(true);
	expect({ missed: result.missed, duplicated: result.duplicated, invented: result.invented }).toEqual({ missed: 0, duplicated: 0, invented: 0 });
	expect(result.idleRequestsPerPoll).toBe(1);
}, 60_000);

describe('Record Created / Record Created or Updated on any module', () => {
	const watch = (event: 'recordCreated' | 'recordUpdated', module: string, state: IDataObject = {}) => {
		const ctx = accessplanitPollContext(sandbox, state, { event, module: { __rl: true, mode: 'list', value: module }, filters: {} });
		return { state, poll: async () => ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => item.json) };
	};

	test('a chosen module is watched with the same keyset reading: created records once, changes once, across a page under one stamp', async () => {
		const created = watch('recordCreated', 'Voucher');
		const changed = watch('recordUpdated', 'Task');
		expect(await created.poll()).toEqual([]);
		expect(await changed.poll()).toEqual([]);
		const voucher = sandbox.create('Voucher', { Code: 'WELCOME27', Value: 2500 });
		const task = sandbox.modules.Task[0];
		sandbox.update(task, { Status: 'Completed' });
		expect(ids(await created.poll())).toEqual([String(voucher.ID)]);
		expect(ids(await changed.poll())).toEqual([String(task.ID)]);
		expect(await created.poll()).toEqual([]);
		// 620 vouchers written under one stamp: more than a page of 500, each reported once.
		sandbox.frozenStamp = sandbox.stamp();
		const batch = Array.from({ length: 620 }, (_, n) => sandbox.create('Voucher', { Code: `BULK${n}`, Value: 100 }));
		sandbox.frozenStamp = undefined;
		const seen = ids(await created.poll());
		expect(seen.sort()).toEqual(batch.map((record) => String(record.ID)).sort());
		expect(await created.poll()).toEqual([]);
		expect(await changed.poll()).toEqual([]);
	});

	test('each module has its own cursor; a module whose records carry no stamps is refused with why', async () => {
		const state: IDataObject = {};
		await watch('recordCreated', 'Note', state).poll();
		await watch('recordCreated', 'Survey', state).poll();
		// Switching the module starts afresh: the Note cursor is gone, only the Survey one is kept.
		expect(Object.keys(state).filter((key) => key.startsWith('cursor:'))).toEqual(['cursor:recordCreated:Survey:']);
		// A new note is no news to the Survey watcher; a new survey is.
		sandbox.create('Note', { Text: 'Called about a refresher' });
		const survey = sandbox.create('Survey', { Name: 'Course feedback', Status: 'Open' });
		expect(ids(await watch('recordCreated', 'Survey', state).poll())).toEqual([String(survey.ID)]);
		await expect(watch('recordUpdated', 'Currency').poll()).rejects.toThrow('Currency records carry no DateUpdated, so this trigger cannot watch them');
		await expect(watch('recordCreated', '').poll()).rejects.toThrow('The field "Module" is empty');
	});
});

describe("n8n's durable scheduler: polls run twice, states thrown away, polls cut short", () => {
	test('soak: every poll may run twice from the same state, run again after it was kept, or lose its state when it reported nothing; each event once', async () => {
		const result = await runAccessplanitSoak(sandbox, { changes: 600, faultRate: 0.1, restart: true, seed: 13, repeat: DURABLE_SCHEDULER_REPEATS });
		expect(result.changes).toBe(600);
		expect(Object.values(result.expected).every((n) => n > 0)).toBe(true);
		expect(result.repeats.reruns).toBeGreaterThan(20);
		expect(result.repeats.again).toBeGreaterThan(20);
		expect(result.repeats.dropped).toBeGreaterThan(5);
		expect({ missed: result.missed, duplicated: result.duplicated, invented: result.invented }).toEqual({ missed: 0, duplicated: 0, invented: 0 });
	}, 90_000);

	test("two polls at once on the same static data (n8n's legacy engine: a cron tick while the last poll still reads) report each record once", async () => {
		const { state, poll } = poller('delegateRegistered');
		await poll();
		const made = sandbox.modules.User.slice(150, 156).map((user) => sandbox.create('UserCourseDate', sandbox.delegateFields(user, sandbox.modules.CourseDate[60], 'Booked')));
		sandbox.latencyMs = 40;
		const both = await Promise.all([poll(), poll()]);
		sandbox.latencyMs = 0;
		expect(ids(both.flat()).sort()).toEqual(ids(made).sort());
		expect(await poll()).toEqual([]);
		expect(Object.keys(state)).toEqual([expect.stringMatching(/^cursor:delegateRegistered:/)]);
	});

	test("a poll stops reading when most of the time n8n gives it (getPollBudgetMs) has passed; the next polls read the rest, each record once", async () => {
		const state: IDataObject = {};
		const ctx = Object.assign(accessplanitPollContext(sandbox, state, { event: 'userCreated', filters: {} }), { getPollBudgetMs: () => 0.001 });
		const poll = async () => ((await trigger.poll.call(ctx))?.[0] ?? []).map((item) => item.json);
		await poll();
		const made = sandbox.addUsers(1_200);
		// The 1,200 share one stamp, so the pages after the first are read with $skip: a poll cut short
		// still moves on past the page it already reported.
		// How many pages a poll reads before it stops depends on the machine's speed (and on the clock
		// layer's clock): assert that polls stop early, read everything between them once, then go quiet.
		const reports = [];
		for (let n = 0; n < 20; n++) {
			const report = await poll();
			reports.push(report);
			if (!report.length) break;
		}
		expect(reports[reports.length - 1]).toEqual([]);
		expect(reports.filter((report) => report.length).length).toBeGreaterThanOrEqual(3);
		expect(reports.every((report) => report.length <= 500)).toBe(true);
		expect(ids(reports.flat()).sort()).toEqual(ids(made).sort());
	});
});
