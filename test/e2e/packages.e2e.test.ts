/**
 * The published single-vendor packages (n8n-nodes-eduframe, n8n-nodes-planaday, n8n-nodes-accessplanit) in a
 * real n8n, installed from their tarballs (`npm run packages`) the way n8n's community-package installer does,
 * next to the pack (n8n-nodes-training-systems, installed as the other e2e tests install it).
 *
 * One n8n per line (E2E_PACKAGES_N8N_VERSIONS, "2.41.1,1.123.5" in `npm test`): every example that starts by
 * hand runs twice in one `n8n execute-batch` process, once as the pack's workflow against one set of sandboxes
 * and once rewritten for the single-vendor package (its node types, its credential type) against a second,
 * identical set; both must succeed with the same items. Then, in `n8n start`: the credential tests of both
 * families, every node type of both listed, and the single-vendor triggers activated (Eduframe's registers
 * its address and runs on a change; Planaday's and accessplanit's poll with their own credential).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { installTarballInto, nodeItems, RealN8n } from '../harness/real-n8n';
import { waitFor } from '../harness/wait';

const root = path.resolve(__dirname, '../..');
const PACK = 'n8n-nodes-training-systems';
const versions = (process.env.E2E_PACKAGES_N8N_VERSIONS ?? '2.41.1').split(',').map((v) => v.trim()).filter(Boolean);

const { PACKAGES, VENDORS } = require('../../scripts/packages.js') as {
	PACKAGES: Array<{ name: string; version: string; vendors: string[]; single: boolean }>;
	VENDORS: Record<string, { docs: string; credential: { name: string; single: { name: string } } }>;
};

interface Single {
	name: string;
	vendor: string; // folder: Eduframe
	prefix: string; // examples/<prefix>-*.json
	packCredential: string;
	credential: string;
}
const SINGLES: Single[] = PACKAGES.filter((pkg) => pkg.single).map((pkg) => {
	const vendor = pkg.vendors[0];
	const { docs, credential } = VENDORS[vendor];
	return { name: pkg.name, vendor, prefix: docs, packCredential: credential.name, credential: credential.single.name };
});
const tarball = (name: string) => {
	const pkg = PACKAGES.find((candidate) => candidate.name === name)!;
	const file = path.join(root, 'dist-packages', `${name}-${pkg.version}.tgz`);
	if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run packages first`);
	return file;
};

type Workflow = IDataObject & { id: string; name: string; nodes: Array<IDataObject & { type: string; credentials?: Record<string, { id: string; name: string }> }> };
const examples = fs
	.readdirSync(path.join(root, 'examples'))
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8')) as Workflow }));
const singleOf = (file: string) => SINGLES.find((single) => file.startsWith(`${single.prefix}-`))!;
// `n8n execute-batch --ids` takes only IDs with a digit in them: the pack's examples run under such an ID here.
const withDigit = (workflow: Workflow): Workflow => (/\d/.test(workflow.id) ? workflow : { ...workflow, id: `${workflow.id.slice(0, 15)}1` });
const byHand = examples.filter(({ workflow }) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')).map(({ file, workflow }) => ({ file, workflow: withDigit(workflow) }));

/** The same example for a single-vendor package: its node types, its credential type and credential, its own ID and webhook paths. */
function forSingle(workflow: Workflow, single: Single): Workflow {
	const text = JSON.stringify(workflow)
		.split(`"${PACK}.`)
		.join(`"${single.name}.`)
		.split(`"${single.packCredential}":`)
		.join(`"${single.credential}":`);
	const copy = JSON.parse(text) as Workflow;
	for (const node of copy.nodes) {
		for (const reference of Object.values(node.credentials ?? {})) Object.assign(reference, { id: `pk${reference.id.slice(2)}`, name: `${reference.name} (${single.name})` });
		if (node.webhookId) node.webhookId = `${String(node.webhookId).slice(0, -4)}beef`;
		const parameters = node.parameters as IDataObject | undefined;
		if (node.type === 'n8n-nodes-base.webhook' && parameters?.path) parameters.path = `${String(parameters.path)}-${single.name}`;
	}
	return { ...copy, id: `pk${withDigit(workflow).id.slice(2)}`, name: `${workflow.name} (${single.name})` };
}

/**
 * What a run's items say, without what two runs never share: the moments the sandboxes stamped on them,
 * Planaday's booking IDs (made from the time, as PHP's uniqid: API1a24f369de30001.14451873) and the IDs a
 * sandbox gave the records a run created (in the order their requests arrived, which several requests at
 * once do not fix).
 */
function comparable(value: unknown): unknown {
	if (typeof value === 'string' && /^API[0-9a-f]{13,}\.\d+$/.test(value)) return 'API<uniqid>';
	if (Array.isArray(value)) return value.map(comparable);
	if (value && typeof value === 'object') {
		const created = (value as IDataObject).outcome === 'created';
		return Object.fromEntries(
			Object.entries(value as IDataObject)
				.filter(([key]) => !/(^|_)(at|date|time)$|At$|^Date|Date$|Time$|^token$/i.test(key))
				.map(([key, inner]) => [key, created && /^id$/i.test(key) ? '<new record>' : comparable(inner)]),
		);
	}
	return value;
}

/** An item without its record's own ID (top-level `id`, accessplanit's `ID`); every other field, IDs it refers to included, stays. */
function withoutOwnId(item: unknown): unknown {
	if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
	const { id: _id, ID: _ID, ...rest } = item as IDataObject;
	return rest;
}

function sandboxCredentials(sandboxes: Sandboxes, family: 'pack' | 'single') {
	const id = (packId: string) => (family === 'pack' ? packId : `pk${packId.slice(2)}`);
	const type = (single: Single) => (family === 'pack' ? single.packCredential : single.credential);
	const [eduframe, planaday, accessplanit] = ['Eduframe', 'Planaday', 'Accessplanit'].map((vendor) => SINGLES.find((single) => single.vendor === vendor)!);
	return [
		{ id: id('tsEduframeSandbox'), name: family === 'pack' ? 'Eduframe (sandbox)' : `Eduframe (sandbox) (${eduframe.name})`, type: type(eduframe), data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
		{ id: id('tsPlanadaySandbox'), name: family === 'pack' ? 'Planaday (sandbox)' : `Planaday (sandbox) (${planaday.name})`, type: type(planaday), data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
		{
			id: id('tsAccessplanitSbx'),
			name: family === 'pack' ? 'accessplanit (sandbox)' : `accessplanit (sandbox) (${accessplanit.name})`,
			type: type(accessplanit),
			data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD },
		},
	];
}

/** What the e2e tests of each vendor set up before these examples (an invoice open to be paid). */
function prepare(sandboxes: Sandboxes) {
	Object.assign(sandboxes.eduframe.tables.invoices[2], { status: 'open', outstanding_amount: '240.00', total_price_inc_vat: '240.00' });
}

describe.each(versions)('the single-vendor packages beside the pack in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let packSandboxes: Sandboxes;
	let singleSandboxes: Sandboxes;
	const installed: Array<{ name: string; version: string }> = [];

	beforeAll(async () => {
		const tarballs = SINGLES.map((single) => tarball(single.name));
		const options = { eduframe: { users: 300 }, planaday: { courses: 120 } };
		packSandboxes = await startSandboxes(options);
		singleSandboxes = await startSandboxes(options);
		prepare(packSandboxes);
		prepare(singleSandboxes);
		n8n = await RealN8n.create(version);
		for (const file of tarballs) installed.push(installTarballInto(n8n.userFolder, file));
		await n8n.importCredentials([...sandboxCredentials(packSandboxes, 'pack'), ...sandboxCredentials(singleSandboxes, 'single')]);
		await n8n.importWorkflows([
			...byHand.map(({ workflow }) => workflow),
			...examples.map(({ file, workflow }) => forSingle(workflow, singleOf(file))),
		]);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await packSandboxes?.stop();
		await singleSandboxes?.stop();
		n8n?.cleanup();
	});

	test('installed as n8n installs a community package: no dependencies, recorded in ~/.n8n/nodes/package.json', () => {
		expect(installed.map((row) => row.name)).toEqual(SINGLES.map((single) => single.name));
		const ledger = JSON.parse(fs.readFileSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
		expect(Object.keys(ledger.dependencies).sort()).toEqual([PACK, ...SINGLES.map((single) => single.name)].sort());
		for (const single of SINGLES) {
			const manifest = JSON.parse(fs.readFileSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', single.name, 'package.json'), 'utf8')) as IDataObject;
			expect(manifest.dependencies).toBeUndefined();
			expect(manifest.devDependencies).toBeUndefined();
		}
	});

	test('every example run by hand succeeds in one n8n process, through the pack and through the single-vendor package, with the same items', async () => {
		const ids = byHand.flatMap(({ file, workflow }) => [workflow.id, forSingle(workflow, singleOf(file)).id]);
		const output = path.join(n8n.userFolder, 'batch.json');
		const result = await n8n.cli(['execute-batch', `--ids=${ids.join(',')}`, `--output=${output}`], 900_000);
		const summary = fs.existsSync(output) ? (JSON.parse(fs.readFileSync(output, 'utf8')) as IDataObject) : {};
		const runs = ((summary.executions ?? []) as IDataObject[]).map((run) => `${String(run.workflowId)}: ${String(run.executionStatus)}${run.error ? ` (${String(run.error)})` : ''}`).sort();
		expect({ exit: result.code, runs }).toEqual({ exit: 0, runs: ids.map((id) => `${id}: success`).sort() });
		for (const { file, workflow } of byHand) {
			const copy = forSingle(workflow, singleOf(file));
			const [packRun] = await n8n.executions(workflow.id, true);
			const [singleRun] = await n8n.executions(copy.id, true);
			expect({ file, pack: packRun?.status, single: singleRun?.status }).toEqual({ file, pack: 'success', single: 'success' });
			const nodes = workflow.nodes.map((node) => String(node.name));
			// The same records in each node's output. Records created side by side get their IDs in the order
			// the sandbox finished them, which differs between two runs, so each node's items are compared as
			// a set with the records' own IDs left out.
			const items = (run: typeof packRun) =>
				Object.fromEntries(nodes.map((name) => [name, (comparable(nodeItems(run.data, name)) as unknown[]).map((item) => JSON.stringify(withoutOwnId(item))).sort()]));
			expect({ file, items: items(singleRun) }).toEqual({ file, items: items(packRun) });
			// Each went to its own sandboxes: the single-vendor package's credential reached only the second set.
			const single = singleOf(file);
			const key = single.vendor.toLowerCase() as 'eduframe' | 'planaday' | 'accessplanit';
			expect(singleSandboxes[key].stats.requests).toBeGreaterThan(0);
		}
	}, 900_000);

	test('in n8n start: both families of nodes and credentials are listed, each credential test passes, the single-vendor triggers run', async () => {
		const triggers = examples.filter(({ workflow }) => workflow.nodes.some((node) => /Trigger$/.test(node.type) && node.type.startsWith(`${PACK}.`)));
		for (const { file, workflow } of triggers) await n8n.activate(forSingle(workflow, singleOf(file)).id);
		for (const single of SINGLES) singleSandboxes[single.vendor.toLowerCase() as 'eduframe'].resetStats();
		await n8n.start();
		await n8n.setupOwner();

		// Every node type of both families is known to the editor, and n8n logged no clash of credential types.
		const types = (await n8n.rest('GET', '/types/nodes.json')).data as unknown as Array<{ name: string }>;
		const names = new Set(types.map((type) => type.name));
		for (const single of SINGLES) {
			for (const node of [single.vendor.toLowerCase(), `${single.vendor.toLowerCase()}Trigger`]) {
				expect({ node, pack: names.has(`${PACK}.${node}`), single: names.has(`${single.name}.${node}`) }).toEqual({ node, pack: true, single: true });
			}
		}
		const credentialTypes = (await n8n.rest('GET', '/types/credentials.json')).data as unknown as Array<{ name: string }>;
		const credentialNames = credentialTypes.map((type) => type.name);
		for (const single of SINGLES) {
			expect(credentialNames.filter((name) => name === single.packCredential)).toHaveLength(1);
			expect(credentialNames.filter((name) => name === single.credential)).toHaveLength(1);
		}
		expect(n8n.serverLog).not.toMatch(/already (registered|loaded)|Unknown credential name|Failed to load package/i);

		// n8n's own credential test (the dialog's Test button), for both families, each against its own sandboxes.
		for (const [family, sandboxes] of [
			['pack', packSandboxes],
			['single', singleSandboxes],
		] as const) {
			for (const credential of sandboxCredentials(sandboxes, family)) {
				const tested = await n8n.testCredential(credential.id, credential.type, credential.data);
				expect({ type: credential.type, status: tested.status }).toEqual({ type: credential.type, status: 'OK' });
			}
		}

		// The single-vendor Eduframe Trigger registered its address with the second Eduframe and runs on a change there.
		const trigger = triggers.find(({ file }) => file.startsWith('eduframe-'))!;
		const triggerId = forSingle(trigger.workflow, singleOf(trigger.file)).id;
		const hooks = () => singleSandboxes.eduframe.webhooks.filter((hook) => hook.url.startsWith(`${n8n.baseUrl}/webhook/`));
		await waitFor(() => hooks().length === 1, 'the single-vendor Eduframe Trigger registered with Eduframe', 60_000);
		expect(packSandboxes.eduframe.webhooks.filter((hook) => hook.url.startsWith(`${n8n.baseUrl}/webhook/`))).toHaveLength(0);
		const auth = { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' };
		const order = singleSandboxes.eduframe.tables.orders.find((candidate) => candidate.status === 'requested')!;
		expect((await fetch(`${singleSandboxes.eduframe.baseUrl}/orders/${order.id}/approve`, { method: 'PUT', headers: auth })).status).toBe(200);
		await singleSandboxes.eduframe.settled();
		const [execution] = await n8n.waitForExecutions(triggerId, 1, 60_000);
		expect(execution.status).toBe('success');
		expect(nodeItems(execution.data, 'Eduframe Trigger')[0]).toMatchObject({ event: 'order.approved' });

		// The polling triggers poll with their own credential (n8n polls at most once a minute): Planaday's course
		// list and accessplanit's module lists, which no credential test reads.
		const polled = () =>
			(singleSandboxes.planaday.stats.byRoute['GET /v1/course/list'] ?? 0) > 0 &&
			Object.entries(singleSandboxes.accessplanit.stats.byRoute).some(([route, count]) => route.startsWith('GET /accessplan/api/v2/') && count > 0);
		await waitFor(polled, 'the single-vendor Planaday and accessplanit Triggers polled', 120_000);
		expect(n8n.serverLog).not.toMatch(/There was a problem (activating|in) .*(planaday|accessplanit)/i);
	}, 600_000);
});
