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
		// A write that answers with the record names it too; a delete (its answer is what is gone) never.
		const enrollmentUpdate = eduframeResources.find((resource) => resource.value === 'enrollment')!.operations.find((operation) => operation.value === 'update')!;
		expect(enrollmentUpdate.names).toEqual(expect.arrayContaining(['student_id', 'planned_course_id']));
		const deletes = eduframeResources.flatMap((resource) => resource.operations).filter((operation) => operation.method === 'DELETE');
		expect(deletes.length).toBeGreaterThan(0);
		expect(deletes.every((operation) => !operation.names)).toBe(true);
		// Lists of IDs and IDs whose kind another column says are named too.
		const userRead = eduframeResources.find((resource) => resource.value === 'user')!.operations.find((operation) => operation.value === 'getAll')!;
		expect(userRead.names).toContain('label_ids');
		const certificateRead = eduframeResources.find((resource) => resource.value === 'certificate')!.operations.find((operation) => operation.value === 'getAll')!;
		expect(certificateRead.names).toContain('certifiable_id');
	});

	const userName = (user: Record<string, unknown>) => [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' ');

	test("a person's labels are named in a list beside the list of label IDs, in the same order, each label read once", async () => {
		const { users, labels } = sandboxes.eduframe.tables;
		const labelled = users.filter((user) => (user.label_ids as number[]).length > 0);
		expect(labelled.length).toBeGreaterThan(0);
		sandboxes.eduframe.resetStats();
		const out = outputOf(await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'user', operation: 'getAll', returnAll: true }, eduframeCredential)), 'Vendor');
		const withLabels = out.filter((user) => (user.label_ids as number[]).length > 0);
		expect(withLabels.length).toBe(labelled.length);
		for (const user of withLabels) {
			expect(user.label_names).toEqual((user.label_ids as number[]).map((id) => labels.find((label) => label.id === id)!.name));
			const keys = Object.keys(user);
			expect(keys[keys.indexOf('label_ids') + 1]).toBe('label_names');
		}
		// People without labels get no empty list of names.
		expect(out.filter((user) => !(user.label_ids as number[]).length).every((user) => !('label_names' in user))).toBe(true);
		const distinct = new Set(withLabels.flatMap((user) => user.label_ids as number[]));
		expect(sandboxes.eduframe.recent.filter((line) => /^GET \/api\/v1\/labels\/\d+/.test(line) || /^GET [^ ]*\/labels\/\d+$/.test(line)).length).toBe(distinct.size);
	});

	test("a meeting's places (planning meeting locations) are named in a list beside their IDs", async () => {
		const meetings = outputOf(await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'meeting', operation: 'getAll', returnAll: true }, eduframeCredential)), 'Vendor');
		const placed = meetings.filter((meeting) => Array.isArray(meeting.planning_meeting_location_ids) && (meeting.planning_meeting_location_ids as number[]).length);
		expect(placed.length).toBeGreaterThan(0);
		const locations = sandboxes.eduframe.tables.meeting_locations;
		for (const meeting of placed) {
			expect(meeting.planning_meeting_location_names).toEqual((meeting.planning_meeting_location_ids as number[]).map((id) => locations.find((location) => location.id === id)?.name ?? null));
		}
	});

	test('a certificate names the enrollment it was awarded for (its student and what they follow), by the kind its record says', async () => {
		const { users } = sandboxes.eduframe.tables;
		const enrollment = sandboxes.eduframe.tables['program/enrollments'][0];
		// Awarding a certificate through the node, then reading the certificates back.
		await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'programEnrollment', operation: 'awardCertificate', programEnrollmentId: String(enrollment.id), certificate_template_id: 1 }, eduframeCredential));
		const certificates = outputOf(await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'certificate', operation: 'getAll', returnAll: true }, eduframeCredential)), 'Vendor');
		const awarded = certificates.find((certificate) => certificate.certifiable_type === 'program_enrollment' && certificate.certifiable_id === enrollment.id)!;
		expect(awarded).toBeDefined();
		const student = users.find((user) => user.id === enrollment.student_id)!;
		const edition = sandboxes.eduframe.tables['program/editions'].find((entry) => entry.id === enrollment.edition_id)!;
		expect(awarded.certifiable_name).toBe(`${userName(student)} on ${String(edition.name)}`);
		// An evaluation element has no record to read: it stays as it came, without a made-up name.
		for (const certificate of certificates.filter((entry) => entry.certifiable_type === 'evaluation_element')) expect(certificate).not.toHaveProperty('certifiable_name');
	});

	test('a write that answers with the record names its IDs too', async () => {
		const enrollment = sandboxes.eduframe.tables.enrollments[0];
		const student = sandboxes.eduframe.tables.users.find((user) => user.id === enrollment.student_id)!;
		const [updated] = outputOf(
			await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'enrollment', operation: 'update', enrollmentId: { __rl: true, mode: 'id', value: String(enrollment.id) }, updateFields: { end_date: '2027-06-30' } }, eduframeCredential)),
			'Vendor',
		);
		expect(updated.student_name).toBe(userName(student));
		expect(updated.planned_course_name).toEqual(expect.any(String));
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

	test('a course names its template, and its dayparts by name, day and times, with one read of its dayparts', async () => {
		const course = sandboxes.planaday.courses.find((entry) => sandboxes.planaday.dayparts.filter((part) => part.course_id === entry.id).length > 1)!;
		const template = sandboxes.planaday.templates.find((entry) => entry.id === (course.coursetemplate as IDataObject).id)!;
		sandboxes.planaday.resetStats();
		const [one] = outputOf(await run('course', 'get', { courseId: { __rl: true, mode: 'id', value: String(course.id) } }), 'Vendor');
		expect(one.coursetemplate).toMatchObject({ id: template.id, name: template.name });
		const parts = sandboxes.planaday.dayparts.filter((part) => part.course_id === course.id);
		expect((one.dayparts as IDataObject[]).map((part) => part.name)).toEqual(
			parts.map((part) => `${String(part.name)}, ${String(part.date).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')} ${String(part.start_time)}-${String(part.end_time)}`),
		);
		expect(sandboxes.planaday.recent.filter((line) => line.includes(`/course/${String(course.id)}/dayparts`))).toHaveLength(1);
		expect(sandboxes.planaday.recent.filter((line) => line.includes('/daypart/'))).toHaveLength(0);
	});

	test('a list of courses names its templates from one read of their list, and reads no dayparts', async () => {
		sandboxes.planaday.resetStats();
		const out = outputOf(await run('course', 'getAll', { start: sandboxes.planaday.today(-400).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'), end: sandboxes.planaday.today(400).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'), returnAll: true }), 'Vendor');
		expect(out.length).toBeGreaterThan(3);
		for (const course of out) {
			const template = sandboxes.planaday.templates.find((entry) => entry.id === (course.coursetemplate as IDataObject).id)!;
			expect((course.coursetemplate as IDataObject).name).toBe(template.name);
		}
		// The templates' list once (one page), not each template.
		expect(sandboxes.planaday.recent.filter((line) => line.includes('/coursetemplate/'))).toHaveLength(Math.ceil(sandboxes.planaday.templates.length / 100));
		expect(sandboxes.planaday.recent.filter((line) => line.includes('/dayparts') || line.includes('/daypart/'))).toHaveLength(0);
	});

	test('a daypart names its locations and its instructors', async () => {
		const part = sandboxes.planaday.dayparts[1];
		const instructor = sandboxes.planaday.instructors[1];
		(part.instructors as number[]).splice(0, Infinity, Number(instructor.id));
		const [one] = outputOf(await run('daypart', 'get', { daypartId: String(part.id) }), 'Vendor');
		const location = sandboxes.planaday.locations.find((entry) => entry.id === (part.locations as number[])[0])!;
		// The city is added when the location's name does not already say it.
		const place = String(location.name).includes(String(location.city)) ? String(location.name) : `${String(location.name)}, ${String(location.city)}`;
		expect((one.locations as IDataObject[])[0]).toMatchObject({ id: location.id, name: place });
		const personName = [instructor.first_name, instructor.prefix, instructor.last_name].filter(Boolean).join(' ');
		expect(personName).not.toBe('');
		expect((one.instructors as IDataObject[])[0]).toMatchObject({ id: instructor.id, name: personName });
		const keys = Object.keys((one.instructors as IDataObject[])[0]);
		expect(keys.slice(0, 2)).toEqual(['id', 'name']);
	});
});
