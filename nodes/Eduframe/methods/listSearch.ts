import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nextFromLinkHeader } from '../../shared/transport/paginate';
import { vendorRequest } from '../../shared/transport/request';
import { eduframeProfile } from '../transport';
import { recordLabel } from './records';

/** One page of `path` for a "From List" picker, filtered by the text the user typed. */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	query: IDataObject = {},
): Promise<INodeListSearchResult> {
	const response = await vendorRequest.call(ctx, eduframeProfile, {
		method: 'GET',
		url: paginationToken ?? path,
		qs: paginationToken ? undefined : { per_page: 100, ...query },
	});
	const records = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	const needle = (filter ?? '').toLowerCase();
	const results = records
		.map((record) => ({ name: recordLabel(record), value: String(record.id) }))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value === needle);
	const link = response.headers.link;
	return { results, paginationToken: nextFromLinkHeader(Array.isArray(link) ? link.join(', ') : link) };
}

const searchOf =
	(path: string, query: IDataObject = {}) =>
	async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchPage(this, path, filter, paginationToken, query);
	};

export const searchUsers = searchOf('/users', { sort: 'created_at:desc' });
export const searchAccounts = searchOf('/accounts');
export const searchCourses = searchOf('/courses');
export const searchPlannedCourses = searchOf('/planned_courses', { sort: 'start_date:desc' });
export const searchCatalogVariants = searchOf('/catalog/variants');
export const searchInvoices = searchOf('/invoices');
export const searchTeachers = searchOf('/teachers');
export const searchProgramEditions = searchOf('/program/editions');
export const searchPrograms = searchOf('/program/programs');
export const searchMeetings = searchOf('/meetings');
export const searchEnrollments = searchOf('/enrollments');
export const searchOrders = searchOf('/orders', { sort: 'created_at:desc' });
export const searchOrganizations = searchOf('/organizations');
