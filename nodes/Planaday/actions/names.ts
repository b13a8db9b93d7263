import type { IDataObject } from 'n8n-workflow';

import { oncePerRun, type NameTable } from '../../shared/operations/names';
import { paginate } from '../../shared/transport/paginate';
import { type RequestContext, vendorRequest } from '../../shared/transport/request';
import { instructorName, planadayDay } from '../methods/readable';
import { planadayPagination, planadayProfile } from '../transport';

/** A list read once per run (a course's dayparts, the templates, the instructors), every page of it. */
const readOnce = (ctx: RequestContext, url: string) => oncePerRun(ctx, url, async () => await paginate.call(ctx, planadayProfile, planadayPagination, { url, returnAll: true }));

/** One record by its path (`/course/12`), or undefined; Planaday's IDs here are whole numbers, never put into a path otherwise. */
async function readRecord(ctx: RequestContext, path: string, id: string): Promise<IDataObject | undefined> {
	if (!/^\d+$/.test(id)) return undefined;
	const answer = await vendorRequest.call(ctx, planadayProfile, { method: 'GET', url: `${path}/${id}` });
	const record = answer.body as IDataObject | undefined;
	return record && typeof record === 'object' && !Array.isArray(record) ? record : undefined;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** A daypart as people tell it apart: its name, day and times ("Dag 1, 2026-12-07 09:00-16:30"). */
function daypartName(part: IDataObject): string | undefined {
	const when = [planadayDay(part.date), [text(part.start_time), text(part.end_time)].filter(Boolean).join('-')].map(text).filter(Boolean).join(' ');
	return [text(part.name), when].filter(Boolean).join(', ') || undefined;
}

/**
 * Planaday's IDs and the names that go next to them. A daypart, material or image names its course
 * only by `course_id`; a course names its template, and lists its dayparts, by ID only; a daypart
 * lists its locations and instructors by ID only. Each different one is read once per run: the
 * templates and the instructors with one list each, a course's dayparts with one list of that course.
 */
export const planadayNames: NameTable = {
	course_id: {
		column: 'course_name',
		read: async (ctx, id) => {
			const course = await readRecord(ctx, '/course', id);
			return course?.name ? String(course.name) : undefined;
		},
	},
	'coursetemplate.id': {
		column: 'name',
		read: async (ctx, id) => {
			// The templates are a short list: read once for every course of the run.
			const template = (await readOnce(ctx, '/coursetemplate/list')).find((entry) => text(entry.id) === id) ?? (await readRecord(ctx, '/coursetemplate', id));
			return template?.name ? String(template.name) : undefined;
		},
	},
	'dayparts[].id': {
		column: 'name',
		read: async (ctx, id, _holder, record) => {
			const courseId = text(record?.id);
			// The course's dayparts in one list; a daypart named outside its course is read by itself.
			const part = /^\d+$/.test(courseId)
				? (await readOnce(ctx, `/course/${courseId}/dayparts`)).find((entry) => text(entry.id) === id)
				: await readRecord(ctx, '/daypart', id);
			return part ? daypartName(part) : undefined;
		},
	},
	'locations[].id': {
		column: 'name',
		read: async (ctx, id) => {
			const location = await readRecord(ctx, '/location', id);
			if (!location) return undefined;
			const name = text(location.name);
			const city = text(location.city);
			return name && city && !name.toLowerCase().includes(city.toLowerCase()) ? `${name}, ${city}` : name || city || undefined;
		},
	},
	'instructors[].id': {
		column: 'name',
		read: async (ctx, id) => {
			const instructor = (await readOnce(ctx, '/instructor/list')).find((entry) => text(entry.id) === id);
			// An instructor Planaday gives no name for stays unnamed (the picker's "Instructor 15" is no name).
			return instructor && [instructor.first_name, instructor.initials, instructor.last_name].some((part) => text(part)) ? instructorName(instructor) : undefined;
		},
	},
};
