import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RateLimitPolicy } from './types';

/**
 * Paces requests so that a vendor's published limit is never exceeded, and stops sending while
 * the vendor has told us to wait (Retry-After, X-RateLimit-Remaining: 0 until X-RateLimit-Reset).
 *
 * One pacer lives per n8n process and is shared by every execution, because the limits are per
 * API key, not per execution. Keys are opaque hashes; no secret is stored. Several processes (queue
 * mode workers) share one key's limit: each keeps to its share (`RateLimitPolicy.processes`), and
 * where the vendor sends its count for the account (X-RateLimit-Remaining / Reset) that count holds them all.
 */
/**
 * Milliseconds from a clock that only runs forward: pacing measures intervals, so a machine clock
 * that is set back (or forward) must not hold requests for an hour or let a burst through.
 */
export function steadyNow(): number {
	return performance.timeOrigin + performance.now();
}

/** What a vendor's rate-limit headers said about the whole account, as seen by this process. */
interface VendorView {
	/** Requests the vendor still allowed for the account when it answered. */
	remaining: number;
	/** When the vendor's window resets, on the pacer's clock. */
	resetAt: number;
	/** This process's grant count when the answered request was sent. */
	seq: number;
	/** Requests other processes made between this process's last two answers (0 when unknown). */
	others: number;
}

/**
 * A wait the vendor asked for (Retry-After, or its count spent until its reset) is longer than the
 * node waits: nothing is sent, nothing after it is held, and the request fails saying until when.
 */
export class VendorHoldTooLong extends Error {
	constructor(
		/** When the vendor said requests may go again, on the wall clock (epoch ms). */
		readonly until: number,
	) {
		super('The vendor asked to wait longer than the node waits');
	}
}

/** The longest single sleep: a longer wait is slept in steps (a timer cannot hold more than 24.8 days). */
const LONGEST_SLEEP_MS = 60_000;

/** After a refusal, what got through is kept as this process's limit for this many windows. */
const LEARNED_WINDOWS = 10;
/** Sent after the vendor's reset time, not on it: the vendor's clock and the header's rounding vary. */
const RESET_MARGIN_MS = 250;

export class Pacer {
	/** Per key, this process's requests in the window: when each was let go, or answered once it was. */
	private readonly sent = new Map<string, Array<{ seq: number; at: number }>>();
	private readonly blockedUntil = new Map<string, number>();
	private readonly tails = new Map<string, Promise<void>>();
	private readonly grantCount = new Map<string, number>();
	private readonly views = new Map<string, VendorView>();
	private readonly learned = new Map<string, { limit: number; until: number }>();

	constructor(
		private readonly now: () => number = steadyNow,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/**
	 * Waits until one more request under `key` stays inside `policy`, then records it. A hold the vendor
	 * asked for that ends more than `maxVendorWaitMs` from now is not waited for: `VendorHoldTooLong`.
	 */
	async acquire(key: string, policy: RateLimitPolicy, maxVendorWaitMs = Infinity): Promise<number> {
		// Requests under the same key are granted in order (a chain of promises per key).
		const previous = this.tails.get(key) ?? Promise.resolve();
		let release!: () => void;
		const mine = new Promise<void>((resolve) => (release = resolve));
		const tail = previous.then(() => mine);
		this.tails.set(key, tail);
		await previous;
		let waited = 0;
		try {
			for (;;) {
				const { ms: delay, vendor } = this.hold(key, policy);
				if (delay <= 0) break;
				if (vendor && delay > maxVendorWaitMs) throw new VendorHoldTooLong(Date.now() + delay);
				const step = Math.min(delay, LONGEST_SLEEP_MS);
				waited += step;
				await this.wait(step);
			}
			this.record(key, policy);
		} finally {
			release();
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
		return waited;
	}

	/** Milliseconds to wait before the next request under `key` may go out. */
	delayFor(key: string, policy: RateLimitPolicy): number {
		return this.hold(key, policy).ms;
	}

	/** How long the next request under `key` waits, and whether the vendor asked for it (its headers) or our own pacing does. */
	private hold(key: string, policy: RateLimitPolicy): { ms: number; vendor: boolean } {
		const now = this.now();
		const blocked = this.blockedUntil.get(key) ?? 0;
		if (blocked > now) return { ms: blocked - now, vendor: true };
		const fromHeaders = this.headerDelay(key, policy, now);
		if (fromHeaders > 0) return { ms: fromHeaders, vendor: true };
		const share = this.share(key, policy, now);
		const times = this.prune(key, share, now);
		if (times.length < share.limit) return { ms: 0, vendor: false };
		// In order of time: the next request may go when the `limit`-th newest leaves the window.
		return { ms: times[times.length - share.limit].at + windowWithMargin(share) - now + 1, vendor: false };
	}

	/**
	 * The answer to grant number `seq` came back (or the request failed): the vendor counted it at
	 * some moment before now, so the window is counted from now for it. A slow first request (a cold
	 * process, a new connection) thus never lets the next window's requests reach the vendor too early.
	 */
	settled(key: string, seq: number): void {
		const times = this.sent.get(key);
		if (!times) return;
		for (let index = times.length - 1; index >= 0; index--) {
			if (times[index].seq !== seq) continue;
			const [entry] = times.splice(index, 1);
			entry.at = Math.max(entry.at, this.now());
			inOrderOfTime(times, entry);
			return;
		}
	}

	/**
	 * This process's part of the account's limit: the limit divided by the processes sharing the key
	 * (`policy.processes`), lowered to what got through when the vendor refused a request earlier.
	 * Every process keeps its part in any window (sliding, plus a margin), so processes starting at
	 * once send at most the account's limit together in any window the vendor may count, fixed or sliding.
	 */
	share(key: string, policy: RateLimitPolicy, now = this.now()): RateLimitPolicy {
		const processes = Math.max(1, Math.floor(Number(policy.processes) || 1));
		let share: RateLimitPolicy =
			policy.limit >= processes
				? { ...policy, limit: Math.floor(policy.limit / processes) }
				: // Fewer requests than processes: one request per process, in a longer window.
					{ ...policy, limit: 1, windowMs: Math.ceil((policy.windowMs * processes) / Math.max(1, policy.limit)) };
		const learned = this.learned.get(key);
		if (learned && learned.until > now && learned.limit < share.limit) share = { ...share, limit: learned.limit };
		return share;
	}

	/** The vendor told us to wait `ms` before sending again. */
	blockFor(key: string, ms: number): void {
		this.blockUntil(key, this.now() + Math.max(0, ms));
	}

	/** Nothing goes out under `key` before `untilMs` on the pacer's own clock. */
	blockUntil(key: string, untilMs: number): void {
		const current = this.blockedUntil.get(key) ?? 0;
		if (untilMs > current) this.blockedUntil.set(key, untilMs);
	}

	/** How many requests this pacer has granted under `key` so far (the last grant's number, for `observe`). */
	granted(key: string): number {
		return this.grantCount.get(key) ?? 0;
	}

	/**
	 * The vendor's rate-limit headers on the answer to grant number `seq`: requests left for the whole
	 * account (`remaining`, which other processes' requests lower too) until `resetAt` (pacer's clock).
	 * From then on this process sends only while the estimate of what is left (minus its own requests
	 * sent since) stays above what the other processes may send meanwhile; then it waits for the reset.
	 */
	observe(key: string, seq: number, headers: { remaining: number; resetAt: number }): void {
		if (!Number.isFinite(headers.remaining) || !Number.isFinite(headers.resetAt)) return;
		const last = this.views.get(key);
		const now = this.now();
		// What others were seen sending is carried into the next vendor window, halved each time.
		let others = last ? Math.ceil(last.others / 2) : 0;
		if (last && last.resetAt + RESET_MARGIN_MS > now && Math.abs(last.resetAt - headers.resetAt) < 1500) {
			// An answer to an older request arriving late says less than the one already kept.
			if (seq <= last.seq) return;
			// Same vendor window: what the count fell by, beyond this process's own requests, others sent.
			others = Math.max(last.others, last.remaining - headers.remaining - (seq - last.seq));
		}
		this.views.set(key, { remaining: headers.remaining, resetAt: headers.resetAt, seq, others });
	}

	/**
	 * The vendor refused a request for going over its limit, and sends no count of what is left: other
	 * processes share the account (more than the credential says) or the account's limit is lower. This
	 * process's limit is halved, but not below what got through in the window, for the next windows:
	 * two processes set to 1 settle on half each after one refusal; a stray refusal costs half a window.
	 */
	refused(key: string, policy: RateLimitPolicy): void {
		const now = this.now();
		if ((this.views.get(key)?.resetAt ?? 0) > now) return; // the headers say it better
		const share = this.share(key, policy, now);
		const through = this.prune(key, share, now).length - 1;
		const limit = Math.max(1, through, Math.floor(share.limit / 2));
		if (limit < share.limit) this.learned.set(key, { limit, until: now + LEARNED_WINDOWS * windowWithMargin(share) });
	}

	/** Number of requests recorded inside the current window (for tests and benchmarks). */
	inWindow(key: string, policy: RateLimitPolicy): number {
		return this.prune(key, this.share(key, policy), this.now()).length;
	}

	reset(): void {
		this.sent.clear();
		this.blockedUntil.clear();
		this.grantCount.clear();
		this.views.clear();
		this.learned.clear();
	}

	/** How long the vendor's own count (rate-limit headers) says to hold the next request. */
	private headerDelay(key: string, policy: RateLimitPolicy, now: number): number {
		const view = this.views.get(key);
		if (!view) return 0;
		if (view.resetAt + RESET_MARGIN_MS <= now) return 0;
		const left = view.remaining - (this.granted(key) - view.seq);
		// Keep one request for every other process (each may have one on its way), or what others were seen sending.
		const processes = Math.max(1, Math.floor(Number(policy.processes) || 1));
		const reserve = Math.max(processes - 1, view.others);
		return left > reserve ? 0 : view.resetAt + RESET_MARGIN_MS - now;
	}

	private record(key: string, policy: RateLimitPolicy) {
		const now = this.now();
		const times = this.prune(key, this.share(key, policy, now), now);
		const seq = this.granted(key) + 1;
		inOrderOfTime(times, { seq, at: now });
		this.grantCount.set(key, seq);
	}

	/**
	 * The requests still inside the window. The list is kept in order of time (`record` adds the newest,
	 * `settled` moves an answered one to its new time), so the old ones are at its start: a long
	 * window holding many thousands (Planaday's hour) costs no more per request than a short one.
	 */
	private prune(key: string, policy: RateLimitPolicy, now: number): Array<{ seq: number; at: number }> {
		const times = this.sent.get(key) ?? [];
		const cutoff = now - windowWithMargin(policy);
		let expired = 0;
		while (expired < times.length && times[expired].at <= cutoff) expired++;
		if (expired) times.splice(0, expired);
		this.sent.set(key, times);
		return times;
	}
}

/** Adds `entry` to a list kept in order of time; it is nearly always the newest, so this looks from the end. */
function inOrderOfTime(times: Array<{ seq: number; at: number }>, entry: { seq: number; at: number }): void {
	let place = times.length;
	while (place > 0 && times[place - 1].at > entry.at) place--;
	times.splice(place, 0, entry);
}

/**
 * The window the pacer keeps, a little longer than the vendor's: requests are counted when they
 * leave here and arrive at the vendor a few milliseconds later, unevenly.
 */
export function windowWithMargin(policy: RateLimitPolicy): number {
	return policy.windowMs + Math.min(1000, Math.ceil(policy.windowMs * 0.02) + 25);
}

/** The pacer shared by every node of this package in this n8n process. */
export const sharedPacer = new Pacer();

/** A short, non-reversible key for a credential (FNV-1a), so no secret is kept as a map key. */
export function credentialKey(...parts: string[]): string {
	let hash = 0x811c9dc5;
	for (const char of parts.join('\u0000')) {
		hash ^= char.charCodeAt(0);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/** The longest window a credential may set (a day): pacing never waits longer than one window. */
const LONGEST_WINDOW_SECONDS = 86_400;

/** The policy a credential's rate-limit fields give (see credentials/rateLimit.ts), or the vendor's published one. */
export function rateLimitFromCredential(
	credentials: IDataObject,
	published: { limit: number; windowSeconds: number; scope: RateLimitPolicy['scope'] },
): RateLimitPolicy {
	return {
		limit: Math.max(1, Number(credentials.rateLimitRequests) || published.limit),
		windowMs: Math.min(LONGEST_WINDOW_SECONDS, Math.max(0.001, Number(credentials.rateLimitWindowSeconds) || published.windowSeconds)) * 1000,
		scope: published.scope,
		processes: processesFromCredential(credentials),
	};
}

/** How many n8n processes share the credential's key (its "n8n Processes Sharing This Key" field). */
export function processesFromCredential(credentials: IDataObject): number {
	return Math.max(1, Math.floor(Number(credentials.rateLimitProcesses) || 1));
}
