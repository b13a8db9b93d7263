import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { addDays, dayIn, readableDay } from '../../shared/time';
import { vendorRequest } from '../../shared/transport/request';
import { PLANADAY_TIME_ZONE, planadayProfile } from '../transport';
import { daypartChoices, instructorName, readablePlanaday, type SearchChoice } from './readable';

type ListPage = { data?: IDataObject[]; links?: { next?: string } };

/** One page of a Planaday list: the first with `firstQuery`, the next ones by the `links.next` the last page gave. */
async function listPage(ctx: ILoadOptionsFunctions, url: string, firstQuery: IDataObject, paginationToken?: string): Promise<ListPage> {
	const response = await vendorRequest.call(ctx, planadayProfile, { method: 'GET', url: paginationToken ?? url, qs: paginationToken ? undefined : firstQuery });
	const body = response.body;
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as ListPage) : {};
}

/** One page of the courses of the coming year (and the last month): what the course and daypart pickers offer. */
async function upcomingCourses(ctx: ILoadOptionsFunctions, paginationToken?: string): Promise<ListPage> {
	const today = dayIn(PLANADAY_TIME_ZONE, Date.now());
	const planaday = (days: number) => addDays(today, days).replace(/-/g, '');
	return await listPage(ctx, '/course/list', { start: planaday(-31), end: planaday(366), limit: 100, offset: 0 }, paginationToken);
}

/** The picker's page: the entries that match the search (case aside), and the token of the next page. */
function found(page: ListPage, entries: SearchChoice[], filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = entries
		.filter((entry) => !needle || entry.searchText.toLowerCase().includes(needle) || entry.value === needle)
		.map(({ name, value }) => ({ name, value }));
	return { results, paginationToken: page.links?.next || undefined };
}

/** Courses of the coming year (and the last month), for the Course picker, with their places left; filtered by name or code. */
export async function searchCourses(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await upcomingCourses(this, paginationToken);
	const entries = (page.data ?? []).map((course) => {
		// Planaday's places left (`users.available`): what people choose a course by.
		const left = readablePlanaday(course).places_left;
		const places = left === undefined ? undefined : left === 0 ? 'full' : `${String(left)} ${left === 1 ? 'place' : 'places'} left`;
		// The day and places lead, as in an agenda (the list is by date): the picker cuts long lines at its
		// right edge, where a long course name would otherwise hide them. "Tue 24 Nov 2026, 6 places left: Excel Advanced (EXC-2)".
		const lead = [readableDay(course.start_date), places].filter((part) => part !== undefined && part !== null && part !== '').join(', ');
		const named = course.code ? `${String(course.name)} (${String(course.code)})` : String(course.name);
		const name = lead ? `${lead}: ${named}` : named;
		return { name, value: String(course.id), searchText: name };
	});
	return found(page, entries, filter);
}

/** Dayparts of the coming courses, one page of courses at a time (no daypart is read by itself); filtered by course name or code. */
export async function searchDayparts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await upcomingCourses(this, paginationToken);
	return found(page, (page.data ?? []).flatMap(daypartChoices), filter);
}

/** Planaday's active instructors by name, page by page; filtered by name. */
export async function searchInstructors(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await listPage(this, '/instructor/list', { limit: 100, offset: 0 }, paginationToken);
	const entries = (page.data ?? []).map((instructor) => {
		const name = instructorName(instructor);
		return { name, value: String(instructor.id), searchText: name };
	});
	return found(page, entries, filter);
}
