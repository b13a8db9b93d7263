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
