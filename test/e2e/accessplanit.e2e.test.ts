import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_API_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { nodeItems, RealN8n } from '../harness/real-n8n';

const examples = path.resolve(__dirname, '../../examples');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as IDataObject;
const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);

describe.each(versions)('accessplanit in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ accessplanit: { users: 700 } });
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)', type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } },
		]);
		await n8n.importWorkflows([
			load('accessplanit-list-users.json'),
			load('accessplanit-hr-user-sync.json'),
			load('accessplanit-approve-course-requests.json'),
			load('accessplanit-trigger-users-updated.json'),
			load('accessplanit-trigger-delegates-registered.json'),
			load('accessplanit-other-module-vouchers.json'),
		]);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	test('the token is obtained through the credential, kept, and renewed once it has expired', async () => {
		const enabled = sandboxes.accessplanit.modules.User.filter((user) => user.Status === 'Enabled');
		const first = await n8n.execute('tsAccessUsers001');
		expect(first.data.resultData.error).toBeUndefined();
		const users = nodeItems(first.data, 'Enabled users');
		expect(users).toHaveLength(enabled.length);
		expect(users.map((user) => user.Surname)).toEqual([...users.map((user) => String(user.Surname))].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		expect(sandboxes.accessplanit.tokensIssued).toBe(1);
		// The kept token expires; the next run is refused once, renews it and succeeds.
		sandboxes.accessplanit.tokenLifetimeMs = 1;
		await new Promise((resolve) => setTimeout(resolve, 50));
		sandboxes.accessplanit.tokenLifetimeMs = 3_600_000;
		for (const token of sandboxes.accessplanit.tokens.keys()) sandboxes.accessplanit.tokens.set(token, Date.now() - 1);
		const second = await n8n.execute('tsAccessUsers001');
		expect(second.data.resultData.error).toBeUndefined();
		expect(nodeItems(second.data, 'Enabled users')).toHaveLength(enabled.length);
		expect(sandboxes.accessplanit.tokensIssued).toBe(2);
	}, 180_000);

	test('HR employees from input items are created or updated as users, matched on External ID', async () => {
		const ap = sandboxes.accessplanit;
		const count = ap.modules.User.length;
		const first = await n8n.execute('tsAccessHrSync01');
		expect(first.data.resultData.error).toBeUndefined();
		expect(nodeItems(first.data, 'Create or update user').map((user) => user.outcome)).toEqual(['updated', 'created', 'created']);
		expect(ap.modules.User.length).toBe(count + 2);
		expect(ap.modules.User.find((user) => user.ExternalID === 'HR00021')).toMatchObject({ Forenames: 'Grace', Surname: 'Hopper', JobTitle: 'Engineer' });
		expect(ap.modules.User.find((user) => user.ExternalID === 'HR90002')).toMatchObject({ Forenames: 'Alan', Email: 'alan.turing@acme.example', Status: 'Enabled' });
		const again = await n8n.execute('tsAccessHrSync01');
		expect(nodeItems(again.data, 'Create or update user').map((user) => user.outcome)).toEqual(['updated', 'updated', 'updated']);
		expect(ap.modules.User.length).toBe(count + 2);
	}, 180_000);

	test('course requests waiting for a manager are approved: the delegates are booked', async () => {
		const ap = sandboxes.accessplanit;
		const waiting = ap.modules.ManagerUserCourseDateAuthorisation.filter((a) => a.Status === 'Awaiting')
			.sort((a, b) => String(a.DateCreated).localeCompare(String(b.DateCreated)))
			.slice(0, 3);
		const run = await n8n.execute('tsAccessApprove1');
		expect(run.data.resultData.error).toBeUndefined();
		const approved = nodeItems(run.data, 'Approve request');
		expect(approved.map((delegate) => delegate.outcome)).toEqual(['approved', 'approved', 'approved']);
		expect(approved.map((delegate) => delegate.ID).sort()).toEqual(waiting.map((a) => a.UserCourseDateID).sort());
		for (const authorisation of waiting) {
			expect(ap.modules.UserCourseDate.find((d) => d.ID === authorisation.UserCourseDateID)?.Status).toBe('Booked');
			expect(authorisation.Status).toBe('Approved');
		}
	}, 180_000);

	test('the triggers, active in n8n start, report users updated and delegates registered once, also across a restart', async () => {
		const ap = sandboxes.accessplanit;
		await n8n.activate('tsAccessTrigUsr1');
		await n8n.activate('tsAccessTrigDel1');
		ap.resetStats();
		await n8n.start();
		// The first poll of each trigger (on activation) records its baseline; wait for both.
		const baselined = () =>
			ap.recent.some((line) => line.startsWith('GET /accessplan/api/v2/User?') && line.includes('$orderby=DateUpdated desc')) &&
			ap.recent.some((line) => line.startsWith('GET /accessplan/api/v2/UserCourseDate?') && line.includes('$orderby=DateCreated desc'));
		const deadline = Date.now() + 90_000;
		while (!baselined() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(baselined()).toBe(true);

		// Changes while n8n runs: some users updated under one shared stamp, delegates registered.
		ap.frozenStamp = ap.stamp();
		const updated = ap.modules.User.slice(100, 104);
		for (const user of updated) ap.update(user, { JobTitle: 'Team Lead' });
		ap.frozenStamp = undefined;
		const open = ap.modules.CourseDate.filter((c) => c.Status === 'Available');
		const delegates = ap.modules.User.slice(120, 123).map((user, i) => ap.create('UserCourseDate', ap.delegateFields(user, open[i], 'Booked')));
		const usersRun = await n8n.waitForExecutions('tsAccessTrigUsr1', 1, 100_000);
		const delegatesRun = await n8n.waitForExecutions('tsAccessTrigDel1', 1, 100_000);
		expect(usersRun.flatMap((e) => nodeItems(e.data, 'accessplanit Trigger')).map((u) => u.ID).sort()).toEqual(updated.map((u) => u.ID).sort());
		expect(delegatesRun.flatMap((e) => nodeItems(e.data, 'accessplanit Trigger')).map((d) => d.ID).sort()).toEqual(delegates.map((d) => d.ID).sort());

		// n8n stops; changes made while it is down are reported after it starts again, and nothing twice.
		await n8n.stop();
		const whileDown = ap.modules.User.slice(130, 132);
		for (const user of whileDown) ap.update(user, { JobTitle: 'Director' });
		const lateDelegate = ap.create('UserCourseDate', ap.delegateFields(ap.modules.User[133], open[5], 'Booked'));
		await n8n.start();
		const usersAll = await n8n.waitForExecutions('tsAccessTrigUsr1', 2, 150_000);
		const delegatesAll = await n8n.waitForExecutions('tsAccessTrigDel1', 2, 150_000);
		const userEvents = usersAll.flatMap((e) => nodeItems(e.data, 'accessplanit Trigger')).map((u) => String(u.ID));
		const delegateEvents = delegatesAll.flatMap((e) => nodeItems(e.data, 'accessplanit Trigger')).map((d) => String(d.ID));
		expect(userEvents.sort()).toEqual([...updated, ...whileDown].map((u) => String(u.ID)).sort());
		expect(delegateEvents.sort()).toEqual([...delegates, lateDelegate].map((d) => String(d.ID)).sort());
	}, 600_000);

	test('any module: a voucher is created with mapped fields (a custom field too), found, upserted by External ID and deleted', async () => {
		const ap = sandboxes.accessplanit;
		const run = await n8n.execute('tsAccessModule01');
		expect(run.data.resultData.error).toBeUndefined();
		const [created] = nodeItems(run.data, 'Create a welcome voucher');
		expect(created).toMatchObject({ Code: 'WELCOME-NEWSTARTER', Value: 2500, CF_CampaignCode: 'ONBOARDING' });
		expect(nodeItems(run.data, 'Vouchers with that code').map((voucher) => voucher.ID)).toEqual([created.ID]);
		expect(nodeItems(run.data, 'Create or update the HR voucher')[0]).toMatchObject({ ExternalID: 'HR-VOUCHER-2027', outcome: 'created' });
		expect(nodeItems(run.data, 'Delete the welcome voucher')[0]).toEqual({ deleted: true, module: 'Voucher', ID: String(created.ID) });
		expect(ap.modules.Voucher.some((voucher) => voucher.ID === created.ID)).toBe(false);
		// Run again: the HR voucher is matched and updated, not made twice.
		const again = await n8n.execute('tsAccessModule01');
		expect(nodeItems(again.data, 'Create or update the HR voucher')[0]).toMatchObject({ outcome: 'updated' });
		expect(ap.modules.Voucher.filter((voucher) => voucher.ExternalID === 'HR-VOUCHER-2027')).toHaveLength(1);
	}, 120_000);

	test("n8n's credential test checks what was typed: the sign-in with the user name and password (also while a token is kept), or a read with the API key", async () => {
		const ap = sandboxes.accessplanit;
		await n8n.setupOwner();
		const systemUrl = ap.baseUrl;
		// What the credential dialog sends for a saved credential: fields left as they were come back as n8n's blank marker.
		const kept = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';
		const issued = ap.tokensIssued;
		const good = await n8n.testCredential('tsAccessplanitSbx', 'accessplanitApi', { systemUrl, authType: 'password', username: ACCESSPLANIT_USER, password: kept, sessionToken: kept });
		expect(good.status).toBe('OK');
		expect(ap.tokensIssued).toBeGreaterThan(issued);
		// A token is kept now; a wrong password (or user name) typed in the dialog is still refused.
		for (const wrong of [
			{ username: ACCESSPLANIT_USER, password: 'not-the-password' },
			{ username: 'somebody.else@sandbox.example', password: kept },
		]) {
			const bad = await n8n.testCredential('tsAccessplanitSbx', 'accessplanitApi', { systemUrl, authType: 'password', sessionToken: kept, ...wrong });
			expect(bad.status).toBe('Error');
			// n8n 1.x shows its own words for a refusal ("Bad request - please check your parameters"): its error drops the answer the rules read.
			if (n8n.major >= 2) expect(bad.message).toMatch(/check the user name and password/);
			expect(JSON.stringify(bad)).not.toContain('not-the-password');
		}
		const noToken = await n8n.testCredential('tsAccessplanitSbx', 'accessplanitApi', { systemUrl, authType: 'password', username: ACCESSPLANIT_USER, password: 'not-the-password' });
		expect(noToken.status).toBe('Error');
		if (n8n.major >= 2) expect(noToken.message).toMatch(/check the user name and password/);
		const key = await n8n.testCredential('tsAccessplanitSbx', 'accessplanitApi', { systemUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY, sessionToken: kept });
		expect(key.status).toBe('OK');
		// A wrong API key is refused although a token from the password sign-in is kept.
		const badKey = await n8n.testCredential('tsAccessplanitSbx', 'accessplanitApi', { systemUrl, authType: 'apiKey', apiKey: 'not-the-key', sessionToken: kept });
		expect(badKey.status).toBe('Error');
		// Nothing tried in the dialog replaced the saved credential's sign-in: its workflows still run.
		const after = await n8n.execute('tsAccessUsers001');
		expect(after.data.resultData.error).toBeUndefined();
	}, 180_000);

	test('the resource mapper loads a module’s fields from the platform through n8n’s own API; a module without field help says to send JSON', async () => {
		const node = (module: string) => ({
			type: 'n8n-nodes-training-systems.accessplanit',
			version: 1,
			parameters: { resource: 'otherModule', operation: 'create', module: { __rl: true, mode: 'list', value: module }, sendAs: 'map' },
			credentials: { accessplanitApi: { id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)' } },
		});
		const loaded = await n8n.resourceMapperFields(node('Voucher'), 'getModuleColumns');
		expect(loaded.status).toBe(200);
		const fields = (loaded.data.fields ?? []) as Array<{ id: string; displayName: string; required: boolean; type: string }>;
		expect(fields.map((field) => field.id)).toEqual(expect.arrayContaining(['Code', 'Value', 'ExpiryDate', 'ExternalID', 'CF_CampaignCode']));
		expect(fields.find((field) => field.id === 'Code')).toMatchObject({ required: true, type: 'string' });
		expect(fields.find((field) => field.id === 'CF_CampaignCode')?.displayName).toBe('Campaign code (custom field)');
		expect(fields.map((field) => field.id)).not.toContain('DateCreated');
		const none = await n8n.resourceMapperFields(node('Gadget2'), 'getModuleColumns');
		expect(none.status).toBeGreaterThanOrEqual(400);
		expect(JSON.stringify(none.data)).toContain('accessplanit gives no field description for \\"Gadget2\\"');
	}, 120_000);
});
