/**
 * Eduframe Enrollment → Enroll: a person, picked or found by email, on an upcoming planned course,
 * booked through Order → Book's flow (an order for the catalog variant that sells the course): the
 * output names the person and the course, people already enrolled are skipped, and nothing is ordered
 * for a course that took place, an unknown email or a course sold in more than one way.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { eduframeCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();
const tables = () => sandboxes.eduframe.tables;

const enroll = (person: IDataObject, plannedCourse: unknown, extra: IDataObject = {}) =>
	runWorkflow(
		singleNodeWorkflow(
			'eduframe',
			{ resource: 'enrollment', operation: 'enroll', person: { __rl: true, ...person }, planned_course_id: { __rl: true, mode: 'list', value: String(plannedCourse) }, ...extra },
			eduframeCredential,
		),
	);

/** A planned course still to come (asked of the sandbox's Dutch day), and a student enrolled nowhere on it. */
function upcomingCourse(skip = 0) {
	const today = sandboxes.eduframe.today();
	return tables().planned_courses.filter((course) => String(course.start_date) >= today && course.status === 'planned')[skip];
}
function freshStudent(plannedCourse: unknown, skip = 0) {
	const taken = new Set(tables().enrollments.filter((enrollment) => enrollment.planned_course_id === plannedCourse).map((enrollment) => enrollment.student_id));
	return tables().users.filter((user) => (user.roles as string[]).includes('student') && !taken.has(user.id))[skip];
}
const orderPosts = () => sandboxes.eduframe.stats.byRoute['POST /api/v1/orders'] ?? 0;
const fullName = (user: Record<string, unknown>) => [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' ');
const courseName = (plannedCourse: Record<string, unknown>) => String(tables().courses.find((course) => course.id === plannedCourse.course_id)!.name);

describe('Enrollment → Enroll', () => {
	test('by email (any capitals): enrolled on the course, the output names the person and the course; run again, skipped with nothing ordered', async () => {
		const course = upcomingCourse(1);
		const person = freshStudent(course.id);
		const [first] = outputOf(await enroll({ mode: 'email', value: `  ${String(person.email).toUpperCase()} ` }, course.id), 'Vendor');
		expect(first).toMatchObject({
			outcome: 'enrolled',
			person_id: person.id,
			person_name: fullName(person),
			person_email: person.email,
			planned_course_id: course.id,
			course_name: courseName(course),
			start_date: course.start_date,
			starts: expect.stringMatching(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}$/),
			catalog_variant_id: expect.any(Number),
			order_id: expect.any(Number),
		});
		const enrollments = tables().enrollments.filter((enrollment) => enrollment.planned_course_id === course.id && enrollment.student_id === person.id);
		expect(enrollments).toHaveLength(1);
		// The order is the person's own (no "Ordered By"), for the catalog variant that sells the course.
		const order = tables().orders.find((entry) => entry.id === first.order_id)!;
		expect(order).toMatchObject({ creator_id: person.id, status: 'active' });
		expect(tables()['catalog/variants'].find((variant) => variant.id === order.catalog_variant_id)).toMatchObject({ variantable_id: course.id });

		sandboxes.eduframe.resetStats();
		const [again] = outputOf(await enroll({ mode: 'email', value: String(person.email) }, course.id), 'Vendor');
		expect(again).toMatchObject({ outcome: 'skipped', reason: 'already enrolled', person_name: fullName(person), course_name: courseName(course), enrollment_id: enrollments[0].id });
		expect(orderPosts()).toBe(0);
		expect(tables().enrollments.filter((enrollment) => enrollment.planned_course_id === course.id && enrollment.student_id === person.id)).toHaveLength(1);
	});

	test('picked from the list, left for approval and ordered by HR: waits for approval; run again, skipped (the order waits)', async () => {
		const course = upcomingCourse(2);
		const person = freshStudent(course.id);
		const hr = tables().users[0];
		const options = { approve: false, options: { creator_id: { __rl: true, mode: 'list', value: String(hr.id) } } };
		const [first] = outputOf(await enroll({ mode: 'list', value: String(person.id) }, course.id, options), 'Vendor');
		expect(first).toMatchObject({ outcome: 'waiting for approval', person_id: person.id, course_name: courseName(course) });
		expect(tables().orders.find((entry) => entry.id === first.order_id)).toMatchObject({ status: 'requested', creator_id: hr.id });
		sandboxes.eduframe.resetStats();
		const [again] = outputOf(await enroll({ mode: 'id', value: String(person.id) }, course.id, options), 'Vendor');
		expect(again).toMatchObject({ outcome: 'skipped', reason: 'already has an order waiting for approval', order_id: first.order_id });
		expect(orderPosts()).toBe(0);
	});

	test('nothing is ordered for an unknown email, a course that took place, or a course sold in two ways (until one is chosen)', async () => {
		const course = upcomingCourse(3);
		const person = freshStudent(course.id);
		const unknown = await enroll({ mode: 'email', value: 'nobody.here@example.com' }, course.id);
		expect(errorOf(unknown, 'Vendor')?.message).toBe('No Eduframe user has the email "nobody.here@example.com"');

		const today = sandboxes.eduframe.today();
		const past = tables().planned_courses.find((entry) => String(entry.start_date) < today)!;
		const tookPlace = await enroll({ mode: 'id', value: String(person.id) }, past.id);
		expect(errorOf(tookPlace, 'Vendor')?.message).toMatch(/^This course started on (Mon|Tue|Wed|Thu|Fri|Sat|Sun) /);

		const second = sandboxes.eduframe.insertRecord('catalog/variants', { name: 'Evening group', variantable_type: 'PlannedCourse', variantable_id: course.id, product_id: 1, is_published: true, tenant: 1 });
		const twoWays = await enroll({ mode: 'id', value: String(person.id) }, course.id);
		expect(errorOf(twoWays, 'Vendor')?.message).toMatch(/^Eduframe sells this course in 2 ways: .*Evening group \(ID \d+\)/);
		expect(errorOf(twoWays, 'Vendor')?.description).toMatch(/Options → Course on Sale/);
		expect(orderPosts()).toBe(0);

		const [chosen] = outputOf(await enroll({ mode: 'id', value: String(person.id) }, course.id, { options: { catalog_variant_id: { __rl: true, mode: 'id', value: String(second.id) } } }), 'Vendor');
		expect(chosen).toMatchObject({ outcome: 'enrolled', catalog_variant_id: second.id, person_id: person.id });
	});
});
