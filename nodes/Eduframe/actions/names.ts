import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { NameSource, NameTable } from '../../shared/operations/names';
import { readableDay } from '../../shared/time';
import { vendorRequest } from '../../shared/transport/request';
import { recordName } from '../methods/records';
import { eduframeProfile } from '../transport';

/**
 * Eduframe's ID columns that get a readable name next to them, and where the record lives
 * (`GET {path}/{id}`). The generator gives every read whose records carry one of these columns the
 * "Add Names Next to IDs" switch.
 */
export const EDUFRAME_NAMED_IDS: Record<string, { path: string; column: string }> = {
	student_id: { path: '/users', column: 'student_name' },
	user_id: { path: '/users', column: 'user_name' },
	creator_id: { path: '/users', column: 'creator_name' },
	teacher_id: { path: '/teachers', column: 'teacher_name' },
	account_id: { path: '/accounts', column: 'account_name' },
	organization_id: { path: '/organizations', column: 'organization_name' },
	course_id: { path: '/courses', column: 'course_name' },
	planned_course_id: { path: '/planned_courses', column: 'planned_course_name' },
	course_variant_id: { path: '/course_variants', column: 'course_variant_name' },
	course_location_id: { path: '/course_locations', column: 'course_location_name' },
	meeting_location_id: { path: '/meeting_locations', column: 'meeting_location_name' },
	category_id: { path: '/categories', column: 'category_name' },
	catalog_variant_id: { path: '/catalog/variants', column: 'catalog_variant_name' },
	edition_id: { path: '/program/editions', column: 'edition_name' },
	teacher_role_id: { path: '/teacher_roles', column: 'teacher_role_name' },
	// An order is known by its number, a program by its name, an organization by its main account.
	order_id: { path: '/orders', column: 'order_number' },
	program_id: { path: '/program/programs', column: 'program_name' },
	primary_account_id: { path: '/accounts', column: 'primary_account_name' },
	personal_user_id: { path: '/users', column: 'personal_user_name' },
};

/** Records read during one run, so a course named for ten planned courses is read once. */
const seen = new WeakMap<IExecuteFunctions, Map<string, Promise<IDataObject | undefined>>>();

/** One record by ID (`GET {path}/{id}`), read once per run; undefined when Eduframe has none (404). */
export async function read(ctx: IExecuteFunctions, path: string, id: string): Promise<IDataObject | undefined> {
	// Eduframe's IDs are whole numbers: a value that is none (from a record) is never put into a path.
	if (!/^\d+$/.test(id)) return undefined;
	if (!seen.has(ctx)) seen.set(ctx, new Map());
	const cache = seen.get(ctx)!;
	const key = `${path}/${id}`;
	if (!cache.has(key)) {
		cache.set(
			key,
			vendorRequest
				.call(ctx, eduframeProfile, { method: 'GET', url: `${path}/${encodeURIComponent(id)}`, allowStatuses: [404] })
				.then((answer) => (answer.statusCode === 404 ? undefined : (answer.body as IDataObject))),
		);
	}
	return await cache.get(key)!;
}

function source(path: string, column: string): NameSource {
	return {
		column,
		read: async (ctx, id) => {
			const record = await read(ctx, path, id);
			if (!record) return undefined;
			// A planned course has no name of its own: its course's name and its first day.
			if (path === '/planned_courses' && record.course_id !== undefined && record.course_id !== null) {
				const course = await read(ctx, '/courses', String(record.course_id));
				const name = course ? recordName(course) : `Course #${String(record.course_id)}`;
				return record.start_date ? `${name}, ${readableDay(record.start_date)}` : name;
			}
			const name = recordName(record);
			// A catalog variant selling a planned course: its name and the course's first day.
			if (path === '/catalog/variants' && /planned_?course/i.test(String(record.variantable_type ?? '')) && !name.startsWith('#')) {
				const plannedCourse = await read(ctx, '/planned_courses', String(record.variantable_id ?? ''));
				return plannedCourse?.start_date ? `${name}, ${readableDay(plannedCourse.start_date)}` : name;
			}
			return name.startsWith('#') ? undefined : name;
		},
	};
}

export const eduframeNames: NameTable = Object.fromEntries(Object.entries(EDUFRAME_NAMED_IDS).map(([idColumn, { path, column }]) => [idColumn, source(path, column)]));
