/**
 * Offset-paged lists (Planaday `offset`, accessplanit `$skip` with `$count`) read the pages after the
 * first side by side, against the sandboxes: the same records in the same order as page by page, the
 * least requests, no more than PAGES_SIDE_BY_SIDE open at once, Limit reads only the pages it needs,
 * and records added while the list is read are still followed to the end.
 */
import { accessplanitPagination, accessplanitProfile } from '../../nodes/Accessplanit/transport';
import { planadayPagination, planadayProfile } from '../../nodes/Planaday/transport';
import { metaLinksPagination, odataPagination, PAGES_SIDE_BY_SIDE, paginate, sharedPacer } from '../../nodes/shared';
import { ACCESSPLANIT_API_KEY, AccessplanitSandbox } from '../../sandbox/accessplanit/server';
import { PLANADAY_SANDBOX_KEY, PlanadaySandbox } from '../../sandbox/planaday/server';
import { fakeContext } from '../harness/fake-context';

let planaday: PlanadaySandbox;
let accessplanit: AccessplanitSandbox;
beforeAll(async () => {
	planaday = await new PlanadaySandbox({ courses: 1050, latencyMs: 20 }).start();
	accessplanit = await new AccessplanitSandbox({ users: 2000 }).start();
	accessplanit.latencyMs = 20;
});
afterAll(async () => {
	await planaday.stop();
	await accessplanit.stop();
});
beforeEach(() => {
	sharedPacer.reset();
	planaday.resetStats();
	accessplanit.resetStats();
});

const planadayContext = () =>
	fakeContext('planadayApi', { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: planaday.baseUrl }, (options) => {
		options.headers = { ...options.headers, 'X-Api-Key': PLANADAY_SANDBOX_KEY };
	});
/** `beforeEach` runs before every request the node sends (to change the list while it is read). */
const accessplanitContext = (beforeEach: () => void = () => undefined) =>
	fakeContext('accessplanitApi', { systemUrl: accessplanit.baseUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY, sessionToken: ACCESSPLANIT_API_KEY }, (options) => {
		beforeEach();
		options.headers = { ...options.headers, Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
	});

const everyCourse = { url: '/course/list', qs: { start: '20000101', end: '20991231' } };
const ids = (records: Array<{ id?: unknown; ID?: unknown }>) => records.map((record) => String(record.id ?? record.ID));

test('Planaday: every course, in the order page-by-page reading gives, with one request a page and several at once', async () => {
	expect(PAGES_SIDE_BY_SIDE).toBeGreaterThan(1);
	const pageByPage = await paginate.call(planadayContext(), planadayProfile, metaLinksPagination(100), { ...everyCourse, returnAll: true });
	expect(planaday.stats.mostAtOnce).toBe(1);
	planaday.resetStats();

	const sideBySide = await paginate.call(planadayContext(), planadayProfile, planadayPagination, { ...everyCourse, returnAll: true });
	expect(sideBySide).toHaveLength(1050);
	expect(ids(sideBySide)).toEqual(ids(pageByPage));
	expect(new Set(ids(sideBySide)).size).toBe(1050);
	expect(planaday.stats.byRoute['GET /v1/course/list']).toBe(11);
	expect(planaday.stats.mostAtOnce).toBeGreaterThan(1);
	expect(planaday.stats.mostAtOnce).toBeLessThanOrEqual(PAGES_SIDE_BY_SIDE);
});

test('Planaday: Limit reads only the pages it needs', async () => {
	const all = await paginate.call(planadayContext(), planadayProfile, planadayPagination, { ...everyCourse, returnAll: true });
	planaday.resetStats();
	const some = await paginate.call(planadayContext(), planadayProfile, planadayPagination, { ...everyCourse, returnAll: false, limit: 250 });
	expect(ids(some)).toEqual(ids(all).slice(0, 250));
	expect(planaday.stats.byRoute['GET /v1/course/list']).toBe(3);
});

test('accessplanit: every user with the filter and order kept on every page, in page-by-page order', async () => {
	const request = { url: '/User', qs: { $filter: "Status eq 'Enabled'", $orderby: 'Surname asc,ID asc' } };
	const pageByPage = await paginate.call(accessplanitContext(), accessplanitProfile, odataPagination(500), { ...request, returnAll: true });
	accessplanit.resetStats();
	const sideBySide = await paginate.call(accessplanitContext(), accessplanitProfile, accessplanitPagination, { ...request, returnAll: true });
	expect(pageByPage.length).toBeGreaterThan(500);
	expect(ids(sideBySide)).toEqual(ids(pageByPage));
	expect(sideBySide.every((user) => user.Status === 'Enabled')).toBe(true);
	expect(accessplanit.stats.requests).toBe(Math.ceil(pageByPage.length / 500));
	expect(accessplanit.stats.mostAtOnce).toBeGreaterThan(1);
});

test('accessplanit: users added while the list is read are followed to the end, page by page after the known pages', async () => {
	const before = accessplanit.modules.User.length;
	let requests = 0;
	// After the first page (which said how many there were), 600 users arrive; unsorted, the list keeps them at its end.
	const users = await paginate.call(
		accessplanitContext(() => {
			if (++requests === 2) accessplanit.addUsers(600);
		}),
		accessplanitProfile,
		accessplanitPagination,
		{ url: '/User', returnAll: true },
	);
	expect(users).toHaveLength(before + 600);
	expect(new Set(ids(users)).size).toBe(before + 600);
	expect(ids(users)).toEqual(ids(accessplanit.modules.User));
	// 2,000 known: 4 pages side by side; then 500 and 100 more, page by page.
	expect(accessplanit.stats.requests).toBe(6);
});
