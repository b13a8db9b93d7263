/**
 * Match before write, through n8n's engine against the sandboxes: every operation that finds a record
 * by a key and then writes to it refuses a blank key before any request, writes only to a record
 * whose key equals the input (emails without regard to capitals or spaces), and refuses more than one
 * match instead of guessing. Also what each Create or Update costs in requests.
 */
import type { IDataObject } from 'n8n-workflow';

import { itemsOf, outputOf, runWorkflow } from '../harness/engine';
import { tamper, untamper } from '../harness/hostile';
import { accessplanitKeyCredential, eduframeCredential, planadayCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();
afterEach(() => untamper(sandboxes.eduframe, sandboxes.accessplanit));

const eduframe = () => sandboxes.eduframe;
const ap = () => sandboxes.accessplanit;
/** Requests of these methods a sandbox received. */
const sent = (sandbox: { stats: { byRoute: Record<string, number> } }, ...methods: string[]) =>
	Object.entries(sandbox.stats.byRoute).filter(([route]) => methods.some((method) => route.startsWith(`${method} `))).reduce((sum, [, n]) => sum + n, 0);

const userUpsert = { resource: 'user', operation: 'createOrUpdate', email: '={{ $json.email }}', first_name: '={{ $json.first }}', last_name: '={{ $json.last }}' };
const runEduframe = (input: IDataObject[], parameters: IDataObject = userUpsert) =>
	runWorkflow(singleNodeWorkflow('eduframe', parameters, eduframeCredential, { onError: 'continueRegularOutput' }), { input });
const runAccessplanit = (parameters: IDataObject, input: IDataObject[] = [{}]) =>
	runWorkflow(singleNodeWorkflow('accessplanit', parameters, accessplanitKeyCredential, { onError: 'continueRegularOutput' }), { input });

describe('Eduframe → User → Create or Update', () => {
	test('a blank email (empty, missing, only spaces) is refused before any request, naming the field', async () => {
		const before = eduframe().tables.users.map((user) => ({ ...user }));
		const run = await runEduframe([{ email: '', first: 'Ann', last: 'Lee' }, { first: 'Ann', last: 'Lee' }, { email: '   ', first: 'Ann', last: 'Lee' }]);
		const items = itemsOf(run, 'Vendor');
		expect(items.map((item) => item.json.error)).toEqual(Array(3).fill('The field "Email" is empty'));
		expect(String(items[0].json.description)).toContain('nothing was sent');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(eduframe().stats.requests).toBe(0);
		expect(eduframe().tables.users).toEqual(before);
	});

	test('the email is matched without regard to capitals or spaces: that user is updated, one look-up and one write', async () => {
		const target = eduframe().tables.users[40];
		const others = eduframe().tables.users.filter((user) => user !== target).map((user) => ({ ...user }));
		const count = eduframe().tables.users.length;
		const [updated] = outputOf(await runEduframe([{ email: `  ${String(target.email).toUpperCase()} `, first: 'Nora', last: 'Visser' }]), 'Vendor');
		expect(updated).toMatchObject({ id: target.id, first_name: 'Nora', last_name: 'Visser', outcome: 'updated' });
		expect(eduframe().tables.users).toHaveLength(count);
		expect(eduframe().tables.users.filter((user) => user !== target)).toEqual(others);
		// Cost per item: the look-up (one page that can show a second match) and the write, as before.
		expect(eduframe().stats.requests).toBe(2);
		expect(eduframe().recent[0]).toMatch(/^GET \/api\/v1\/users\?email=.+&per_page=100$/);
	});

	test('two users with one email are refused, naming both; nothing is written', async () => {
		const [first, second] = eduframe().tables.users.slice(50, 52);
		second.email = String(first.email).toUpperCase();
		const before = eduframe().tables.users.map((user) => ({ ...user }));
		const run = await runEduframe([{ email: first.email as string, first: 'Ann', last: 'Lee' }]);
		const error = itemsOf(run, 'Vendor')[0].json;
		expect(error.error).toBe(`2 Eduframe users have this email: ${String(first.email)} (IDs ${String(first.id)}, ${String(second.id)})`);
		expect(String(error.description)).toContain('Nothing was written');
		expect(sent(eduframe(), 'PATCH', 'POST', 'PUT')).toBe(0);
		expect(eduframe().tables.users).toEqual(before);
	});

	test('a look-up that answers with somebody else (another email) writes nothing', async () => {
		const asked = eduframe().tables.users[60];
		const stranger = eduframe().tables.users[61];
		const before = eduframe().tables.users.map((user) => ({ ...user }));
		tamper(eduframe(), { after: (request) => (request.method === 'GET' && request.path.endsWith('/users') ? { status: 200, body: [{ ...stranger }] } : undefined) });
		const run = await runEduframe([{ email: asked.email as string, first: 'Ann', last: 'Lee' }]);
		expect(itemsOf(run, 'Vendor')[0].json.error).toBe(`Eduframe answered the look-up by email "${String(asked.email)}" with 1 user who does not have it`);
		expect(sent(eduframe(), 'PATCH', 'POST', 'PUT')).toBe(0);
		expect(eduframe().tables.users).toEqual(before);
	});

	test('an answer whose emails merely contain the one asked for (a partial search) is passed over: the user is created', async () => {
		const near = eduframe().tables.users[70];
		const email = `ann.lee.${Date.now()}@example.com`;
		tamper(eduframe(), { after: (request) => (request.method === 'GET' && request.path.endsWith('/users') ? { status: 200, body: [{ ...near, email: `jo${email}` }] } : undefined) });
		const [created] = outputOf(await runEduframe([{ email, first: 'New', last: 'Person' }]), 'Vendor');
		expect(created).toMatchObject({ email, outcome: 'created' });
		expect(sent(eduframe(), 'PATCH')).toBe(0);
	});
});

describe('accessplanit → Create or Update', () => {
	test('User: a blank External ID (empty, missing, only spaces) is refused before any request', async () => {
		const run = await runAccessplanit({ resource: 'user', operation: 'createOrUpdate', ExternalID: '={{ $json.id }}', Forenames: 'Ann', Surname: 'Lee', Email: 'ann.lee@example.co.uk' }, [{ id: '' }, {}, { id: '   ' }]);
		expect(itemsOf(run, 'Vendor').map((item) => item.json.error)).toEqual(Array(3).fill('The field "External ID" is empty'));
		expect(ap().stats.requests).toBe(0);
	});

	test('User: only the user with that External ID is written, by their ID; one look-up and one write', async () => {
		const target = ap().modules.User[25];
		const others = ap().modules.User.filter((user) => user !== target).map((user) => ({ ...user }));
		const [updated] = outputOf(
			await runAccessplanit({ resource: 'user', operation: 'createOrUpdate', ExternalID: ` ${String(target.ExternalID)} `, Forenames: 'Renamed', Surname: String(target.Surname), Email: String(target.Email) }),
			'Vendor',
		);
		expect(updated).toMatchObject({ ID: target.ID, Forenames: 'Renamed', outcome: 'updated' });
		expect(ap().modules.User.filter((user) => user !== target)).toEqual(others);
		expect(ap().stats.requests).toBe(2);
		expect(sent(ap(), 'PUT')).toBe(1);
		expect(ap().recent.at(-1)).toBe(`PUT /accessplan/api/v2/User/${String(target.ID)}`);
	});

	test('Company: an External ID that differs from the input only in capitals is refused, not written', async () => {
		const company = ap().modules.Company[3];
		company.ExternalID = 'ACC-77';
		const before = { ...company };
		const run = await runAccessplanit({ resource: 'company', operation: 'createOrUpdate', matchOn: 'ExternalID', matchValue: 'acc-77', Name: 'Renamed Ltd' });
		expect(itemsOf(run, 'Vendor')[0].json.error).toBe(`accessplanit has a company (ID ${String(company.ID)}) whose External ID differs from "acc-77" only in capitals`);
		expect(sent(ap(), 'PUT', 'POST')).toBe(0);
		expect(company).toEqual(before);
	});

	test('Company: two accounts with one External ID are refused, naming both; nothing is written', async () => {
		const [a, b] = ap().modules.Company.slice(4, 6);
		a.ExternalID = 'ACC-DUP';
		b.ExternalID = 'ACC-DUP';
		const run = await runAccessplanit({ resource: 'company', operation: 'createOrUpdate', matchOn: 'ExternalID', matchValue: 'ACC-DUP', Name: 'Renamed Ltd' });
		expect(itemsOf(run, 'Vendor')[0].json.error).toBe(`2 accessplanit companies have this External ID: ACC-DUP (IDs ${String(a.ID)}, ${String(b.ID)})`);
		expect(sent(ap(), 'PUT', 'POST')).toBe(0);
	});

	test('Other Module: matched on External ID, an ID among the fields that names another record is refused; nothing is written', async () => {
		const other = ap().modules.Voucher[0];
		const before = { ...other };
		const schema = [{ id: 'Code', displayName: 'Code', type: 'string' }, { id: 'ExternalID', displayName: 'External ID', type: 'string' }, { id: 'ID', displayName: 'ID', type: 'string' }];
		const fields = { mappingMode: 'defineBelow', value: { Code: 'HR-VOUCHER', ExternalID: 'HR-VOUCHER-9', ID: String(other.ID) }, matchingColumns: ['ExternalID'], schema };
		const run = await runAccessplanit({ resource: 'otherModule', operation: 'createOrUpdate', module: { __rl: true, mode: 'list', value: 'Voucher' }, sendAs: 'map', fields });
		expect(itemsOf(run, 'Vendor')[0].json.error).toBe(`No Voucher record has External ID "HR-VOUCHER-9", yet the fields give the ID ${String(other.ID)}`);
		expect(sent(ap(), 'PUT', 'POST')).toBe(0);
		expect(ap().modules.Voucher[0]).toEqual(before);
	});
});

describe('values that become query operators', () => {
	test('a filter operator, sort or field given by an expression reaches $filter/$orderby/$select only as the builder offers it', async () => {
		const getMany = (extra: IDataObject) => runAccessplanit({ resource: 'user', operation: 'getAll', returnAll: true, ...extra });
		const refusal = async (extra: IDataObject) => String(itemsOf(await getMany(extra), 'Vendor')[0].json.error);
		const operator = await refusal({ filters: { condition: [{ field: 'Surname', operator: "={{ \"eq 'x' or ID\" }}", value: 'Smith' }] } });
		expect(operator).toBe(`Filter 1: the field "Operator" needs one of contains (Contains), eq (Equals), gt (Greater Than), blank (Is Blank), lt (Less Than), ne (Not Equals) (got "eq 'x' or ID")`);
		const sort = await refusal({ options: { sortBy: '={{ "Surname desc,ID" }}' } });
		expect(sort).toBe('The field "Sort By" needs a field name (letters, digits and underscores, e.g. Surname), not "Surname desc,ID"');
		const order = await refusal({ options: { sortBy: 'Surname', sortOrder: '={{ "desc,ID asc" }}' } });
		expect(order).toContain('The field "Sort Order" needs Ascending (asc) or Descending (desc)');
		expect(ap().stats.requests).toBe(0);
		// The builder's own operators still work.
		expect(outputOf(await getMany({ filters: { condition: [{ field: 'Surname', operator: '={{ "ne" }}', value: 'Nobody' }] } }), 'Vendor').length).toBe(ap().modules.User.length);
	});
});

describe('Planaday → Booking → Book', () => {
	test('Planaday matches a student to a known user only by "Planaday User ID": a value that is no ID is refused, not dropped (which would book somebody new)', async () => {
		const course = sandboxes.planaday.courses.find((c) => (c.users as { available: number }).available > 2)!;
		const book = (id: string) =>
			runWorkflow(
				singleNodeWorkflow(
					'planaday',
					{ resource: 'booking', operation: 'book', courseId: { __rl: true, mode: 'id', value: String(course.id) }, studentsSource: 'items', grouping: 'perItem', first_name: 'Ann', last_name: 'Lee', email: 'ann.lee@example.com', more: { id } },
					planadayCredential,
					{ onError: 'continueRegularOutput' },
				),
			);
		const run = await book('={{ "HR-42" }}');
		expect(itemsOf(run, 'Vendor')[0].json.error).toBe('Input item 1: "Planaday User ID" needs a whole number, e.g. 12312312 (got "HR-42"), or 0 for none.');
		expect(sandboxes.planaday.stats.requests).toBe(0);
		const [booked] = outputOf(await book('={{ "12312312" }}'), 'Vendor');
		expect(booked.students).toEqual([expect.objectContaining({ action: 'reused', id: 12312312 })]);
	});
});
