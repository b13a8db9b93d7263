/**
 * Readable names next to IDs (nodes/shared/operations/names.ts) through n8n's engine against the
 * sandboxes: a manager's user ID on a course request gets the manager's name, an Eduframe enrollment
 * its student and planned course; each different ID is read once; the switch turns it off.
 */
import type { IDataObject } from 'n8n-workflow';

import { outputOf, runWorkflow } from '../harness/engine';
import { accessplanitKeyCredential, eduframeCredential, planadayCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();

/** Requests the sandbox received for one module (accessplanit) or path (Eduframe), e.g. `GET /api/v2/User`. */
const requestsTo = (sandbox: { recent: string[] }, start: string) => sandbox.recent.filter((line) => line === start || line.startsWith(`${start}?`)).length;
const fullName = (user: Record<string, unknown>) => `${String(user.Forenames)} ${String(user.Surname)}`;

describe('accessplanit', () => {
	const run = (resource: string, parameters: IDataObject) =>
		runWorkflow(singleNodeWorkflow('accessplanit', { resource, operation: 'getAll', returnAll: true, ...parameters }, accessplanitKeyCredential));

	test("course requests name the manager next to the manager's user ID, one lookup per manager", async () => {
		const out = outputOf(await run('managerAuthorisation', {}), 'Vendor');
		const users = sandboxes.accessplanit.modules.User;
		expect(out.length).toBeGreaterThan(0);
		for (const request of out) {
			const manager = users.find((user) => user.ID === request.ManagerUserID)!;
			expect(request.ManagerFullName).toBe(fullName(manager));
			// The name sits right after the ID it belongs to.
			const keys = Object.keys(request);
			expect(keys[keys.indexOf('ManagerUserID') + 1]).toBe('ManagerFullName');
		}
		const managers = new Set(out.map((request) => request.ManagerUserID));
		expect(requestsTo(sandboxes.accessplanit, 'GET /accessplan/api/v2/User')).toBe(managers.size);
	});

	test('switched off: the records as the platform sent them, and no lookups', async () => {
		const out = outputOf(await run('managerAuthorisation', { addNames: false }), 'Vendor');
		expect(out.every((request) => !('ManagerFullName' in request))).toBe(true);
		expect(requestsTo(sandboxes.accessplanit, 'GET /accessplan/api/v2/User')).toBe(0);
	});

	test('course dates name their course template and training provider; a name the platform already sent is kept', async () => {
		const out = outputOf(await run('courseDate', { returnAll: false, limit: 5 }), 'Vendor');
		const { CourseTemplate, Company } = sandboxes.accessplanit.modules;
		for (const date of out) {
			expect(date.CourseTemplateName).toBe(CourseTemplate.find((template) => String(template.ID) === String(date.CourseTemplateID))!.Name);
			expect(date.CompanyName).toBe(Company.find((company) => company.ID === date.CompanyID)!.Name);
		}
		// Course templates take no filter: the list is read once for all five.
		expect(requestsTo(sandboxes.accessplanit, 'GET /accessplan/api/v2/CourseTemplate')).toBe(1);

		const delegates = outputOf(await run('delegate', { returnAll: false, limit: 3 }), 'Vendor');
		// Delegates carry UserFullName and CompanyName from the platform: no second copy.
		expect(delegates.every((delegate) => Object.keys(delegate).filter((key) => key.toLowerCase() === 'companyname').length === 1)).toBe(true);
	});
});

describe('Eduframe', () => {
	test('enrollments name their student and planned course (its course and first day)', async () => {
		const run = await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'enrollment', operation: 'getAll', returnAll: false, limit: 4 }, eduframeCredential));
		const out = outputOf(run, 'Vendor');
		const { users, planned_courses: planned, courses } = sandboxes.eduframe.tables;
		expect(out).toHaveLength(4);
		for (const enrollment of out) {
			const student = users.find((user) => user.id === enrollment.student_id)!;
			expect(enrollment.student_name).toBe([student.first_name, student.middle_name, student.last_name].filter(Boolean).join(' '));
			const plannedCourse = planned.find((entry) => entry.id === enrollment.planned_course_id)!;
			const course = courses.find((entry) => entry.id === plannedCourse.course_id)!;
			expect(String(enrollment.planned_course_name)).toMatch(new RegExp(`^${String(course.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2} \\d{4}$`));
			// The order an enrollment came from is known by its number.
			if (enrollment.order_id !== null && enrollment.order_id !== undefined) {
				expect(enrollment.order_number).toBe(String(sandboxes.eduframe.tables.orders.find((order) => order.id === enrollment.order_id)!.number));
			}
		}
	});

	test('organizations name their main account, program editions their program, invoices their order', async () => {
		const organizations = outputOf(await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'organization', operation: 'getAll', returnAll: false, limit: 3 }, eduframeCredential)), 'Vendor');
		const { accounts, orders } = sandboxes.eduframe.tables;
		const programs = sandboxes.eduframe.tables['program/programs'];
		expect(organizations.length).toBeGreaterThan(0);
		for (const organization of organizations) expect(organization.primary_account_name).toBe(accounts.find((account) => account.id === organization.primary_account_id)!.name);
		const editions = outputOf(await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'programEdition', operation: 'getAll', returnAll: false, limit: 3 }, eduframeCredential)), 'Vendor');
		expect(editions.length).toBeGreaterThan(0);
		for (const edition of editions) expect(edition.program_name).toBe(programs.find((program) => program.id === edition.program_id)!.name);
		const invoices = outputOf(await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'invoice', operation: 'getAll', returnAll: false, limit: 3 }, eduframeCredential)), 'Vendor');
		expect(invoices.filter((invoice) => invoice.order_id).length).toBeGreaterThan(0);
		for (const invoice of invoices.filter((entry) => entry.order_id)) expect(invoice.order_number).toBe(String(orders.find((order) => order.id === invoice.order_id)!.number));
	});

	test('the switch is on every read whose records carry such IDs, and only there', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { eduframeResources } = require('../../nodes/Eduframe/actions/resources') as typeof import('../../nodes/Eduframe/actions/resources');
		const enrollmentRead = eduframeResources.find((resource) => resource.value === 'enrollment')!.operations.find((operation) => operation.value === 'getAll')!;
		expect(enrollmentRead.names).toEqual(['student_id', 'planned_course_id', 'order_id']);
		const labels = eduframeResources.find((resource) => resource.value === 'label')!.operations;
		expect(labels.every((operation) => !operation.names)).toBe(true);
		const writes = eduframeResources.flatMap((resource) => resource.operations).filter((operation) => operation.method !== 'GET');
		expect(writes.every((operation) => !operation.names)).toBe(true);
	});
});

describe('Planaday', () => {
	const run = (resource: string, operation: string, parameters: IDataObject, addNames?: boolean) =>
		runWorkflow(singleNodeWorkflow('planaday', { resource, operation, ...parameters, ...(addNames === undefined ? {} : { addNames }) }, planadayCredential));

	test("a course's dayparts and materials, and a daypart, name their course next to its ID, read once per course", async () => {
		const course = sandboxes.planaday.courses.find((entry) => sandboxes.planaday.dayparts.filter((part) => part.course_id === entry.id).length > 1)!;
		const courseId = { __rl: true, mode: 'id', value: String(course.id) };
		for (const operation of ['getDayparts', 'getMaterials']) {
			sandboxes.planaday.resetStats();
			const out = outputOf(await run('course', operation, { courseId }), 'Vendor');
			expect(out.length).toBeGreaterThan(0);
			for (const record of out) {
				expect(record.course_name).toBe(course.name);
				const keys = Object.keys(record);
				expect(keys[keys.indexOf('course_id') + 1]).toBe('course_name');
			}
			expect(sandboxes.planaday.recent.filter((line) => line.startsWith(`GET /v1/course/${String(course.id)}`) && !line.includes('/dayparts') && !line.includes('/materials'))).toHaveLength(1);
		}
		const daypart = sandboxes.planaday.dayparts.find((part) => part.course_id === course.id)!;
		const [one] = outputOf(await run('daypart', 'get', { daypartId: String(daypart.id) }), 'Vendor');
		expect(one).toMatchObject({ course_id: course.id, course_name: course.name });
	});

	test('switched off: no course name and no look-up', async () => {
		const course = sandboxes.planaday.courses[0];
		sandboxes.planaday.resetStats();
		const out = outputOf(await run('course', 'getDayparts', { courseId: { __rl: true, mode: 'id', value: String(course.id) } }, false), 'Vendor');
		expect(out.every((record) => !('course_name' in record))).toBe(true);
		expect(sandboxes.planaday.stats.requests).toBe(1);
	});
});
