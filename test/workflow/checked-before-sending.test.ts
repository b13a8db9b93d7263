/**
 * A value that cannot be right is refused before any request, with the field named, instead of an
 * empty answer reported as "Node executed successfully" (the user would conclude there is no data).
 * Through n8n's engine against the sandboxes, which count what they were sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { accessplanitKeyCredential, eduframeCredential, planadayCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();

/** Requests that read or changed data (an accessplanit token request is only the sign-in). */
const dataRequests = (sandbox: { recent: string[] }) => sandbox.recent.filter((line) => !line.includes('/token'));

describe('accessplanit filter conditions', () => {
	const run = (resource: string, condition: IDataObject) =>
		runWorkflow(singleNodeWorkflow('accessplanit', { resource, operation: 'getAll', returnAll: true, filters: { condition: [condition] } }, accessplanitKeyCredential));

	test.each([
		['user', { field: 'DateCreated', operator: 'gt', value: 'last week' }, /Filter 1: "Date Created" needs a date, e\.g\. 2026-03-31/],
		['courseDate', { field: 'StartDate', operator: 'lt', value: '31/03/2026' }, /Filter 1: "Start Date" needs a date/],
		['courseDate', { field: 'MaxPlaces', operator: 'gt', value: 'twelve' }, /Filter 1: "Max Places" needs a number, e\.g\. 12 \(got "twelve"\)/],
		['company', { field: 'IsTrainingProvider', operator: 'eq', value: 'yes' }, /Filter 1: "Is Training Provider" is yes or no: write true or false/],
		// An operator that does not fit its field (issue 20: "Status Greater Than Awaiting").
		['managerAuthorisation', { field: 'Status', operator: 'gt', statusValue: 'Awaiting' }, /^Filter 1: "Status" cannot be compared with "Greater Than": choose Equals, Not Equals or Is Blank as its Operator$/],
		['company', { field: 'IsTrainingProvider', operator: 'contains', value: 'true' }, /^Filter 1: "Is Training Provider" cannot be compared with "Contains": choose Equals, Not Equals or Is Blank as its Operator$/],
		['courseDate', { field: 'StartDate', operator: 'contains', value: '2026' }, /^Filter 1: "Start Date" cannot be compared with "Contains": choose Equals, Not Equals, Greater Than, Less Than or Is Blank as its Operator$/],
		// A status kept from another resource (a manager's authorisation "Awaiting" on users).
		['user', { field: 'Status', operator: 'eq', statusValue: 'Awaiting' }, /^Filter 1: "Awaiting" is not a status here: choose one of Enabled, New, Disabled as its Status$/],
	])('%s: %j is refused before any request', async (resource, condition, message) => {
		const result = await run(resource, condition);
		expect(errorOf(result, 'Vendor')?.message).toMatch(message);
		expect(dataRequests(sandboxes.accessplanit)).toEqual([]);
	});

	test('the same conditions with values that can be right are sent and answered', async () => {
		const all = sandboxes.accessplanit.modules;
		const since = outputOf(await run('user', { field: 'DateCreated', operator: 'gt', value: '2025-01-01' }), 'Vendor');
		expect(since.length).toBe(all.User.filter((user) => String(user.DateCreated) > '2025-01-01').length);
		const big = outputOf(await run('courseDate', { field: 'MaxPlaces', operator: 'gt', value: '10' }), 'Vendor');
		expect(big.length).toBe(all.CourseDate.filter((date) => Number(date.MaxPlaces) > 10).length);
		const providers = outputOf(await run('company', { field: 'IsTrainingProvider', operator: 'eq', value: 'TRUE' }), 'Vendor');
		expect(providers.map((company) => company.ID).sort()).toEqual(all.Company.filter((company) => company.IsTrainingProvider).map((company) => company.ID).sort());
		// A status as the list names it, whatever its capitals, is sent as accessplanit writes it.
		const enabled = outputOf(await run('user', { field: 'Status', operator: 'eq', value: 'enabled' }), 'Vendor');
		expect(enabled.length).toBe(all.User.filter((user) => user.Status === 'Enabled').length);
		expect(enabled.length).toBeGreaterThan(0);
	});
});

test('Eduframe: a planned-course date filter that is no date is refused, naming the field', async () => {
	const result = await runWorkflow(
		singleNodeWorkflow('eduframe', { resource: 'plannedCourse', operation: 'getAll', returnAll: true, filters: { start_date_from: 'next monday' } }, eduframeCredential),
	);
	expect(errorOf(result, 'Vendor')?.message).toMatch(/needs a date/);
	expect(errorOf(result, "Vendor")?.message).toMatch(/^The field "Start Date From" needs a date/);
	expect(dataRequests(sandboxes.eduframe)).toEqual([]);
});

test('Planaday: a course period whose end is no date is refused, naming the field', async () => {
	const result = await runWorkflow(singleNodeWorkflow('planaday', { resource: 'course', operation: 'getAll', start: '2026-11-01', end: 'end of month', returnAll: true }, planadayCredential));
	expect(errorOf(result, 'Vendor')?.message).toMatch(/"To" needs a date/);
	expect(dataRequests(sandboxes.planaday)).toEqual([]);
});
