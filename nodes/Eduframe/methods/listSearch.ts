import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { vendorRequest } from '../../shared/transport/request';
import { nextFromLinkHeader } from '../../shared/transport/paginate';
import { eduframeProfile } from '../transport';

function userName(user: IDataObject): string {
	const name = [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' ');
	return user.email ? `${name} (${user.email as string})` : name || `User ${user.id as number}`;
}

/** Users for the "From List" picker: one page per scroll, filtered by name or email. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = await vendorRequest.call(this, eduframeProfile, {
		method: 'GET',
		url: paginationToken ?? '/users',
		qs: paginationToken ? undefined : { per_page: 100, sort: 'created_at:desc' },
	});
	const users = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	const needle = (filter ?? '').toLowerCase();
	const results = users
		.map((user) => ({ name: userName(user), value: String(user.id) }))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
	const link = response.headers.link;
	return { results, paginationToken: nextFromLinkHeader(Array.isArray(link) ? link.join(', ') : link) };
}
