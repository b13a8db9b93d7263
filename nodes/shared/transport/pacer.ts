import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RateLimitPolicy } from './types';

/**
 * Paces requests so that a vendor's published limit is never exceeded, and stops sending while
 * the vendor has told us to wait (Retry-After, X-RateLimit-Remaining: 0 until X-RateLimit-Reset).
 *
 * One pacer lives per n8n process and is shared by every execution, because the limits are per
 * API key, not per execution. Keys are opaque hashes; no secret is stored.
 */
/**
 * Milliseconds from a clock that only runs forward: pacing measures intervals, so a machine clock
 * that is set back (or forward) must not hold requests for an hour or let a burst through.
 */
export function steadyNow(): number {
	return performance.timeOrigin + performance.now();
}

export class Pacer {
	private readonly sent = new Map<string, number[]>();
	private readonly blockedUntil = new Map<string, number>();
	private readonly tails = new Map<string, Promise<void>>();

	constructor(
		private readonly now: () => number = steadyNow,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/** Waits until one more request under `key` stays inside `policy`, then records it. */
	async acquire(key: string, policy: RateLimitPolicy): Promise<number> {
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
				const delay = this.delayFor(key, policy);
				if (delay <= 0) break;
				waited += delay;
				await this.wait(delay);
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
		const now = this.now();
		const blocked = this.blockedUntil.get(key) ?? 0;
		if (blocked > now) return blocked - now;
		const times = this.prune(key, policy, now);
		if (times.length < policy.limit) return 0;
		return times[times.length - policy.limit] + windowWithMargin(policy) - now + 1;
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

	/** Number of requests recorded inside the current window (for tests and benchmarks). */
	inWindow(key: string, policy: RateLimitPolicy): number {
		return this.prune(key, policy, this.now()).length;
	}

	reset(): void {
		this.sent.clear();
		this.blockedUntil.clear();
	}

	private record(key: string, policy: RateLimitPolicy) {
		const times = this.prune(key, policy, this.now());
		times.push(this.now());
	}

	private prune(key: string, policy: RateLimitPolicy, now: number): number[] {
		let times = this.sent.get(key);
		if (!times) {
			times = [];
			this.sent.set(key, times);
		}
		const cutoff = now - windowWithMargin(policy);
		let drop = 0;
		while (drop < times.length && times[drop] <= cutoff) drop++;
		if (drop) times.splice(0, drop);
		return times;
	}
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

/** The policy a credential's rate-limit fields give (see credentials/rateLimit.ts), or the vendor's published one. */
export function rateLimitFromCredential(
	credentials: IDataObject,
	published: { limit: number; windowSeconds: number; scope: RateLimitPolicy['scope'] },
): RateLimitPolicy {
	return {
		limit: Math.max(1, Number(credentials.rateLimitRequests) || published.limit),
		windowMs: Math.max(1, Number(credentials.rateLimitWindowSeconds) || published.windowSeconds) * 1000,
		scope: published.scope,
	};
}
