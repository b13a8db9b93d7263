import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { addDays, dayIn, readableDay } from '../../shared/time';
import { vendorRequest } from '../../shared/transport/request';
import { PLANADAY_TIME_ZONE, planadayProfile } from '../transport';
import { readablePlanaday } from './readable';

/** Courses of the coming year (and the last month), for the Course picker, with their places left; filtered by name or code. */
export async function searchCourses(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const today = dayIn(PLANADAY_TIME_ZONE, Date.now());
	const planaday = (days: number) => addDays(today, days).replace(/-/g, '');
	const response = await vendorRequest.call(this, planadayProfile, {
		method: 'GET',
		url: paginationToken ?? '/course/list',
		qs: paginationToken
			? undefined
			: { start: planaday(-31), end: planaday(366), limit: 100, offset: 0 },
	});
	const body = (response.body ?? {}) as { data?: IDataObject[]; links?: { next?: string } };
	const needle = (filter ?? '').toLowerCase();
	const results = (body.data ?? [])
		.map((course) => {
			// Planaday's places left (`users.available`): what people choose a course by.
			const left = readablePlanaday(course).places_left;
			const places = left === undefined ? undefined : left === 0 ? 'full' : `${String(left)} ${left === 1 ? 'place' : 'places'} left`;
			return {
				name: `${String(course.name)} (${[course.code, readableDay(course.start_date), places].filter((part) => part !== undefined && part !== null && part !== '').join(', ')})`,
				value: String(course.id),
			};
		})
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value === needle);
	return { results, paginationToken: body.links?.next || undefined };
}
