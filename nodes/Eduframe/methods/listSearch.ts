import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readableDay } from '../../shared/time';
import { paginate } from '../../shared/transport/paginate';
import { vendorRequest } from '../../shared/transport/request';
import type { VendorResponse } from '../../shared/transport/types';
import { eduframePagination, eduframeProfile } from '../transport';
import { placesLeft, plannedCourseRoom, recordLabel, recordName, UPCOMING_QUERY } from './records';

/** How many pages a typed text is looked for in before the picker shows what it has (more load on scrolling). */
const PAGES_PER_SEARCH = 10;

interface SearchOptions {
	/** The list's own text search (`search`), asked of Eduframe instead of reading page after page. */
	serverSearch?: boolean;
	/** The list filters on an exact email (`email`): a typed email address is looked up directly. */
	email?: boolean;
	/** Records named by their course (planned courses have no name of their own): "First Aid, Tue 24 Nov 2026". */
	byCourse?: boolean;
	/** Planned courses to enroll on: named by their course, with their first day, place and the places left. */
	toEnroll?: boolean;
	/** Catalog variants with the first day of the planned course they sell and the places left. */
	onSale?: boolean;
}

/** Course names by ID, for naming planned courses (one read of the course list per search). */
async function courseNames(ctx: ILoadOptionsFunctions): Promise<Map<string, string>> {
	const courses = await paginate.call(ctx, eduframeProfile, eduframePagination, { url: '/courses', returnAll: false, limit: 1000 });
	return new Map(courses.map((course) => [String(course.id), recordName(course)]));
}

function plannedCourseLabel(record: IDataObject, courses: Map<string, string>): string {
	const course = courses.get(String(record.course_id)) ?? `Course #${String(record.course_id)}`;
	const details = [record.start_date ? readableDay(record.start_date) : undefined, record.status].filter(Boolean).join(', ');
	return details ? `${course} (${details})` : course;
}

/** Course locations by ID (one read per search). */
async function locationNames(ctx: ILoadOptionsFunctions): Promise<Map<string, string>> {
	const locations = await paginate.call(ctx, eduframeProfile, eduframePagination, { url: '/course_locations', returnAll: false, limit: 1000 });
	return new Map(locations.map((location) => [String(location.id), recordName(location)]));
}

/**
 * "Wed 9 Dec 2026, 6 places left: First Aid at Work (Utrecht)". The day and the places lead, as in an
 * agenda: the list is soonest first, and the picker cuts long lines at its right edge, where a long
 * course name would otherwise hide them.
 */
function upcomingLabel(record: IDataObject, courses: Map<string, string>, locations: Map<string, string>): string {
	const course = courses.get(String(record.course_id)) ?? `Course #${String(record.course_id)}`;
	const location = locations.get(String(record.course_location_id));
	return agendaLine([record.start_date ? readableDay(record.start_date) : undefined, placesLeft(plannedCourseRoom(record))], location ? `${course} (${location})` : course);
}

/** "Wed 9 Dec 2026, 6 places left: First Aid at Work": what leads, then the name (the name alone when nothing leads). */
function agendaLine(lead: Array<string | undefined>, name: string): string {
	const shown = lead.filter(Boolean).join(', ');
	return shown ? `${shown}: ${name}` : name;
}

/** How many upcoming planned courses the course-on-sale picker reads for their first days. */
const UPCOMING_READ = 500;

/** First days of the planned courses still to come, by ID (up to 500, read once per search). */
async function upcomingDays(ctx: ILoadOptionsFunctions): Promise<Map<string, string>> {
	const planned = await paginate.call(ctx, eduframeProfile, eduframePagination, { url: '/planned_courses', qs: UPCOMING_QUERY(), returnAll: false, limit: UPCOMING_READ });
	return new Map(planned.map((record) => [String(record.id), String(record.start_date ?? '')]));
}

/**
 * "Wed 9 Dec 2026, 6 places left: First Aid at Work, classroom"; a variant of a planned course that is
 * not among the upcoming ones (all of them were read) says it took place, and shows no places.
 */
function onSaleLabel(record: IDataObject, days: Map<string, string>): string {
	const plannedCourse = /planned_?course/i.test(String(record.variantable_type ?? ''));
	const sells = plannedCourse ? days.get(String(record.variantable_id)) : undefined;
	if (plannedCourse && !sells && days.size < UPCOMING_READ) return `${recordName(record)} (took place)`;
	return agendaLine([sells ? readableDay(sells) : undefined, placesLeft(record.available_places)], recordName(record));
}

/**
 * A "From List" picker over `path`, filtered by the text the user typed: by Eduframe where the list
 * can search, else here, reading further pages until something matches, so a record on page 3 is found too.
 */
async function searchPages(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	query: IDataObject,
	options: SearchOptions,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const qs: IDataObject = { per_page: 100, ...query };
	if (needle && options.serverSearch) qs.search = filter!.trim();
	if (needle && options.email && /^[^\s@]+@[^\s@]+$/.test(needle)) qs.email = filter!.trim();
	const askedServer = qs.search !== undefined || qs.email !== undefined;
	let url: string | undefined = paginationToken ?? path;
	let first = !paginationToken;
	const results: Array<{ name: string; value: string }> = [];
	const courses = options.byCourse || options.toEnroll ? await courseNames(ctx) : undefined;
	const locations = options.toEnroll ? await locationNames(ctx) : undefined;
	const days = options.onSale ? await upcomingDays(ctx) : undefined;
	const label = (record: IDataObject) =>
		courses && locations ? upcomingLabel(record, courses, locations) : courses ? plannedCourseLabel(record, courses) : days ? onSaleLabel(record, days) : recordLabel(record);
	for (let page = 0; url && page < PAGES_PER_SEARCH; page++) {
		const response: VendorResponse = await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url, qs: first ? qs : undefined });
		first = false;
		const records = eduframePagination.records(response);
		results.push(
			...records
				.map((record) => ({ name: label(record), value: String(record.id) }))
				.filter((entry) => askedServer || !needle || entry.name.toLowerCase().includes(needle) || entry.value === needle),
		);
		url = eduframePagination.next(response, { url }, 100, results.length)?.url;
		// Without a text, or with one that already matched, one page is enough: more load on scrolling.
		if (!needle || askedServer || results.length) break;
	}
	return { results, paginationToken: url };
}

const searchOf =
	(path: string, query: IDataObject | (() => IDataObject) = {}, options: SearchOptions = {}) =>
	async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchPages(this, path, filter, paginationToken, typeof query === 'function' ? query() : query, options);
	};

export const searchUsers = searchOf('/users', { sort: 'created_at:desc' }, { email: true });
export const searchAccounts = searchOf('/accounts', {}, { serverSearch: true });
export const searchCourses = searchOf('/courses');
export const searchPlannedCourses = searchOf('/planned_courses', { sort: 'start_date:desc' }, { byCourse: true });
export const searchCatalogVariants = searchOf('/catalog/variants', {}, { onSale: true });
/** Planned courses to enroll on: from today, soonest first, with place and places left. */
export const searchUpcomingPlannedCourses = searchOf('/planned_courses', UPCOMING_QUERY, { toEnroll: true });
export const searchInvoices = searchOf('/invoices');
export const searchTeachers = searchOf('/teachers');
export const searchProgramEditions = searchOf('/program/editions');
export const searchPrograms = searchOf('/program/programs');
export const searchMeetings = searchOf('/meetings');
export const searchEnrollments = searchOf('/enrollments');
export const searchOrders = searchOf('/orders', { sort: 'created_at:desc' });
export const searchOrganizations = searchOf('/organizations');
