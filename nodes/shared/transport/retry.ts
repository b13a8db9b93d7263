import type { RetrySettings, VendorProfile, VendorResponse } from './types';

/** Network errors after which the request certainly never reached the vendor. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);
/** Network errors where the request may or may not have been processed. */
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ERR_BAD_RESPONSE']);
/** The connection went quiet for longer than the request's timeout (no answer, or a body that stopped). */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RETRYABLE_READ_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * A request that got no answer: never sent, dropped, timed out (both may have been carried out), or
 * refused before sending for another reason. `afterMs`: how long a timed-out request waited.
 */
export type NetworkFailure = { kind: 'not-sent' | 'dropped' | 'timeout' | 'other'; code?: string; message: string; afterMs?: number };

/** Finds the network error code in whatever n8n's request helper threw. */
export function classifyNetworkError(error: unknown): NetworkFailure {
	const seen = new Set<unknown>();
	let current: unknown = error;
	let message = '';
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (!message && typeof candidate.message === 'string') message = candidate.message;
		if (typeof candidate.code === 'string') {
			if (NOT_SENT_CODES.has(candidate.code)) return { kind: 'not-sent', code: candidate.code, message };
			if (TIMEOUT_CODES.has(candidate.code)) return { kind: 'timeout', code: candidate.code, message };
			if (DROPPED_CODES.has(candidate.code)) return { kind: 'dropped', code: candidate.code, message };
		}
		current = candidate.cause;
	}
	if (/timeout|timed out/i.test(message)) return { kind: 'timeout', message };
	if (/socket hang up|ECONNRESET|aborted/i.test(message)) return { kind: 'dropped', message };
	if (/ECONNREFUSED/.test(message)) return { kind: 'not-sent', message };
	return { kind: 'other', message: message || String(error) };
}

export function isRead(method: string): boolean {
	return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * Whether a request that got `response` (or failed with `failure`) may be sent again.
 * Reads are retried on throttling, gateway errors, dropped connections, garbled bodies and web pages
 * instead of data (a maintenance page).
 * A write is retried only when the vendor certainly did not act on it.
 */
export function mayRetry(
	profile: VendorProfile,
	method: string,
	idempotent: boolean,
	outcome: { response?: VendorResponse; failure?: NetworkFailure },
): boolean {
	const safeToRepeat = isRead(method) || idempotent;
	const { response, failure } = outcome;
	if (failure) {
		if (failure.kind === 'not-sent') return true;
		return (failure.kind === 'dropped' || failure.kind === 'timeout') && safeToRepeat;
	}
	if (!response) return false;
	if (response.statusCode === 429) return true;
	if (profile.rejectedWithoutEffect?.(response)) return true;
	if (!safeToRepeat) return false;
	if (RETRYABLE_READ_STATUSES.has(response.statusCode)) return true;
	return (response.malformed === true || response.notJson === true) && response.statusCode < 300;
}

function header(response: VendorResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()] ?? response.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * When the vendor says we may send again (epoch ms), from `Retry-After` (seconds or HTTP date)
 * or from `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (epoch seconds or seconds to wait).
 */
export function waitUntilFromHeaders(response: VendorResponse, now: number): number | undefined {
	const retryAfter = header(response, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(now, date);
	}
	const remaining = header(response, 'x-ratelimit-remaining');
	const reset = header(response, 'x-ratelimit-reset');
	if (remaining !== undefined && Number(remaining) <= 0 && reset !== undefined) {
		const value = Number(reset);
		if (Number.isFinite(value)) return resetTime(value, now);
	}
	return undefined;
}

/** `X-RateLimit-Reset` as epoch ms: large values are an epoch time (seconds, or ms); small ones are seconds to wait. */
function resetTime(value: number, now: number): number {
	if (value > 1e12) return value;
	if (value > 1e9) return value * 1000;
	return now + value * 1000;
}

/**
 * The vendor's count for the whole account, from `X-RateLimit-Remaining` with `X-RateLimit-Reset`
 * (Planaday sends both on every answer): requests left and when the window resets (epoch ms).
 */
export function accountCountFromHeaders(response: VendorResponse, now: number): { remaining: number; resetAt: number } | undefined {
	const remainingText = header(response, 'x-ratelimit-remaining');
	const resetText = header(response, 'x-ratelimit-reset');
	if (remainingText === undefined || resetText === undefined || remainingText === '' || resetText === '') return undefined;
	const remaining = Number(remainingText);
	const reset = Number(resetText);
	if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
	return { remaining, resetAt: resetTime(reset, now) };
}

/** Exponential backoff with full jitter: a random delay in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number = Math.random): number {
	const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
