/** The accessplanit node through n8n's engine: OData lists, and a token that expires mid-run. */
import type { IDataObject } from 'n8n-workflow';

import { sharedPacer } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { credentialStore, errorOf, outputOf, runWorkflow } from '../harness/engine';
import { accessplanitCredential, accessplanitKeyCredential, badAccessplanitCredential, pacedAccessplanitCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await withSandboxes();
	sandboxes.accessplanit.addUsers(900); // 1,200 users: three pages of 500
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sharedPacer.reset();
	sandboxes.accessplanit.resetStats();
});

const run = (parameters: IDataObject, credentials: IDataObject = accessplanitCredential) =>
	runWorkflow(singleNodeWorkflow('accessplanit', { resource: 'user', ...parameters }, credentials as never));

test('User → Get Many follows $top/$skip to the end', async () => {
	const users = outputOf(await run({ operation: 'getAll', returnAll: true }), 'Vendor');
	expect(users).toHaveLength(sandboxes.accessplanit.modules.User.length);
	expect(new Set(users.map((user) => user.ID)).size).toBe(users.length);
	expect(sandboxes.accessplanit.stats.byRoute['GET /accessplan/api/v2/:id']).toBe(Math.ceil(users.length / 500));
});

test('conditions are joined with AND into $filter; sort and field selection', async () => {
	const company = sandboxes.accessplanit.modules.Company[2];
	const users = outputOf(
		await run({
			operation: 'getAll',
			returnAll: true,
			filters: { condition: [{ field: 'MainCompanyID', operator: 'eq', value: company.ID }, { field: 'Surname', operator: 'contains', value: "O'N" }] },
			options: { sortBy: 'DateCreated', sortOrder: 'desc', select: ['ID', 'Surname', 'DateCreated'] },
		}),
		'Vendor',
	);
	const expected = sandboxes.accessplanit.modules.User.filter((u) => u.MainCompanyID === company.ID && String(u.Surname).includes("O'N"));
	expect(users.map((u) => u.ID).sort()).toEqual(expected.map((u) => u.ID).sort());
	expect(users.length).toBeGreaterThan(0);
	expect(Object.keys(users[0]).sort()).toEqual(['DateCreated', 'ID', 'Surname']);
	const dates = users.map((u) => String(u.DateCreated));
	expect([...dates].sort().reverse()).toEqual(dates);
});

test('User → Get by ID, and a clear error for an unknown one', async () => {
	const user = sandboxes.accessplanit.modules.User[7];
	expect(outputOf(await run({ operation: 'get', userId: user.ID }), 'Vendor')[0]).toMatchObject({ ID: user.ID, Surname: user.Surname });
	expect(errorOf(await run({ operation: 'get', userId: 'nobody' }), 'Vendor')?.message).toBe('accessplanit has no user with ID "nobody"');
});

test('a token that expires during a run is renewed through the credential and no item fails', async () => {
	const lifetime = sandboxes.accessplanit.tokenLifetimeMs;
	sandboxes.accessplanit.tokenLifetimeMs = 300;
	try {
		const issued = sandboxes.accessplanit.tokensIssued;
		credentialStore.get('accessplanit')!.data.sessionToken = '';
		expect(outputOf(await run({ operation: 'getAll', returnAll: false, limit: 5 }), 'Vendor')).toHaveLength(5);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(outputOf(await run({ operation: 'getAll', returnAll: true }), 'Vendor')).toHaveLength(sandboxes.accessplanit.modules.User.length);
		expect(sandboxes.accessplanit.tokensIssued).toBeGreaterThanOrEqual(issued + 2);
	} finally {
		sandboxes.accessplanit.tokenLifetimeMs = lifetime;
	}
});

test('an API key is sent as the bearer value; a wrong password fails with a hint and no secret', async () => {
	expect(outputOf(await run({ operation: 'getAll', returnAll: false, limit: 3 }, accessplanitKeyCredential), 'Vendor')).toHaveLength(3);
	const result = await run({ operation: 'getAll', returnAll: false, limit: 3 }, badAccessplanitCredential);
	const error = errorOf(result, 'Vendor');
	expect(error?.message).toBe('accessplanit: The user name or password is incorrect.');
	expect(String(error?.description)).toContain('check the user name and password');
	expect(JSON.stringify(result.data.resultData)).not.toContain('not-the-password-xyz');
});

test('requests are paced per endpoint: a long list waits for its own window, another endpoint does not, and nothing is refused', async () => {
	const ap = sandboxes.accessplanit;
	const { limit, windowMs } = ap.limiter;
	ap.limiter.limit = 2;
	ap.limiter.windowMs = 700;
	ap.limiter.reset();
	try {
		const users = run({ operation: 'getAll', returnAll: true }, pacedAccessplanitCredential);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const courseDates = runWorkflow(singleNodeWorkflow('accessplanit', { resource: 'courseDate', operation: 'getAll', returnAll: true, addNames: false }, pacedAccessplanitCredential as never));
		const [userRun, courseDateRun] = await Promise.all([users, courseDates]);
		expect(outputOf(userRun, 'Vendor')).toHaveLength(ap.modules.User.length);
		expect(outputOf(courseDateRun, 'Vendor')).toHaveLength(ap.modules.CourseDate.length);
		expect(ap.stats.rateLimited).toBe(0);
		// Three user pages under 2 requests per window: the third waited, and the course dates went first.
		const order = ap.recent.filter((line) => line.startsWith('GET')).map((line) => (line.includes('/CourseDate') ? 'courseDate' : 'user'));
		expect(order).toEqual(['user', 'user', 'courseDate', 'user']);
	} finally {
		ap.limiter.limit = limit;
		ap.limiter.windowMs = windowMs;
		ap.limiter.reset();
	}
});
