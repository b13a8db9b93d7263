/**
 * What the shared request layer still does for a vendor that behaves (the hostile layer, test/hostile,
 * proves what it refuses): a redirect on the credential's own origin is followed for a read, and a wait
 * the vendor asks for within what the node waits is honoured before the request is sent again.
 */
import { transportSettings } from '../../nodes/shared';
import { outputOf, runWorkflow } from '../harness/engine';
import { tamper, untamper } from '../harness/hostile';
import { eduframeCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();
const retry = transportSettings.retry;
beforeAll(() => (transportSettings.retry = { ...retry, baseDelayMs: 20, maxDelayMs: 100, maxWaitMs: 3000 }));
afterAll(() => (transportSettings.retry = retry));
afterEach(() => untamper(sandboxes.eduframe));

test('a redirect of a read on the credential’s own origin is followed', async () => {
	tamper(sandboxes.eduframe, { before: (request) => (request.path.endsWith('/users/999001') ? { status: 301, headers: { Location: `${request.origin}/api/v1/users/5` } } : undefined) });
	const run = await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '999001' } }, eduframeCredential));
	expect(outputOf(run, 'Vendor')[0]).toMatchObject({ id: 5 });
	expect(sandboxes.eduframe.recent).toEqual(['GET /api/v1/users/999001', 'GET /api/v1/users/5']);
});

test('a wait the vendor asks for within what the node waits is honoured, then the request succeeds', async () => {
	let once = 1;
	tamper(sandboxes.eduframe, {
		before: (request) => (request.path.endsWith('/users') && once-- > 0 ? { status: 429, headers: { 'Retry-After': '1' }, body: { errors: {}, code: 429, message: 'Too many requests' } } : undefined),
	});
	const run = await runWorkflow(singleNodeWorkflow('eduframe', { resource: 'user', operation: 'getAll', returnAll: true }, eduframeCredential));
	expect(outputOf(run, 'Vendor')).toHaveLength(300);
	expect(sandboxes.eduframe.stats.byStatus[429]).toBe(1);
});
