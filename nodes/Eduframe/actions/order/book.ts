import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addNames } from '../../../shared/operations/names';
import type { OperationDefinition } from '../../../shared/operations/types';
import { paginate } from '../../../shared/transport/paginate';
import { vendorRequest } from '../../../shared/transport/request';
import { eduframePagination, eduframeProfile } from '../../transport';
import { refusalHints } from '../../transport/hints';
import { eduframeNames } from '../names';

/** Why a student was not ordered for again, as the output says it. */
export const SKIP_REASONS = {
	enrolled: 'already enrolled',
	waiting: 'already has an order waiting for approval',
	approved: 'already has an approved order',
} as const;

/** What one student's booking came to. */
export interface StudentOutcome extends IDataObject {
	student_id: number;
	outcome: 'booked' | 'skipped';
}

/** What a catalog variant sells: a planned course or a program edition. */
interface Sold {
	plannedCourseIds: number[];
	editionId?: number;
}

/** Eduframe names the type `PlannedCourse` / `Program::Edition` on the record and `planned_course` / `program_edition` in filters. */
const typeKey = (value: unknown) => String(value ?? '').toLowerCase().replace(/[^a-z]/g, '');

const idOf = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : Number(value));

/**
 * Reads what the catalog variant sells; a variant Eduframe does not describe as a planned course or a
 * program edition stops the booking, since who is already booked could not be checked.
 */
async function whatIsSold(ctx: IExecuteFunctions, itemIndex: number, variantId: number, body: IDataObject): Promise<Sold> {
	const variant = (
		await vendorRequest.call(ctx, eduframeProfile, {
			method: 'GET',
			url: `/catalog/variants/${variantId}`,
			itemIndex,
			hints: refusalHints({ scopes: ['courses:read'], subject: 'catalog variant', byId: true }),
		})
	).body as IDataObject | undefined;
	const type = typeKey(variant?.variantable_type);
	const soldId = idOf(variant?.variantable_id);
	// The deprecated Planned Course of Additional Fields names a planned course too.
	const plannedCourseIds = [idOf(body.planned_course_id)].filter((id): id is number => Number.isInteger(id));
	if (String(variant?.id) !== String(variantId) || !Number.isInteger(soldId) || (type !== 'plannedcourse' && type !== 'programedition')) {
		throw new NodeOperationError(ctx.getNode(), `Eduframe did not say what catalog variant ${variantId} sells`, {
			itemIndex,
			description: 'Without the planned course or program edition it sells, the node cannot check who is already booked, so nothing was ordered. Check the catalog variant in Eduframe.',
		});
	}
	if (type === 'plannedcourse') return { plannedCourseIds: [...new Set([...plannedCourseIds, soldId as number])] };
	return { plannedCourseIds, editionId: soldId };
}

/** Every record of an Eduframe list (all pages), keeping only those whose fields equal what was asked for. */
async function listAll(ctx: IExecuteFunctions, itemIndex: number, url: string, qs: IDataObject, hints: Record<string, string>): Promise<IDataObject[]> {
	const records = await paginate.call(ctx, eduframeProfile, eduframePagination, { url, qs, returnAll: true, itemIndex, hints });
	// A list that ignored a filter must not make a stranger's record count.
	return records.filter((record) => Object.entries(qs).every(([key, value]) => String(record[key]) === String(value)));
}

/**
 * Who of `students` is already booked on what the variant sells: enrolled (an enrollment or program
 * enrollment that is not canceled), or named in an order for this variant that waits for approval or
 * was approved (unless that order's enrollment was canceled since).
 */
async function alreadyBooked(ctx: IExecuteFunctions, itemIndex: number, variantId: number, sold: Sold, students: number[]): Promise<Map<number, StudentOutcome>> {
	const skipped = new Map<number, StudentOutcome>();
	const canceledOrders = new Map<number, Set<number>>();
	const enrollmentHints = refusalHints({ scopes: ['enrollments:read'], subject: 'enrollment' });
	for (const student of students) {
		const enrollments: Array<{ record: IDataObject; canceled: boolean }> = [];
		for (const plannedCourse of sold.plannedCourseIds) {
			for (const record of await listAll(ctx, itemIndex, '/enrollments', { student_id: student, planned_course_id: plannedCourse }, enrollmentHints)) {
				enrollments.push({ record, canceled: record.status === 'canceled' });
			}
		}
		if (sold.editionId !== undefined) {
			const hints = refusalHints({ scopes: ['enrollments:read'], subject: 'program enrollment', feature: 'Programs' });
			for (const record of await listAll(ctx, itemIndex, '/program/enrollments', { student_id: student, edition_id: sold.editionId }, hints)) {
				enrollments.push({ record, canceled: record.state === 'canceled' });
			}
		}
		const live = enrollments.find((enrollment) => !enrollment.canceled);
		if (live) skipped.set(student, { student_id: student, outcome: 'skipped', reason: SKIP_REASONS.enrolled, enrollment_id: live.record.id });
		canceledOrders.set(student, new Set(enrollments.filter((enrollment) => enrollment.canceled).map((enrollment) => Number(enrollment.record.order_id))));
	}
	const orders = await listAll(ctx, itemIndex, '/orders', { catalog_variant_id: variantId }, refusalHints({ scopes: ['orders:read'], subject: 'order' }));
	for (const order of orders.filter((entry) => entry.status === 'requested' || entry.status === 'active')) {
		if (!Array.isArray(order.order_items)) {
			throw new NodeOperationError(ctx.getNode(), `Eduframe did not list the students of order ${String(order.id)}`, {
				itemIndex,
				description: 'Without them the node cannot tell who already has an order for this catalog variant, so nothing was ordered. Check the order in Eduframe.',
			});
		}
		for (const item of order.order_items as IDataObject[]) {
			const student = Number(item.student_id);
			if (!students.includes(student) || skipped.has(student)) continue;
			const orderId = Number(order.id);
			if (order.status === 'requested') skipped.set(student, { student_id: student, outcome: 'skipped', reason: SKIP_REASONS.waiting, order_id: orderId });
			// An approved order whose enrollment was canceled since no longer books the student.
			else if (!canceledOrders.get(student)?.has(orderId)) skipped.set(student, { student_id: student, outcome: 'skipped', reason: SKIP_REASONS.approved, order_id: orderId });
		}
	}
	return skipped;
}

/** What a booking came to: the order sent (none when everybody was skipped) and each student's outcome. */
export interface Booking {
	outcome: 'booked' | 'partly booked' | 'skipped';
	order?: IDataObject;
	students: StudentOutcome[];
}

/**
 * The booking itself, shared by Order → Book and Enrollment → Enroll: reads what the catalog variant
 * sells, skips the students already enrolled in it or in an order for it that waits for approval or was
 * approved, and sends one order (`POST /orders` with `body`) for the others only; nothing when nobody is
 * left. Run items one after another: two items booking the same person must not both find them unbooked.
 */
export async function bookOnVariant(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: { variantId: number; students: number[]; body: IDataObject; url: string; hints?: Record<string, string> },
): Promise<Booking> {
	const wanted = [...new Set(input.students)];
	const sold = await whatIsSold(ctx, itemIndex, input.variantId, input.body);
	const skipped = await alreadyBooked(ctx, itemIndex, input.variantId, sold, wanted);
	const toBook = wanted.filter((student) => !skipped.has(student));
	if (!toBook.length) return { outcome: 'skipped', students: wanted.map((student) => skipped.get(student)!) };
	const order = (
		await vendorRequest.call(ctx, eduframeProfile, { method: 'POST', url: input.url, body: { ...input.body, catalog_variant_id: input.variantId, student_ids: toBook }, itemIndex, hints: input.hints })
	).body as IDataObject;
	const students = wanted.map((student) => skipped.get(student) ?? { student_id: student, outcome: 'booked' as const, order_id: order.id });
	return { outcome: skipped.size ? 'partly booked' : 'booked', order, students };
}

/**
 * Order → Book: Eduframe's booking. One order for one or more students on a catalog variant (a
 * planned course or program edition on sale), approved at once unless a manager should approve it.
 * Safe to run again: students already enrolled in what the variant sells, or already in an order for
 * it that waits for approval, are skipped and said so; when nobody is left, no order is sent. The
 * output names the students, the catalog variant and who ordered next to their IDs.
 */
export function extraOperations(generated: OperationDefinition[]): OperationDefinition[] {
	const create = generated.find((operation) => operation.value === 'create');
	if (!create?.properties) return [];
	const byName = (name: string) => create.properties!.find((property) => property.name === name) as INodeProperties;
	const additional = byName('additionalFields');
	const students: INodeProperties = {
		displayName: 'Student IDs',
		name: 'student_ids',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12, 34',
		description:
			'The Eduframe user IDs of the people to book, separated by commas (drag an ID from the input, or use Enrollment → Enroll to pick a person by name or email). Anyone already enrolled, or already in an order for this course, is skipped.',
	};
	const approve: INodeProperties = {
		displayName: 'Approve Now',
		name: 'approve',
		type: 'boolean',
		default: true,
		description: 'Whether to approve the order at once, which enrolls the students; turn off to leave it for approval in Eduframe',
	};
	return [
		{
			...create,
			value: 'book',
			name: 'Book',
			action: 'Book students on a course',
			description: 'Order places on a course on sale for students not yet booked on it, approved at once or left for approval',
			properties: [
				{
					...byName('catalog_variant_id'),
					displayName: 'Course on Sale',
					description: 'The course (or program) as Eduframe sells it in its catalog, with its date and the places left; Eduframe calls it a catalog variant',
				},
				{
					...byName('creator_id'),
					displayName: 'Ordered By',
					description: 'Who places the order in Eduframe: the HR contact who books, or the student (the same user ID as below) when people book themselves',
				},
				students,
				approve,
				{
					...additional,
					options: (additional.options ?? []).filter((option) => !['student_ids', 'approve'].includes((option as INodeProperties).name)),
				},
			],
			bodyFrom: ['catalog_variant_id', 'creator_id', 'student_ids', 'approve', 'additionalFields'],
			fields: { ...create.fields, student_ids: 'idList' },
			// One item after another (no `concurrency`): two items booking the same person, even through two
			// catalog variants that sell the same planned course, must not both find them unbooked.
			run: async (ctx, itemIndex, { body, url }) => {
				const wanted = (body.student_ids as number[] | undefined) ?? [];
				if (!wanted.length) {
					throw new NodeOperationError(ctx.getNode(), 'The field "Student IDs" is empty', {
						itemIndex,
						description: 'Enter the Eduframe user IDs of the students to book, separated by commas; nothing was ordered.',
					});
				}
				const variantId = Number(body.catalog_variant_id);
				const booking = await bookOnVariant(ctx, itemIndex, { variantId, students: wanted, body, url, hints: create.hints });
				const students = await addNames(ctx, booking.students, ['student_id'], eduframeNames);
				if (!booking.order) {
					const [named] = await addNames(ctx, [{ outcome: 'skipped', catalog_variant_id: variantId }], ['catalog_variant_id'], eduframeNames);
					return [{ ...named, students }];
				}
				const [order] = await addNames(ctx, [booking.order], ['catalog_variant_id', 'creator_id'], eduframeNames);
				return [{ ...order, outcome: booking.outcome, students }];
			},
		},
	];
}
