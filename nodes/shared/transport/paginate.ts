import type { IDataObject } from 'n8n-workflow';

import { vendorRequest, type RequestContext } from './request';
import type { VendorProfile, VendorRequestOptions, VendorResponse } from './types';

/** One page request: a URL (path or absolute) and its query. */
export interface PageRequest {
	url: string;
	qs?: IDataObject;
}

/** How a vendor splits lists into pages. */
export interface PaginationStyle {
	/** The vendor's maximum page size. */
	maxPageSize: number;
	/** The first page's request, asking for `pageSize` records. */
	first(request: PageRequest, pageSize: number): PageRequest;
	/** The records on a page. */
	records(response: VendorResponse): IDataObject[];
	/** The next page's request, or undefined at the end. */
	next(response: VendorResponse, current: PageRequest, pageSize: number, received: number): PageRequest | undefined;
}

function headerValue(response: VendorResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** Reads the `rel="next"` target from an RFC 8288 `Link` header. */
export function nextFromLinkHeader(link: string | undefined): string | undefined {
	if (!link) return undefined;
	for (const part of link.split(/,(?=\s*<)/)) {
		const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
		if (match && /rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) return match[1];
	}
	return undefined;
}

/** `Link: <...>; rel="next"`, followed verbatim (Eduframe). */
export function linkHeaderPagination(pageSizeParam: string, maxPageSize: number): PaginationStyle {
	return {
		maxPageSize,
		first: (request, pageSize) => ({ url: request.url, qs: { ...request.qs, [pageSizeParam]: pageSize } }),
		records: (response) => (Array.isArray(response.body) ? (response.body as IDataObject[]) : []),
		next: (response) => {
			const url = nextFromLinkHeader(headerValue(response, 'link'));
			return url ? { url } : undefined;
		},
	};
}

/**
 * `meta.page {offset, limit}`, `meta.records` and `links.next` (Planaday). The next link is
 * followed while it is present and fewer than `meta.records` records have been received.
 */
export function metaLinksPagination(maxPageSize: number): PaginationStyle {
	return {
		maxPageSize,
		first: (request, pageSize) => ({ url: request.url, qs: { ...request.qs, offset: 0, limit: pageSize } }),
		records: (response) => {
			const body = response.body as IDataObject | undefined;
			return Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
		},
		next: (response, _current, _pageSize, received) => {
			const body = (response.body ?? {}) as { meta?: { records?: number }; links?: { next?: string | null } };
			const total = Number(body.meta?.records);
			if (Number.isFinite(total) && received >= total) return undefined;
			const next = body.links?.next;
			if (!next) return undefined;
			return { url: next };
		},
	};
}

/**
 * OData `$top`/`$skip` over `{"results": [...]}` (accessplanit). `$count=true` makes the vendor
 * say how many records match, so a list that ends on a full page needs no extra empty request.
 */
export function odataPagination(maxPageSize: number): PaginationStyle {
	return {
		maxPageSize,
		first: (request, pageSize) => ({ url: request.url, qs: { ...request.qs, $top: pageSize, $skip: 0, $count: true } }),
		records: (response) => {
			const body = response.body as IDataObject | undefined;
			return Array.isArray(body?.results) ? (body.results as IDataObject[]) : [];
		},
		next: (response, current, pageSize) => {
			const body = response.body as IDataObject | undefined;
			const count = Array.isArray(body?.results) ? body.results.length : 0;
			if (count < pageSize) return undefined;
			const skip = Number(current.qs?.$skip ?? 0) + pageSize;
			const total = Number(body?.count ?? body?.['@odata.count']);
			if (Number.isFinite(total) && skip >= total) return undefined;
			return { url: current.url, qs: { ...current.qs, $skip: skip } };
		},
	};
}

export interface PaginateOptions extends Omit<VendorRequestOptions, 'url' | 'qs' | 'method'> {
	url: string;
	qs?: IDataObject;
	/** Return every record, following pages to the end. */
	returnAll: boolean;
	/** With returnAll false: how many records at most. */
	limit?: number;
}

/**
 * Lists records across pages. Always asks for the vendor's maximum page size (or just the
 * limit when that is smaller), so the number of requests is the least the vendor allows.
 */
export async function paginate(
	this: RequestContext,
	profile: VendorProfile,
	style: PaginationStyle,
	options: PaginateOptions,
): Promise<IDataObject[]> {
	const { returnAll, limit, url, qs, ...rest } = options;
	const wanted = returnAll ? Infinity : Math.max(0, Math.floor(limit ?? 50));
	if (wanted === 0) return [];
	const pageSize = Math.min(style.maxPageSize, wanted);
	const results: IDataObject[] = [];
	let page: PageRequest | undefined = style.first({ url, qs }, pageSize);
	const seenUrls = new Set<string>();
	while (page) {
		const signature = `${page.url}?${JSON.stringify(page.qs ?? {})}`;
		if (seenUrls.has(signature)) break; // a vendor that links a page to itself would loop forever
		seenUrls.add(signature);
		const response: VendorResponse = await vendorRequest.call(this, profile, { ...rest, method: 'GET', url: page.url, qs: page.qs });
		const records = style.records(response);
		for (const record of records) {
			results.push(record);
			if (results.length >= wanted) return results;
		}
		page = records.length === 0 ? undefined : style.next(response, page, pageSize, results.length);
	}
	return results;
}
