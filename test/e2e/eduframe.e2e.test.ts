import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { EDUFRAME_SANDBOX_KEY, EDUFRAME_TENANT_UUIDS } from '../../sandbox/eduframe/server';
import { nodeItems, RealN8n } from '../harness/real-n8n';
import { waitFor } from '../harness/wait';

const examples = path.resolve(__dirname, '../../examples');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as IDataObject;

/** Versions of n8n the package is proven in: E2E_N8N_VERSIONS="2.40.7,1.123.5". */
const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);

describe.each(versions)('in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 300 } });
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
		]);
		await n8n.importWorkflows([
			load('eduframe-list-users.json'),
			load('eduframe-get-user.json'),
			load('eduframe-user-lookup-webhook.json'),
			load('eduframe-hr-new-employees.json'),
			load('eduframe-book-and-mark-paid.json'),
			load('eduframe-trigger-enrollments-orders.json'),
			load('eduframe-resource-tour.json'),
		]);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	beforeEach(() => sandboxes.eduframe.resetStats());

	test('User → Get Many returns every user, following the Link header', async () => {
		const run = await n8n.execute('tsEduframeUsers1');
		expect(run.data.resultData.error).toBeUndefined();
		const users = nodeItems(run.data, 'Get all Eduframe users');
		expect(users).toHaveLength(300);
		expect(users[0].id).toBe(1);
		// Three pages of 100, and each different label read once for the names beside the label IDs.
		const pages = sandboxes.eduframe.recent.filter((line) => /^GET \S*\/users(\?|$)/.test(line));
		expect(pages).toHaveLength(3);
		const labels = new Set(users.flatMap((user) => (user.label_ids as number[] | undefined) ?? []));
		expect(sandboxes.eduframe.recent.filter((line) => /^GET \S*\/labels\/\d+$/.test(line))).toHaveLength(labels.size);
		expect(sandboxes.eduframe.stats.requests).toBe(3 + labels.size);
		expect(users.filter((user) => ((user.label_ids as number[] | undefined) ?? []).length).every((user) => Array.isArray(user.label_names))).toBe(true);
	}, 120_000);

	test('User → Get returns the user by ID', async () => {
		const run = await n8n.execute('tsEduframeUser01');
		const [user] = nodeItems(run.data, 'Get Eduframe user');
		expect(user.id).toBe(42);
		expect(user.email).toBe(sandboxes.eduframe.tables.users[41].email);
	}, 120_000);

	test('HR sync: employees from input items become Eduframe users, once, however often it runs', async () => {
		const before = sandboxes.eduframe.tables.users.length;
		const first = nodeItems((await n8n.execute('tsEduframeHrSync')).data, 'Create or update Eduframe user');
		expect(first.map((user) => user.outcome)).toEqual(['created', 'created', 'created']);
		const second = nodeItems((await n8n.execute('tsEduframeHrSync')).data, 'Create or update Eduframe user');
		expect(second.map((user) => user.outcome)).toEqual(['updated', 'updated', 'updated']);
		expect(second.map((user) => user.id)).toEqual(first.map((user) => user.id));
		expect(sandboxes.eduframe.tables.users.length).toBe(before + 3);
	}, 120_000);

	test('orders and invoices: book two students, then mark the invoice paid', async () => {
		const invoice = sandboxes.eduframe.tables.invoices[2];
		Object.assign(invoice, { status: 'open', outstanding_amount: '240.00', total_price_inc_vat: '240.00' });
		const run = await n8n.execute('tsEduframeBookPay');
		expect(run.data.resultData.error).toBeUndefined();
		expect(nodeItems(run.data, 'Book the course')[0]).toMatchObject({ status: 'active', student_ids: [5, 6] });
		expect(nodeItems(run.data, 'Mark the invoice paid')[0]).toMatchObject({ amount: '240.00', invoice: { status: 'paid' } });
		expect(invoice.status).toBe('paid');
	}, 120_000);

	test('courses, planning, enrollments, programs, accounts, custom objects, organizations, certificates and invoices in one workflow', async () => {
		const run = await n8n.execute('tsEduframeTour01');
		expect(run.data.resultData.error).toBeUndefined();
		const tables = sandboxes.eduframe.tables;
		const count = (node: string) => nodeItems(run.data, node).length;
		expect(count('Courses')).toBe(tables.courses.length);
		expect(count('Planned courses of course 1')).toBe(tables.planned_courses.filter((p) => p.course_id === 1).length);
		expect(nodeItems(run.data, 'Active enrollments').every((e) => e.status === 'active')).toBe(true);
		expect(count('Active enrollments')).toBe(tables.enrollments.filter((e) => e.status === 'active').length);
		expect(count('Meetings')).toBe(tables.meetings.length);
		expect(count('Program editions')).toBe(tables['program/editions'].length);
		expect(count('Accounts')).toBe(tables.accounts.length);
		expect(count('Custom objects')).toBe(tables['custom/objects'].length);
		expect(nodeItems(run.data, 'Open invoices').every((invoice) => invoice.status === 'open')).toBe(true);
		// Resources of Eduframe's newest file: custom records by slug, organizations, certificates, the order filter, lead update.
		expect(nodeItems(run.data, 'Equipment records').map((record) => record.object_slug)).toEqual(tables.records.filter((r) => r.object_slug === 'equipment').map(() => 'equipment'));
		expect(count('Equipment records')).toBeGreaterThan(0);
		expect(count('Organizations')).toBe(tables.organizations.length);
		expect(count('Certificates')).toBe(tables.certificates.length);
		expect(nodeItems(run.data, 'Invoices of order 2').map((invoice) => invoice.id)).toEqual(tables.invoices.filter((invoice) => invoice.order_id === 2).map((invoice) => invoice.id));
		expect(nodeItems(run.data, 'Mark lead 1 won')[0]).toMatchObject({ id: 1, status: 'won' });
		expect(sandboxes.eduframe.stats.byRoute['GET /api/v1/courses/:id/planned_courses']).toBe(1);
	}, 120_000);

	test('an activated workflow runs in n8n start when its trigger fires', async () => {
		await n8n.activate('tsEduframeHook01');
		await n8n.activate('tsEduframeTrig01');
		await n8n.start();
		await n8n.waitForWebhook('eduframe-user-lookup');
		const response = await fetch(`${n8n.baseUrl}/webhook/eduframe-user-lookup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ userId: 7 }),
		});
		expect(response.status).toBe(200);
		const answered = (await response.json()) as IDataObject;
		expect(answered.id).toBe(7);
		const [execution] = await n8n.waitForExecutions('tsEduframeHook01', 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(nodeItems(execution.data, 'Get Eduframe user')[0].email).toBe(sandboxes.eduframe.tables.users[6].email);
	}, 300_000);

	test('the credential test in the editor accepts the sandbox key and refuses a wrong one', async () => {
		await n8n.setupOwner();
		sandboxes.eduframe.resetStats();
		const good = await n8n.testCredential('tsEduframeSandbox', 'eduframeApi', { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: `${sandboxes.eduframe.baseUrl}/` });
		expect(good.status).toBe('OK');
		expect(sandboxes.eduframe.stats.byRoute['GET /api/v1/educators/current']).toBe(1);
		const bad = await n8n.testCredential('tsEduframeSandbox', 'eduframeApi', { apiKey: 'not-the-key', baseUrl: sandboxes.eduframe.baseUrl });
		expect(bad.status).toBe('Error');
	}, 120_000);

	test('Eduframe Trigger: registers its address with a secret on activation, turns changes into executions, refuses deliveries without the secret and other educators, unregisters on deactivation', async () => {
		const ours = () => sandboxes.eduframe.webhooks.filter((hook) => hook.url.startsWith(`${n8n.baseUrl}/webhook/`) && hook.url.includes('eduframe0002'));
		await waitFor(() => ours().length === 1, 'the trigger registered with Eduframe', 30_000);
		expect(ours()[0]).toMatchObject({ active: true, events: ['enrollment.updated', 'order.approved'] });

		const auth = { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' };
		const enrollment = sandboxes.eduframe.tables.enrollments.find((e) => e.status !== 'canceled')!;
		expect((await fetch(`${sandboxes.eduframe.baseUrl}/enrollments/${enrollment.id}/cancel`, { method: 'PUT', headers: auth })).status).toBe(200);
		const order = sandboxes.eduframe.tables.orders.find((o) => o.status === 'requested')!;
		expect((await fetch(`${sandboxes.eduframe.baseUrl}/orders/${order.id}/approve`, { method: 'PUT', headers: auth })).status).toBe(200);
		await sandboxes.eduframe.settled();

		const executions = await n8n.waitForExecutions('tsEduframeTrig01', 2);
		const items = executions.map((execution) => nodeItems(execution.data, 'Eduframe Trigger')[0]);
		expect(items.map((item) => item.event).sort()).toEqual(['enrollment.updated', 'order.approved']);
		const enrollmentItem = items.find((item) => item.event === 'enrollment.updated')!;
		expect(enrollmentItem.record).toMatchObject({ id: enrollment.id, status: 'canceled' });
		expect(items.find((item) => item.event === 'order.approved')!.record).toMatchObject({ id: order.id, status: 'active' });
		expect(sandboxes.eduframe.notifications.filter((n) => n.webhook_id === ours()[0].id).every((n) => n.status === 'succeeded')).toBe(true);

		// Eduframe registered the address with the trigger's secret; without it a delivery starts nothing.
		expect(new URL(ours()[0].url).searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const withoutSecret = new URL(ours()[0].url);
		withoutSecret.searchParams.delete('token');
		const unsigned = await fetch(withoutSecret, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: 'order.approved', event_data: { id: order.id } }),
		});
		expect(unsigned.status).toBe(401);
		// A delivery naming another educator starts nothing, even with the secret.
		const forged = await fetch(ours()[0].url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ tenant_id: EDUFRAME_TENANT_UUIDS[2], educator: 'other-training-institute', event: 'order.approved', event_data: { id: order.id } }),
		});
		expect(forged.status).toBe(403);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await n8n.executions('tsEduframeTrig01')).toHaveLength(2);

		// Deactivating removes the registration from Eduframe.
		const result = await n8n.rest('POST', '/workflows/tsEduframeTrig01/deactivate', {});
		expect(result.status).toBe(200);
		await waitFor(() => ours().length === 0, 'the webhook was deleted on deactivation', 30_000);
	}, 300_000);
});

