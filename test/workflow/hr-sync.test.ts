/**
 * User → Sync From HR through n8n's engine against the sandboxes: every action (create, update,
 * deactivate, unchanged, problem), Preview writing nothing, Apply writing each change once and nothing
 * on a second run, the leavers guard, Continue On Fail per person, a run stopped half way and run
 * again, and an approved preview applied later (checked again first).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { HR_EXAMPLE_COMPANY, HR_EXAMPLE_LABELS, HR_EXAMPLE_TRAINER, hrExampleRows, type HrExampleRow } from '../../sandbox/common/hr-example';
import { vendorDay } from '../../sandbox/common/time';
import { errorOf, itemsOf, outputOf, PACKAGE, runWorkflow, type WorkflowJson } from '../harness/engine';
import { tamper, untamper } from '../harness/hostile';
import { accessplanitKeyCredential, eduframeCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile((s) => {
	s.eduframe.limiter.limit = 100_000;
	s.accessplanit.limiter.limit = 100_000;
});
afterEach(() => untamper(sandboxes.eduframe, sandboxes.accessplanit));

const eduframe = () => sandboxes.eduframe;
const ap = () => sandboxes.accessplanit;
type Counted = { stats: { byRoute: Record<string, number> } };
/** Requests other than reads a sandbox received (by route, and in all). */
const writeRoutes = (sandbox: Counted) => Object.fromEntries(Object.entries(sandbox.stats.byRoute).filter(([route]) => !route.startsWith('GET ')));
const writes = (sandbox: Counted) => Object.values(writeRoutes(sandbox)).reduce((sum, n) => sum + n, 0);
const counts = (items: IDataObject[]) => items.reduce<Record<string, number>>((all, item) => ({ ...all, [String(item.action)]: (all[String(item.action)] ?? 0) + 1 }), {});
const named = (items: IDataObject[], name: string) => items.find((item) => item.name === name)!;

const rows = (): HrExampleRow[] => hrExampleRows(vendorDay('Europe/Amsterdam'));
const asInput = (list: HrExampleRow[]) => list as unknown as IDataObject[];

function mapper(value: IDataObject, schema: Array<{ id: string; displayName: string; required?: boolean; type?: string }>): IDataObject {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: schema.map((field) => ({ ...field, type: field.type ?? 'string', display: true, defaultMatch: false, canBeUsedToMatch: false, required: !!field.required })),
	};
}

// ---------------------------------------------------------------- Eduframe

const eduframeFields = mapper({ first_name: '={{ $json.firstName }}', last_name: '={{ $json.lastName }}', email: '={{ $json.email }}' }, [
	{ id: 'first_name', displayName: 'First Name', required: true },
	{ id: 'last_name', displayName: 'Last Name', required: true },
	{ id: 'email', displayName: 'Email', required: true },
]);
const label = (name: string) => Number(eduframe().tables.labels.find((entry) => entry.name === name)!.id);
const eduframeSync = (extra: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'syncFromHr',
	matchOn: 'email',
	matchValue: '={{ $json.email }}',
	fields: eduframeFields,
	scope: 'label',
	scopeLabel: label(HR_EXAMPLE_LABELS.employees),
	leavers: 'deactivate',
	leaverLabel: label(HR_EXAMPLE_LABELS.left),
	maxLeaverShare: 25,
	maxLeavers: 5,
	options: { leavingDate: '={{ $json.leavingDate }}' },
	...extra,
});
const run = (node: 'eduframe' | 'accessplanit', parameters: IDataObject, input: IDataObject[], onError?: INode['onError']) =>
	runWorkflow(singleNodeWorkflow(node, parameters, node === 'eduframe' ? eduframeCredential : accessplanitKeyCredential, onError ? { onError } : {}), { input });
const user = (email: string) => eduframe().tables.users.find((entry) => String(entry.email).toLowerCase() === email.toLowerCase());
const loginsOf = (email: string) => (eduframe().tables.authentications ?? []).filter((login) => login.user_id === user(email)?.id);
const acme = (name: string) => `${name}@acme-care.example`;

describe('Eduframe → User → Sync From HR', () => {
	beforeEach(() => {
		eduframe().seed(300);
		eduframe().addHrExample();
		eduframe().resetStats();
	});

	test('Preview writes nothing and puts out one item per person: create, update, deactivate, unchanged, problem', async () => {
		const before = JSON.stringify(eduframe().tables);
		const result = await run('eduframe', eduframeSync(), asInput(rows()));
		const items = outputOf(result, 'Vendor');
		expect(counts(items)).toEqual({ create: 2, update: 1, deactivate: 2, unchanged: 7, problem: 1 });
		// What changes comes first, as n8n's table shows it: its columns start with the action, the person and the changes.
		expect(items.map((item) => item.action)).toEqual(['create', 'create', 'update', 'deactivate', 'deactivate', 'problem', ...Array(7).fill('unchanged')]);
		expect(Object.keys(items[0]).slice(0, 4)).toEqual(['action', 'name', 'key', 'changes']);
		expect(writes(eduframe())).toBe(0);
		expect(JSON.stringify(eduframe().tables)).toBe(before);
		expect(named(items, 'Daan Jansen-Bakker')).toMatchObject({ action: 'update', key: acme('daan.jansen'), changes: { 'Last Name': 'Jansen → Jansen-Bakker' } });
		expect(named(items, 'Noah Bakker')).toMatchObject({ action: 'create', changes: { 'First Name': 'Noah', 'Last Name': 'Bakker', Email: acme('noah.bakker'), Labels: 'Employees', 'Can Log In': 'yes' } });
		expect(named(items, 'Julia Mulder')).toMatchObject({ action: 'deactivate', changes: { 'Log-Ins': 'removed', Labels: 'Employees → Employees, Left' } });
		expect(String(named(items, 'Julia Mulder').note)).toMatch(/^Left on \d{4}-\d{2}-\d{2}$/);
		expect(named(items, 'Thomas de Boer')).toMatchObject({ action: 'deactivate', note: 'Not in the HR list' });
		expect(named(items, 'Jesse Kok')).toMatchObject({ action: 'problem', problem: 'The field "HR Value to Match" is empty' });
		// The trainer the sync does not manage is not compared at all.
		expect(items.some((item) => item.name === 'Pieter Bos')).toBe(false);
		// Items from HR are paired with their HR item; a leaver HR no longer lists has none.
		const paired = itemsOf(result, 'Vendor');
		expect(paired.find((item) => item.json.name === 'Daan Jansen-Bakker')!.pairedItem).toEqual({ item: 1 });
		expect(paired.find((item) => item.json.name === 'Julia Mulder')!.pairedItem).toEqual({ item: 4 });
		expect(paired.find((item) => item.json.name === 'Thomas de Boer')!.pairedItem).toBeUndefined();
	});

	test('Apply writes each change once, puts out the same items with results, and a second Apply writes nothing', async () => {
		const trainer = JSON.stringify(user(HR_EXAMPLE_TRAINER.email));
		const count = eduframe().tables.users.length;
		const items = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(rows())), 'Vendor');
		expect(counts(items)).toEqual({ create: 2, update: 1, deactivate: 2, unchanged: 7, problem: 1 });
		expect(items.filter((item) => item.result).map((item) => `${String(item.name)}: ${String(item.result)}`).sort()).toEqual([
			'Daan Jansen-Bakker: updated',
			'Julia Mulder: deactivated',
			'Noah Bakker: created',
			'Tess Meijer: created',
			'Thomas de Boer: deactivated',
		]);
		// One request per change: two users created, one renamed, two leavers' log-ins removed and labelled.
		expect(writeRoutes(eduframe())).toEqual({ 'POST /api/v1/users': 2, 'PATCH /api/v1/users/:id': 3, 'DELETE /api/v1/users/:id/authentications/:id': 2 });
		expect(eduframe().tables.users).toHaveLength(count + 2);
		expect(user(acme('noah.bakker'))).toMatchObject({ first_name: 'Noah', last_name: 'Bakker', label_ids: [label(HR_EXAMPLE_LABELS.employees)] });
		expect(loginsOf(acme('noah.bakker'))).toHaveLength(1);
		expect(named(items, 'Noah Bakker').id).toBe(user(acme('noah.bakker'))!.id);
		expect(user(acme('daan.jansen'))!.last_name).toBe('Jansen-Bakker');
		for (const leaver of [acme('julia.mulder'), acme('thomas.deboer')]) {
			expect(loginsOf(leaver)).toHaveLength(0);
			expect(user(leaver)!.label_ids).toEqual([label(HR_EXAMPLE_LABELS.employees), label(HR_EXAMPLE_LABELS.left)]);
		}
		expect(named(items, 'Julia Mulder').logInsRemoved).toBe(1);
		expect(JSON.stringify(user(HR_EXAMPLE_TRAINER.email))).toBe(trainer);

		eduframe().resetStats();
		const again = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(rows())), 'Vendor');
		expect(writes(eduframe())).toBe(0);
		expect(counts(again)).toEqual({ unchanged: 12, problem: 1 });
		expect(named(again, 'Thomas de Boer').note).toBe('Not in the HR list; already deactivated');
		expect(eduframe().tables.users).toHaveLength(count + 2);
	});

	test('the leavers guard refuses to apply when more would be deactivated than the share or number allows, saying how many; Preview warns', async () => {
		const before = JSON.stringify(eduframe().tables);
		// An HR export cut short after three employees: seven of the ten managed users look like leavers.
		const short = asInput(rows().slice(0, 3));
		const refused = await run('eduframe', eduframeSync({ syncMode: 'apply' }), short);
		const error = errorOf(refused, 'Vendor');
		expect(error?.message).toBe('Apply refused: 7 of the 10 users the sync manages (70 %) would be deactivated: more than 25 % and more than 5, which "Most Leavers to Deactivate" does not allow');
		expect(String(error?.description)).toContain('Nothing was written');
		expect(writes(eduframe())).toBe(0);
		expect(JSON.stringify(eduframe().tables)).toBe(before);
		// Continue On Fail: one error item, nothing written either.
		const kept = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply' }), short, 'continueRegularOutput'), 'Vendor');
		expect(kept).toHaveLength(1);
		expect(String(kept[0].error)).toMatch(/^Apply refused: 7 of the 10/);
		expect(writes(eduframe())).toBe(0);
		// The number alone: two leavers are 20 % of ten, but at most one is allowed.
		const byNumber = errorOf(await run('eduframe', eduframeSync({ syncMode: 'apply', maxLeavers: 1 }), asInput(rows())), 'Vendor');
		expect(byNumber?.message).toBe('Apply refused: 2 of the 10 users the sync manages (20 %) would be deactivated: more than 1, which "Most Leavers to Deactivate" does not allow');
		const preview = outputOf(await run('eduframe', eduframeSync(), short), 'Vendor');
		expect(preview.filter((item) => item.action === 'deactivate').every((item) => String(item.warning).startsWith('Apply would refuse: 7 of the 10'))).toBe(true);
		expect(JSON.stringify(eduframe().tables)).toBe(before);
	});

	test('Leavers: Leave Them As They Are reports them and writes nothing for them', async () => {
		const items = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply', leavers: 'keep' }), asInput(rows())), 'Vendor');
		expect(counts(items)).toEqual({ create: 2, update: 1, unchanged: 9, problem: 1 });
		expect(named(items, 'Thomas de Boer').note).toBe('Not in the HR list; left as they are (Leavers: Leave Them As They Are)');
		expect(loginsOf(acme('thomas.deboer'))).toHaveLength(1);
		expect(writeRoutes(eduframe())).toEqual({ 'POST /api/v1/users': 2, 'PATCH /api/v1/users/:id': 1 });
	});

	test('rows that cannot be matched safely are problems, never creates or deactivations', async () => {
		const list = rows();
		// The same email twice (in other capitals), and an HR email that belongs to a user the sync does not manage.
		list.push({ ...list[3], firstName: 'Lucas', lastName: 'Smit (2)', email: list[3].email.toUpperCase() });
		list.push({ ...list[0], firstName: 'Pieter', lastName: 'Bos', email: HR_EXAMPLE_TRAINER.email, employeeNumber: 'E2001' });
		const before = JSON.stringify(eduframe().tables);
		const items = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply', leavers: 'keep' }), asInput(list)), 'Vendor');
		const lucas = items.filter((item) => String(item.key).toLowerCase() === acme('lucas.smit'));
		expect(lucas.map((item) => item.action)).toEqual(['problem', 'problem']);
		expect(String(lucas[0].problem)).toBe(`2 employees of the HR list have this Email: ${acme('lucas.smit')} (items 4 and 13)`);
		expect(named(items, 'Pieter Bos')).toMatchObject({ action: 'problem' });
		expect(String(named(items, 'Pieter Bos').problem)).toMatch(/^Eduframe has a user with this Email \(ID \d+\) among the people the sync does not manage$/);
		expect(JSON.stringify(user(HR_EXAMPLE_TRAINER.email))).toBe(JSON.stringify(JSON.parse(before).users.find((entry: IDataObject) => entry.email === HR_EXAMPLE_TRAINER.email)));
		expect(user(acme('lucas.smit'))!.last_name).toBe('Smit');
	});

	test('matched on employee number: two users with one number are a problem, a joiner is not created (Eduframe cannot write the number)', async () => {
		const [sanne, daan] = [user(acme('sanne.devries'))!, user(acme('daan.jansen'))!];
		daan.employee_number = sanne.employee_number;
		const parameters = eduframeSync({ syncMode: 'apply', matchOn: 'employee_number', matchValue: '={{ $json.employeeNumber }}', scope: 'employeeNumber', leavers: 'keep' });
		const list = asInput(rows().filter((row) => ['Sanne', 'Noah', 'Emma'].includes(row.firstName)));
		const count = eduframe().tables.users.length;
		const items = outputOf(await run('eduframe', parameters, list), 'Vendor');
		expect(named(items, 'Sanne de Vries')).toMatchObject({ action: 'problem' });
		expect(String(named(items, 'Sanne de Vries').problem)).toBe(`2 Eduframe users have this Employee Number: E1001 (IDs ${String(sanne.id)}, ${String(daan.id)})`);
		expect(named(items, 'Noah Bakker')).toMatchObject({ action: 'problem', problem: "Not created: Eduframe's API cannot write employee numbers, so the next run would not find this user" });
		expect(named(items, 'Emma Visser').action).toBe('unchanged');
		expect(eduframe().tables.users).toHaveLength(count);
		expect(writes(eduframe())).toBe(0);
	});

	test('a joiner missing a field a new user needs is a problem; a leaver HR takes back loses the leavers label', async () => {
		const thomas = user(acme('thomas.deboer'))!;
		thomas.label_ids = [label(HR_EXAMPLE_LABELS.employees), label(HR_EXAMPLE_LABELS.left)];
		const list = rows();
		list.push({ ...list[0], firstName: 'Thomas', lastName: 'de Boer', email: acme('thomas.deboer'), employeeNumber: 'E1006' });
		list.push({ ...list[0], firstName: '', lastName: 'Nobody', email: acme('nobody'), employeeNumber: 'E1099' });
		const items = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(list)), 'Vendor');
		expect(named(items, 'Thomas de Boer')).toMatchObject({ action: 'update', result: 'updated', changes: { Labels: 'Employees, Left → Employees' } });
		expect(user(acme('thomas.deboer'))!.label_ids).toEqual([label(HR_EXAMPLE_LABELS.employees)]);
		expect(named(items, 'Nobody')).toMatchObject({ action: 'problem', problem: 'Not created: "First Name" is empty' });
		expect(user(acme('nobody'))).toBeUndefined();
	});

	test('Continue On Fail: one error item per failed person, paired with their HR item; the others are written', async () => {
		const daan = user(acme('daan.jansen'))!;
		tamper(eduframe(), {
			before: (request) =>
				(request.method === 'PATCH' && request.path.endsWith(`/users/${String(daan.id)}`)) || (request.method === 'POST' && (request.body as IDataObject)?.email === acme('noah.bakker'))
					? { status: 422, body: { errors: { last_name: ['is too long'] }, code: 422, message: 'Validation failed' } }
					: undefined,
		});
		const result = await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(rows()), 'continueRegularOutput');
		const items = itemsOf(result, 'Vendor');
		const failed = items.filter((item) => item.json.result === 'failed');
		expect(failed.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Noah Bakker', { item: 9 }],
			['Daan Jansen-Bakker', { item: 1 }],
		]);
		expect(String(failed[0].json.error)).toContain('Validation failed');
		expect(items.filter((item) => item.json.result && item.json.result !== 'failed').map((item) => item.json.result).sort()).toEqual(['created', 'deactivated', 'deactivated']);
		expect(user(acme('tess.meijer'))).toBeDefined();
		expect(user(acme('noah.bakker'))).toBeUndefined();
	});

	test('a run stopped half way (a create whose answer is lost) is simply run again: the job finishes, nobody twice', async () => {
		const count = eduframe().tables.users.length;
		let lost = false;
		// Eduframe makes Noah, but the answer never arrives as such: the node cannot know, says so and stops.
		tamper(eduframe(), {
			after: (request) => {
				if (lost || request.method !== 'POST' || (request.body as IDataObject)?.email !== acme('noah.bakker')) return undefined;
				lost = true;
				return { status: 502, body: '<html>Bad gateway</html>' };
			},
		});
		const stopped = await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(rows()));
		const error = errorOf(stopped, 'Vendor');
		expect(error?.message).toBeDefined();
		expect(String(error?.description)).toMatch(/of the 5 changes were written before this one\. Run the workflow again: what was written is not written twice\.$/);
		untamper(eduframe());
		const again = outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(rows())), 'Vendor');
		expect(named(again, 'Noah Bakker').action).toBe('unchanged');
		expect(eduframe().tables.users).toHaveLength(count + 2);
		expect(eduframe().tables.users.filter((entry) => entry.email === acme('noah.bakker'))).toHaveLength(1);
		expect(user(acme('daan.jansen'))!.last_name).toBe('Jansen-Bakker');
		expect(loginsOf(acme('thomas.deboer'))).toHaveLength(0);
		eduframe().resetStats();
		outputOf(await run('eduframe', eduframeSync({ syncMode: 'apply' }), asInput(rows())), 'Vendor');
		expect(writes(eduframe())).toBe(0);
	});

	test('an approved preview is applied after each person is checked again: what changed since is not written', async () => {
		const preview = outputOf(await run('eduframe', eduframeSync(), asInput(rows())), 'Vendor');
		// After the preview, somebody renames Daan in Eduframe.
		user(acme('daan.jansen'))!.last_name = 'Jansen-Smit';
		const apply = eduframeSync({ syncMode: 'apply', employeesFrom: 'preview', preview: JSON.stringify(preview) });
		const items = outputOf(await run('eduframe', apply, [{ approved: true }]), 'Vendor');
		expect(named(items, 'Daan Jansen-Bakker')).toMatchObject({ action: 'problem', fix: 'Run the preview again and approve what it shows now.' });
		expect(String(named(items, 'Daan Jansen-Bakker').problem)).toBe('Not written: "last_name" was changed in Eduframe (now Jansen-Smit) since the preview');
		expect(user(acme('daan.jansen'))!.last_name).toBe('Jansen-Smit');
		expect(items.filter((item) => item.result).map((item) => item.result).sort()).toEqual(['created', 'created', 'deactivated', 'deactivated']);
		// The same approval applied again writes nothing.
		eduframe().resetStats();
		const again = outputOf(await run('eduframe', apply, [{ approved: true }]), 'Vendor');
		expect(writes(eduframe())).toBe(0);
		expect(counts(again)).toEqual({ unchanged: 11, problem: 2 });
		// Not a preview at all: refused before any request.
		eduframe().resetStats();
		const wrong = errorOf(await run('eduframe', eduframeSync({ syncMode: 'apply', employeesFrom: 'preview', preview: '[{"email": "x"}]' }), [{}]), 'Vendor');
		expect(wrong?.message).toBe('The field "Approved Preview" does not hold the items of a Sync From HR preview');
	});

	test('Preview, a person approves, Apply: the Apply node reads the preview node\'s items', async () => {
		const workflow: WorkflowJson = {
			nodes: [
				{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'p', name: 'Preview changes', type: `${PACKAGE}.eduframe`, typeVersion: 1, position: [200, 0], parameters: eduframeSync(), credentials: eduframeCredential },
				{ id: 'a', name: 'Apply changes', type: `${PACKAGE}.eduframe`, typeVersion: 1, position: [400, 0], parameters: eduframeSync({ syncMode: 'apply', employeesFrom: 'preview' }), credentials: eduframeCredential },
			] as INode[],
			connections: { Start: { main: [[{ node: 'Preview changes', type: 'main', index: 0 }]] }, 'Preview changes': { main: [[{ node: 'Apply changes', type: 'main', index: 0 }]] } },
		};
		// The Apply node keeps its default: {{ $('Preview changes').all() }}.
		expect((workflow.nodes[2].parameters as IDataObject).preview).toBeUndefined();
		const result = await runWorkflow(workflow, { input: asInput(rows()) });
		const applied = outputOf(result, 'Apply changes');
		expect(applied.map((item) => item.name)).toEqual(outputOf(result, 'Preview changes').map((item) => item.name));
		expect(applied.filter((item) => item.result).map((item) => item.result).sort()).toEqual(['created', 'created', 'deactivated', 'deactivated', 'updated']);
		expect(user(acme('daan.jansen'))!.last_name).toBe('Jansen-Bakker');
	});
});

// ---------------------------------------------------------------- accessplanit

const accessplanitFields = mapper(
	{ Forenames: '={{ $json.firstName }}', Surname: '={{ $json.lastName }}', Email: '={{ $json.email }}', JobTitle: '={{ $json.department }}' },
	[
		{ id: 'Forenames', displayName: 'Forenames', required: true },
		{ id: 'Surname', displayName: 'Surname', required: true },
		{ id: 'Email', displayName: 'Email', required: true },
		{ id: 'JobTitle', displayName: 'Job Title' },
	],
);
const accessplanitSync = (extra: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'syncFromHr',
	matchOn: 'ExternalID',
	matchValue: '={{ $json.employeeNumber }}',
	fields: accessplanitFields,
	scope: 'company',
	scopeCompany: HR_EXAMPLE_COMPANY.ID,
	leavers: 'deactivate',
	maxLeaverShare: 25,
	maxLeavers: 5,
	options: { leavingDate: '={{ $json.leavingDate }}' },
	...extra,
});
const apUser = (externalId: string) => ap().modules.User.find((entry) => entry.ExternalID === externalId);

describe('accessplanit → User → Sync From HR', () => {
	beforeEach(() => {
		ap().seed(300);
		ap().addHrExample();
		ap().resetStats();
	});

	test('Preview, Apply and Apply again for the users of one account: joiners, movers, leavers Disabled, nobody else touched', async () => {
		const others = JSON.stringify(ap().modules.User.filter((entry) => entry.MainCompanyID !== HR_EXAMPLE_COMPANY.ID));
		const preview = outputOf(await run('accessplanit', accessplanitSync(), asInput(rows())), 'Vendor');
		expect(counts(preview)).toEqual({ create: 2, update: 2, deactivate: 2, unchanged: 6, problem: 1 });
		expect(writes(ap())).toBe(0);
		expect(named(preview, 'Emma Visser').changes).toEqual({ 'Job Title': 'Finance → Operations' });
		expect(named(preview, 'Thomas de Boer').changes).toEqual({ Status: 'Enabled → Disabled' });
		expect(named(preview, 'Noah Bakker').changes).toEqual({ Forenames: 'Noah', Surname: 'Bakker', Email: acme('noah.bakker'), 'Job Title': 'Care', 'External ID': 'E1011', 'Main Company': HR_EXAMPLE_COMPANY.ID, Status: 'Enabled' });

		const count = ap().modules.User.length;
		const applied = outputOf(await run('accessplanit', accessplanitSync({ syncMode: 'apply' }), asInput(rows())), 'Vendor');
		expect(applied.map((item) => item.name)).toEqual(preview.map((item) => item.name));
		expect(writeRoutes(ap())).toEqual({ 'POST /accessplan/api/v2/:id': 2, 'PUT /accessplan/api/v2/:id/:id': 4 });
		expect(ap().modules.User).toHaveLength(count + 2);
		expect(apUser('E1011')).toMatchObject({ Forenames: 'Noah', Surname: 'Bakker', MainCompanyID: HR_EXAMPLE_COMPANY.ID, Status: 'Enabled', JobTitle: 'Care' });
		expect(apUser('E1003')!.JobTitle).toBe('Operations');
		expect(apUser('E1002')!.Surname).toBe('Jansen-Bakker');
		expect([apUser('E1005')!.Status, apUser('E1006')!.Status]).toEqual(['Disabled', 'Disabled']);
		expect(ap().modules.User.filter((entry) => entry.Status === 'Disabled')).toHaveLength(2);
		expect(JSON.stringify(ap().modules.User.filter((entry) => entry.MainCompanyID !== HR_EXAMPLE_COMPANY.ID))).toBe(others);

		ap().resetStats();
		const again = outputOf(await run('accessplanit', accessplanitSync({ syncMode: 'apply' }), asInput(rows())), 'Vendor');
		expect(writes(ap())).toBe(0);
		expect(counts(again)).toEqual({ unchanged: 12, problem: 1 });
	});

	test('managed by External ID: users without one (admins, trainers, customers) are never touched; one HR takes back is enabled again', async () => {
		const admin = ap().create('User', { Forenames: 'Ada', Surname: 'Admin', Email: 'ada.admin@example.co.uk', ExternalID: null, Status: 'Enabled', MainCompanyID: ap().modules.Company[0].ID });
		const managed = ap().modules.User.filter((entry) => String(entry.ExternalID ?? '').trim());
		const [leaver, returning] = [managed[10], managed[11]];
		returning.Status = 'Disabled';
		const list = managed
			.filter((entry) => entry !== leaver)
			.map((entry) => ({ employeeNumber: entry.ExternalID, firstName: entry.Forenames, lastName: entry.Surname, email: entry.Email, department: entry.JobTitle }) as IDataObject);
		const items = outputOf(await run('accessplanit', accessplanitSync({ syncMode: 'apply', scope: 'externalId', options: {} }), list), 'Vendor');
		expect(counts(items)).toEqual({ update: 1, deactivate: 1, unchanged: managed.length - 2 });
		expect(named(items, `${String(returning.Forenames)} ${String(returning.Surname)}`)).toMatchObject({ action: 'update', changes: { Status: 'Disabled → Enabled' }, result: 'updated' });
		expect(returning.Status).toBe('Enabled');
		expect(leaver.Status).toBe('Disabled');
		expect(items.some((item) => item.id === admin.ID)).toBe(false);
		expect(admin.Status).toBe('Enabled');
	});

	test('a joiner whose email another user has is a problem, not a second user', async () => {
		const list = rows();
		list.push({ ...list[0], firstName: 'Pieter', lastName: 'Bos', email: HR_EXAMPLE_TRAINER.email, employeeNumber: 'E2001' });
		const count = ap().modules.User.length;
		const items = outputOf(await run('accessplanit', accessplanitSync({ syncMode: 'apply' }), asInput(list)), 'Vendor');
		const pieter = named(items, 'Pieter Bos');
		expect(pieter.action).toBe('problem');
		expect(String(pieter.problem)).toMatch(new RegExp(`^accessplanit already has a user with the email ${HR_EXAMPLE_TRAINER.email.replace(/\./g, '\\.')} \\(ID \\w+\\) but not this External ID$`));
		expect(ap().modules.User).toHaveLength(count + 2);
	});

	test('the guard by share: two leavers of ten are more than 10 %', async () => {
		const error = errorOf(await run('accessplanit', accessplanitSync({ syncMode: 'apply', maxLeaverShare: 10 }), asInput(rows())), 'Vendor');
		expect(error?.message).toBe('Apply refused: 2 of the 10 users the sync manages (20 %) would be deactivated: more than 10 %, which "Most Leavers to Deactivate" does not allow');
		expect(writes(ap())).toBe(0);
	});

	test('two users of the account with one External ID, neither in HR: a problem, neither deactivated', async () => {
		apUser('E1006')!.ExternalID = 'E1001';
		const items = outputOf(await run('accessplanit', accessplanitSync({ syncMode: 'apply' }), asInput(rows().filter((row) => row.firstName !== 'Sanne'))), 'Vendor');
		const shared = items.filter((item) => item.key === 'E1001');
		expect(shared).toHaveLength(1);
		expect(shared[0]).toMatchObject({ action: 'problem', name: 'Sanne de Vries / Thomas de Boer' });
		expect(String(shared[0].problem)).toMatch(/^2 accessplanit users have this External ID: E1001 \(IDs /);
		expect(ap().modules.User.filter((entry) => entry.ExternalID === 'E1001').map((entry) => entry.Status)).toEqual(['Enabled', 'Enabled']);
	});
});
