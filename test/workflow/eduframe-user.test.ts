import { sharedPacer, transportSettings } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { credentialStore, errorOf, itemsOf, outputOf, runWorkflow } from '../harness/engine';
import { badEduframeCredential, eduframeCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;

beforeAll(async () => {
	sandboxes = await withSandboxes();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 20, maxDelayMs: 200 };
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sandboxes.eduframe.resetStats();
	sandboxes.eduframe.setFaults({ rate: 0, kinds: [] });
	sandboxes.eduframe.limiter.reset();
	sharedPacer.reset();
});

// These tests count the list's own requests: the label names (test/workflow/readable-names.test.ts) are off.
const userWorkflow = (parameters: Record<string, unknown>, credentials = eduframeCredential, options = {}) =>
	singleNodeWorkflow('eduframe', { resource: 'user', ...(parameters.operation === 'getAll' ? { addNames: false } : {}), ...parameters }, credentials, options);

describe('Eduframe → User → Get Many', () => {
	test('Return All follows the Link header to the end with the fewest requests', async () => {
		const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: true }));
		const users = outputOf(run, 'Vendor');
		expect(users).toHaveLength(300);
		expect(new Set(users.map((user) => user.id)).size).toBe(300);
		expect(sandboxes.eduframe.stats.requests).toBe(3); // ceil(300 / 100)
	});

	test('Limit returns exactly that many and asks for no more than needed', async () => {
		const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: false, limit: 130 }));
		expect(outputOf(run, 'Vendor')).toHaveLength(130);
		expect(sandboxes.eduframe.stats.requests).toBe(2);
	});

	test('filters and sort are sent as Eduframe query parameters', async () => {
		const run = await runWorkflow(
			userWorkflow({ operation: 'getAll', returnAll: true, filters: { role: 'teacher', sort: 'created_at:desc' } }),
		);
		const users = outputOf(run, 'Vendor');
		expect(users.length).toBe(30);
		expect(users.every((user) => (user.roles as string[]).includes('teacher'))).toBe(true);
		const times = users.map((user) => String(user.created_at));
		expect([...times].sort().reverse()).toEqual(times);
	});

	test('email filter finds one user', async () => {
		const target = sandboxes.eduframe.tables.users[41];
		const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: true, filters: { email: target.email } }));
		expect(outputOf(run, 'Vendor').map((user) => user.id)).toEqual([target.id]);
	});

	test('label filter takes comma-separated ids', async () => {
		const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: true, filters: { label_id: '1, 2' } }));
		const users = outputOf(run, 'Vendor');
		const expected = sandboxes.eduframe.tables.users.filter((u) => (u.label_ids as number[]).some((id) => id === 1 || id === 2));
		expect(users.length).toBe(expected.length);
		expect(users.length).toBeGreaterThan(0);
	});

	test('injected faults on reads are retried: every user arrives exactly once', async () => {
		sandboxes.eduframe.setFaults({ rate: 0.5, kinds: ['drop', 'server-error', 'unavailable', 'malformed', 'rate-limit'] });
		const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: true }));
		const users = outputOf(run, 'Vendor');
		expect(users).toHaveLength(300);
		expect(new Set(users.map((user) => user.id)).size).toBe(300);
		expect(Object.values(sandboxes.eduframe.stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
	});

	test('a 429 with Retry-After is waited out and the list completes', async () => {
		sandboxes.eduframe.limiter.limit = 2;
		sandboxes.eduframe.limiter.windowMs = 600;
		try {
			const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: true }));
			expect(outputOf(run, 'Vendor')).toHaveLength(300);
			expect(sandboxes.eduframe.stats.rateLimited).toBeGreaterThan(0);
		} finally {
			sandboxes.eduframe.limiter.limit = 500;
			sandboxes.eduframe.limiter.windowMs = 300_000;
		}
	});

	test('pacing to the credential’s limit keeps the sandbox from ever answering 429', async () => {
		sandboxes.eduframe.limiter.limit = 2;
		sandboxes.eduframe.limiter.windowMs = 400;
		const stored = credentialStore.get('eduframe')!;
		credentialStore.set('eduframe-paced', { type: 'eduframeApi', data: { ...stored.data, rateLimitRequests: 2, rateLimitWindowSeconds: 0.45 } });
		try {
			const run = await runWorkflow(
				userWorkflow({ operation: 'getAll', returnAll: true, filters: {} }, { eduframeApi: { id: 'eduframe-paced', name: 'paced' } }),
			);
			expect(outputOf(run, 'Vendor')).toHaveLength(300);
			const perPage = await runWorkflow(
				userWorkflow({ operation: 'getAll', returnAll: false, limit: 250 }, { eduframeApi: { id: 'eduframe-paced', name: 'paced' } }),
			);
			expect(outputOf(perPage, 'Vendor')).toHaveLength(250);
			expect(sandboxes.eduframe.stats.rateLimited).toBe(0);
			expect(sandboxes.eduframe.stats.requests).toBe(6);
		} finally {
			sandboxes.eduframe.limiter.limit = 500;
			sandboxes.eduframe.limiter.windowMs = 300_000;
		}
	});
});

describe('Eduframe → User → Get', () => {
	test('gets one user by ID from a resource locator', async () => {
		const run = await runWorkflow(
			userWorkflow({ operation: 'get', userId: { __rl: true, mode: 'id', value: '17' } }),
		);
		const [user] = outputOf(run, 'Vendor');
		expect(user.id).toBe(17);
		expect(user.email).toBe(sandboxes.eduframe.tables.users[16].email);
	});

	test('an unknown ID fails with Eduframe’s message and a hint', async () => {
		const run = await runWorkflow(userWorkflow({ operation: 'get', userId: { __rl: true, mode: 'id', value: '999999' } }));
		const error = errorOf(run, 'Vendor');
		expect(error?.message).toBe('Eduframe: User not found');
		expect(String(error?.description)).toContain('Pick the record from the list');
	});

	test('Continue On Fail returns the error as an item paired with its input', async () => {
		const workflow = userWorkflow({ operation: 'get', userId: { __rl: true, mode: 'id', value: '=' + '{{ $json.id }}' } }, eduframeCredential, {
			onError: 'continueRegularOutput',
		});
		const run = await runWorkflow(workflow, { input: [{ id: 5 }, { id: 424242 }, { id: 7 }] });
		const items = itemsOf(run, 'Vendor');
		expect(items.map((item) => item.json.id ?? item.json.error)).toEqual([5, 'Eduframe: User not found', 7]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a wrong API key fails with a hint and the key appears nowhere', async () => {
		const run = await runWorkflow(userWorkflow({ operation: 'getAll', returnAll: true }, badEduframeCredential));
		const error = errorOf(run, 'Vendor');
		expect(error?.message).toContain('Eduframe: Unauthorized');
		expect(String(error?.description)).toContain('Open the "Eduframe API" credential');
		expect(JSON.stringify(run.data.resultData)).not.toContain('wrong-key-that-is-secret');
	});

	test('an empty ID is refused before any request', async () => {
		const run = await runWorkflow(
			userWorkflow({ operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
			{ input: [{ id: '' }] },
		);
		expect(errorOf(run, 'Vendor')?.message).toBe('The field "User" is empty');
		expect(sandboxes.eduframe.stats.requests).toBe(0);
	});
});
