import http from 'node:http';

import axios from 'axios';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_API_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY, EDUFRAME_TENANT_UUIDS } from '../../sandbox/eduframe/server';
import { stampInstant } from '../../sandbox/common/time';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';

/** The sandboxes behave as the vendor documents say: these are the facts the nodes are tested against. */
let sandboxes: Sandboxes;
const client = axios.create({ validateStatus: () => true });

beforeAll(async () => {
	sandboxes = await startSandboxes({ accessplanit: { rateLimitScale: 0.001 }, eduframe: { users: 120 } });
});
afterAll(async () => sandboxes.stop());

describe('Eduframe sandbox', () => {
	const auth = { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` };

	test('pages with an opaque cursor in the Link header and refuses per_page over 100', async () => {
		const first = await client.get(`${sandboxes.eduframe.baseUrl}/users?per_page=100`, { headers: auth });
		expect(first.data).toHaveLength(100);
		expect(first.headers.link).toMatch(/cursor=[^&>]+.*rel="next"/);
		expect(first.headers.link).not.toMatch(/page=2/);
		const tooMany = await client.get(`${sandboxes.eduframe.baseUrl}/users?per_page=101`, { headers: auth });
		expect(tooMany.status).toBe(400);
		expect(tooMany.data).toMatchObject({ code: 400, errors: { per_page: expect.any(Array) } });
	});

	test('answers 401 in its error shape without a valid token', async () => {
		const response = await client.get(`${sandboxes.eduframe.baseUrl}/users`);
		expect(response.status).toBe(401);
		expect(Object.keys(response.data).sort()).toEqual(['code', 'errors', 'message']);
	});

	test('limits each token and answers 429 with Retry-After', async () => {
		const limiter = sandboxes.eduframe.limiter;
		limiter.limit = 3;
		limiter.reset();
		try {
			const statuses = [];
			for (let i = 0; i < 5; i++) statuses.push((await client.get(`${sandboxes.eduframe.baseUrl}/educators/current`, { headers: auth })).status);
			expect(statuses).toEqual([200, 200, 200, 429, 429]);
			const last = await client.get(`${sandboxes.eduframe.baseUrl}/educators/current`, { headers: auth });
			expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
		} finally {
			limiter.limit = 500;
			limiter.reset();
		}
	});

	test('delivers webhook events to registered URLs when a record changes, and stops after delete', async () => {
		const received: unknown[] = [];
		const receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				received.push(JSON.parse(body));
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
		try {
			const created = await client.post(`${sandboxes.eduframe.baseUrl}/webhooks`, { url, events: ['user.updated'] }, { headers: auth });
			expect(created.status).toBe(201);
			expect(typeof created.data.id).toBe('string');
			const bad = await client.post(`${sandboxes.eduframe.baseUrl}/webhooks`, { url, events: ['user.exploded'] }, { headers: auth });
			expect(bad.status).toBe(422);
			await client.patch(`${sandboxes.eduframe.baseUrl}/users/3`, { first_name: 'Changed' }, { headers: auth });
			await sandboxes.eduframe.settled();
			// Eduframe's documented payload: exactly these four fields, the tenant's UUID and the educator's subdomain as strings.
			expect(received).toEqual([
				{ tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event: 'user.updated', event_data: expect.objectContaining({ id: 3, first_name: 'Changed' }) },
			]);
			expect((received[0] as { tenant_id: string }).tenant_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			const log = await client.get(`${sandboxes.eduframe.baseUrl}/webhooks/${created.data.id}/notifications`, { headers: auth });
			expect(log.data[0]).toMatchObject({
				id: expect.any(String),
				event_id: expect.any(String),
				webhook_id: created.data.id,
				data: received[0],
				status: 'succeeded',
				send_attempts: [{ status_code: 200, response: 'ok', created_at: expect.any(String) }],
			});
			expect((await client.delete(`${sandboxes.eduframe.baseUrl}/webhooks/${created.data.id}`, { headers: auth })).status).toBe(200);
			await client.patch(`${sandboxes.eduframe.baseUrl}/users/3`, { first_name: 'Again' }, { headers: auth });
			await sandboxes.eduframe.settled();
			expect(received).toHaveLength(1);
		} finally {
			receiver.close();
		}
	});
});

describe('Planaday sandbox', () => {
	const headers = { 'X-Api-Key': PLANADAY_SANDBOX_KEY, 'Content-Type': 'application/json', Accept: 'application/json' };

	test('answers 415 without the JSON headers and 401 without the key', async () => {
		expect((await client.get(`${sandboxes.planaday.baseUrl}/label/list`, { headers: { 'X-Api-Key': PLANADAY_SANDBOX_KEY, Accept: 'text/html' } })).status).toBe(415);
		expect((await client.get(`${sandboxes.planaday.baseUrl}/label/list`, { headers: { ...headers, 'X-Api-Key': 'nope' } })).status).toBe(401);
	});

	test('pages with meta/links, links the first page as offset=1, and sends rate-limit headers', async () => {
		const response = await client.get(`${sandboxes.planaday.baseUrl}/course/list?start=20200101&end=20301231&limit=50`, { headers });
		expect(response.status).toBe(200);
		expect(response.data.meta.records).toBe(200);
		expect(response.data.data).toHaveLength(50);
		expect(response.data.links.first).toContain('offset=1');
		expect(response.data.links.next).toContain('offset=50');
		expect(Number(response.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
		const viaFirst = await client.get(response.data.links.first, { headers });
		expect(viaFirst.data.data[0].id).toBe(response.data.data[0].id);
	});

	test('refuses a booking without students with code 402', async () => {
		const response = await client.post(`${sandboxes.planaday.baseUrl}/booking/1`, { course_id: 1 }, { headers });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 402, message: 'missing students block' });
	});

	test('answers 503 with X-RateLimit-Remaining 0 when the budget is spent', async () => {
		const limiter = sandboxes.planaday.limiter;
		const before = limiter.limit;
		limiter.limit = 1;
		limiter.reset();
		try {
			await client.get(`${sandboxes.planaday.baseUrl}/label/list`, { headers });
			const response = await client.get(`${sandboxes.planaday.baseUrl}/label/list`, { headers });
			expect(response.status).toBe(503);
			expect(response.headers['x-ratelimit-remaining']).toBe('0');
		} finally {
			limiter.limit = before;
			limiter.reset();
		}
	});
});

describe('accessplanit sandbox', () => {
	const token = async () =>
		(
			await client.post(
				`${sandboxes.accessplanit.baseUrl}/api/v2/token`,
				new URLSearchParams({ grant_type: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD }),
			)
		).data;

	test('issues tokens that expire (scaled lifetime) and accepts API keys', async () => {
		const issued = await token();
		expect(issued).toMatchObject({ token_type: 'bearer', access_token: expect.any(String), refresh_token: expect.any(String) });
		const url = `${sandboxes.accessplanit.baseUrl}/api/v2/User?$top=1`;
		expect((await client.get(url, { headers: { Authorization: `Bearer ${issued.access_token}` } })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, sandboxes.accessplanit.tokenLifetimeMs + 50));
		const expired = await client.get(url, { headers: { Authorization: `Bearer ${issued.access_token}` } });
		expect(expired.status).toBe(401);
		expect(expired.data).toEqual({ Message: 'Authorization has been denied for this request.' });
		expect((await client.get(url, { headers: { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` } })).status).toBe(200);
	});

	test('answers OData queries in {"results": [...]}', async () => {
		const headers = { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		const response = await client.get(`${sandboxes.accessplanit.baseUrl}/api/v2/User`, {
			headers,
			params: { $filter: `MainCompanyID eq '${sandboxes.accessplanit.modules.Company[1].ID}' and contains(Email, 'example')`, $orderby: 'DateCreated desc', $top: 5, $skip: 1, $select: 'ID,Email,DateCreated', $count: 'true' },
		});
		expect(response.status).toBe(200);
		expect(response.data.results).toHaveLength(5);
		expect(Object.keys(response.data.results[0]).sort()).toEqual(['DateCreated', 'Email', 'ID']);
		const dates = response.data.results.map((r: { DateCreated: string }) => r.DateCreated);
		expect([...dates].sort().reverse()).toEqual(dates);
		expect(response.data.count).toBe(sandboxes.accessplanit.modules.User.filter((u) => u.MainCompanyID === sandboxes.accessplanit.modules.Company[1].ID).length);
	});

	test('answers 400 with Message and ModelState on invalid writes', async () => {
		const headers = { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		const response = await client.post(`${sandboxes.accessplanit.baseUrl}/api/v2/User`, { Forenames: 'Ann' }, { headers });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			Message: 'The request is invalid.',
			ModelState: { 'model.Surname': ['The Surname field is required.'], 'model.Email': ['The Email field is required.'] },
		});
	});

	test('delegate ids are userId~courseDateId and DateUpdated moves on change', async () => {
		const headers = { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		const delegate = sandboxes.accessplanit.modules.UserCourseDate[0];
		expect(delegate.ID).toBe(`${delegate.UserID}~${delegate.CourseDateID}`);
		expect(delegate).toMatchObject({ UserFullName: expect.any(String), CandidateEmailAddress: expect.stringContaining('@'), CourseDateDetailsLabel: expect.any(String) });
		const before = delegate.DateUpdated;
		const response = await client.put(`${sandboxes.accessplanit.baseUrl}/api/v2/UserCourseDate/${encodeURIComponent(String(delegate.ID))}`, { Status: 'Booked' }, { headers });
		expect(response.status).toBe(200);
		expect(response.data.DateUpdated > before).toBe(true);
	});

	test('the per-endpoint hourly limit (scaled) answers 429 for one endpoint while another still answers', async () => {
		const ap = sandboxes.accessplanit;
		const headers = { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		const { limit } = ap.limiter;
		ap.limiter.limit = 3;
		ap.limiter.reset();
		try {
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await client.get(`${ap.baseUrl}/api/v2/Venue`, { headers })).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			expect((await client.get(`${ap.baseUrl}/api/v2/Trainer`, { headers })).status).toBe(200);
		} finally {
			ap.limiter.limit = limit;
			ap.limiter.reset();
		}
	});

	test('course templates take no $filter; records written in one burst share a stamp; an account keeps its group', async () => {
		const ap = sandboxes.accessplanit;
		const headers = { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
		const filtered = await client.get(`${ap.baseUrl}/api/v2/CourseTemplate`, { headers, params: { $filter: "Name eq 'x'" } });
		expect(filtered.status).toBe(400);
		expect(filtered.data.Message).toContain('cannot be filtered');
		const burst = await client.post(`${new URL(ap.baseUrl).origin}/__sandbox/burst`, { users: 3, updates: 2 });
		const stamps = new Set(burst.data.created.map((id: string) => ap.modules.User.find((u) => u.ID === id)!.DateCreated));
		expect([...stamps]).toEqual([burst.data.stamp]);
		expect(burst.data.stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}$/);
		const company = ap.modules.Company[0];
		const moved = await client.put(`${ap.baseUrl}/api/v2/Company/${String(company.ID)}`, { CompanyGroupID: 99 }, { headers });
		expect(moved.status).toBe(400);
		expect(moved.data.ModelState).toEqual({ 'model.CompanyGroupID': ['An account cannot be moved to another account group through the API.'] });
	});
});

test('platform stamps without a zone are the sandbox platform clock (UTC), whatever the machine zone (the clock layer runs this under eleven)', () => {
	expect(stampInstant('2025-01-01T09:00:00.17')).toBe(Date.parse('2025-01-01T09:00:00.170Z'));
	expect(stampInstant('2025-01-01')).toBe(Date.parse('2025-01-01T00:00:00Z'));
	expect(stampInstant('2025-01-01T09:00:00+01:00')).toBe(Date.parse('2025-01-01T08:00:00Z'));
});

/**
 * What each vendor says about its limit, and nothing it does not (vendor notes): Eduframe only
 * Retry-After on its 429; Planaday X-RateLimit-Limit/Remaining/Reset on every answer and 503 when
 * spent; accessplanit documents no rate-limit headers. Limits are set through `/__sandbox/rate-limit`.
 */
test.each(['eduframe', 'planaday', 'accessplanit'] as const)('%s: the limit set over /__sandbox/rate-limit, answered with the vendor\'s own headers only', async (vendor) => {
	const sandbox = sandboxes[vendor];
	const { limit, windowMs } = sandbox.limiter;
	const call = {
		eduframe: () => client.get(`${sandboxes.eduframe.baseUrl}/educators/current`, { headers: { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` } }),
		planaday: () => client.get(`${sandboxes.planaday.baseUrl}/label/list`, { headers: { 'X-Api-Key': PLANADAY_SANDBOX_KEY, 'Content-Type': 'application/json', Accept: 'application/json' } }),
		accessplanit: () => client.get(`${sandboxes.accessplanit.baseUrl}/api/v2/Venue`, { headers: { Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` } }),
	}[vendor];
	const set = await client.post(`${sandbox.origin}/__sandbox/rate-limit`, { limit: 2, windowMs: 60_000 });
	expect(set.data).toEqual({ limit: 2, windowMs: 60_000 });
	try {
		const answers = [await call(), await call(), await call()];
		const rateHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((name) => /ratelimit|retry-after/i.test(name)).sort();
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, vendor === 'planaday' ? 503 : 429]);
		if (vendor === 'planaday') {
			for (const answer of answers) expect(rateHeaders(answer.headers)).toEqual(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
			expect(answers.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(['1', '0', '0']);
		} else {
			expect(rateHeaders(answers[0].headers)).toEqual([]);
			expect(rateHeaders(answers[2].headers)).toEqual(vendor === 'eduframe' ? ['retry-after'] : []);
		}
	} finally {
		sandbox.limiter.limit = limit;
		sandbox.limiter.windowMs = windowMs;
		sandbox.limiter.reset();
	}
});
