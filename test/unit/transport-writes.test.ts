import { eduframeProfile } from '../../nodes/Eduframe/transport';
import { credentialOncePerRun, sharedPacer, transportSettings, vendorRequest } from '../../nodes/shared';
import { EDUFRAME_SANDBOX_KEY, EduframeSandbox } from '../../sandbox/eduframe/server';
import { fakeContext } from '../harness/fake-context';

/** The shared transport against the Eduframe sandbox: what is repeated and what never is. */
let sandbox: EduframeSandbox;
let attempts = 0;

beforeAll(async () => {
	sandbox = await new EduframeSandbox({ users: 5 }).start();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 5, maxDelayMs: 20 };
});
afterAll(async () => {
	transportSettings.onRequest = undefined;
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.resetStats();
	sandbox.setFaults({ rate: 0, kinds: [] });
	sharedPacer.reset();
	attempts = 0;
});

const context = () =>
	fakeContext('eduframeApi', { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` };
	});

/** Injects `kind` into the first attempt only. */
function faultOnFirstAttempt(kind: 'drop' | 'rate-limit' | 'server-error' | 'malformed') {
	sandbox.setFaults({ rate: 1, kinds: [kind] });
	transportSettings.onRequest = () => {
		attempts++;
		if (attempts === 2) sandbox.setFaults({ rate: 0, kinds: [] });
	};
}

const newUser = (n: number) => ({ first_name: 'Test', last_name: `Person ${n}`, email: `test.person.${n}.${Date.now()}@example.com` });
const usersNamed = (email: string) => sandbox.tables.users.filter((user) => user.email === email).length;

test('a create whose connection drops after Eduframe acted is not sent again', async () => {
	faultOnFirstAttempt('drop');
	const body = newUser(1);
	await expect(vendorRequest.call(context(), eduframeProfile, { method: 'POST', url: '/users', body })).rejects.toMatchObject({
		message: expect.stringContaining('connection to Eduframe was lost'),
		description: expect.stringContaining('may have been carried out'),
	});
	expect(attempts).toBe(1);
	expect(usersNamed(body.email)).toBe(1);
});

test('a create answered 500 is not sent again', async () => {
	faultOnFirstAttempt('server-error');
	const body = newUser(2);
	await expect(vendorRequest.call(context(), eduframeProfile, { method: 'POST', url: '/users', body })).rejects.toMatchObject({
		message: 'Eduframe: Internal server error',
	});
	expect(attempts).toBe(1);
});

test('a create rejected with 429 is sent again and made exactly once', async () => {
	faultOnFirstAttempt('rate-limit');
	const body = newUser(3);
	const response = await vendorRequest.call(context(), eduframeProfile, { method: 'POST', url: '/users', body });
	expect(response.statusCode).toBe(201);
	expect(attempts).toBe(2);
	expect(usersNamed(body.email)).toBe(1);
});

test('a read whose connection drops is repeated', async () => {
	faultOnFirstAttempt('drop');
	const response = await vendorRequest.call(context(), eduframeProfile, { method: 'GET', url: '/users/1' });
	expect((response.body as { id: number }).id).toBe(1);
	expect(attempts).toBe(2);
});

test('a read with a garbled body is repeated', async () => {
	faultOnFirstAttempt('malformed');
	const response = await vendorRequest.call(context(), eduframeProfile, { method: 'GET', url: '/users/2' });
	expect((response.body as { id: number }).id).toBe(2);
	expect(attempts).toBe(2);
});

test('Eduframe’s 200 with an error body is an error naming the field', async () => {
	transportSettings.onRequest = () => attempts++;
	const taken = sandbox.tables.users[0].email as string;
	await expect(
		vendorRequest.call(context(), eduframeProfile, { method: 'POST', url: '/users', body: { first_name: 'A', last_name: 'B', email: taken } }),
	).rejects.toMatchObject({ message: 'Eduframe: Validation failed (email: has already been taken)' });
	expect(attempts).toBe(1);
});

test('a node run reads its credential once; any other context (a polling trigger’s lives while the workflow is active) reads it for every request', async () => {
	const counted = (credentials: { apiKey: string; baseUrl: string }) => {
		const ctx = fakeContext('eduframeApi', credentials, (options) => {
			options.headers = { ...options.headers, Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` };
		});
		const read = ctx.getCredentials.bind(ctx);
		let reads = 0;
		ctx.getCredentials = (async (type: string) => {
			reads++;
			return await read(type);
		}) as typeof ctx.getCredentials;
		return { ctx, reads: () => reads };
	};
	const credentials = { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: 'http://127.0.0.1:9/not-listening' };
	const trigger = counted(credentials);
	// The credential is edited while the trigger's context lives: the next request follows it.
	await expect(vendorRequest.call(trigger.ctx, eduframeProfile, { method: 'GET', url: '/users', idempotent: true })).rejects.toBeDefined();
	credentials.baseUrl = sandbox.baseUrl;
	await vendorRequest.call(trigger.ctx, eduframeProfile, { method: 'GET', url: '/users' });
	expect(trigger.reads()).toBe(2);

	const run = counted({ apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandbox.baseUrl });
	credentialOncePerRun(run.ctx);
	for (let i = 0; i < 3; i++) await vendorRequest.call(run.ctx, eduframeProfile, { method: 'GET', url: '/users' });
	expect(run.reads()).toBe(1);
});
