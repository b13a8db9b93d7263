/** The accessplanit node's dropdowns and searchable lists against the sandbox. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch, loadOptions, resourceMapping } from '../../nodes/Accessplanit/methods';
import { sharedPacer } from '../../nodes/shared';
import { ACCESSPLANIT_API_KEY, AccessplanitSandbox } from '../../sandbox/accessplanit/server';
import { fakeContext } from '../harness/fake-context';

let sandbox: AccessplanitSandbox;
beforeAll(async () => {
	sandbox = await new AccessplanitSandbox({ users: 260 }).start();
});
afterAll(async () => sandbox.stop());
beforeEach(() => sharedPacer.reset());

const context = () =>
	fakeContext('accessplanitApi', { systemUrl: sandbox.baseUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY, sessionToken: ACCESSPLANIT_API_KEY }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
	}) as unknown as ILoadOptionsFunctions;

test('the user picker searches surnames on the server and pages with a token', async () => {
	const first = await listSearch.searchUsers.call(context());
	expect(first.results).toHaveLength(100);
	expect(first.paginationToken).toBe('100');
	const rest = [];
	for (let token = first.paginationToken; token; ) {
		const page = await listSearch.searchUsers.call(context(), undefined, token);
		rest.push(...page.results);
		token = page.paginationToken;
	}
	expect(first.results.length + rest.length).toBe(sandbox.modules.User.length);
	const someone = sandbox.modules.User[17];
	const found = await listSearch.searchUsers.call(context(), String(someone.Surname).slice(0, 4));
	expect(found.results.map((r) => r.value)).toContain(someone.ID);
	expect(found.results.every((r) => String(r.name).toLowerCase().includes(String(someone.Surname).slice(0, 4).toLowerCase()))).toBe(true);
	expect(found.results[0].name).toMatch(/^\S+ \S+ \(.+@.+\)$/);
});

test('course dates and companies are searchable by name', async () => {
	const courseDate = sandbox.modules.CourseDate[3];
	const dates = await listSearch.searchCourseDates.call(context(), String(courseDate.Name));
	expect(dates.results.map((r) => r.value)).toContain(String(courseDate.ID));
	// "First Aid at Work: Tue 24 Nov 2026 09:00": the day as people read it.
	const shown = dates.results.find((r) => r.value === String(courseDate.ID))!;
	expect(shown.name).toMatch(/^.+: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$/);
	const company = sandbox.modules.Company[2];
	const companies = await listSearch.searchCompanies.call(context(), String(company.Name));
	expect(companies.results).toEqual([{ name: `${String(company.Name)} (${String(company.ID)})`, value: company.ID }]);
});

test('dropdowns: companies, training providers only, groups, templates (read without a query), venues and trainers', async () => {
	expect((await loadOptions.getCompanies.call(context())).map((o) => o.value).sort()).toEqual(sandbox.modules.Company.map((c) => c.ID).sort());
	expect((await loadOptions.getTrainingProviders.call(context())).map((o) => o.value).sort()).toEqual(sandbox.modules.Company.filter((c) => c.IsTrainingProvider).map((c) => c.ID).sort());
	expect(await loadOptions.getCompanyGroups.call(context())).toHaveLength(sandbox.modules.CompanyGroup.length);
	const templates = await loadOptions.getCourseTemplates.call(context());
	expect(templates.map((o) => o.name)).toEqual([...sandbox.modules.CourseTemplate.map((t) => String(t.Name))].sort((a, b) => a.localeCompare(b)));
	expect(await loadOptions.getVenues.call(context())).toHaveLength(sandbox.modules.Venue.length);
	expect(await loadOptions.getTrainers.call(context())).toHaveLength(sandbox.modules.Trainer.length);
});

/** A context in which the node's Module (and Operation) are set, as the editor gives them. */
const withModule = (module: string, operation = 'create') =>
	Object.assign(context(), {
		getCurrentNodeParameter: (name: string) => ({ module: { __rl: true, mode: 'list', value: module }, operation })[name],
	}) as unknown as ILoadOptionsFunctions;

test('the module list: every module of API v2 but the sign-in, by the name users know, searchable by either name', async () => {
	const all = (await listSearch.searchModules.call(context())).results;
	expect(all).toHaveLength(137);
	expect(all.map((entry) => entry.value)).not.toEqual(expect.arrayContaining(['Token']));
	expect(all.map((entry) => entry.value)).not.toContain('Login');
	expect(all.find((entry) => entry.value === 'UserCourseDate')?.name).toBe('User Course Date (Delegate)');
	expect((await listSearch.searchModules.call(context(), 'delegate')).results.map((entry) => entry.value)).toEqual(expect.arrayContaining(['UserCourseDate', 'ManagerUserCourseDate']));
	expect((await listSearch.searchModules.call(context(), 'creditnote')).results.map((entry) => entry.value)).toEqual(['CreditNote', 'ManagerCreditNote']);
});

test('a module’s fields come from the platform: the filter builder lists them all, the mapper the writable ones with custom fields', async () => {
	const choices = await loadOptions.getModuleFields.call(withModule('Voucher'));
	expect(choices.map((choice) => choice.value)).toEqual(expect.arrayContaining(['Code', 'Value', 'ExpiryDate', 'DateUpdated', 'CF_CampaignCode', '__custom']));
	// Each field says, where it is picked, how a filter compares it (the panel cannot know the module's fields before).
	const described = Object.fromEntries(choices.map((choice) => [choice.value, choice.description]));
	expect(described.ExpiryDate).toMatch(/^A date\. .*Greater Than, Less Than or Is Blank, not Contains/);
	expect(described.Value).toMatch(/^A number\./);
	expect(described.IsRedeemed).toMatch(/^Yes or no\. .*Equals, Not Equals or Is Blank/);
	expect(described.Code).toBe('Text. In a filter, any operator fits.');
	const { fields } = await resourceMapping.getModuleColumns.call(withModule('Voucher'));
	const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
	expect(Object.keys(byId)).not.toContain('DateCreated');
	expect(byId.Code).toMatchObject({ displayName: 'Code', required: true, type: 'string' });
	expect(byId.Value).toMatchObject({ type: 'number', required: false });
	expect(byId.IsRedeemed).toMatchObject({ type: 'boolean' });
	expect(byId.ExpiryDate).toMatchObject({ type: 'dateTime' });
	expect(byId.CF_CampaignCode).toMatchObject({ displayName: 'Campaign code (custom field)', required: false });
	expect(byId.ExternalID).toMatchObject({ canBeUsedToMatch: true, defaultMatch: true });
	// On Update no field is required: fields left out keep their values.
	expect((await resourceMapping.getModuleColumns.call(withModule('Voucher', 'update'))).fields.some((field) => field.required)).toBe(false);
	// Values the platform lists are a dropdown.
	const task = await resourceMapping.getModuleColumns.call(withModule('Task'));
	expect(task.fields.find((field) => field.id === 'CF_Priority')).toMatchObject({ type: 'options', options: [{ name: 'Low', value: 'Low' }, { name: 'Medium', value: 'Medium' }, { name: 'High', value: 'High' }] });
	// The hand-made modules are described too.
	const user = await resourceMapping.getModuleColumns.call(withModule('User'));
	expect(user.fields.find((field) => field.id === 'Surname')).toMatchObject({ required: true });
	expect(user.fields.find((field) => field.id === 'CF_ShirtSize')).toMatchObject({ type: 'options' });
});

test('a module the platform gives no field description for says to send JSON', async () => {
	await expect(resourceMapping.getModuleColumns.call(withModule('Gadget2'))).rejects.toThrow('accessplanit gives no field description for "Gadget2"');
	expect(await loadOptions.getModuleFields.call(withModule('Gadget2'))).toEqual([{ name: 'Other (Type Its Name)', value: '__custom' }]);
	expect(await loadOptions.getModuleFields.call(withModule(''))).toEqual([]);
});
