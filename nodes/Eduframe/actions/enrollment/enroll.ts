import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requireSameRecord } from '../../../shared/operations/match';
import type { OperationDefinition } from '../../../shared/operations/types';
import { dayIn, readableDay } from '../../../shared/time';
import { paginate } from '../../../shared/transport/paginate';
import { locator } from '../../methods/locator';
import { EDUFRAME_TIME_ZONE, eduframePagination, eduframeProfile } from '../../transport';
import { refusalHints } from '../../transport/hints';
import { eduframeNames, read } from '../names';
import { bookOnVariant, type StudentOutcome } from '../order/book';
import { findUserByEmail } from '../user/createOrUpdate';

const person: INodeProperties = {
	displayName: 'Person',
	name: 'person',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'Who to enroll: an Eduframe user, picked from the list or found by their email (e.g. the new employee from the HR system)',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchUsers', searchable: true } },
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. anna.jansen@example.com',
			validation: [{ type: 'regex', properties: { regex: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$', errorMessage: 'An email address, e.g. anna.jansen@example.com' } }],
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 42',
			validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'An Eduframe user ID is a whole number, e.g. 42' } }],
		},
	],
};

const plannedCourse: INodeProperties = {
	...locator('planned_course_id', 'searchUpcomingPlannedCourses', 'Course', '812', true),
	description: 'The planned course to enroll on: the list shows the courses still to come, soonest first, with their first day, place and the places left',
};

const approve: INodeProperties = {
	displayName: 'Approve Now',
	name: 'approve',
	type: 'boolean',
	default: true,
	description: 'Whether to approve the order at once, which enrolls the person; turn off to leave it for approval in Eduframe',
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			...locator('creator_id', 'searchUsers', 'Ordered By', '1234', false),
			description: 'Who places the order in Eduframe, e.g. the HR contact; left empty, the person orders their own place',
		},
		{
			...locator('catalog_variant_id', 'searchCatalogVariants', 'Course on Sale', '45', false),
			description: 'Only when Eduframe sells the course in more than one way (catalog variants, e.g. classroom and in-company): which one to order',
		},
	],
};

/** A resource locator's mode and value as the user set them. */
function located(ctx: IExecuteFunctions, itemIndex: number, name: string): { mode: string; value: string } {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as IDataObject | string;
	if (raw && typeof raw === 'object') return { mode: String(raw.mode ?? 'id'), value: String(raw.value ?? '').trim() };
	return { mode: 'id', value: String(raw ?? '').trim() };
}

function wholeNumber(ctx: IExecuteFunctions, itemIndex: number, value: string, field: string, example: string): string {
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(ctx.getNode(), value ? `The field "${field}" needs an Eduframe ID, a whole number (got "${value}")` : `The field "${field}" is empty`, {
			itemIndex,
			description: `Pick it from the list, or give its ID, e.g. ${example}; nothing was ordered.`,
		});
	}
	return value;
}

/** The person to enroll: the user with the given email, or the user with the given ID. */
async function personOf(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { mode, value } = located(ctx, itemIndex, 'person');
	if (mode === 'email') {
		const match = await findUserByEmail(ctx, itemIndex, value, 'Person');
		if (!match) {
			throw new NodeOperationError(ctx.getNode(), `No Eduframe user has the email "${value}"`, {
				itemIndex,
				description: 'Add them to Eduframe first (User → Create or Update, matched on email, before this step), then enroll; nothing was ordered.',
			});
		}
		return match.record;
	}
	const id = wholeNumber(ctx, itemIndex, value, 'Person', '42');
	const user = await read(ctx, '/users', id);
	if (!user) throw new NodeOperationError(ctx.getNode(), `Eduframe has no user ${id}`, { itemIndex, description: 'Check the person picked in "Person"; nothing was ordered.' });
	return requireSameRecord(ctx, itemIndex, user, id, { vendor: 'Eduframe', noun: 'user', idField: 'id' });
}

/** The planned course, which must still be to come and not canceled. */
async function upcomingCourseOf(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = wholeNumber(ctx, itemIndex, located(ctx, itemIndex, 'planned_course_id').value, 'Course', '812');
	const found = await read(ctx, '/planned_courses', id);
	if (!found) throw new NodeOperationError(ctx.getNode(), `Eduframe has no planned course ${id}`, { itemIndex, description: 'Pick the course from the list; nothing was ordered.' });
	const course = requireSameRecord(ctx, itemIndex, found, id, { vendor: 'Eduframe', noun: 'planned course', idField: 'id' });
	if (course.status === 'canceled') {
		throw new NodeOperationError(ctx.getNode(), 'This course was canceled in Eduframe', { itemIndex, description: 'Pick another date of the course from the list; nothing was ordered.' });
	}
	const start = String(course.start_date ?? '');
	if (/^\d{4}-\d{2}-\d{2}/.test(start) && start.slice(0, 10) < dayIn(EDUFRAME_TIME_ZONE)) {
		throw new NodeOperationError(ctx.getNode(), `This course started on ${readableDay(start)}`, {
			itemIndex,
			description: 'Enroll books places on courses still to come: pick a later date from the list (it shows only those); nothing was ordered.',
		});
	}
	return course;
}

/** The catalog variant that sells the planned course: the one chosen, else the only one. */
async function variantSelling(ctx: IExecuteFunctions, itemIndex: number, course: IDataObject): Promise<number> {
	const sells = (variant: IDataObject) => /planned_?course/i.test(String(variant.variantable_type ?? '')) && String(variant.variantable_id) === String(course.id);
	const chosen = located(ctx, itemIndex, 'options.catalog_variant_id').value;
	if (chosen) {
		const id = wholeNumber(ctx, itemIndex, chosen, 'Course on Sale', '45');
		const variant = await read(ctx, '/catalog/variants', id);
		if (!variant || String(variant.id) !== id || !sells(variant)) {
			throw new NodeOperationError(ctx.getNode(), `Catalog variant ${id} does not sell this course`, {
				itemIndex,
				description: 'Leave "Course on Sale" empty, or choose the one that sells the course picked in "Course"; nothing was ordered.',
			});
		}
		return Number(id);
	}
	const variants = (
		await paginate.call(ctx, eduframeProfile, eduframePagination, {
			url: '/catalog/variants',
			qs: { variantable_type: 'planned_course', variantable_id: course.id },
			returnAll: true,
			itemIndex,
			hints: refusalHints({ scopes: ['courses:read'], subject: 'catalog variant' }),
		})
	).filter(sells);
	if (!variants.length) {
		throw new NodeOperationError(ctx.getNode(), 'Eduframe does not sell this course in its catalog', {
			itemIndex,
			description: 'Eduframe books a place through an order for what its catalog sells: put the course on sale in Eduframe (a catalog variant), or book it there; nothing was ordered.',
		});
	}
	if (variants.length > 1) {
		const listed = variants.slice(0, 5).map((variant) => `${String(variant.name ?? 'unnamed')} (ID ${String(variant.id)})`).join(', ');
		throw new NodeOperationError(ctx.getNode(), `Eduframe sells this course in ${variants.length} ways: ${listed}`, {
			itemIndex,
			description: 'Choose which one to order under Options → Course on Sale; nothing was ordered.',
		});
	}
	return Number(variants[0].id);
}

/** What the output says happened, in words. */
function outcomeOf(student: StudentOutcome, approved: boolean): string {
	if (student.outcome === 'skipped') return 'skipped';
	return approved ? 'enrolled' : 'waiting for approval';
}

/**
 * Enrollment → Enroll: a person (picked, or found by email) on an upcoming planned course (picked from
 * a list with dates and places left), booked the way Eduframe books: an order for the catalog variant
 * that sells the course, through Order → Book's flow (`bookOnVariant`), so a person already enrolled,
 * or with an order waiting or approved, is skipped and said so, and running it again orders nothing.
 * The output names the person and the course.
 */
export function extraOperations(generated: OperationDefinition[]): OperationDefinition[] {
	// A refusal says what the key lacks: the order it sends, and the enrollments it reads first.
	const hints = { ...generated.find((operation) => operation.value === 'getAll')?.hints, ...refusalHints({ scopes: ['orders:modify'], subject: 'order' }) };
	return [
		{
			value: 'enroll',
			name: 'Enroll',
			action: 'Enroll a person on a course',
			description: 'Enroll someone (picked from the list or found by email) on an upcoming course; people already enrolled are skipped',
			method: 'POST',
			path: '/orders',
			hints,
			properties: [person, plannedCourse, approve, options],
			// One item after another: two items enrolling the same person must not both find them unbooked.
			run: async (ctx, itemIndex) => {
				const user = await personOf(ctx, itemIndex);
				const course = await upcomingCourseOf(ctx, itemIndex);
				const variantId = await variantSelling(ctx, itemIndex, course);
				const approved = ctx.getNodeParameter('approve', itemIndex, true) as boolean;
				const orderedBy = located(ctx, itemIndex, 'options.creator_id').value;
				const creator = orderedBy ? wholeNumber(ctx, itemIndex, orderedBy, 'Ordered By', '1234') : String(user.id);
				const booking = await bookOnVariant(ctx, itemIndex, {
					variantId,
					students: [Number(user.id)],
					body: { creator_id: Number(creator), approve: approved },
					url: '/orders',
					hints: refusalHints({ scopes: ['orders:modify'], subject: 'order' }),
				});
				const [student] = booking.students;
				const courseName = await eduframeNames.course_id.read(ctx, String(course.course_id));
				const location = course.course_location_id ? await eduframeNames.course_location_id.read(ctx, String(course.course_location_id)).catch(() => undefined) : undefined;
				return [
					{
						outcome: outcomeOf(student, approved),
						...(student.reason ? { reason: student.reason } : {}),
						person_id: Number(user.id),
						person_name: [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' '),
						person_email: user.email,
						planned_course_id: Number(course.id),
						course_name: courseName ?? `Course ${String(course.course_id)}`,
						start_date: course.start_date,
						starts: course.start_date ? readableDay(course.start_date) : undefined,
						...(location ? { location } : {}),
						catalog_variant_id: variantId,
						...(student.order_id !== undefined ? { order_id: student.order_id } : {}),
						...(student.enrollment_id !== undefined ? { enrollment_id: student.enrollment_id } : {}),
					},
				];
			},
		},
	];
}
