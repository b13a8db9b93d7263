/**
 * The HR sync examples (examples/eduframe-hr-sync.json, examples/accessplanit-hr-sync.json) in a real n8n:
 * Preview, a person approves in the Wait node's form, Apply; then the whole workflow again, which writes
 * nothing.
 *
 * How the parts are run: `n8n execute` starts only workflows with a Manual Trigger, so the examples'
 * Schedule Trigger (weekdays at 6:00) is swapped for a Manual Trigger of the same name; everything after
 * it is the example as it is. `n8n execute` runs "HR employees" and "Preview changes" and stops at
 * "Wait for approval", leaving the execution waiting in n8n's database. Then `n8n start` serves the
 * waiting form: the test submits it as a person would (POST to the form's address, with the resume token
 * n8n 2.x puts in it), n8n resumes the execution and "Apply changes" writes. The runs are read from
 * n8n's database.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { HR_EXAMPLE_COMPANY, HR_EXAMPLE_LABELS } from '../../sandbox/common/hr-example';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { nodeItems, RealN8n, type ExecutionRow } from '../harness/real-n8n';

const examples = path.resolve(__dirname, '../../examples');
const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);

const EXAMPLES = [
	{ file: 'eduframe-hr-sync.json', id: 'tsEduframeHrPrev', vendor: 'eduframe' as const },
	{ file: 'accessplanit-hr-sync.json', id: 'tsAccessHrSyncPv', vendor: 'accessplanit' as const },
];

/** The example, started by hand: its Schedule Trigger becomes a Manual Trigger of the same name. */
function byHand(file: string): IDataObject {
	const workflow = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as { nodes: IDataObject[] };
	const nodes = workflow.nodes.map((node) => (node.type === 'n8n-nodes-base.scheduleTrigger' ? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} } : node));
	expect(workflow.nodes.map((node) => node.type)).toEqual(['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.code', expect.stringMatching(/\.(eduframe|accessplanit)$/), 'n8n-nodes-base.wait', expect.stringMatching(/\.(eduframe|accessplanit)$/)]);
	return { ...workflow, nodes } as IDataObject;
}

const counts = (items: IDataObject[]) => items.reduce<Record<string, number>>((all, item) => ({ ...all, [String(item.action)]: (all[String(item.action)] ?? 0) + 1 }), {});
const writes = (sandbox: { stats: { byRoute: Record<string, number> } }) =>
	Object.entries(sandbox.stats.byRoute)
		// The accessplanit sign-in (POST …/token) changes nothing.
		.filter(([route]) => !route.startsWith('GET ') && !/\/token$/.test(route))
		.reduce((sum, [, n]) => sum + n, 0);

describe.each(versions)('the HR sync examples in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 300 }, accessplanit: { users: 300 } });
		sandboxes.eduframe.addHrExample();
		sandboxes.accessplanit.addHrExample();
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
			{ id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)', type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } },
		]);
		await n8n.importWorkflows(EXAMPLES.map((example) => byHand(example.file)));
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	/** Runs each example up to its Wait node; the execution waits for the form. */
	async function previewAll(): Promise<Record<string, IDataObject[]>> {
		const previews: Record<string, IDataObject[]> = {};
		for (const example of EXAMPLES) {
			const run = await n8n.execute(example.id);
			expect(run.data.resultData.error).toBeUndefined();
			expect(run.status).toBe('waiting');
			previews[example.vendor] = nodeItems(run.data, 'Preview changes');
			expect(run.data.resultData.runData['Apply changes']).toBeUndefined();
		}
		return previews;
	}

	/** The waiting execution of a workflow, and the address of its form (as n8n puts it in `$execution.resumeFormUrl`). */
	async function formOf(workflowId: string): Promise<{ execution: ExecutionRow; url: string }> {
		const waiting = (await n8n.executions(workflowId, true)).filter((row) => row.status === 'waiting');
		expect(waiting).toHaveLength(1);
		const [execution] = waiting;
		const metadata = (execution.data?.resultData.runData['Wait for approval']?.[0] as { metadata?: IDataObject } | undefined)?.metadata;
		// n8n 2.x signs the address with the execution's resume token; 1.x addresses the execution by its ID alone.
		const signed = typeof metadata?.resumeFormUrl === 'string' ? new URL(metadata.resumeFormUrl) : undefined;
		return { execution, url: `${n8n.baseUrl}${signed ? `${signed.pathname}${signed.search}` : `/form-waiting/${execution.id}`}` };
	}

	/** A person approves: the Wait node's form submitted, then the resumed execution read when it ends. */
	async function approveAll(): Promise<Record<string, IDataObject[]>> {
		const applied: Record<string, IDataObject[]> = {};
		for (const example of EXAMPLES) {
			const { execution, url } = await formOf(example.id);
			const form = new FormData();
			form.append('field-0', 'Test approver');
			const answer = await fetch(url, { method: 'POST', body: form });
			expect(answer.status).toBeLessThan(400);
			const deadline = Date.now() + 120_000;
			let done: ExecutionRow | undefined;
			while (!done && Date.now() < deadline) {
				const row = (await n8n.executions(example.id, true)).find((entry) => entry.id === execution.id);
				if (row && !['waiting', 'running', 'new'].includes(row.status)) done = row;
				else await new Promise((resolve) => setTimeout(resolve, 500));
			}
			expect(done?.status).toBe('success');
			expect(nodeItems(done?.data, 'Wait for approval')[0]).toMatchObject({ 'Approved by': 'Test approver' });
			applied[example.vendor] = nodeItems(done?.data, 'Apply changes');
		}
		return applied;
	}

	test('Preview, a person approves in the form, Apply; the whole workflow again writes nothing', async () => {
		const { eduframe, accessplanit } = sandboxes;
		const eduframeUsers = eduframe.tables.users.length;
		const accessplanitUsers = accessplanit.modules.User.length;
		eduframe.resetStats();
		accessplanit.resetStats();

		const previews = await previewAll();
		expect(counts(previews.eduframe)).toEqual({ create: 2, update: 1, deactivate: 2, unchanged: 7, problem: 1 });
		expect(counts(previews.accessplanit)).toEqual({ create: 2, update: 2, deactivate: 2, unchanged: 6, problem: 1 });
		expect(previews.eduframe.find((item) => item.name === 'Daan Jansen-Bakker')).toMatchObject({ action: 'update', changes: { 'Last Name': 'Jansen → Jansen-Bakker' } });
		expect(previews.accessplanit.find((item) => item.name === 'Emma Visser')).toMatchObject({ action: 'update', changes: { 'Job Title': 'Finance → Operations' } });
		expect([writes(eduframe), writes(accessplanit)]).toEqual([0, 0]);

		await n8n.start();
		const applied = await approveAll();
		await n8n.stop();
		for (const vendor of ['eduframe', 'accessplanit'] as const) {
			// The same items as the preview, each change with its result.
			expect(applied[vendor].map((item) => [item.name, item.action])).toEqual(previews[vendor].map((item) => [item.name, item.action]));
			expect(applied[vendor].filter((item) => item.result).map((item) => `${String(item.name)}: ${String(item.result)}`).sort()).toEqual(
				previews[vendor].filter((item) => ['create', 'update', 'deactivate'].includes(String(item.action))).map((item) => `${String(item.name)}: ${{ create: 'created', update: 'updated', deactivate: 'deactivated' }[String(item.action)]}`).sort(),
			);
		}
		expect(eduframe.tables.users).toHaveLength(eduframeUsers + 2);
		const left = eduframe.tables.labels.find((label) => label.name === HR_EXAMPLE_LABELS.left)!.id;
		const julia = eduframe.tables.users.find((user) => user.email === 'julia.mulder@acme-care.example')!;
		expect(julia.label_ids).toContain(left);
		expect((eduframe.tables.authentications ?? []).filter((login) => login.user_id === julia.id)).toHaveLength(0);
		expect(accessplanit.modules.User).toHaveLength(accessplanitUsers + 2);
		expect(accessplanit.modules.User.find((user) => user.ExternalID === 'E1011')).toMatchObject({ MainCompanyID: HR_EXAMPLE_COMPANY.ID, Status: 'Enabled' });
		expect(accessplanit.modules.User.filter((user) => user.MainCompanyID === HR_EXAMPLE_COMPANY.ID && user.Status === 'Disabled').map((user) => user.ExternalID).sort()).toEqual(['E1005', 'E1006']);

		// The whole workflow again, HR unchanged: the preview shows nothing to do, and Apply writes nothing.
		eduframe.resetStats();
		accessplanit.resetStats();
		const again = await previewAll();
		expect(counts(again.eduframe)).toEqual({ unchanged: 12, problem: 1 });
		expect(counts(again.accessplanit)).toEqual({ unchanged: 12, problem: 1 });
		await n8n.start();
		const appliedAgain = await approveAll();
		await n8n.stop();
		expect(appliedAgain.eduframe.filter((item) => item.result)).toEqual([]);
		expect(appliedAgain.accessplanit.filter((item) => item.result)).toEqual([]);
		expect([writes(eduframe), writes(accessplanit)]).toEqual([0, 0]);
		expect(eduframe.tables.users).toHaveLength(eduframeUsers + 2);
		expect(accessplanit.modules.User).toHaveLength(accessplanitUsers + 2);
	}, 900_000);

	test('the resource mapper offers the platform\'s user fields, without the one matched on', async () => {
		await n8n.start();
		try {
			await n8n.setupOwner();
			const fieldsOf = async (type: string, credentials: IDataObject, parameters: IDataObject) => {
				const answer = await n8n.resourceMapperFields({ type, version: 1, parameters, credentials }, 'getSyncColumns');
				expect(answer.status).toBe(200);
				return ((answer.data.fields ?? []) as IDataObject[]).map((field) => `${String(field.id)}${field.required ? '*' : ''}`);
			};
			const eduframeFields = await fieldsOf('n8n-nodes-training-systems.eduframe', { eduframeApi: { id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)' } }, { resource: 'user', operation: 'syncFromHr', matchOn: 'email' });
			expect(eduframeFields).toEqual(['first_name*', 'middle_name', 'last_name*', 'locale', 'wants_newsletter']);
			const accessplanitFields = await fieldsOf('n8n-nodes-training-systems.accessplanit', { accessplanitApi: { id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)' } }, { resource: 'user', operation: 'syncFromHr', matchOn: 'ExternalID', scope: 'company' });
			expect(accessplanitFields).toEqual(expect.arrayContaining(['Forenames*', 'Surname*', 'Email*', 'JobTitle', 'CF_ShirtSize']));
			expect(accessplanitFields.some((field) => /^(ExternalID|MainCompanyID|Status|ID)\*?$/.test(field))).toBe(false);
		} finally {
			await n8n.stop();
		}
	}, 300_000);
});
