/**
 * Writes that must not happen twice, or in a shape the vendor's file does not allow: the same Eduframe
 * booking workflow run again (a retry, a schedule, Execute pressed twice) books nobody twice, also when
 * Eduframe answers the check with something that is not a list; a JSON field in the wrong shape never
 * reaches the vendor.
 */
import type { IDataObject } from 'n8n-workflow';

import { transportSettings } from '../../nodes/shared';
import { errorOf, runWorkflow } from '../harness/engine';
import { safe, tamper, untamper } from '../harness/hostile';
import { eduframeCredential, planadayCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();
const retry = transportSettings.retry;
// Reads of a garbled answer are tried again: quickly here, so a case takes no longer than it needs.
beforeAll(() => (transportSettings.retry = { ...retry, baseDelayMs: 20, maxDelayMs: 200 }));
afterAll(() => (transportSettings.retry = retry));
afterEach(() => untamper(sandboxes.eduframe, sandboxes.planaday));

const bookWorkflow = (variant: number, students: number[], approve: boolean) =>
	singleNodeWorkflow(
		'eduframe',
		{
			resource: 'order',
			operation: 'book',
			catalog_variant_id: { __rl: true, mode: 'id', value: String(variant) },
			creator_id: { __rl: true, mode: 'id', value: '1' },
			student_ids: students.join(', '),
			approve,
		},
		eduframeCredential,
	);

const tables = () => sandboxes.eduframe.tables;
const plannedCourseOf = (variant: number) => tables()['catalog/variants'].find((record) => record.id === variant)!.variantable_id;
/** Students with no enrollment in the variant's planned course and in no order of the variant. */
function freshStudents(variant: number, count: number): number[] {
	const taken = new Set([
		...tables().enrollments.filter((enrollment) => enrollment.planned_course_id === plannedCourseOf(variant)).map((enrollment) => Number(enrollment.student_id)),
		...tables().orders.filter((order) => order.catalog_variant_id === variant).flatMap((order) => ((order.student_ids as number[]) ?? []).map(Number)),
	]);
	return tables().users.filter((user) => (user.roles as string[]).includes('student') && !taken.has(Number(user.id))).slice(0, count).map((user) => Number(user.id));
}
/** Orders of the variant naming the student (the sandbox keeps the order's student IDs as sent). */
const ordersOf = (variant: number, student: number) => tables().orders.filter((order) => order.catalog_variant_id === variant && ((order.student_ids as number[]) ?? []).map(Number).includes(student));
const liveEnrollmentsOf = (variant: number, student: number) =>
	tables().enrollments.filter((enrollment) => enrollment.planned_course_id === plannedCourseOf(variant) && Number(enrollment.student_id) === student && enrollment.status !== 'canceled');
const orderPosts = () => sandboxes.eduframe.stats.byRoute['POST /api/v1/orders'] ?? 0;

describe('Eduframe Order → Book run twice', () => {
	test('approved at once: the second run orders nothing; one order and one enrollment per student', async () => {
		const students = freshStudents(4, 2);
		await runWorkflow(bookWorkflow(4, students, true));
		const postsAfterFirst = orderPosts();
		const second = await runWorkflow(bookWorkflow(4, students, true));
		safe('the second run sends no order', orderPosts() === postsAfterFirst, `${orderPosts() - postsAfterFirst} more POST /orders`);
		for (const student of students) {
			safe(`student ${student}: one order`, ordersOf(4, student).length === 1, `${ordersOf(4, student).length} orders`);
			safe(`student ${student}: one enrollment`, liveEnrollmentsOf(4, student).length === 1, `${liveEnrollmentsOf(4, student).length} enrollments`);
		}
		safe('the second run is not an error', !errorOf(second, 'Vendor'), String(errorOf(second, 'Vendor')?.message));
	});

	test('left for approval: a second run does not leave a second order waiting for the same person', async () => {
		const students = freshStudents(5, 2);
		await runWorkflow(bookWorkflow(5, students, false));
		await runWorkflow(bookWorkflow(5, students, false));
		for (const student of students) {
			safe(`student ${student}: one order waiting`, ordersOf(5, student).length === 1, `${ordersOf(5, student).length} orders`);
		}
	});

	test('a batch with the same person twice, through the input items, books them once', async () => {
		const [student] = freshStudents(6, 1);
		const workflow = bookWorkflow(6, [], true);
		(workflow.nodes[1].parameters as IDataObject).student_ids = '={{ $json.student }}';
		await runWorkflow(workflow, { input: [{ student }, { student }] });
		safe('one order for the person', ordersOf(6, student).length === 1, `${ordersOf(6, student).length} orders`);
		safe('one enrollment for the person', liveEnrollmentsOf(6, student).length === 1, `${liveEnrollmentsOf(6, student).length} enrollments`);
	});

	test.each([
		['a web page on 200', { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Maintenance</body></html>' }],
		['an error object on 200', { status: 200, body: { errors: {}, code: 500, message: 'Internal error' } }],
		['an object instead of a list', { status: 200, body: { data: [] } }],
	])('when Eduframe answers the enrollment check with %s, no order is made', async (_case, answer) => {
		const [student] = freshStudents(2, 1);
		await runWorkflow(bookWorkflow(2, [student], true));
		const before = orderPosts();
		tamper(sandboxes.eduframe, { before: (request) => (request.path.endsWith('/enrollments') ? answer : undefined) });
		const again = await runWorkflow(bookWorkflow(2, [student], true));
		safe('no second order after an answer that is not a list of enrollments', orderPosts() === before, `${orderPosts() - before} more POST /orders`);
		safe('one order for the person', ordersOf(2, student).length === 1, `${ordersOf(2, student).length} orders`);
		safe('the run is not reported as success', !!errorOf(again, 'Vendor'), 'no error');
	});
});

describe('JSON in the wrong shape never reaches the vendor', () => {
	test.each([
		['an object where Eduframe requires a list', '{}'],
		['one element without its list', '{"type": "CourseElement", "course_id": 2}'],
		['an object from an expression', '={{ { type: "CourseElement", course_id: 2 } }}'],
		['a list of numbers where Eduframe requires objects', '[2, 3]'],
	])('Eduframe Program Edition → Add Elements with %s', async (_case, elements) => {
		const run = await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'programEdition', operation: 'addElements', editionId: { __rl: true, mode: 'id', value: '1' }, elements }, eduframeCredential));
		const sent = sandboxes.eduframe.stats.byRoute['POST /api/v1/program/editions/:id/elements_batch'] ?? 0;
		safe('nothing is sent to Eduframe', sandboxes.eduframe.stats.requests === 0, `${sandboxes.eduframe.stats.requests} request(s), ${sent} to elements_batch`);
		const message = String(errorOf(run, 'Vendor')?.message ?? '');
		safe('the error names the field', message.includes('"Elements"'), message);
	});

	test('Eduframe Account → Create with an address given as a list', async () => {
		const run = await runWorkflow(
			singleNodeWorkflow('eduframe', { resource: 'account', operation: 'create', name: 'Acme Training BV', additionalFields: { address_attributes: '[{"city": "Utrecht"}]' } }, eduframeCredential),
		);
		safe('nothing is sent to Eduframe', sandboxes.eduframe.stats.requests === 0, `${sandboxes.eduframe.stats.requests} request(s)`);
		safe('the error names the field', String(errorOf(run, 'Vendor')?.message ?? '').includes('"Address"'), String(errorOf(run, 'Vendor')?.message));
	});

	test('Planaday Booking → Book with Extra Fields by Name given as a list', async () => {
		const before = sandboxes.planaday.bookings.length;
		const run = await runWorkflow(
			singleNodeWorkflow(
				'planaday',
				{
					resource: 'booking',
					operation: 'book',
					courseId: { __rl: true, mode: 'id', value: '5' },
					studentsSource: 'list',
					studentList: { student: [{ first_name: 'Dirk', last_name: 'Mulder', email: 'dirk@example.com', more: { fields: '["L"]' } }] },
				},
				planadayCredential,
			),
		);
		safe('nothing is booked', sandboxes.planaday.bookings.length === before, `${sandboxes.planaday.bookings.length - before} booking(s)`);
		safe('no booking request is sent', !Object.keys(sandboxes.planaday.stats.byRoute).some((route) => route.startsWith('POST /v1/booking')), JSON.stringify(sandboxes.planaday.stats.byRoute));
		safe('the error names the field', String(errorOf(run, 'Vendor')?.message ?? '').includes('Extra Fields by Name'), String(errorOf(run, 'Vendor')?.message));
		expect(errorOf(run, 'Vendor')?.message).toBe('The field "Student 1: Extra Fields by Name (Deprecated)" needs an object, e.g. {"key": "value"} (got a list)');
	});
});
