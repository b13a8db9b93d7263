/**
 * The polling triggers under n8n's durable scheduler with durable poll cursors switched on
 * (n8n 2.40.7: N8N_POLLER_DURABLE_CURSORS_ENABLED with the scheduler flags it requires), and in
 * n8n 1.123.5, where the same variables do nothing. Activated workflows poll every minute while the
 * sandboxes change; every event must be reported exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_API_KEY } from '../../sandbox/accessplanit/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { nodeItems, RealN8n } from '../harness/real-n8n';
import { waitFor } from '../harness/wait';

const examples = path.resolve(__dirname, '../../examples');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as IDataObject;
// Durable poll cursors exist only in n8n 2.x. In 1.x the same triggers are shown to report each event once by the
// vendors' own e2e tests (test/e2e/planaday.e2e.test.ts, accessplanit.e2e.test.ts); running this file there too cost
// CI about five minutes of waiting for minute-long poll intervals.
const requested = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);
const versions = requested.some((v) => Number(v.split('.')[0]) >= 2) ? requested.filter((v) => Number(v.split('.')[0]) >= 2) : ['2.40.7'];

/** What n8n 2.40.7 needs for durable poll cursors (it ignores the cursor flag without the other three). */
export const DURABLE_CURSORS_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe.each(versions)('polling triggers with durable poll cursors switched on, n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ planaday: { courses: 120 }, accessplanit: { users: 400 } });
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsPlanadaySandbox', name: 'Planaday (sandbox)', type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
			{ id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)', type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY } },
		]);
		await n8n.importWorkflows([load('planaday-trigger-course-changes.json'), load('accessplanit-trigger-users-updated.json'), load('accessplanit-trigger-delegates-registered.json')]);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	test('Planaday and accessplanit triggers report every change once, over several polls', async () => {
		const pd = sandboxes.planaday;
		const ap = sandboxes.accessplanit;
		for (const id of ['tsPlanadayTrig01', 'tsAccessTrigUsr1', 'tsAccessTrigDel1']) await n8n.activate(id);
		await n8n.start(180_000, undefined, DURABLE_CURSORS_ENV);

		// Each trigger's baseline must be kept before anything changes. Under durable cursors n8n
		// discards the state of the poll it runs on activation when it emits nothing (it commits only
		// scheduled polls), so the baseline is the first scheduled poll's: wait for a poll after it
		// (accessplanit: a read by the cursor; Planaday: a second list).
		const planadayLists = () => Object.entries(pd.stats.byRoute).filter(([route]) => route.includes('/course/list')).reduce((sum, [, n]) => sum + n, 0);
		const drained = (module: string, time: string) => ap.recent.some((line) => line.startsWith(`GET /accessplan/api/v2/${module}?`) && line.includes(`$orderby=${time} asc`));
		await waitFor(() => planadayLists() >= 2 && drained('User', 'DateUpdated') && drained('UserCourseDate', 'DateCreated'), 'the triggers to keep their baselines', 200_000);

		const open = ap.modules.CourseDate.filter((c) => c.Status === 'Available');
		const round = (n: number) => {
			const added = pd.addCourse(new Date(Date.now() + (5 + n) * 86_400_000));
			const [changed, filled] = pd.courses.slice(20 + 2 * n, 22 + 2 * n);
			changed.status = changed.status === 'active' ? 'concept' : 'active';
			(filled.users as { available: number }).available = 0;
			const users = ap.modules.User.slice(100 + 4 * n, 104 + 4 * n);
			ap.frozenStamp = ap.stamp();
			for (const user of users) ap.update(user, { JobTitle: `Team Lead ${n}` });
			ap.frozenStamp = undefined;
			const delegates = ap.modules.User.slice(200 + 3 * n, 203 + 3 * n).map((user, i) => ap.create('UserCourseDate', ap.delegateFields(user, open[3 * n + i], 'Booked')));
			return {
				planaday: [`courseAdded:${added.id}`, `courseChanged:${changed.id}`, `courseChanged:${filled.id}`, `courseFull:${filled.id}`],
				users: users.map((u) => `${String(u.ID)}@${String(u.DateUpdated)}`),
				delegates: delegates.map((d) => String(d.ID)),
			};
		};
		const reported = async () => ({
			planaday: (await n8n.executions('tsPlanadayTrig01', true)).flatMap((e) => nodeItems(e.data, 'Planaday Trigger')).map((i) => `${String(i.event)}:${String(i.courseId)}`),
			users: (await n8n.executions('tsAccessTrigUsr1', true)).flatMap((e) => nodeItems(e.data, 'accessplanit Trigger')).map((u) => `${String(u.ID)}@${String(u.DateUpdated)}`),
			delegates: (await n8n.executions('tsAccessTrigDel1', true)).flatMap((e) => nodeItems(e.data, 'accessplanit Trigger')).map((d) => String(d.ID)),
		});

		const first = round(0);
		for (const id of ['tsPlanadayTrig01', 'tsAccessTrigUsr1', 'tsAccessTrigDel1']) await n8n.waitForExecutions(id, 1, 150_000);
		const second = round(1);
		for (const id of ['tsPlanadayTrig01', 'tsAccessTrigUsr1', 'tsAccessTrigDel1']) await n8n.waitForExecutions(id, 2, 150_000);
		// Two more polls of every trigger with nothing new: nothing may come again.
		await sleep(130_000);
		const got = await reported();
		expect(got.planaday.sort()).toEqual([...first.planaday, ...second.planaday].sort());
		expect(got.users.sort()).toEqual([...first.users, ...second.users].sort());
		expect(got.delegates.sort()).toEqual([...first.delegates, ...second.delegates].sort());
		for (const id of ['tsPlanadayTrig01', 'tsAccessTrigUsr1', 'tsAccessTrigDel1']) expect(await n8n.executions(id)).toHaveLength(2);

		if (n8n.major >= 2) {
			// The variable is in force: n8n keeps each trigger's state in its own cursor table, as this
			// package's static data (the accessplanit cursor keys, the Planaday snapshot).
			const rows = await n8n.sql('select workflowId, cursor from poller_state');
			const cursors = Object.fromEntries(rows.map((row) => [String(row.workflowId), String(row.cursor)]));
			expect(cursors.tsAccessTrigUsr1).toContain('cursor:userUpdated');
			expect(cursors.tsAccessTrigDel1).toContain('cursor:delegateRegistered');
			expect(cursors.tsPlanadayTrig01).toContain('snapshot');
		} else {
			// n8n 1.x has no durable scheduler: the variables do nothing and there is no cursor table.
			await expect(n8n.sql('select count(*) as n from poller_state')).rejects.toThrow();
		}
	}, 900_000);
});
