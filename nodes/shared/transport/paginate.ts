import type { IDataObject } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

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

/**
 * The most pages one list reads (2 million records at 100 a page): a vendor that keeps inventing new
 * records on every page still ends. Records seen before, an empty page, a short page and the vendor's
 * own total end a list long before this.
 */
export const MOST_PAGES = 20_000;

/** How a vendor splits lists into pages. */
export interface PaginationStyle {
	/** The vendor's maximum page size. */
	maxPageSize: number;
	/** The first page's request, asking for `pageSize` records. */
	first(request: PageRequest, pageSize: number): PageRequest;
	/** The records on a page. */
	records(response: VendorResponse): IDataObject[];
	/** Whether the answer is a page of this list at all (a success status with another body is not). */
	isPage(response: VendorResponse): boolean;
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
		isPage: (response) => Array.isArray(response.body),
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
		isPage: (response) => Array.isArray((response.body as IDataObject | undefined)?.data),
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
		isPage: (response) => Array.isArray((response.body as IDataObject | undefined)?.results),
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

/** A record's own ID, when it has one (`id`, or accessplanit's `ID`): what tells a record seen before. */
function recordId(record: IDataObject): string | undefined {
	const id = record?.id ?? record?.ID;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * Lists records across pages. Always asks for the vendor's maximum page size (or just the
 * limit when that is smaller), so the number of requests is the least the vendor allows. Where the
 * style pages by offset and the first page gives the total, the pages that are still needed are
 * read side by side and put out in the vendor's order; whatever the list gained meanwhile is then
 * followed page by page from the last one, as without side-by-side reading.
 *
 * A list ends when the vendor stops making progress: at an empty page, at a short page read side by
 * side, at the total the vendor gave, and at the most pages a list reads. A vendor that keeps sending
 * next pages of records already received (or a page linked to itself) ends it with an error, since the
 * list could not be read to its end.
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
	let pagesRead = 0;
	const stopped = (why: string) =>
		new NodeOperationError(this.getNode(), `${profile.name} ${why}`, {
			description: `The list was stopped after ${results.length} records and ${pagesRead} pages, so it cannot run forever; nothing of it is put out. Try again later; if it keeps happening, tell ${profile.name}.`,
			itemIndex: options.itemIndex,
		});
	const read = async (page: PageRequest): Promise<VendorResponse> => {
		if (++pagesRead > MOST_PAGES) throw stopped(`sent more than ${MOST_PAGES} pages for one list`);
		const response = await vendorRequest.call(this, profile, { ...rest, method: 'GET', url: page.url, qs: page.qs });
		if (!style.isPage(response)) {
			throw new NodeOperationError(this.getNode(), `${profile.name} answered with something that is not a list`, {
				description: `A page of the list was expected (HTTP ${response.statusCode}). ${profile.name} may be having trouble; try again later.`,
				itemIndex: options.itemIndex,
			});
		}
		return response;
	};
	const results: IDataObject[] = [];
	const seenIds = new Set<string>();
	/** Adds a page's records; false when the list ends here (an empty page, or enough records). */
	const take = (records: IDataObject[]): boolean => {
		let fresh = 0;
		for (const record of records) {
			const id = recordId(record);
			if (id === undefined || !seenIds.has(id)) fresh++;
			if (id !== undefined) seenIds.add(id);
		}
		if (records.length > 0 && fresh === 0) throw stopped('kept sending pages of records it had already sent');
		for (const record of records) {
			results.push(record);
			if (results.length >= wanted) return false;
		}
		return records.length > 0;
	};
	const signatureOf = (page: PageRequest) => `${page.url}?${JSON.stringify(page.qs ?? {})}`;
	const seenPages = new Set<string>();
	let page: PageRequest | undefined = style.first({ url, qs }, pageSize);
	seenPages.add(signatureOf(page));
	let response: VendorResponse = await read(page);
	if (!take(style.records(response))) return results;
	if (style.offsets && style.offsets.sideBySide > 1) {
		// Pages read side by side stop at the first that brings nothing new; `take` then says why, in order.
		const known = new Set(seenIds);
		const bringsNothing = (records: IDataObject[]) => {
			const ids = records.map(recordId);
			const nothing = records.length > 0 && ids.every((id) => id !== undefined && known.has(id));
			for (const id of ids) if (id !== undefined) known.add(id);
			return nothing;
		};
		const later = await laterPages.call(this, style, response, page, pageSize, wanted, read, bringsNothing);
		for (const { request, answer } of later) {
			seenPages.add(signatureOf(request));
			if (!take(style.records(answer))) return results;
			[response, page] = [answer, request];
		}
	}
	for (;;) {
		page = style.next(response, page, pageSize, results.length);
		if (!page) return results;
		const signature = signatureOf(page);
		if (seenPages.has(signature)) throw stopped('linked a page of the list back to a page already read');
		seenPages.add(signature);
		response = await read(page);
		if (!take(style.records(response))) return results;
	}
}

/**
 * The pages after the first, when the first page gives the total: read side by side, up to the total
 * and the records wanted, and no further than the first page that comes back short or empty (a total
 * that promised more than the vendor has ends there) or that brings only records already read (the
 * caller then stops with an error). Given in the pages' order.
 */
async function laterPages(
	this: RequestContext,
	style: PaginationStyle,
	firstAnswer: VendorResponse,
	firstPage: PageRequest,
	pageSize: number,
	wanted: number,
	read: (page: PageRequest) => Promise<VendorResponse>,
	bringsNothing: (records: IDataObject[]) => boolean,
): Promise<Array<{ request: PageRequest; answer: VendorResponse }>> {
	const offsets = style.offsets!;
	const total = offsets.total(firstAnswer);
	if (total === undefined) return [];
	const count = Math.max(0, Math.ceil((Math.min(total, wanted) - pageSize) / pageSize));
	const pages: Array<{ request: PageRequest; answer: VendorResponse }> = [];
	let end = count;
	await forEachAtOnce(count, offsets.sideBySide, async (index) => {
		if (index >= end) return false;
		const request = offsets.pageAt(firstPage, (index + 1) * pageSize, firstAnswer);
		const answer = await read(request);
		pages[index] = { request, answer };
		const records = style.records(answer);
		if (records.length < pageSize || bringsNothing(records)) {
			end = Math.min(end, index + 1);
			return false;
		}
		return true;
	});
	return pages.slice(0, end).filter(Boolean);
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
