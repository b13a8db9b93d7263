/**
 * accessplanit → Other Module: every module of API v2 through one set of operations, with fields
 * from the platform's own field help, run by n8n's engine against the sandbox.
 */
import type { IDataObject, ILoadOptionsFunctions, ResourceMapperField } from 'n8n-workflow';

import { MODULES } from '../../nodes/Accessplanit/actions/otherModule/catalogue';
import { accessplanitResources } from '../../nodes/Accessplanit/actions/resources';
import { resourceMapping } from '../../nodes/Accessplanit/methods';
import { sharedPacer, transportSettings } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_API_KEY } from '../../sandbox/accessplanit/server';
import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { fakeContext } from '../harness/fake-context';
import { accessplanitKeyCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await withSandboxes();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 5, maxDelayMs: 50 };
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sharedPacer.reset();
	sandboxes.accessplanit.resetStats();
});

const ap = () => sandboxes.accessplanit;
const covered = new Set<string>();
const moduleRl = (name: string) => ({ __rl: true, mode: 'list', value: name });
const run = async (operation: string, parameters: IDataObject, input?: IDataObject[]) => {
	const result = await runWorkflow(singleNodeWorkflow('accessplanit', { resource: 'otherModule', operation, ...parameters }, accessplanitKeyCredential), input ? { input } : {});
	if (!errorOf(result, 'Vendor')) covered.add(operation);
	return result;
};

/** The mapper's columns for a module, as the editor loads them. */
async function columns(name: string, operation: string): Promise<ResourceMapperField[]> {
	const context = Object.assign(
		fakeContext('accessplanitApi', { systemUrl: ap().baseUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY }, (options) => {
			options.headers = { ...options.headers, Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		}),
		{ getCurrentNodeParameter: (parameter: string) => ({ module: moduleRl(name), operation })[parameter] },
	) as unknown as ILoadOptionsFunctions;
	return (await resourceMapping.getModuleColumns.call(context)).fields;
}

/** A value for a mapper column, as a user would type it. */
function sample(field: ResourceMapperField, n: number): string | number | boolean {
	if (field.options?.length) return String(field.options[0].value);
	if (field.type === 'number') return 5 + n;
	if (field.type === 'boolean') return true;
	if (field.type === 'dateTime') return '2027-05-01T09:00:00';
	return `${field.id} sample ${n}`;
}

/** A resource mapper value with the required columns filled (and any extra values given). */
async function mapped(name: string, operation: string, extra: IDataObject = {}, matchOn?: string): Promise<IDataObject> {
	const schema = await columns(name, operation);
	const value: IDataObject = {};
	schema.filter((field) => field.required).forEach((field, n) => (value[field.id] = sample(field, n)));
	return { mappingMode: 'defineBelow', value: { ...value, ...extra }, matchingColumns: matchOn ? [matchOn] : [], schema, attemptToConvertTypes: false, convertFieldsToString: false };
}

test('every module of the list but the sign-in answers Get Many, page by page to the end', async () => {
	expect(MODULES).toHaveLength(137);
	const failures: string[] = [];
	for (const { name } of MODULES) {
		const result = await run('getAll', { module: moduleRl(name), returnAll: true });
		const error = errorOf(result, 'Vendor');
		if (error) failures.push(`${name}: ${error.message}`);
		else if (outputOf(result, 'Vendor').length !== (ap().modules[name] ?? []).length) failures.push(`${name}: ${outputOf(result, 'Vendor').length} of ${(ap().modules[name] ?? []).length}`);
	}
	expect(failures).toEqual([]);
});

/** 24 modules from across the list (money, HR, planning, marketing, set-up), their key and a field to change. */
const SAMPLE: Array<[string, string]> = [
	['Award', 'Name'], ['AwardType', 'Description'], ['Category', 'Name'], ['CategoryType', 'Name'], ['Course', 'Summary'], ['Discount', 'Name'],
	['EmailTemplate', 'Subject'], ['Fee', 'Name'], ['Meeting', 'Location'], ['MeetingAttendee', 'Response'], ['Note', 'Text'], ['Opportunity', 'Stage'],
	['PriceScheme', 'Name'], ['Product', 'Code'], ['Resource', 'Capacity'], ['ResourceType', 'Name'], ['Role', 'Description'], ['SpecialNeed', 'Name'],
	['Survey', 'Status'], ['Task', 'Status'], ['TaskTemplate', 'DaysToComplete'], ['UserNote', 'Text'], ['Voucher', 'Value'], ['Broadcast', 'Description'],
];

describe.each(SAMPLE)('Other Module → %s', (name, changed) => {
	test('Get Many with a condition on a platform field, Get, Create, Update, Create or Update and Delete', async () => {
		// Create: the required fields as the platform describes them.
		const [created] = outputOf(await run('create', { module: moduleRl(name), sendAs: 'map', fields: await mapped(name, 'create') }), 'Vendor');
		const stored = ap().modules[name].find((record) => String(record.ID) === String(created.ID))!;
		expect(stored).toBeDefined();
		// Get Many: a condition on a field the platform describes.
		const keyField = (await columns(name, 'create')).find((field) => field.required)!.id;
		const listed = outputOf(await run('getAll', { module: moduleRl(name), returnAll: true, filters: { condition: [{ field: keyField, operator: 'eq', value: String(stored[keyField]) }] } }), 'Vendor');
		expect(listed.map((record) => String(record.ID))).toContain(String(created.ID));
		expect(ap().recent.at(-1)).toContain(`$filter=${keyField} eq '${String(stored[keyField]).replace(/'/g, "''")}'`);
		// Get.
		const [one] = outputOf(await run('get', { module: moduleRl(name), recordId: String(created.ID) }), 'Vendor');
		expect(one).toMatchObject({ ID: created.ID });
		// Update: one field; the others keep their values.
		const field = (await columns(name, 'update')).find((column) => column.id === changed)!;
		const value = sample(field, 9);
		const [updated] = outputOf(await run('update', { module: moduleRl(name), recordId: String(created.ID), sendAs: 'map', fields: { mappingMode: 'defineBelow', value: { [changed]: value }, matchingColumns: [], schema: [field] } }), 'Vendor');
		expect(updated[changed]).toEqual(value);
		expect(stored[keyField]).toBeDefined();
		// Create or Update: matched on the record's ID, it updates; matched on a new External ID, it creates.
		const [again] = outputOf(await run('createOrUpdate', { module: moduleRl(name), sendAs: 'map', fields: await mapped(name, 'createOrUpdate', { ID: created.ID }, 'ID') }), 'Vendor');
		expect(again).toMatchObject({ ID: created.ID, outcome: 'updated' });
		// Looked up by the key, then written to that record by its ID: accessplanit's upsert POST is not used.
		expect(ap().recent.at(-1)).toBe(`PUT /accessplan/api/v2/${name}/${String(created.ID)}`);
		expect(ap().upserts).toHaveLength(0);
		const freshRun = await run('createOrUpdate', { module: moduleRl(name), sendAs: 'map', fields: await mapped(name, 'createOrUpdate', { ExternalID: `N8N-${name}` }, 'ExternalID') });
		if ((await columns(name, 'createOrUpdate')).some((column) => column.id === 'ExternalID')) {
			const [fresh] = outputOf(freshRun, 'Vendor');
			expect(fresh.outcome).toBe('created');
			expect(ap().modules[name].filter((record) => record.ExternalID === `N8N-${name}`)).toHaveLength(1);
		} else {
			// A module without External ID cannot be matched on it: the platform refuses the look-up, and nothing is written.
			expect(errorOf(freshRun, 'Vendor')?.message).toContain("Could not find a property named 'ExternalID'");
			expect(ap().modules[name].some((record) => record.ExternalID === `N8N-${name}`)).toBe(false);
		}
		// Delete.
		const [deleted] = outputOf(await run('delete', { module: moduleRl(name), recordId: String(created.ID) }), 'Vendor');
		expect(deleted).toEqual({ deleted: true, module: name, ID: String(created.ID) });
		expect(ap().modules[name].some((record) => String(record.ID) === String(created.ID))).toBe(false);
	});
});

describe('what the platform does not allow reads as such', () => {
	test.each([
		['CreditNote', 'Credit Note'],
		['SystemEventLog', 'System Event Log'],
		['Currency', 'Currency'],
	])('%s: accessplanit keeps these records, so Delete deletes nothing and says so', async (name, label) => {
		const record = ap().modules[name][0];
		const before = ap().modules[name].length;
		const error = errorOf(await run('delete', { module: moduleRl(name), recordId: String(record.ID) }), 'Vendor');
		expect(error?.message).toBe(`accessplanit does not allow deleting ${label} records through the API`);
		expect(ap().modules[name]).toHaveLength(before);
	});

	test('an unknown module, and a module name that is no name, are told apart', async () => {
		const unknown = errorOf(await run('getAll', { module: { __rl: true, mode: 'name', value: 'Vouchers2' }, returnAll: true }), 'Vendor');
		expect(unknown?.description).toBe('accessplanit has no module by this name (or the system address is wrong): pick the module from the list.');
		const requests = ap().stats.requests;
		// The field refuses such a name as it is typed; one that an expression gives is refused before sending.
		const wrong = errorOf(await run('get', { module: { __rl: true, mode: 'name', value: '={{ "Credit Note" }}' }, recordId: '1' }), 'Vendor');
		expect(wrong?.message).toBe('The field "Module" needs a module name: "Credit Note" is not one');
		expect(ap().stats.requests).toBe(requests);
	});

	test('Create or Update matches on the field "Match On" names: External ID, ID, or another field by its API name', async () => {
		const voucher = (extra: IDataObject) => mapped('Voucher', 'createOrUpdate', extra);
		const [made] = outputOf(await run('createOrUpdate', { module: moduleRl('Voucher'), matchOn: 'ExternalID', sendAs: 'map', fields: await voucher({ ExternalID: 'HR-MATCH-1', Code: 'MATCH-1', Value: 10 }) }), 'Vendor');
		expect(made).toMatchObject({ outcome: 'created', ExternalID: 'HR-MATCH-1' });
		const [byId] = outputOf(await run('createOrUpdate', { module: moduleRl('Voucher'), matchOn: 'ID', sendAs: 'map', fields: await voucher({ ID: made.ID, Code: 'MATCH-1', Value: 20 }) }), 'Vendor');
		expect(byId).toMatchObject({ outcome: 'updated', ID: made.ID, Value: 20 });
		const [byCode] = outputOf(await run('createOrUpdate', { module: moduleRl('Voucher'), matchOn: '__other', matchOnField: 'Code', sendAs: 'map', fields: await voucher({ Code: 'MATCH-1', Value: 30 }) }), 'Vendor');
		expect(byCode).toMatchObject({ outcome: 'updated', ID: made.ID, Value: 30 });
		expect(ap().modules.Voucher.filter((record) => record.Code === 'MATCH-1')).toHaveLength(1);
		const fields = await voucher({ Code: 'MATCH-1' });
		const requests = ap().stats.requests;
		const badName = errorOf(await run('createOrUpdate', { module: moduleRl('Voucher'), matchOn: '__other', matchOnField: "Code eq 'x'", sendAs: 'map', fields }), 'Vendor');
		expect(badName?.message).toBe('The field "Field Name" needs a field\'s API name, e.g. Code (got "Code eq \'x\'")');
		expect(ap().stats.requests).toBe(requests);
	});

	test('Update with nothing mapped, and Create or Update without a value to match on, are refused before sending', async () => {
		const noKeyFields = await mapped('Voucher', 'createOrUpdate', {}, 'ExternalID');
		const notNumberFields = await mapped('Voucher', 'create', { Value: '={{ "ten pounds" }}' });
		const requests = ap().stats.requests;
		const nothing = errorOf(await run('update', { module: moduleRl('Voucher'), recordId: '1', sendAs: 'map', fields: { mappingMode: 'defineBelow', value: {}, matchingColumns: [], schema: [] } }), 'Vendor');
		expect(nothing?.message).toBe('Nothing to update');
		const noKey = errorOf(await run('createOrUpdate', { module: moduleRl('Voucher'), sendAs: 'map', fields: noKeyFields }), 'Vendor');
		expect(noKey?.message).toBe('The field "External ID" is empty');
		const notNumber = errorOf(await run('create', { module: moduleRl('Voucher'), sendAs: 'map', fields: notNumberFields }), 'Vendor');
		expect(notNumber?.message).toBe('The field "Value" needs a number (got "ten pounds")');
		expect(ap().stats.requests).toBe(requests);
	});
});

describe('fields the platform does not describe, custom fields, and input items mapped automatically', () => {
	test('a module without field help takes the record as JSON', async () => {
		const [created] = outputOf(await run('create', { module: moduleRl('Gadget2'), sendAs: 'json', recordJson: '{"Name": "Bookings this week", "Description": "Dashboard tile"}' }), 'Vendor');
		expect(ap().modules.Gadget2.find((record) => record.ID === created.ID)).toMatchObject({ Name: 'Bookings this week' });
		const bad = errorOf(await run('create', { module: moduleRl('Gadget2'), sendAs: 'json', recordJson: '["not", "an object"]' }), 'Vendor');
		expect(bad?.message).toBe('The field "Record (JSON)" needs a JSON object, e.g. {"Name": "Fire Warden Refresher"}');
	});

	test('a custom field (CF_…) is mapped like any other', async () => {
		const [created] = outputOf(await run('create', { module: moduleRl('Voucher'), sendAs: 'map', fields: await mapped('Voucher', 'create', { CF_CampaignCode: 'SPRING27', Value: '2500' }) }), 'Vendor');
		expect(ap().modules.Voucher.find((record) => record.ID === created.ID)).toMatchObject({ CF_CampaignCode: 'SPRING27', Value: 2500 });
	});

	test('"Map Automatically" takes each input item’s keys that are fields of the module, and leaves the rest', async () => {
		const schema = await columns('Note', 'create');
		const items = [{ Text: 'Asked for a refresher', UserID: 'jasmit', Mood: 'happy' }, { Text: 'Needs a ramp', UserID: 'pebrid' }];
		const created = outputOf(await run('create', { module: moduleRl('Note'), sendAs: 'map', fields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema } }, items), 'Vendor');
		expect(created.map((note) => note.Text)).toEqual(['Asked for a refresher', 'Needs a ramp']);
		expect(ap().modules.Note.find((note) => note.ID === created[0].ID)).not.toHaveProperty('Mood');
	});
});

test('each module has its own hourly budget: a module that spent its own does not hold up another', async () => {
	const limiter = ap().limiter;
	limiter.limit = 2;
	try {
		limiter.reset();
		for (let n = 0; n < 2; n++) await run('getAll', { module: moduleRl('Note'), returnAll: false, limit: 1 });
		const refused = await fetch(`${ap().baseUrl}/api/v2/Note`, { headers: { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` } });
		expect(refused.status).toBe(429);
		expect(outputOf(await run('getAll', { module: moduleRl('Task'), returnAll: false, limit: 1 }), 'Vendor')).toHaveLength(1);
	} finally {
		limiter.limit = 5000;
		limiter.reset();
	}
});

test('every Other Module operation ran to success above', () => {
	const all = accessplanitResources.find((resource) => resource.value === 'otherModule')!.operations.map((operation) => operation.value);
	expect(all.filter((operation) => !covered.has(operation))).toEqual([]);
});
