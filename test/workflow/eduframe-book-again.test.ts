/**
 * Eduframe Order → Book is safe to run again: students already enrolled in what the catalog variant
 * sells, or already in an order for it that waits for approval, are skipped and said so, and when
 * nobody is left no order is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { eduframeCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();

const book = (variant: number, students: string, approve = true, input?: IDataObject[]) =>
	runWorkflow(
		singleNodeWorkflow('eduframe', {
			resource: 'order',
			operation: 'book',
			catalog_variant_id: { __rl: true, mode: 'id', value: String(variant) },
			creator_id: { __rl: true, mode: 'id', value: '1' },
			student_ids: students,
			approve,
		}, eduframeCredential),
		input ? { input } : {},
	);

const tables = () => sandboxes.eduframe.tables;
const variantOf = (id: number) => tables()['catalog/variants'].find((variant) => variant.id === id)!;
/** Students with no enrollment at all in the planned course and in no order of the variant. */
function freshStudents(variant: number, count: number): number[] {
	const plannedCourse = variantOf(variant).variantable_id;
	const taken = new Set([
		...tables().enrollments.filter((enrollment) => enrollment.planned_course_id === plannedCourse).map((enrollment) => enrollment.student_id),
		...tables().orders.filter((order) => order.catalog_variant_id === variant).flatMap((order) => ((order.order_items as IDataObject[]) ?? []).map((item) => item.student_id)),
	]);
	return tables().users.filter((user) => (user.roles as string[]).includes('student') && !taken.has(user.id)).slice(0, count).map((user) => Number(user.id));
}
const ordersFor = (variant: number, student: number) => tables().orders.filter((order) => order.catalog_variant_id === variant && ((order.order_items as IDataObject[]) ?? []).some((item) => item.student_id === student));
const enrollmentsOf = (plannedCourse: unknown, student: number) => tables().enrollments.filter((enrollment) => enrollment.planned_course_id === plannedCourse && enrollment.student_id === student);
/** The name the output puts next to a student's ID. */
const nameOf = (id: number) => {
	const user = tables().users.find((entry) => entry.id === id)!;
	return [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' ');
};
/** The catalog variant next to its ID: its name and the first day of the course it sells. */
const variantName = (id: number) => expect.stringMatching(new RegExp(`^${String(variantOf(id).name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d+ \\w{3} \\d{4}$`));
const orderPosts = () => sandboxes.eduframe.stats.byRoute['POST /api/v1/orders'] ?? 0;

describe('Order → Book, run again', () => {
	test('the same booking run twice makes one order and one enrollment per student; the second run reports them skipped', async () => {
		const [anna, bram] = freshStudents(4, 2);
		const plannedCourse = variantOf(4).variantable_id;
		const first = outputOf(await book(4, `${anna}, ${bram}`), 'Vendor');
		expect(first).toEqual([
			expect.objectContaining({
				status: 'active',
				outcome: 'booked',
				students: [
					{ student_id: anna, student_name: nameOf(anna), outcome: 'booked', order_id: first[0].id },
					{ student_id: bram, student_name: nameOf(bram), outcome: 'booked', order_id: first[0].id },
				],
			}),
		]);
		sandboxes.eduframe.resetStats();
		const second = outputOf(await book(4, `${anna}, ${bram}`), 'Vendor');
		expect(second).toEqual([
			{
				outcome: 'skipped',
				catalog_variant_id: 4,
				catalog_variant_name: variantName(4),
				students: [
					{ student_id: anna, student_name: nameOf(anna), outcome: 'skipped', reason: 'already enrolled', enrollment_id: enrollmentsOf(plannedCourse, anna)[0].id },
					{ student_id: bram, student_name: nameOf(bram), outcome: 'skipped', reason: 'already enrolled', enrollment_id: enrollmentsOf(plannedCourse, bram)[0].id },
				],
			},
		]);
		expect(orderPosts()).toBe(0);
		for (const student of [anna, bram]) {
			expect(ordersFor(4, student)).toHaveLength(1);
			expect(enrollmentsOf(plannedCourse, student)).toHaveLength(1);
		}
	});

	test('left for approval and run again: no second order waits for approval', async () => {
		const [student] = freshStudents(5, 1);
		const [order] = outputOf(await book(5, String(student), false), 'Vendor');
		expect(order).toMatchObject({ status: 'requested', outcome: 'booked' });
		const [again] = outputOf(await book(5, String(student), false), 'Vendor');
		expect(again).toEqual({
			outcome: 'skipped',
			catalog_variant_id: 5,
			catalog_variant_name: variantName(5),
			students: [{ student_id: student, student_name: nameOf(student), outcome: 'skipped', reason: 'already has an order waiting for approval', order_id: order.id }],
		});
		// Even with Approve Now on, the waiting order is what to approve: no second order.
		const [approving] = outputOf(await book(5, String(student), true), 'Vendor');
		expect(approving.outcome).toBe('skipped');
		expect(ordersFor(5, student)).toHaveLength(1);
		expect(enrollmentsOf(variantOf(5).variantable_id, student)).toHaveLength(0);
	});

	test('a mixed list books only the new students, in one order, and names the others', async () => {
		const [known, fresh, other] = freshStudents(4, 3);
		outputOf(await book(4, String(known)), 'Vendor');
		sandboxes.eduframe.resetStats();
		const [order] = outputOf(await book(4, `${known}, ${fresh}, ${other}`), 'Vendor');
		expect(order).toMatchObject({ status: 'active', outcome: 'partly booked', student_ids: [fresh, other] });
		expect(order.students).toEqual([
			expect.objectContaining({ student_id: known, outcome: 'skipped', reason: 'already enrolled' }),
			{ student_id: fresh, student_name: nameOf(fresh), outcome: 'booked', order_id: order.id },
			{ student_id: other, student_name: nameOf(other), outcome: 'booked', order_id: order.id },
		]);
		expect(orderPosts()).toBe(1);
		expect(sandboxes.eduframe.recentBodies.find((entry) => entry.request === 'POST /api/v1/orders')?.body).toMatchObject({ student_ids: [fresh, other] });
		expect(enrollmentsOf(variantOf(4).variantable_id, known)).toHaveLength(1);
	});

	test('when every student is already enrolled, no order is sent', async () => {
		const plannedCourse = variantOf(1).variantable_id;
		const enrolled = [...new Set(tables().enrollments.filter((e) => e.planned_course_id === plannedCourse && e.status !== 'canceled').map((e) => Number(e.student_id)))].slice(0, 3);
		expect(enrolled).toHaveLength(3);
		const before = tables().orders.length;
		const [result] = outputOf(await book(1, enrolled.join(', ')), 'Vendor');
		expect(result.outcome).toBe('skipped');
		expect((result.students as IDataObject[]).map((student) => student.reason)).toEqual(['already enrolled', 'already enrolled', 'already enrolled']);
		expect(orderPosts()).toBe(0);
		expect(tables().orders.length).toBe(before);
	});

	test('a canceled enrollment does not count: the student is booked again', async () => {
		const plannedCourse = variantOf(1).variantable_id;
		const canceled = tables().enrollments.find(
			(e) => e.planned_course_id === plannedCourse && e.status === 'canceled' && enrollmentsOf(plannedCourse, Number(e.student_id)).every((other) => other.status === 'canceled'),
		)!;
		const [order] = outputOf(await book(1, String(canceled.student_id)), 'Vendor');
		expect(order).toMatchObject({ outcome: 'booked', status: 'active' });
		expect(enrollmentsOf(plannedCourse, Number(canceled.student_id)).filter((e) => e.status !== 'canceled')).toHaveLength(1);
	});

	test('an approved order whose enrollment is not listed yet still counts; once its enrollment is canceled, the student can be booked again', async () => {
		const [student] = freshStudents(4, 1);
		const plannedCourse = variantOf(4).variantable_id;
		const [order] = outputOf(await book(4, String(student)), 'Vendor');
		const [enrollment] = enrollmentsOf(plannedCourse, student);
		tables().enrollments.splice(tables().enrollments.indexOf(enrollment), 1);
		const [waiting] = outputOf(await book(4, String(student)), 'Vendor');
		expect(waiting.students).toEqual([{ student_id: student, student_name: nameOf(student), outcome: 'skipped', reason: 'already has an approved order', order_id: order.id }]);
		tables().enrollments.push({ ...enrollment, status: 'canceled' });
		const [again] = outputOf(await book(4, String(student)), 'Vendor');
		expect(again).toMatchObject({ outcome: 'booked', status: 'active' });
		expect(again.id).not.toBe(order.id);
	});

	test('two items booking the same student in one run make one order', async () => {
		const [student] = freshStudents(6, 1);
		const run = await book(6, '={{ $json.student }}', true, [{ student }, { student }]);
		const items = outputOf(run, 'Vendor');
		expect(items.map((item) => item.outcome)).toEqual(['booked', 'skipped']);
		expect(ordersFor(6, student)).toHaveLength(1);
		expect(enrollmentsOf(variantOf(6).variantable_id, student)).toHaveLength(1);
	});

	test('a program edition on sale: program enrollments are checked, and a second run books nobody', async () => {
		const variant = variantOf(3);
		const edition = tables()['program/editions'][0];
		Object.assign(variant, { variantable_type: 'Program::Edition', variantable_id: edition.id });
		const enrolled = tables()['program/enrollments'].filter((e) => e.edition_id === edition.id && e.state !== 'canceled').map((e) => Number(e.student_id));
		const fresh = Number(tables().users.find((user) => (user.roles as string[]).includes('student') && !enrolled.includes(Number(user.id)) && !ordersFor(3, Number(user.id)).length)!.id);
		const [order] = outputOf(await book(3, [...enrolled, fresh].join(', ')), 'Vendor');
		expect(enrolled.length).toBeGreaterThan(0);
		expect(order).toMatchObject({ outcome: 'partly booked', student_ids: [fresh] });
		expect(tables()['program/enrollments'].filter((e) => e.edition_id === edition.id && e.student_id === fresh)).toHaveLength(1);
		const [again] = outputOf(await book(3, String(fresh)), 'Vendor');
		expect(again).toMatchObject({ outcome: 'skipped', students: [expect.objectContaining({ student_id: fresh, reason: 'already enrolled' })] });
		expect(sandboxes.eduframe.stats.byRoute['GET /api/v1/program/enrollments']).toBeGreaterThanOrEqual(2);
		expect(tables().enrollments.filter((e) => e.student_id === fresh && e.planned_course_id === edition.id && e.order_id === order.id)).toHaveLength(0);
	});

	test('no student IDs is refused before any request', async () => {
		const result = await book(4, ' , ');
		expect(errorOf(result, 'Vendor')?.message).toBe('The field "Student IDs" is empty');
		expect(sandboxes.eduframe.stats.requests).toBe(0);
	});
});
