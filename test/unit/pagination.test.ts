import { linkHeaderPagination, metaLinksPagination, nextFromLinkHeader, odataPagination } from '../../nodes/shared';
import type { VendorResponse } from '../../nodes/shared';

const response = (body: unknown, headers: Record<string, string> = {}): VendorResponse => ({ statusCode: 200, headers, body });

describe('Link header (Eduframe)', () => {
	test('reads rel="next" among other relations', () => {
		const link = '<https://x/users?cursor=abc&per_page=100>; rel="next", <https://x/users?cursor=zzz>; rel="last"';
		expect(nextFromLinkHeader(link)).toBe('https://x/users?cursor=abc&per_page=100');
		expect(nextFromLinkHeader('<https://x/users?page=1>; rel="prev"')).toBeUndefined();
		expect(nextFromLinkHeader(undefined)).toBeUndefined();
	});

	test('asks for the maximum page size and follows next verbatim', () => {
		const style = linkHeaderPagination('per_page', 100);
		expect(style.first({ url: '/users', qs: { role: 'student' } }, 100)).toEqual({ url: '/users', qs: { role: 'student', per_page: 100 } });
		const next = style.next(response([], { link: '<https://x/users?cursor=Q>; rel="next"' }), { url: '/users' }, 100, 100);
		expect(next).toEqual({ url: 'https://x/users?cursor=Q' });
		expect(style.next(response([]), { url: '/users' }, 100, 100)).toBeUndefined();
	});
});

describe('meta/links offset paging (Planaday)', () => {
	const style = metaLinksPagination(100);
	test('follows links.next until meta.records are received', () => {
		const page = { meta: { page: { offset: 1, limit: 100 }, records: 250 }, data: [], links: { next: 'https://p/v1/course/list?offset=100&limit=100' } };
		expect(style.next(response(page), { url: '/course/list' }, 100, 100)).toEqual({ url: 'https://p/v1/course/list?offset=100&limit=100' });
		expect(style.next(response(page), { url: '/course/list' }, 100, 250)).toBeUndefined();
	});
	test('stops on an empty next link', () => {
		expect(style.next(response({ meta: { records: 999 }, links: { next: '' } }), { url: '/x' }, 100, 100)).toBeUndefined();
	});
	test('side by side, later pages follow the offsets the first page’s next link uses (from 0 or from 1), and none without a next link', () => {
		const first = style.first({ url: '/course/list', qs: { start: '20260101', end: '20261231' } }, 100);
		const fromZero = response({ meta: { records: 350 }, data: [], links: { next: 'https://p/v1/course/list?start=20260101&end=20261231&limit=100&offset=100' } });
		const fromOne = response({ meta: { records: 350 }, data: [], links: { next: 'https://p/v1/course/list?start=20260101&end=20261231&limit=100&offset=101' } });
		expect(style.offsets!.total(fromZero)).toBe(350);
		expect(style.offsets!.pageAt(first, 200, fromZero).qs).toEqual({ start: '20260101', end: '20261231', limit: 100, offset: 200 });
		expect(style.offsets!.pageAt(first, 200, fromOne).qs).toEqual({ start: '20260101', end: '20261231', limit: 100, offset: 201 });
		expect(style.offsets!.total(response({ meta: { records: 350 }, data: [], links: { next: '' } }))).toBeUndefined();
	});
	test('records come from data', () => {
		expect(style.records(response({ data: [{ id: 1 }, { id: 2 }] }))).toHaveLength(2);
	});
});

describe('OData $top/$skip (accessplanit)', () => {
	const style = odataPagination(500);
	test('skips forward by the page size while pages are full', () => {
		const first = style.first({ url: 'User', qs: { $filter: "LastName eq 'x'" } }, 500);
		expect(first.qs).toEqual({ $filter: "LastName eq 'x'", $top: 500, $skip: 0, $count: true });
		const full = response({ results: Array.from({ length: 500 }, (_, i) => ({ ID: i })) });
		expect(style.next(full, first, 500, 500)?.qs?.$skip).toBe(500);
		expect(style.next(response({ results: [{ ID: 1 }] }), first, 500, 501)).toBeUndefined();
	});
	test('stops when $count says everything was read', () => {
		const full = response({ results: Array.from({ length: 500 }, (_, i) => ({ ID: i })), count: 500 });
		expect(style.next(full, { url: 'User', qs: { $skip: 0, $top: 500 } }, 500, 500)).toBeUndefined();
	});
});
