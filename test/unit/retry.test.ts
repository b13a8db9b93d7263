import { backoffDelay, classifyNetworkError, DEFAULT_RETRY, mayRetry, waitUntilFromHeaders } from '../../nodes/shared';
import type { VendorProfile, VendorResponse } from '../../nodes/shared';

const profile = { name: 'Test' } as VendorProfile;
const planadayLike = {
	name: 'Planaday',
	rejectedWithoutEffect: (r: VendorResponse) => r.statusCode === 503 && r.headers['x-ratelimit-remaining'] === '0',
} as VendorProfile;
const answer = (statusCode: number, headers: Record<string, string> = {}, malformed = false): VendorResponse => ({
	statusCode,
	headers,
	body: {},
	malformed,
});

describe('retry rules', () => {
	test.each([429, 500, 502, 503, 504])('a read is retried on %i', (status) => {
		expect(mayRetry(profile, 'GET', false, { response: answer(status) })).toBe(true);
	});

	test.each([400, 401, 403, 404, 422])('a read is not retried on %i', (status) => {
		expect(mayRetry(profile, 'GET', false, { response: answer(status) })).toBe(false);
	});

	test('a read is retried on a dropped connection and on a garbled body', () => {
		expect(mayRetry(profile, 'GET', false, { failure: { kind: 'dropped', message: 'socket hang up' } })).toBe(true);
		expect(mayRetry(profile, 'GET', false, { response: answer(200, {}, true) })).toBe(true);
	});

	test('a write is retried only when the vendor certainly did not act', () => {
		expect(mayRetry(profile, 'POST', false, { response: answer(429) })).toBe(true);
		expect(mayRetry(profile, 'POST', false, { failure: { kind: 'not-sent', message: 'ECONNREFUSED' } })).toBe(true);
		for (const status of [500, 502, 503, 504]) expect(mayRetry(profile, 'POST', false, { response: answer(status) })).toBe(false);
		expect(mayRetry(profile, 'POST', false, { failure: { kind: 'dropped', message: 'ECONNRESET' } })).toBe(false);
		expect(mayRetry(profile, 'POST', false, { response: answer(200, {}, true) })).toBe(false);
	});

	test('a vendor-specific "rejected" answer (Planaday 503 with no calls left) makes a write retryable', () => {
		expect(mayRetry(planadayLike, 'POST', false, { response: answer(503, { 'x-ratelimit-remaining': '0' }) })).toBe(true);
		expect(mayRetry(planadayLike, 'POST', false, { response: answer(503, { 'x-ratelimit-remaining': '12' }) })).toBe(false);
	});

	test('an idempotent write may be repeated after a dropped connection', () => {
		expect(mayRetry(profile, 'PUT', true, { failure: { kind: 'dropped', message: 'ECONNRESET' } })).toBe(true);
	});
});

describe('waiting from headers', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	test('Retry-After in seconds', () => {
		expect(waitUntilFromHeaders(answer(429, { 'retry-after': '7' }), now)).toBe(now + 7000);
	});
	test('Retry-After as an HTTP date', () => {
		expect(waitUntilFromHeaders(answer(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(now + 30_000);
	});
	test('X-RateLimit-Remaining 0 with a unix reset time', () => {
		const reset = String(now / 1000 + 90);
		expect(waitUntilFromHeaders(answer(503, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now)).toBe(now + 90_000);
	});
	test('X-RateLimit-Remaining above 0 is no reason to wait', () => {
		expect(waitUntilFromHeaders(answer(200, { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '99999999999' }), now)).toBeUndefined();
	});
});

describe('backoff', () => {
	test('grows exponentially, stays within the cap, and is jittered', () => {
		const settings = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(1, settings, () => 0)).toBe(50);
		expect(backoffDelay(1, settings, () => 1)).toBe(100);
		expect(backoffDelay(3, settings, () => 1)).toBe(400);
		expect(backoffDelay(10, settings, () => 1)).toBe(1000);
		const draws = new Set(Array.from({ length: 20 }, () => backoffDelay(4, settings)));
		expect(draws.size).toBeGreaterThan(1);
	});
});

describe('network error classification', () => {
	test('finds codes nested in causes', () => {
		expect(classifyNetworkError({ message: 'x', cause: { code: 'ECONNREFUSED' } }).kind).toBe('not-sent');
		expect(classifyNetworkError({ code: 'ECONNRESET', message: 'socket hang up' }).kind).toBe('dropped');
		expect(classifyNetworkError(new Error('socket hang up')).kind).toBe('dropped');
		expect(classifyNetworkError(new Error('Credentials not found')).kind).toBe('other');
	});
});
