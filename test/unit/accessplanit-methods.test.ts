/** The accessplanit node's dropdowns and searchable lists against the sandbox. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch, loadOptions } from '../../nodes/Accessplanit/methods';
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
