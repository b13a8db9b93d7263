/**
 * What Eduframe's newest Admin API file changed or added, run through n8n's engine against the
 * sandbox: required fields that may be null, custom objects by slug and associations by slug, the
 * new filters, features that are off and scopes a key lacks, and the new resources.
 */
import type { IDataObject } from 'n8n-workflow';

import { sharedPacer } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { basicEduframeCredential, eduframeCredential, legacyScopesEduframeCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await withSandboxes();
	sandboxes.eduframe.limiter.limit = 100_000;
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sharedPacer.reset();
	sandboxes.eduframe.resetStats();
});

const run = (parameters: IDataObject, credential = eduframeCredential, input?: IDataObject[]) =>
	runWorkflow(singleNodeWorkflow('eduframe', parameters, credential), input ? { input } : {});
const id = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });
/** The body of the last request to `request` ("POST /api/v1/grades"). */
const sentBody = (request: string) => [...sandboxes.eduframe.recentBodies].reverse().find((entry) => entry.request === request)?.body as IDataObject | undefined;

describe('required fields that may be null are sent as null, never left out or empty', () => {
	test('Planned Course → Create without a cost sends "cost": null; with one, the number', async () => {
		const parameters = { resource: 'plannedCourse', operation: 'create', course_id: id(1), type: 'FixedPlannedCourse' };
		const [free] = outputOf(await run(parameters), 'Vendor');
		expect(sentBody('POST /api/v1/planned_courses')).toHaveProperty('cost', null);
		expect(sandboxes.eduframe.tables.planned_courses.find((course) => course.id === free.id)?.cost).toBeNull();
		await run({ ...parameters, cost: '149.50' });
		expect(sentBody('POST /api/v1/planned_courses')).toHaveProperty('cost', 149.5);
		const failed = errorOf(await run({ ...parameters, cost: 'free' }), 'Vendor');
		expect(failed?.message).toBe('The field "Cost" needs a number (got "free")');
	});

	test('Grade → Create sends the empty one of grade and score as null, and refuses both empty before sending', async () => {
		const base = { resource: 'grade', operation: 'create', gradeable_id: 1, gradeable_type: 'Enrollment' };
		outputOf(await run({ ...base, score: '7.5' }), 'Vendor');
		expect(sentBody('POST /api/v1/grades')).toMatchObject({ grade: null, score: 7.5 });
		outputOf(await run({ ...base, grade: 'Pass' }), 'Vendor');
		expect(sentBody('POST /api/v1/grades')).toMatchObject({ grade: 'Pass', score: null });
		const requests = sandboxes.eduframe.stats.requests;
		const error = errorOf(await run(base), 'Vendor');
		expect(error?.message).toBe('"Grade" and "Score" are both empty: Eduframe needs at least one of them');
		expect(sandboxes.eduframe.stats.requests).toBe(requests);
	});

	test('Course → Create sends tab contents without content as "content": null', async () => {
		const parameters = {
			resource: 'course',
			operation: 'create',
			category_id: 1,
			name: 'Fire Safety Basics',
			code: 'FSB',
			additionalFields: { course_tab_contents_attributes: '[{"course_tab_id": 1, "content": "<p>Intro</p>"}, {"course_tab_id": 2}, {"course_tab_id": 3, "content": ""}]' },
		};
		outputOf(await run(parameters), 'Vendor');
		expect((sentBody('POST /api/v1/courses') as IDataObject).course_tab_contents_attributes).toEqual([
			{ course_tab_id: 1, content: '<p>Intro</p>' },
			{ course_tab_id: 2, content: null },
			{ course_tab_id: 3, content: null },
		]);
	});

	test('the sandbox refuses what the file forbids: a required nullable field left out', async () => {
		const answer = await fetch(`${sandboxes.eduframe.baseUrl}/grades`, {
			method: 'POST',
			headers: { Authorization: 'Bearer eduframe-sandbox-key-0123456789', 'Content-Type': 'application/json' },
			body: JSON.stringify({ gradeable_id: 1, gradeable_type: 'Enrollment', score: 6 }),
		});
		expect(answer.status).toBe(422);
		expect(((await answer.json()) as { errors: IDataObject }).errors).toEqual({ grade: ['is missing (send null when there is none)'] });
	});
});

describe('custom objects and records by slug; associations keyed by slug', () => {
	test('Custom Object → Get and Custom Record → Create / Get Many address the object by its slug', async () => {
		const [object] = outputOf(await run({ resource: 'customObject', operation: 'get', objectSlug: 'equipment' }), 'Vendor');
		expect(object).toMatchObject({ slug: 'equipment', name_plural: 'Equipment' });
		const [record] = outputOf(
			await run({ resource: 'customRecord', operation: 'create', objectSlug: 'equipment', display_name: 'Defibrillator trainer', properties: '{"serial": "AED-7"}' }),
			'Vendor',
		);
		expect(record).toMatchObject({ display_name: 'Defibrillator trainer', object_slug: 'equipment' });
		const listed = outputOf(await run({ resource: 'customRecord', operation: 'getAll', objectSlug: 'equipment', returnAll: true }), 'Vendor');
		expect(listed.map((entry) => entry.id)).toContain(record.id);
		expect(listed.every((entry) => entry.object_slug === 'equipment')).toBe(true);
		const missing = errorOf(await run({ resource: 'customRecord', operation: 'getAll', objectSlug: 'no_such_object', returnAll: true }), 'Vendor');
		expect(missing?.message).toBe('Eduframe: Custom object not found');
	});

	test('custom associations go out as { slug: [record ids] }; the older list shape is refused', async () => {
		const parameters = {
			resource: 'plannedCourse',
			operation: 'create',
			course_id: id(1),
			type: 'FixedPlannedCourse',
			additionalFields: { custom_associations: { association: [{ slug: 'trainer_profiles', recordIds: '1, 2' }, { slug: 'equipment', recordIds: '' }] } },
		};
		const [course] = outputOf(await run(parameters), 'Vendor');
		expect(sentBody('POST /api/v1/planned_courses')).toMatchObject({ custom_associations: { trainer_profiles: [1, 2], equipment: [] } });
		expect(sandboxes.eduframe.tables.planned_courses.find((entry) => entry.id === course.id)?.custom_associations).toEqual({ trainer_profiles: [1, 2], equipment: [] });
		const wrongId = errorOf(await run({ ...parameters, additionalFields: { custom_associations: { association: [{ slug: 'equipment', recordIds: 'seven' }] } } }), 'Vendor');
		expect(wrongId?.message).toBe('The field "Custom Associations" needs whole-number record IDs for "equipment", separated by commas (got "seven")');
		const oldShape = await fetch(`${sandboxes.eduframe.baseUrl}/planned_courses`, {
			method: 'POST',
			headers: { Authorization: 'Bearer eduframe-sandbox-key-0123456789', 'Content-Type': 'application/json' },
			body: JSON.stringify({ course_id: 1, type: 'FixedPlannedCourse', cost: null, custom_associations: [{ custom_association_id: 1, custom_record_ids: [1] }] }),
		});
		expect(oldShape.status).toBe(422);
	});
});

describe('the new list filters', () => {
	test('Invoice → Get Many for one order, Order → Get Many for one catalog variant, Lead → Get Many by email', async () => {
		const invoices = outputOf(await run({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { order_id: id(2) } }), 'Vendor');
		expect(invoices.length).toBeGreaterThan(0);
		expect(invoices.every((invoice) => invoice.order_id === 2)).toBe(true);
		const orders = outputOf(await run({ resource: 'order', operation: 'getAll', returnAll: true, filters: { catalog_variant_id: id(2) } }), 'Vendor');
		expect(orders.length).toBeGreaterThan(0);
		expect(orders.every((order) => order.catalog_variant_id === 2)).toBe(true);
		const lead = sandboxes.eduframe.tables.leads[1];
		const leads = outputOf(await run({ resource: 'lead', operation: 'getAll', returnAll: true, filters: { email: String(lead.email) } }), 'Vendor');
		expect(leads.map((entry) => entry.id)).toEqual([lead.id]);
	});
});

describe('a feature that is off, or a scope the key lacks, reads as what to do', () => {
	test.each([
		['Program → Get Many', { resource: 'program', operation: 'getAll', returnAll: true }, 'Programs'],
		['Organization → Get Many', { resource: 'organization', operation: 'getAll', returnAll: true }, 'Organizations'],
		['Custom Object → Get Many', { resource: 'customObject', operation: 'getAll', returnAll: true }, 'Custom objects'],
	])('%s on an Eduframe without the feature names the feature and who switches it on', async (_title, parameters, feature) => {
		const error = errorOf(await run(parameters, basicEduframeCredential), 'Vendor');
		expect(error?.message).toBe(`Eduframe: Forbidden: the ${feature.toLowerCase()} feature is not enabled for this educator (feature: ${feature.toLowerCase()} is not enabled)`);
		expect(error?.description).toBe(`This needs Eduframe's "${feature}" feature, which is not switched on for your Eduframe. Ask Eduframe support (support@eduframe.nl) to enable it.`);
	});

	test('an older key without the enrollments scope is told which scope, and why keys made before lack it; other resources still work', async () => {
		const error = errorOf(await run({ resource: 'enrollment', operation: 'getAll', returnAll: true }, legacyScopesEduframeCredential), 'Vendor');
		expect(error?.message).toBe('Eduframe: Forbidden: the API token lacks the scope this needs (scope: enrollments:read is required)');
		expect(error?.description).toContain('Your Eduframe API key lacks the permission (scope) "enrollments:read" that this needs.');
		expect(error?.description).toContain('Eduframe moved enrollments, grades, attendances, program enrollments and theses to the enrollments scopes');
		const courses = outputOf(await run({ resource: 'course', operation: 'getAll', returnAll: false, limit: 3 }, legacyScopesEduframeCredential), 'Vendor');
		expect(courses).toHaveLength(3);
	});
});

describe('the new resources', () => {
	test('Lead → Update changes the status', async () => {
		const lead = sandboxes.eduframe.tables.leads[0];
		const [updated] = outputOf(await run({ resource: 'lead', operation: 'update', leadId: String(lead.id), status: 'won' }), 'Vendor');
		expect(updated).toMatchObject({ id: lead.id, status: 'won' });
	});

	test('Email → Send sends a message to a user', async () => {
		const user = sandboxes.eduframe.tables.users[3];
		const before = (sandboxes.eduframe.tables.emails ?? []).length;
		const [sent] = outputOf(
			await run({ resource: 'email', operation: 'send', userId: id(user.id), from: '{{educator.reply_to}}', subject: 'Welcome, {{user.full_name}}', body: '<p>Your training starts Monday.</p>' }),
			'Vendor',
		);
		expect(sent).toBeDefined();
		expect(sandboxes.eduframe.tables.emails.slice(before)).toEqual([expect.objectContaining({ user_id: user.id, subject: 'Welcome, {{user.full_name}}' })]);
	});

	test('Program Edition → Add Elements adds courses and blocks; an unknown course is refused whole', async () => {
		const edition = sandboxes.eduframe.tables['program/editions'][0];
		const added = outputOf(
			await run({ resource: 'programEdition', operation: 'addElements', editionId: id(edition.id), elements: '[{"type": "CourseElement", "course_id": 2}, {"type": "BlockElement", "name": "Electives", "elements": [{"type": "CourseElement", "course_id": 3}]}]' }),
			'Vendor',
		);
		expect(added.map((element) => element.type)).toEqual(['CourseElement', 'BlockElement']);
		const before = sandboxes.eduframe.tables['program/elements'].length;
		const error = errorOf(await run({ resource: 'programEdition', operation: 'addElements', editionId: id(edition.id), elements: '[{"type": "CourseElement", "course_id": 999}]' }), 'Vendor');
		expect(error?.message).toBe('Eduframe: Validation failed (elements[0].course_id: does not exist)');
		expect(sandboxes.eduframe.tables['program/elements']).toHaveLength(before);
	});

	test('awarding a program certificate makes a certificate that Certificate → Get Many and Get show', async () => {
		const enrollment = sandboxes.eduframe.tables['program/enrollments'][0];
		await run({ resource: 'programEnrollment', operation: 'awardCertificate', programEnrollmentId: String(enrollment.id), certificate_template_id: 1 });
		const certificates = outputOf(await run({ resource: 'certificate', operation: 'getAll', returnAll: true }), 'Vendor');
		const awarded = certificates.find((certificate) => certificate.certifiable_type === 'program_enrollment' && certificate.certifiable_id === enrollment.id)!;
		expect(awarded).toBeDefined();
		const [one] = outputOf(await run({ resource: 'certificate', operation: 'get', certificateId: String(awarded.id) }), 'Vendor');
		expect(one).toMatchObject({ id: awarded.id, pdf_url: expect.stringContaining('.pdf') });
	});

	test('Organization Affiliation → Create, Update and Delete; Planning Attendee → Assign Teacher and Remove Teacher', async () => {
		const [affiliation] = outputOf(await run({ resource: 'organizationAffiliation', operation: 'create', organization_id: id(1), user_id: id(5) }), 'Vendor');
		expect(affiliation).toMatchObject({ organization_id: 1, user_id: 5 });
		const [updated] = outputOf(await run({ resource: 'organizationAffiliation', operation: 'update', organizationAffiliationId: String(affiliation.id), updateFields: { key_contact: true } }), 'Vendor');
		expect(updated.key_contact).toBe(true);
		await run({ resource: 'organizationAffiliation', operation: 'delete', organizationAffiliationId: String(affiliation.id) });
		expect(sandboxes.eduframe.tables.organization_affiliations.some((entry) => entry.id === affiliation.id)).toBe(false);
		const [attendee] = outputOf(await run({ resource: 'planningAttendee', operation: 'create', teacher_id: id(1), attendable_id: 1, attendable_type: 'Meeting' }), 'Vendor');
		expect(attendee).toMatchObject({ teacher_id: 1, attendable_type: 'Meeting' });
		await run({ resource: 'planningAttendee', operation: 'delete', planningAttendeeId: String(attendee.id) });
		expect(sandboxes.eduframe.tables['planning/attendees'].some((entry) => entry.id === attendee.id)).toBe(false);
	});
});
