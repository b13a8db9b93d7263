import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { nodeItems, RealN8n } from '../harness/real-n8n';

const examples = path.resolve(__dirname, '../../examples');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as IDataObject;
const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);

describe.each(versions)('Planaday in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ planaday: { courses: 120 } });
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsPlanadaySandbox', name: 'Planaday (sandbox)', type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
		]);
		await n8n.importWorkflows([load('planaday-book-and-mark-paid.json'), load('planaday-trigger-course-changes.json')]);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	test('the requests in one booking for the company (sent once), marked paid; run again, nobody is booked twice', async () => {
		const before = sandboxes.planaday.bookings.length;
		const run = await n8n.execute('tsPlanadayBook01');
		expect(run.data.resultData.error).toBeUndefined();
		expect(nodeItems(run.data, 'Skip people booked by an earlier run')).toHaveLength(2);
		const booked = nodeItems(run.data, 'Book on the course');
		expect(booked).toHaveLength(1);
		expect(booked[0]).toMatchObject({ course_id: 5, company: { action: 'created', name: 'Acme Logistics' } });
		expect(booked[0].students).toHaveLength(2);
		expect(nodeItems(run.data, 'Mark booking paid').map((item) => item.result)).toEqual(['OK']);
		const made = sandboxes.planaday.bookings.slice(before);
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({ is_payed: true, label: 'HR-sync', company: expect.objectContaining({ name: 'Acme Logistics' }) });
		expect((made[0].students as IDataObject[]).map((student) => student.employeeId)).toEqual(['E-1001', 'E-1002']);
		// A second run (a retry, a schedule, Execute pressed twice): Remove Duplicates remembers both people, so nothing is booked.
		const again = await n8n.execute('tsPlanadayBook01');
		expect(again.data.resultData.error).toBeUndefined();
		expect(nodeItems(again.data, 'Skip people booked by an earlier run')).toEqual([]);
		expect(nodeItems(again.data, 'Book on the course')).toEqual([]);
		expect(sandboxes.planaday.bookings.length).toBe(before + 1);
	}, 240_000);

	test('the trigger, active in n8n start, reports a course added, changed and filled', async () => {
		await n8n.activate('tsPlanadayTrig01');
		await n8n.start();
		// The first poll records the baseline; wait for it before changing anything.
		// n8n polls at most once a minute: the first poll (the baseline) comes within a minute.
		const baseline = sandboxes.planaday.stats.requests;
		const deadline = Date.now() + 90_000;
		while (sandboxes.planaday.stats.requests === baseline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
		await new Promise((resolve) => setTimeout(resolve, 500));
		const added = sandboxes.planaday.addCourse(new Date(Date.now() + 7 * 86_400_000));
		const [changed, filled] = sandboxes.planaday.courses.slice(20, 22);
		changed.status = 'concept';
		(filled.users as { available: number }).available = 0;
		const executions = await n8n.waitForExecutions('tsPlanadayTrig01', 1, 100_000);
		const events = executions.flatMap((execution) => nodeItems(execution.data, 'Planaday Trigger')).map((item) => `${String(item.event)}:${String(item.courseId)}`);
		expect(events.sort()).toEqual([`courseAdded:${added.id}`, `courseChanged:${changed.id}`, `courseChanged:${filled.id}`, `courseFull:${filled.id}`].sort());
		expect(executions).toHaveLength(1);
	}, 300_000);

	test('the credential test in the editor accepts the sandbox key and refuses a wrong one', async () => {
		await n8n.setupOwner();
		sandboxes.planaday.resetStats();
		const good = await n8n.testCredential('tsPlanadaySandbox', 'planadayApi', { apiKey: PLANADAY_SANDBOX_KEY, companyCode: '', baseUrl: sandboxes.planaday.baseUrl });
		expect(good.status).toBe('OK');
		expect(sandboxes.planaday.stats.byStatus['200']).toBe(1);
		const bad = await n8n.testCredential('tsPlanadaySandbox', 'planadayApi', { apiKey: 'not-the-key', companyCode: '', baseUrl: sandboxes.planaday.baseUrl });
		expect(bad.status).toBe('Error');
	}, 120_000);
});
