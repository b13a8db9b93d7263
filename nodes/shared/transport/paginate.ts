import type { IDataObject } from 'n8n-workflow';

import { forEachAtOnce } from '../atOnce';
import { vendorRequest, type RequestContext } from './request';
import type { VendorProfile, VendorRequestOptions, VendorResponse } from './types';

/** One page request: a URL (path or absolute) and its query. */
export interface PageRequest {
	url: string;
	qs?: IDataObject;
}

/**
 * How many pages of an offset-paged list are read at once. Each request still passes the pacer,
 * so the vendor's limit holds; this only stops the round trips from adding up one after another.
 */
export const PAGES_SIDE_BY_SIDE = 4;

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
	/**
	 * Offset paging, where the first page says how many records match: the later pages are then
	 * known in advance and read side by side. Link- or cursor-only styles leave this out.
	 */
	offsets?: {
		/** How many pages are read at once (the pacer still spaces them to the vendor's limit). */
		sideBySide: number;
		/** How many records match, from the first page's answer; undefined when it does not say. */
		total(response: VendorResponse): number | undefined;
		/**
		 * The request for the page starting at record `offset` (counted from 0), from the first page's
		 * request and answer (where the vendor shows how it numbers its offsets).
		 */
		pageAt(first: PageRequest, offset: number, firstAnswer: VendorResponse): PageRequest;
	};
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
export function metaLinksPagination(maxPageSize: number, sideBySide = 1): PaginationStyle {
	return {
		maxPageSize,
		offsets: {
			sideBySide,
			// Without a next link there is no second page, whatever meta.records says.
			total: (response) => (nextLinkOf(response) ? finiteOrUndefined((response.body as { meta?: { records?: unknown } } | undefined)?.meta?.records) : undefined),
			// Planaday's own documents number offsets from 0 and from 1: the first page's next link shows
			// which this account's answers use, and the later offsets follow it.
			pageAt: (first, offset, firstAnswer) => {
				const linked = finiteOrUndefined(new URL(nextLinkOf(firstAnswer) ?? '', 'http://next.invalid').searchParams.get('offset'));
				const pageSize = Number(first.qs?.limit);
				const shift = linked !== undefined && Number.isFinite(pageSize) ? linked - pageSize : 0;
				return { url: first.url, qs: { ...first.qs, offset: offset + shift } };
			},
		},
		first: (request, pageSize) => ({ url: request.url, qs: { ...request.qs, offset: 0, limit: pageSize } }),
		records: (response) => {
			const body = response.body as IDataObject | undefined;
			return Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
		},
		next: (response, _current, _pageSize, received) => {
			const total = Number((response.body as { meta?: { records?: number } } | undefined)?.meta?.records);
			if (Number.isFinite(total) && received >= total) return undefined;
			const next = nextLinkOf(response);
			return next ? { url: next } : undefined;
		},
	};
}

/**
 * OData `$top`/`$skip` over `{"results": [...]}` (accessplanit). `$count=true` makes the vendor
 * say how many records match, so a list that ends on a full page needs no extra empty request.
 */
export function odataPagination(maxPageSize: number, sideBySide = 1): PaginationStyle {
	return {
		maxPageSize,
		offsets: {
			sideBySide,
			total: (response) => {
				const body = response.body as IDataObject | undefined;
				return finiteOrUndefined(body?.count ?? body?.['@odata.count']);
			},
			pageAt: (first, offset) => ({ url: first.url, qs: { ...first.qs, $skip: offset } }),
		},
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
 * limit when that is smaller), so the number of requests is the least the vendor allows. Where the
 * style pages by offset and the first page gives the total, the pages that are still needed are
 * read side by side and put out in the vendor's order; whatever the list gained meanwhile is then
 * followed page by page from the last one, as without side-by-side reading.
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
	const read = async (page: PageRequest): Promise<VendorResponse> =>
		await vendorRequest.call(this, profile, { ...rest, method: 'GET', url: page.url, qs: page.qs });
	const results: IDataObject[] = [];
	/** Adds a page's records; false when the list ends here (an empty page, or enough records). */
	const take = (records: IDataObject[]): boolean => {
		for (const record of records) {
			results.push(record);
			if (results.length >= wanted) return false;
		}
		return records.length > 0;
	};
	let page: PageRequest | undefined = style.first({ url, qs }, pageSize);
	const seenUrls = new Set<string>();
	let first = true;
	while (page) {
		const signature = `${page.url}?${JSON.stringify(page.qs ?? {})}`;
		if (seenUrls.has(signature)) break; // a vendor that links a page to itself would loop forever
		seenUrls.add(signature);
		let response: VendorResponse = await read(page);
		if (!take(style.records(response))) break;
		if (first && style.offsets && style.offsets.sideBySide > 1) {
			const later = laterPages(style.offsets, response, page, pageSize, wanted);
			const answers = await inOrder(later, style.offsets.sideBySide, read);
			for (const [index, answer] of answers.entries()) {
				seenUrls.add(`${later[index].url}?${JSON.stringify(later[index].qs ?? {})}`);
				if (!take(style.records(answer))) return results;
				[response, page] = [answer, later[index]];
			}
		}
		first = false;
		page = style.next(response, page, pageSize, results.length);
	}
	return results;
}

/** The requests for the pages after the first, up to the total the first page gave and the records wanted. */
function laterPages(offsets: NonNullable<PaginationStyle['offsets']>, firstAnswer: VendorResponse, firstPage: PageRequest, pageSize: number, wanted: number): PageRequest[] {
	const total = offsets.total(firstAnswer);
	if (total === undefined) return [];
	const end = Math.min(total, wanted);
	const pages: PageRequest[] = [];
	for (let offset = pageSize; offset < end; offset += pageSize) pages.push(offsets.pageAt(firstPage, offset, firstAnswer));
	return pages;
}

/** Reads `pages` with at most `atOnce` requests open, and gives their answers in the pages' order. */
async function inOrder(pages: PageRequest[], atOnce: number, read: (page: PageRequest) => Promise<VendorResponse>): Promise<VendorResponse[]> {
	const answers: VendorResponse[] = new Array(pages.length);
	await forEachAtOnce(pages.length, atOnce, async (index) => {
		answers[index] = await read(pages[index]);
	});
	return answers;
}

function finiteOrUndefined(value: unknown): number | undefined {
	const number = value === undefined || value === null || value === '' ? NaN : Number(value);
	return Number.isFinite(number) ? number : undefined;
}

/** Planaday's `links.next`, when there is one. */
function nextLinkOf(response: VendorResponse): string | undefined {
	const next = (response.body as { links?: { next?: unknown } } | undefined)?.links?.next;
	return typeof next === 'string' && next ? next : undefined;
}
