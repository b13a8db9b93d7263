import type { IDataObject } from 'n8n-workflow';

import { oncePerRun, type NameSource, type NameTable } from '../../shared/operations/names';
import { readableDay } from '../../shared/time';
import { type RequestContext, vendorRequest } from '../../shared/transport/request';
import { recordName } from '../methods/records';
import { eduframeProfile } from '../transport';

/**
 * Where an Eduframe ID's record lives (`GET {path}/{id}`): one path, or, for an ID whose record kind
 * another column says (`subject_id` with `subject_type`), a path per kind. Kinds not listed stay
 * without a name.
 */
export type NamedId = { column: string; path: string } | { column: string; typeColumn: string; paths: Record<string, string> };

/**
 * Eduframe's ID columns that get a readable name next to them. The generator gives every read (and
 * every write that answers with the record) whose records carry one of these columns the "Add Names
 * Next to IDs" switch. A column that holds a list of IDs (`label_ids`) gets a list of names.
 */
export const EDUFRAME_NAMED_IDS: Record<string, NamedId> = {
	student_id: { path: '/users', column: 'student_name' },
	user_id: { path: '/users', column: 'user_name' },
	creator_id: { path: '/users', column: 'creator_name' },
	grader_id: { path: '/users', column: 'grader_name' },
	assignee_id: { path: '/users', column: 'assignee_name' },
	assigned_by_id: { path: '/users', column: 'assigned_by_name' },
	completed_by_id: { path: '/users', column: 'completed_by_name' },
	teacher_id: { path: '/teachers', column: 'teacher_name' },
	account_id: { path: '/accounts', column: 'account_name' },
	organization_id: { path: '/organizations', column: 'organization_name' },
	course_id: { path: '/courses', column: 'course_name' },
	planned_course_id: { path: '/planned_courses', column: 'planned_course_name' },
	course_variant_id: { path: '/course_variants', column: 'course_variant_name' },
	course_location_id: { path: '/course_locations', column: 'course_location_name' },
	meeting_location_id: { path: '/meeting_locations', column: 'meeting_location_name' },
	meeting_id: { path: '/meetings', column: 'meeting_name' },
	category_id: { path: '/categories', column: 'category_name' },
	// Only a category has a parent: another category.
	parent_id: { path: '/categories', column: 'parent_name' },
	catalog_variant_id: { path: '/catalog/variants', column: 'catalog_variant_name' },
	catalog_product_id: { path: '/catalog/products', column: 'catalog_product_name' },
	edition_id: { path: '/program/editions', column: 'edition_name' },
	element_id: { path: '/program/elements', column: 'element_name' },
	teacher_role_id: { path: '/teacher_roles', column: 'teacher_role_name' },
	lead_id: { path: '/leads', column: 'lead_name' },
	material_group_id: { path: '/material_groups', column: 'material_group_name' },
	// An enrollment is known by its student and planned course.
	enrollment_id: { path: '/enrollments', column: 'enrollment_name' },
	course_enrollment_id: { path: '/enrollments', column: 'course_enrollment_name' },
	// An order and an invoice are known by their numbers, a program by its name, an organization by its main account.
	order_id: { path: '/orders', column: 'order_number' },
	invoice_id: { path: '/invoices', column: 'invoice_number' },
	program_id: { path: '/program/programs', column: 'program_name' },
	primary_account_id: { path: '/accounts', column: 'primary_account_name' },
	personal_user_id: { path: '/users', column: 'personal_user_name' },
	// Lists of IDs: the names in the same order.
	label_ids: { path: '/labels', column: 'label_names' },
	teacher_label_ids: { path: '/labels', column: 'teacher_label_names' },
	teacher_ids: { path: '/teachers', column: 'teacher_names' },
	student_ids: { path: '/users', column: 'student_names' },
	course_ids: { path: '/courses', column: 'course_names' },
	// The places a meeting or planning event is held: meeting locations.
	planning_meeting_location_ids: { path: '/meeting_locations', column: 'planning_meeting_location_names' },
	// IDs whose record kind another column says.
	certifiable_id: { column: 'certifiable_name', typeColumn: 'certifiable_type', paths: { course_enrollment: '/enrollments', program_enrollment: '/program/enrollments' } },
	subject_id: {
		column: 'subject_name',
		typeColumn: 'subject_type',
		paths: {
			Course: '/courses',
			Account: '/accounts',
			User: '/users',
			Lead: '/leads',
			Invoice: '/invoices',
			PlannedCourse: '/planned_courses',
			Order: '/orders',
			'Program::Program': '/program/programs',
			'Program::Edition': '/program/editions',
		},
	},
	variantable_id: { column: 'variantable_name', typeColumn: 'variantable_type', paths: { PlannedCourse: '/planned_courses', 'Program::Edition': '/program/editions' } },
	productable_id: { column: 'productable_name', typeColumn: 'productable_type', paths: { Course: '/courses', 'Program::Program': '/program/programs' } },
	attendable_id: { column: 'attendable_name', typeColumn: 'attendable_type', paths: { Meeting: '/meetings', 'Planning::Event': '/planning/events' } },
	event_id: { column: 'event_name', typeColumn: 'event_type', paths: { Meeting: '/meetings', 'Planning::Event': '/planning/events' } },
	conflicting_event_id: { column: 'conflicting_event_name', typeColumn: 'conflicting_event_type', paths: { Meeting: '/meetings', 'Planning::Event': '/planning/events' } },
	resource_id: { column: 'resource_name', typeColumn: 'resource_type', paths: { Teacher: '/teachers', MeetingLocation: '/meeting_locations' } },
	gradeable_id: { column: 'gradeable_name', typeColumn: 'gradeable_type', paths: { Enrollment: '/enrollments', enrollment: '/enrollments', course_enrollment: '/enrollments' } },
};

/** One record by ID (`GET {path}/{id}`), read once per run; undefined when Eduframe has none (404). */
export async function read(ctx: RequestContext, path: string, id: string): Promise<IDataObject | undefined> {
	// Eduframe's IDs are whole numbers: a value that is none (from a record) is never put into a path.
	if (!/^\d+$/.test(id)) return undefined;
	return await oncePerRun(ctx, `${path}/${id}`, async () => {
		const answer = await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url: `${path}/${encodeURIComponent(id)}`, allowStatuses: [404] });
		return answer.statusCode === 404 ? undefined : (answer.body as IDataObject);
	});
}

/** The readable name of the record at `{path}/{id}`, or undefined when it has none. */
async function nameAt(ctx: RequestContext, path: string, id: string): Promise<string | undefined> {
	const record = await read(ctx, path, id);
	if (!record) return undefined;
	// A planned course has no name of its own: its course's name and its first day.
	if (path === '/planned_courses' && record.course_id !== undefined && record.course_id !== null) {
		const course = await read(ctx, '/courses', String(record.course_id));
		const name = course ? recordName(course) : `Course #${String(record.course_id)}`;
		return record.start_date ? `${name}, ${readableDay(record.start_date)}` : name;
	}
	// An enrollment: its student and what they are enrolled on ("Ann Smit on First Aid, 12 Jan 2027").
	if (path === '/enrollments' || path === '/program/enrollments') {
		const student = record.student_id === undefined || record.student_id === null ? undefined : await nameAt(ctx, '/users', String(record.student_id));
		const on =
			record.planned_course_id !== undefined && record.planned_course_id !== null
				? await nameAt(ctx, '/planned_courses', String(record.planned_course_id))
				: record.edition_id !== undefined && record.edition_id !== null
					? await nameAt(ctx, '/program/editions', String(record.edition_id))
					: undefined;
		return student && on ? `${student} on ${on}` : student ?? on;
	}
	const name = recordName(record);
	// A catalog variant selling a planned course: its name and the course's first day.
	if (path === '/catalog/variants' && /planned_?course/i.test(String(record.variantable_type ?? '')) && !name.startsWith('#')) {
		const plannedCourse = await read(ctx, '/planned_courses', String(record.variantable_id ?? ''));
		return plannedCourse?.start_date ? `${name}, ${readableDay(plannedCourse.start_date)}` : name;
	}
	return name.startsWith('#') ? undefined : name;
}

function source(named: NamedId): NameSource {
	if ('path' in named) return { column: named.column, read: async (ctx, id) => await nameAt(ctx, named.path, id) };
	const pathOf = (holder: IDataObject) => named.paths[String(holder[named.typeColumn] ?? '')];
	return {
		column: named.column,
		// The kind is part of what is looked up: enrollment 5 and evaluation 5 are different records.
		kind: (holder) => (pathOf(holder) ? String(holder[named.typeColumn]) : undefined),
		read: async (ctx, id, holder) => {
			const path = holder ? pathOf(holder) : undefined;
			return path ? await nameAt(ctx, path, id) : undefined;
		},
	};
}

export const eduframeNames: NameTable = Object.fromEntries(Object.entries(EDUFRAME_NAMED_IDS).map(([idColumn, named]) => [idColumn, source(named)]));
