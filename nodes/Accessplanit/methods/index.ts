import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { readableDay } from '../../shared/time';
import { paginate } from '../../shared/transport/paginate';
import { vendorRequest } from '../../shared/transport/request';
import { accessplanitPagination, accessplanitProfile, resultsOf } from '../transport';
import { odataLiteral } from './filter';
import { getModuleColumns, getModuleFields, searchModules } from './modules';
import { getSyncColumns } from '../actions/user/syncFromHr';

const PAGE = 100;

/**
 * A searchable list over one module: `contains(field, text)` on the server (accessplanit has no OR,
 * so one field is searched), $top/$skip for the next page.
 */
function searchList(module: string, searchField: string, orderby: string, label: (record: IDataObject) => string, select: string) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const skip = Number(paginationToken ?? 0);
		const qs: IDataObject = { $top: PAGE, $skip: skip, $orderby: orderby, $select: select };
		if (filter?.trim()) qs.$filter = `contains(${searchField}, ${odataLiteral(filter.trim())})`;
		const response = await vendorRequest.call(this, accessplanitProfile, { method: 'GET', url: `/${module}`, qs });
		const records = resultsOf(response.body);
		return {
			results: records.map((record) => ({ name: label(record), value: String(record.ID) })),
			paginationToken: records.length === PAGE ? String(skip + PAGE) : undefined,
		};
	};
}

export const listSearch = {
	searchUsers: searchList('User', 'Surname', 'Surname asc', (u) => `${String(u.Forenames ?? '')} ${String(u.Surname ?? '')} (${String(u.Email ?? u.ID)})`, 'ID,Forenames,Surname,Email'),
	searchCourseDates: searchList('CourseDate', 'Name', 'StartDate desc', (c) => `${String(c.Name ?? '')}: ${readableDay(c.StartDate)} ${String(c.StartDate ?? '').slice(11, 16)}`.trim(), 'ID,Name,StartDate'),
	searchCompanies: searchList('Company', 'Name', 'Name asc', (c) => `${String(c.Name ?? '')} (${String(c.ID)})`, 'ID,Name'),
	searchModules,
};

/** A dropdown of every record of a small module, sorted by name. */
function dropdown(module: string, label: (record: IDataObject) => string, qs: IDataObject = {}) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const records = await paginate.call(this, accessplanitProfile, accessplanitPagination, { url: `/${module}`, qs, returnAll: true });
		return records.map((record) => ({ name: label(record), value: String(record.ID) })).sort((a, b) => a.name.localeCompare(b.name));
	};
}

export const loadOptions = {
	getCompanies: dropdown('Company', (c) => String(c.Name ?? c.ID), { $select: 'ID,Name' }),
	getTrainingProviders: dropdown('Company', (c) => String(c.Name ?? c.ID), { $select: 'ID,Name', $filter: "IsTrainingProvider eq 'true'" }),
	getCompanyGroups: dropdown('CompanyGroup', (g) => String(g.Name ?? g.ID), { $select: 'ID,Name' }),
	// Course templates take no query options.
	getCourseTemplates: dropdown('CourseTemplate', (t) => String(t.Name ?? t.ID)),
	getVenues: dropdown('Venue', (v) => String(v.Name ?? v.ID), { $select: 'ID,Name' }),
	getTrainers: dropdown('Trainer', (t) => String(t.Name ?? t.ID), { $select: 'ID,Name' }),
	getModuleFields,
};

export const resourceMapping = { getModuleColumns, getSyncColumns };
