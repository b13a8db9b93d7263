/**
 * User → Sync From HR outside a run: the examples are built as the issue asks (and their HR list is the
 * one the tests use), and the sandboxes hold what the sync needs as the vendors document it (Eduframe's
 * log-ins per user, accessplanit's user statuses).
 */
import fs from 'node:fs';
import path from 'node:path';

import axios from 'axios';
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_API_KEY } from '../../sandbox/accessplanit/server';
import { hrExampleRows } from '../../sandbox/common/hr-example';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';

const example = (file: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../examples', file), 'utf8')) as { nodes: IDataObject[]; connections: IDataObject; tags: IDataObject[] };

describe.each([
	['eduframe-hr-sync.json', 'eduframe', 'Eduframe'],
	['accessplanit-hr-sync.json', 'accessplanit', 'accessplanit'],
])('%s', (file, node, tag) => {
	const workflow = example(file);
	const byName = (name: string) => workflow.nodes.find((entry) => entry.name === name)!;

	test('Schedule Trigger → "HR employees" (Code) → Sync From HR in Preview → Wait for a person\'s approval → Sync From HR in Apply, tagged by vendor', () => {
		expect(workflow.nodes.map((entry) => [entry.name, entry.type])).toEqual([
			['Every weekday at 6:00', 'n8n-nodes-base.scheduleTrigger'],
			['HR employees', 'n8n-nodes-base.code'],
			['Preview changes', `n8n-nodes-training-systems.${node}`],
			['Wait for approval', 'n8n-nodes-base.wait'],
			['Apply changes', `n8n-nodes-training-systems.${node}`],
		]);
		const names = workflow.nodes.map((entry) => entry.name as string);
		for (const [index, name] of names.slice(0, -1).entries()) expect(workflow.connections[name]).toEqual({ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] });
		expect(workflow.tags.map((entry) => entry.name)).toEqual([tag, 'Example']);
		const preview = byName('Preview changes').parameters as IDataObject;
		const apply = byName('Apply changes').parameters as IDataObject;
		expect(preview).toMatchObject({ operation: 'syncFromHr', syncMode: 'preview' });
		expect(apply).toMatchObject({ operation: 'syncFromHr', syncMode: 'apply', employeesFrom: 'preview', preview: "={{ $('Preview changes').all() }}" });
		// The Apply node manages the same people the same way as the preview it applies.
		for (const setting of ['matchOn', 'scope', 'scopeLabel', 'scopeCompany', 'leavers', 'leaverLabel', 'maxLeaverShare', 'maxLeavers']) expect(apply[setting]).toEqual(preview[setting]);
		// The Wait node waits for a person to submit its form; it never resumes on its own.
		expect(byName('Wait for approval').parameters).toMatchObject({ resume: 'form' });
		expect((byName('Wait for approval').parameters as IDataObject).limitWaitTime).toBeUndefined();
	});

	test('"HR employees" returns the HR list with first name, last name, email, employee number, department, manager\'s email and leaving date', () => {
		const code = String((byName('HR employees').parameters as IDataObject).jsCode);
		const run = new Function('$now', code) as (now: DateTime) => Array<{ json: IDataObject }>;
		const now = DateTime.now();
		const employees = run(now).map((item) => item.json);
		expect(employees).toEqual(hrExampleRows(now.setZone('Europe/Amsterdam').toISODate()!));
		for (const employee of employees) expect(Object.keys(employee)).toEqual(['firstName', 'lastName', 'email', 'employeeNumber', 'department', 'managerEmail', 'leavingDate']);
	});
});

describe('what the sandboxes hold for the sync', () => {
	let sandboxes: Sandboxes;
	const client = axios.create({ validateStatus: () => true });
	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 60 }, accessplanit: { users: 60 } });
	});
	afterAll(async () => sandboxes.stop());

	test('Eduframe: every user has a log-in (some two); with_authentication gives a new user one; a log-in removed is gone', async () => {
		const base = sandboxes.eduframe.baseUrl;
		const headers = { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` };
		const logins = async (userId: unknown) => (await client.get(`${base}/users/${String(userId)}/authentications`, { headers })).data as IDataObject[];
		const users = sandboxes.eduframe.tables.users;
		const perUser = await Promise.all(users.slice(0, 10).map((user) => logins(user.id)));
		expect(perUser.every((list) => list.length >= 1 && list.every((login) => login.user_id === Number(list[0].user_id)))).toBe(true);
		expect(perUser.some((list) => list.length === 2)).toBe(true);
		expect(Object.keys(perUser[0][0]).sort()).toEqual(['authentication_provider_id', 'created_at', 'id', 'otp_enabled', 'uid', 'updated_at', 'user_id']);
		const created = await client.post(`${base}/users`, { first_name: 'Ann', last_name: 'Lee', email: 'ann.lee@acme.example', with_authentication: true }, { headers });
		expect(created.status).toBe(201);
		const [login] = await logins(created.data.id);
		expect(login).toMatchObject({ user_id: created.data.id, uid: 'ann.lee@acme.example' });
		const without = await client.post(`${base}/users`, { first_name: 'Bo', last_name: 'Lee', email: 'bo.lee@acme.example' }, { headers });
		expect(await logins(without.data.id)).toEqual([]);
		expect((await client.delete(`${base}/users/${String(created.data.id)}/authentications/${String(login.id)}`, { headers })).status).toBe(204);
		expect(await logins(created.data.id)).toEqual([]);
		expect((await client.get(`${base}/labels?model_type=User`, { headers })).data.map((label: IDataObject) => label.name)).toEqual(expect.arrayContaining(['Employees', 'Left']));
	});

	test('accessplanit: a user\'s Status is Enabled, New or Disabled; anything else is refused with ModelState', async () => {
		const base = `${sandboxes.accessplanit.baseUrl}/api/v2`;
		const headers = { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		const user = sandboxes.accessplanit.modules.User[5];
		const refused = await client.put(`${base}/User/${String(user.ID)}`, { Status: 'Left' }, { headers });
		expect(refused.status).toBe(400);
		expect(refused.data.ModelState).toEqual({ 'model.Status': ["The value 'Left' is not valid for Status."] });
		const disabled = await client.put(`${base}/User/${String(user.ID)}`, { Status: 'Disabled' }, { headers });
		expect(disabled.status).toBe(200);
		expect(user.Status).toBe('Disabled');
	});
});
