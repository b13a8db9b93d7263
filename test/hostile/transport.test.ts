/**
 * The shared request layer under a hostile or broken vendor, through n8n's engine (workflow JSON run by
 * n8n-core, the credentials' own authentication) against the sandboxes with their answers tampered with,
 * and a second origin on 127.0.0.2 that must receive nothing: next links and redirects to another host,
 * waits asked for that are longer than the node waits, lists that never end, secrets echoed back, and
 * answers that are not what they claim. Both polling triggers read through the same layer.
 */
import type { IDataObject, IRun } from 'n8n-workflow';

import { AccessplanitApi } from '../../credentials/AccessplanitApi.credentials';
import { EduframeApi } from '../../credentials/EduframeApi.credentials';
import { PlanadayApi } from '../../credentials/PlanadayApi.credentials';
import { transportSettings } from '../../nodes/shared';
import type { SandboxRequest, SandboxResponse } from '../../sandbox';
import { ACCESSPLANIT_API_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { credentialStore, errorOf, outputOf, pollOnce, runWorkflow } from '../harness/engine';
import { checkNoLeak, OtherOrigin, runText, safe, secretsIn, tamper, untamper } from '../harness/hostile';
import { accessplanitCredential, eduframeCredential, planadayCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();
const other = new OtherOrigin();
const retry = transportSettings.retry;
/** How long the node waits for a vendor here (the default is 5 minutes): a case shows it is never exceeded. */
const MAX_WAIT_MS = 3000;
beforeAll(async () => {
	await other.start();
	transportSettings.retry = { ...retry, baseDelayMs: 20, maxDelayMs: 100, maxWaitMs: MAX_WAIT_MS, timeoutMs: 1500 };
});
afterAll(async () => {
	transportSettings.retry = retry;
	await other.stop();
});
afterEach(() => {
	untamper(sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit);
	other.reset();
	credentialStore.set('accessplanit', { type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } });
});

/** Every secret the package holds here, the accessplanit tokens the sandbox issued included. */
const secrets = () => [EDUFRAME_SANDBOX_KEY, PLANADAY_SANDBOX_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_API_KEY, ...sandboxes.accessplanit.tokens.keys()];

const eduframe = (parameters: IDataObject) => singleNodeWorkflow('eduframe', parameters, eduframeCredential);
const planaday = (parameters: IDataObject) => singleNodeWorkflow('planaday', parameters, planadayCredential);
const accessplanit = (parameters: IDataObject) => singleNodeWorkflow('accessplanit', parameters, accessplanitCredential);
const eduframeUsers = eduframe({ resource: 'user', operation: 'getAll', returnAll: true });
const planadayCourses = planaday({ resource: 'course', operation: 'getAll', start: '2000-01-01', end: '2099-12-31', returnAll: true });
const accessplanitUsers = accessplanit({ resource: 'user', operation: 'getAll', returnAll: true });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const isList = (request: SandboxRequest, path: string) => request.method === 'GET' && request.path.endsWith(path);
/** The run ended in an error of the node, and put nothing out as if it had succeeded. */
function failedClearly(run: IRun, words: RegExp): void {
	const error = errorOf(run, 'Vendor');
	safe('the run is not reported as a success', !!error, 'no error');
	safe('the error says what happened', words.test(`${error?.message ?? ''} ${String((error as { description?: unknown })?.description ?? '')}`), `${error?.message} / ${String((error as { description?: unknown })?.description)}`);
	const output = run.data.resultData.runData.Vendor?.at(-1)?.data?.main?.[0] ?? [];
	safe('nothing is put out as data', output.length === 0, `${output.length} items`);
}
const requestsTo = (sandbox: { stats: { requests: number } }) => sandbox.stats.requests;

describe('a credential goes only to its own origin', () => {
	test('Eduframe: a next-page link to another host stops the list; the key and the host’s records stay out', async () => {
		other.answer = () => ({ status: 200, body: [{ id: 999999, email: 'planted@other.example' }] });
		tamper(sandboxes.eduframe, {
			after: (request, answer) => (isList(request, '/users') ? { ...answer!, headers: { ...answer!.headers, Link: `<${other.origin}/api/v1/users?cursor=abc>; rel="next"` } } : undefined),
		});
		const run = await runWorkflow(eduframeUsers);
		checkNoLeak(other, run, secrets());
		failedClearly(run, /another host/);
		safe('no record of the other host is put out', !runText(run).includes('planted@other.example'));
	});

	test('Planaday: a links.next to another host stops the list', async () => {
		other.answer = () => ({ status: 200, body: { data: [{ id: 777777 }], meta: { records: 1 }, links: {} } });
		tamper(sandboxes.planaday, {
			after: (request, answer) => {
				if (!isList(request, '/course/list')) return undefined;
				const body = answer!.body as IDataObject;
				// No total, so the link itself is what leads on.
				return { ...answer!, body: { data: body.data, meta: {}, links: { next: `${other.origin}/v1/course/list?offset=100&limit=100` } } };
			},
		});
		const run = await runWorkflow(planadayCourses);
		checkNoLeak(other, run, secrets());
		failedClearly(run, /another host/);
	});

	test('Planaday Trigger: its course list stops at a next link to another host, and the poll fails without reading there', async () => {
		tamper(sandboxes.planaday, {
			after: (request, answer) => (isList(request, '/course/list') ? { ...answer!, body: { ...(answer!.body as IDataObject), meta: {}, links: { next: `${other.origin}/v1/course/list?offset=100` } } } : undefined),
		});
		const failure = await pollOnce('planadayTrigger', { events: ['courseAdded'], daysAhead: 60, filters: {} }, planadayCredential).then(
			() => undefined,
			(error: Error) => error,
		);
		checkNoLeak(other, undefined, secrets());
		safe('the poll fails, saying why', /another host/.test(failure?.message ?? ''), failure?.message ?? 'no error');
		safe('no secret in the poll’s error', secretsIn(JSON.stringify({ message: failure?.message, description: (failure as { description?: unknown })?.description }), secrets()).length === 0);
	});

	test.each([
		['302 on a read', 'GET', 302],
		['307 on a read', 'GET', 307],
		['308 on a read', 'GET', 308],
	])('Eduframe: a %s to another host is not followed', async (_title, _method, status) => {
		tamper(sandboxes.eduframe, { before: (request) => (request.path.endsWith('/users/5') ? { status, headers: { Location: `${other.origin}/api/v1/users/5` } } : undefined) });
		const run = await runWorkflow(eduframe({ resource: 'user', operation: 'get', userId: rl('5') }));
		checkNoLeak(other, run, secrets());
		failedClearly(run, /another host/);
	});

	test.each([
		['PATCH with 307', 307],
		['PATCH with 308', 308],
		['PATCH with 302', 302],
	])('Eduframe: a change answered with a redirect to another host (%s) sends neither key nor body there', async (_title, status) => {
		const user = sandboxes.eduframe.tables.users[3];
		tamper(sandboxes.eduframe, { before: (request) => (request.method === 'PATCH' ? { status, headers: { Location: `${other.origin}/api/v1/users/${String(user.id)}` } } : undefined) });
		const run = await runWorkflow(eduframe({ resource: 'user', operation: 'update', userId: rl(String(user.id)), updateFields: { first_name: 'Changed' } }));
		checkNoLeak(other, run, secrets());
		failedClearly(run, /another (host|address)/);
	});

	test('Planaday: a booking answered with a 307 to another host sends neither key nor students there', async () => {
		tamper(sandboxes.planaday, { before: (request) => (request.method === 'POST' && request.path.includes('/booking/') ? { status: 307, headers: { Location: `${other.origin}/v1/booking/5` } } : undefined) });
		const run = await runWorkflow(planaday({ resource: 'booking', operation: 'book', courseId: rl('5'), studentsSource: 'list', studentList: { student: [{ first_name: 'Anna', last_name: 'Visser', email: 'anna@acme.example' }] } }));
		expect(sandboxes.planaday.recent.some((line) => line.startsWith('POST /v1/booking/5'))).toBe(true);
		checkNoLeak(other, run, secrets());
		safe('the run is not a success', !!errorOf(run, 'Vendor'));
	});

	test('accessplanit: a 307 on the sign-in does not re-post the user name and password to another host', async () => {
		credentialStore.set('accessplanit', { type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } });
		tamper(sandboxes.accessplanit, { before: (request) => (request.path.endsWith('/api/v2/token') ? { status: 307, headers: { Location: `${other.origin}/accessplan/api/v2/token` } } : undefined) });
		const run = await runWorkflow(accessplanitUsers);
		checkNoLeak(other, run, secrets());
		safe('no user name reaches the other host', !other.received.some((request) => request.body.includes(encodeURIComponent(ACCESSPLANIT_USER))));
		safe('the run is not a success', !!errorOf(run, 'Vendor'));
	});

	test('accessplanit: a redirect of a list to another host is not followed with the token', async () => {
		tamper(sandboxes.accessplanit, { before: (request) => (isList(request, '/User') ? { status: 302, headers: { Location: `${other.origin}/accessplan/api/v2/User` } } : undefined) });
		const run = await runWorkflow(accessplanitUsers);
		checkNoLeak(other, run, secrets());
		failedClearly(run, /another host/);
	});

	test.each([
		['Eduframe', () => new EduframeApi(), { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: 'https://api.eduframe.nl/api/v1' }, 'https://api.eduframe.nl.evil.example/api/v1/users'],
		['Planaday', () => new PlanadayApi(), { apiKey: PLANADAY_SANDBOX_KEY, companyCode: 'acme' }, 'https://acme.api.planaday.nl.evil.example/v1/ping'],
		['accessplanit', () => new AccessplanitApi(), { systemUrl: 'https://acme.accessplanit.com/accessplan', sessionToken: ACCESSPLANIT_API_KEY }, 'https://evil.example/accessplan/api/v2/User'],
	])('%s credential: its key is refused for a request to another host, whoever makes it (the HTTP Request node too)', async (_vendor, make, data, elsewhere) => {
		const authenticate = make().authenticate as unknown as (credentials: IDataObject, options: IDataObject) => Promise<IDataObject>;
		const refused = await authenticate(data, { url: elsewhere, method: 'GET' }).then(
			(options) => JSON.stringify(options),
			() => undefined,
		);
		safe('the credential adds nothing to a request for another host', refused === undefined, refused ?? '');
	});
});

describe('every wait taken from a header is bounded, and holds nothing after it', () => {
	test.each([
		['Retry-After in seconds (11.6 days)', { 'Retry-After': '999999' }],
		['Retry-After beyond a timer’s reach (35 days)', { 'Retry-After': '3000000' }],
		['Retry-After as a date next month', { 'Retry-After': new Date(Date.now() + 30 * 86_400_000).toUTCString() }],
	])('Eduframe 429 with %s: the request fails at once saying until when, and the next run is sent', async (_title, headers) => {
		let refusals = 1;
		tamper(sandboxes.eduframe, { before: (request) => (isList(request, '/users') && refusals-- > 0 ? { status: 429, headers, body: { errors: {}, code: 429, message: 'Too many requests' } } : undefined) });
		const first = await runWorkflow(eduframeUsers);
		failedClearly(first, /asks to wait .*(days|hours)/);
		safe('the error does not claim the node waited and retried', !/waited and retried/.test(runText(first)));
		safe('one request was sent, not a loop', requestsTo(sandboxes.eduframe) === 1, `${requestsTo(sandboxes.eduframe)} requests`);
		const second = await runWorkflow(eduframeUsers);
		safe('the next run is sent and succeeds (nothing was held)', !errorOf(second, 'Vendor') && outputOf(second, 'Vendor').length === 300, errorOf(second, 'Vendor')?.message ?? '');
	});

	test('Planaday: a success saying the key’s budget is spent until 11 days from now holds nothing', async () => {
		let once = 1;
		tamper(sandboxes.planaday, {
			after: (request, answer) =>
				request.path.endsWith('/label/list') && once-- > 0
					? { ...answer!, headers: { ...answer!.headers, 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 1_000_000) } }
					: undefined,
		});
		expect(errorOf(await runWorkflow(planaday({ resource: 'label', operation: 'getAll', returnAll: true })), 'Vendor')).toBeUndefined();
		const before = requestsTo(sandboxes.planaday);
		const next = await runWorkflow(planaday({ resource: 'label', operation: 'getAll', returnAll: true }));
		safe('the next run is sent and succeeds', !errorOf(next, 'Vendor') && requestsTo(sandboxes.planaday) > before, errorOf(next, 'Vendor')?.message ?? 'not sent');
	});

	test('Planaday: a 503 with a reset a month away fails at once with the time, and holds nothing after it', async () => {
		let once = 1;
		tamper(sandboxes.planaday, {
			before: (request) =>
				request.path.endsWith('/label/list') && once-- > 0
					? { status: 503, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 30 * 86_400) }, body: { error: 503, message: 'Too many requests' } }
					: undefined,
		});
		const first = await runWorkflow(planaday({ resource: 'label', operation: 'getAll', returnAll: true }));
		failedClearly(first, /asks to wait .*days/);
		const next = await runWorkflow(planaday({ resource: 'label', operation: 'getAll', returnAll: true }));
		safe('the next run is sent and succeeds', !errorOf(next, 'Vendor'), errorOf(next, 'Vendor')?.message ?? '');
	});

	test('accessplanit: a 429 asking for an hour (beyond what the node waits) stops that request and nothing after it', async () => {
		let once = 1;
		tamper(sandboxes.accessplanit, { before: (request) => (isList(request, '/User') && once-- > 0 ? { status: 429, headers: { 'Retry-After': '3600' }, body: { Message: 'API calls quota exceeded!' } } : undefined) });
		failedClearly(await runWorkflow(accessplanitUsers), /asks to wait 60 minutes/);
		safe('the next run is sent and succeeds', !errorOf(await runWorkflow(accessplanitUsers), 'Vendor'));
	});
});

describe('a list stops when the vendor stops making progress', () => {
	test('Planaday: a next link that changes on every page, over the same records, stops with an error after a few requests', async () => {
		let page = 0;
		tamper(sandboxes.planaday, {
			after: (request, answer) => {
				if (!isList(request, '/course/list')) return undefined;
				const body = answer!.body as IDataObject;
				return { ...answer!, body: { data: (body.data as IDataObject[]).slice(0, 5), meta: {}, links: { next: `${request.origin}/v1/course/list?start=20000101&end=20991231&offset=0&limit=100&n=${++page}` } } };
			},
		});
		const run = await runWorkflow(planadayCourses);
		failedClearly(run, /already sent/);
		safe('the list stopped after a few requests', requestsTo(sandboxes.planaday) <= 3, `${requestsTo(sandboxes.planaday)} requests`);
	});

	test('Eduframe: a page linked to itself stops with an error', async () => {
		tamper(sandboxes.eduframe, {
			after: (request, answer) => (isList(request, '/users') ? { ...answer!, headers: { ...answer!.headers, Link: `<${request.origin}${request.path}?per_page=100>; rel="next"` } } : undefined),
		});
		const run = await runWorkflow(eduframeUsers);
		failedClearly(run, /back to a page already read|already sent/);
		safe('at most two requests', requestsTo(sandboxes.eduframe) <= 2, `${requestsTo(sandboxes.eduframe)} requests`);
	});

	test('Eduframe: a fresh cursor every page over the same records stops with an error', async () => {
		let page = 0;
		tamper(sandboxes.eduframe, {
			before: (request) =>
				isList(request, '/users')
					? { status: 200, headers: { Link: `<${request.origin}/api/v1/users?cursor=${++page}&per_page=100>; rel="next"` }, body: sandboxes.eduframe.tables.users.slice(0, 3) }
					: undefined,
		});
		const run = await runWorkflow(eduframeUsers);
		failedClearly(run, /already sent/);
		safe('at most two requests', requestsTo(sandboxes.eduframe) <= 2, `${requestsTo(sandboxes.eduframe)} requests`);
	});

	test('accessplanit: a count of a billion does not plan two million pages; the list ends at the first short page', async () => {
		tamper(sandboxes.accessplanit, { after: (request, answer) => (isList(request, '/User') ? { ...answer!, body: { ...(answer!.body as IDataObject), count: 1_000_000_000 } } : undefined) });
		const real = Math.ceil(sandboxes.accessplanit.modules.User.length / 500);
		const run = await runWorkflow(accessplanitUsers);
		const listed = sandboxes.accessplanit.stats.byRoute['GET /accessplan/api/v2/User'] ?? 0;
		safe('no more pages read than the real ones and one round side by side', listed <= real + 4, `${listed} pages for ${real}`);
		safe('every user is put out once', outputOf(run, 'Vendor').length === sandboxes.accessplanit.modules.User.length);
	});

	test('accessplanit: pages that keep coming back full of the same records stop with an error', async () => {
		tamper(sandboxes.accessplanit, {
			before: (request) => (isList(request, '/User') ? { status: 200, body: { results: sandboxes.accessplanit.modules.User.slice(0, 500), count: 1_000_000_000 } } : undefined),
		});
		const run = await runWorkflow(accessplanitUsers);
		failedClearly(run, /already sent/);
		safe('a few requests, not a million', requestsTo(sandboxes.accessplanit) <= 6, `${requestsTo(sandboxes.accessplanit)} requests`);
	});

	test('accessplanit Trigger: a vendor that ignores the page it is asked for ends the poll, not after a thousand pages', async () => {
		const state: IDataObject = {};
		const parameters = { event: 'userUpdated', filters: {} };
		await pollOnce('accessplanitTrigger', parameters, accessplanitCredential, state);
		// A full page (500) of users changed at one moment, sent whatever page is asked for.
		const users = sandboxes.accessplanit.modules.User;
		const stuck = Array.from({ length: 500 }, (_, index) => ({ ...users[index % users.length], ID: `stuck${index}`, DateUpdated: '2099-01-01T00:00:00' }));
		tamper(sandboxes.accessplanit, { before: (request) => (isList(request, '/User') ? { status: 200, body: { results: stuck } } : undefined) });
		const before = requestsTo(sandboxes.accessplanit);
		const emitted = await pollOnce('accessplanitTrigger', parameters, accessplanitCredential, state);
		const sent = requestsTo(sandboxes.accessplanit) - before;
		safe('the poll reads a few pages, not a thousand', sent <= 5, `${sent} requests`);
		safe('each changed user is put out once', emitted?.[0]?.length === 500, `${emitted?.[0]?.length} items`);
	});
});

describe('no secret in output, errors or run data', () => {
	/** An answer that repeats the request's Authorization header (as some gateways' error pages do). */
	const echo = (status: number, form: (authorization: string) => unknown) => (request: SandboxRequest): SandboxResponse => ({
		status,
		body: form(String(request.headers.authorization ?? request.headers['x-api-key'] ?? '')),
	});

	test.each([
		['as sent, in a 400', echo(400, (value) => ({ Message: `Bad request; you sent ${value}` }))],
		['as a header list, in a 500', echo(500, (value) => ({ Message: 'Oops', Headers: { Authorization: value } }))],
		['in base64, in a 400', echo(400, (value) => ({ Message: `Bad request (${Buffer.from(value.replace(/^Bearer /, '')).toString('base64')})` }))],
		['as its whole header in base64, in a 400', echo(400, (value) => ({ Message: `Rejected header ${Buffer.from(`Authorization: ${value}`).toString('base64')}` }))],
		['cut short, in a 403', echo(403, (value) => ({ Message: `Token ${value.replace(/^Bearer /, '').slice(0, 16)}… is not allowed here` }))],
	])('accessplanit session token (signed in with a password) echoed %s stays out', async (_title, answer) => {
		tamper(sandboxes.accessplanit, { before: (request) => (isList(request, '/User') ? answer(request) : undefined) });
		const run = await runWorkflow(accessplanitUsers);
		safe('the run failed', !!errorOf(run, 'Vendor'));
		checkNoLeak(other, run, secrets());
	});

	test('the user name and password as HTTP Basic, echoed in base64, stay out', async () => {
		const basic = Buffer.from(`${ACCESSPLANIT_USER}:${ACCESSPLANIT_PASSWORD}`).toString('base64');
		tamper(sandboxes.accessplanit, { before: (request) => (isList(request, '/User') ? { status: 400, body: { Message: `Basic ${basic} is not accepted here; raw: ${basic}` } } : undefined) });
		const run = await runWorkflow(accessplanitUsers);
		safe('the base64 credential is not in the run', !runText(run).includes(basic));
		checkNoLeak(other, run, secrets());
	});

	test.each([
		['Eduframe', () => runWorkflow(eduframeUsers), 'eduframe', (key: string) => ({ status: 500, body: { errors: {}, code: 500, message: `key ${Buffer.from(key).toString("base64")} failed` } })],
		['Planaday', () => runWorkflow(planaday({ resource: 'label', operation: 'getAll', returnAll: true })), 'planaday', (key: string) => ({ status: 500, body: { error: 500, message: `X-Api-Key: ${key.slice(0, 20)}` } })],
	] as const)('%s key echoed in an error (in base64, or cut short) stays out', async (_vendor, run, sandbox, answer) => {
		const key = _vendor === 'Eduframe' ? EDUFRAME_SANDBOX_KEY : PLANADAY_SANDBOX_KEY;
		tamper(sandboxes[sandbox], { before: () => answer(key) });
		const result = await run();
		safe('the run failed', !!errorOf(result, 'Vendor'));
		checkNoLeak(other, result, secrets());
	});

	test('Eduframe key echoed in a successful answer is not put out', async () => {
		tamper(sandboxes.eduframe, { after: (request, answer) => (request.path.endsWith('/users/5') ? { ...answer!, body: { ...(answer!.body as IDataObject), note: `made with ${EDUFRAME_SANDBOX_KEY}` } } : undefined) });
		const run = await runWorkflow(eduframe({ resource: 'user', operation: 'get', userId: rl('5') }));
		expect(outputOf(run, 'Vendor')[0]).toMatchObject({ id: 5 });
		checkNoLeak(other, run, secrets());
	});

	test('a key of three characters, echoed, stays out', async () => {
		credentialStore.set('eduframe-short', { type: 'eduframeApi', data: { apiKey: 'k7Q', baseUrl: sandboxes.eduframe.baseUrl } });
		tamper(sandboxes.eduframe, { before: () => ({ status: 401, body: { errors: {}, code: 401, message: 'Token k7Q is not valid' } }) });
		const run = await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'user', operation: 'getAll', returnAll: true }, { eduframeApi: { id: 'eduframe-short', name: 'short' } }));
		safe('the short key is not in the run', !/\bk7Q\b/.test(runText(run)));
	});
});

describe('an answer that is not what it claims is never a success', () => {
	const maintenance = '<!DOCTYPE html><html><body><h1>We are down for maintenance</h1></body></html>';
	const page = { status: 200, headers: { 'Content-Type': 'text/html' }, body: maintenance };

	test.each([
		['Eduframe list', () => eduframeUsers, 'eduframe', /web page/],
		['Eduframe record', () => eduframe({ resource: 'user', operation: 'get', userId: rl('5') }), 'eduframe', /web page/],
		['Planaday list', () => planadayCourses, 'planaday', /web page/],
		['accessplanit list', () => accessplanitUsers, 'accessplanit', /web page/],
	] as const)('%s: a web page on 200 fails the run', async (_title, workflow, sandbox, words) => {
		tamper(sandboxes[sandbox], { before: (request) => (request.path.includes('/token') ? undefined : page) });
		failedClearly(await runWorkflow(workflow()), words);
	});

	test('Eduframe change: a web page on 200 fails and says the change may have been made', async () => {
		const user = sandboxes.eduframe.tables.users[7];
		tamper(sandboxes.eduframe, { after: (request) => (request.method === 'PATCH' ? page : undefined) });
		const run = await runWorkflow(eduframe({ resource: 'user', operation: 'update', userId: rl(String(user.id)), updateFields: { first_name: 'Changed' } }));
		failedClearly(run, /may have been made/);
		safe('the change was sent once', (sandboxes.eduframe.stats.byRoute['PATCH /api/v1/users/:id'] ?? 0) === 1);
	});

	test('Planaday: {error, message} on a 200 is an error, not data', async () => {
		tamper(sandboxes.planaday, { before: (request) => (request.path.endsWith('/label/list') ? { status: 200, body: { error: 500, message: 'Internal error' } } : undefined) });
		failedClearly(await runWorkflow(planaday({ resource: 'label', operation: 'getAll', returnAll: true })), /Internal error/);
	});

	test('accessplanit: {Message} on a 200 is an error, not an empty list', async () => {
		tamper(sandboxes.accessplanit, { before: (request) => (isList(request, '/User') ? { status: 200, body: { Message: 'An error has occurred.' } } : undefined) });
		failedClearly(await runWorkflow(accessplanitUsers), /An error has occurred/);
	});

	test('Eduframe: a 200 with nothing in it for a record is not a success', async () => {
		tamper(sandboxes.eduframe, { before: (request) => (request.path.endsWith('/users/5') ? { status: 200 } : undefined) });
		failedClearly(await runWorkflow(eduframe({ resource: 'user', operation: 'get', userId: rl('5') })), /no data|instead of data|nothing/);
	});

	test('a body that never ends is given up, and is not "answered HTTP 200"', async () => {
		tamper(sandboxes.eduframe, { before: (request) => (isList(request, '/users') ? 'hang' : undefined) });
		const run = await runWorkflow(eduframeUsers);
		failedClearly(run, /stopped answering/);
		safe('not reported as an answer', !/answered HTTP 200/.test(errorOf(run, 'Vendor')?.message ?? ''));
	});

	test('a change whose answer never ends says it may have been made, and is not sent again', async () => {
		const user = sandboxes.eduframe.tables.users[8];
		tamper(sandboxes.eduframe, { after: (request) => (request.method === 'POST' && request.path.endsWith('/users') ? 'hang' : undefined) });
		const run = await runWorkflow(eduframe({ resource: 'user', operation: 'create', first_name: 'Hang', last_name: 'Test', email: `hang.${String(user.id)}@example.com` }));
		failedClearly(run, /may have been carried out/);
		safe('the create was sent once', (sandboxes.eduframe.stats.byRoute['POST /api/v1/users'] ?? 0) === 1);
	});
});

describe('IDs that would reach another of the vendor’s paths', () => {
	test.each([
		['Eduframe user "..": GET /api/v1/', () => eduframe({ resource: 'user', operation: 'get', userId: rl('={{ ".." }}') }), 'eduframe'],
		['Eduframe user "."', () => eduframe({ resource: 'user', operation: 'get', userId: rl('={{ "." }}') }), 'eduframe'],
		['Eduframe user "5/../../webhooks"', () => eduframe({ resource: 'user', operation: 'get', userId: rl('={{ "5/../../webhooks" }}') }), 'eduframe'],
		['Eduframe enrollment cancel of "..": PUT /api/v1/cancel', () => eduframe({ resource: 'enrollment', operation: 'cancel', enrollmentId: rl('={{ ".." }}') }), 'eduframe'],
		['Planaday daypart ".."', () => planaday({ resource: 'daypart', operation: 'get', daypartId: '={{ ".." }}' }), 'planaday'],
		['accessplanit course date ".." given a venue', () => accessplanit({ resource: 'courseDate', operation: 'assignVenue', courseDateId: rl('={{ ".." }}'), venueId: rl('3') }), 'accessplanit'],
	] as const)('%s (given by an expression) is refused before any request', async (_title, workflow, sandbox) => {
		const run = await runWorkflow(workflow());
		safe('nothing was sent', requestsTo(sandboxes[sandbox]) === 0 || sandboxes[sandbox].recent.every((line) => line.includes('/token')), sandboxes[sandbox].recent.join(', '));
		safe('the run fails naming the field', !!errorOf(run, 'Vendor'));
	});

	test('an ID of ".." in an event’s record, followed from an answer, never reaches another path: the transport refuses it too', async () => {
		tamper(sandboxes.eduframe, {
			after: (request, answer) => (isList(request, '/users') ? { ...answer!, headers: { ...answer!.headers, Link: `<${request.origin}/api/v1/users/../webhooks>; rel="next"` } } : undefined),
		});
		const run = await runWorkflow(eduframeUsers);
		safe('the webhooks list was not read', !sandboxes.eduframe.recent.some((line) => line.includes('/webhooks')), sandboxes.eduframe.recent.join(', '));
		failedClearly(run, /"\." or "\.\."/);
	});
});
