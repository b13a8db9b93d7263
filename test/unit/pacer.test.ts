import { credentialKey, Pacer } from '../../nodes/shared';
import { WindowLimiter } from '../../sandbox/common/server';

/** A fake clock: waiting advances time instead of sleeping. */
function fakeClock() {
	let now = 1_000_000;
	const waits: number[] = [];
	return {
		now: () => now,
		wait: async (ms: number) => {
			waits.push(ms);
			now += ms;
		},
		advance: (ms: number) => (now += ms),
		waits,
	};
}

describe('Pacer', () => {
	const policy = { limit: 3, windowMs: 1000, scope: 'token' as const };

	test('lets `limit` requests through at once, then waits for the window to slide', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		for (let i = 0; i < 3; i++) expect(await pacer.acquire('k', policy)).toBe(0);
		const waited = await pacer.acquire('k', policy);
		expect(waited).toBeGreaterThanOrEqual(1000);
		expect(pacer.inWindow('k', policy)).toBeLessThanOrEqual(3);
	});

	test('never lets more than `limit` requests into any window', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		const sent: number[] = [];
		for (let i = 0; i < 20; i++) {
			await pacer.acquire('k', policy);
			sent.push(clock.now());
			clock.advance(37);
		}
		for (const t of sent) expect(sent.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(3);
	});

	test('keys are independent', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		for (let i = 0; i < 3; i++) await pacer.acquire('a', policy);
		expect(await pacer.acquire('b', policy)).toBe(0);
	});

	test('a vendor block (Retry-After) holds every request until it ends', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		pacer.blockUntil('k', clock.now() + 2500);
		expect(await pacer.acquire('k', policy)).toBe(2500);
	});

	test('concurrent acquirers are served in order without exceeding the limit', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		const stamps: number[] = [];
		await Promise.all(Array.from({ length: 7 }, () => pacer.acquire('k', policy).then(() => stamps.push(clock.now()))));
		expect(stamps).toHaveLength(7);
		for (const t of stamps) expect(stamps.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(3);
	});

	test('a request answered late counts from its answer, out of the order it was sent in', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		const margin = 1045; // the window the pacer keeps for 1,000 ms (windowWithMargin)
		const first = await pacer.acquire('k', policy).then(() => pacer.granted('k'));
		clock.advance(10);
		await pacer.acquire('k', policy);
		clock.advance(10);
		await pacer.acquire('k', policy);
		// The first request's answer comes 500 ms later: for the pacer it went out then, after the other two.
		clock.advance(480);
		pacer.settled('k', first);
		// The fourth may go when the oldest of the three leaves the window: the second, sent at +10.
		expect(await pacer.acquire('k', policy)).toBe(10 + margin - 500 + 1);
		// The fifth when the next oldest leaves: the third, sent at +20, not the first (answered at +500).
		expect(await pacer.acquire('k', policy)).toBe(10);
		// The sixth only when the first, answered at +500, has left.
		expect(await pacer.acquire('k', policy)).toBe(500 - 20);
	});

	test('credential keys do not contain the secret', () => {
		const key = credentialKey('https://api.example', 'super-secret-token');
		expect(key).not.toContain('secret');
		expect(key).toBe(credentialKey('https://api.example', 'super-secret-token'));
		expect(key).not.toBe(credentialKey('https://api.example', 'other-token'));
	});
});

/**
 * Several n8n processes under one key, in virtual time: each process has its own Pacer (as each n8n
 * process has), the vendor counts them together in a fixed window (as every sandbox does), and
 * answers after `latencyMs` each way.
 */
describe('Pacer: processes sharing one key', () => {
	function virtualTime() {
		let now = 1_000_000;
		const timers: Array<{ at: number; resolve: () => void }> = [];
		const wait = (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + Math.max(0, ms), resolve }));
		const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
		return {
			now: () => now,
			wait,
			/** Runs the timers in order until every promise has settled. */
			async run(done: Promise<unknown>) {
				let finished = false;
				void done.then(() => (finished = true));
				for (;;) {
					await flush();
					if (finished || timers.length === 0) break;
					timers.sort((a, b) => a.at - b.at);
					const timer = timers.shift()!;
					now = Math.max(now, timer.at);
					timer.resolve();
				}
				await done;
			},
		};
	}

	interface Outcome {
		accepted: number[];
		refused: number;
		refusedAfterFirstWindow: number;
	}

	/** `processes` pacers each sending `perProcess` requests (retrying refusals) to one fixed-window vendor. */
	async function simulate(options: {
		processes: number;
		setting: number;
		limit: number;
		windowMs: number;
		perProcess: number;
		headers: boolean;
		latencyMs?: number;
		/** Extra time the first request of each process takes to reach the vendor (a cold process, a new connection). */
		firstRequestExtraMs?: number;
		startOffsetsMs?: number[];
	}): Promise<Outcome> {
		const clock = virtualTime();
		const latency = options.latencyMs ?? 5;
		const vendor = new WindowLimiter(options.limit, options.windowMs);
		// With the vendor's headers the pacer's own window is the published hourly one (Planaday).
		const policy = options.headers
			? { limit: 720_000, windowMs: 3_600_000, scope: 'token' as const, processes: options.setting }
			: { limit: options.limit, windowMs: options.windowMs, scope: 'token' as const, processes: options.setting };
		const outcome: Outcome = { accepted: [], refused: 0, refusedAfterFirstWindow: 0 };
		const start = clock.now();
		const worker = async (index: number) => {
			const pacer = new Pacer(clock.now, clock.wait);
			await clock.wait(options.startOffsetsMs?.[index] ?? 0);
			for (let sent = 0; sent < options.perProcess; ) {
				await pacer.acquire('k', policy);
				const grant = pacer.granted('k');
				await clock.wait(latency + (grant === 1 ? (options.firstRequestExtraMs ?? 0) : 0));
				const verdict = vendor.hit('account', clock.now());
				if (verdict.allowed) outcome.accepted.push(clock.now());
				await clock.wait(latency);
				pacer.settled('k', grant);
				if (options.headers) pacer.observe('k', grant, { remaining: verdict.remaining, resetAt: verdict.resetAt });
				if (verdict.allowed) {
					sent++;
					continue;
				}
				outcome.refused++;
				if (clock.now() - start > options.windowMs * 1.5) outcome.refusedAfterFirstWindow++;
				pacer.refused('k', policy);
				// The vendor's Retry-After / reset time.
				pacer.blockUntil('k', verdict.resetAt);
			}
		};
		await clock.run(Promise.all(Array.from({ length: options.processes }, (_, index) => worker(index))));
		return outcome;
	}

	/** The most requests the vendor accepted in any span of `windowMs` (a sliding window: the strictest count). */
	const busiestWindow = (times: number[], windowMs: number) =>
		Math.max(...times.map((t) => times.filter((s) => s > t - windowMs && s <= t).length));
	/** Requests after the first window's allowance, per window, as a share of the limit. */
	const sustainedShare = (times: number[], limit: number, windowMs: number) =>
		((times.length - limit) / (Math.max(...times) - Math.min(...times))) * (windowMs / limit);

	test('each process keeps to limit ÷ processes, so two starting at once are never refused, and use ≥ 0.9 of the limit', async () => {
		const result = await simulate({ processes: 2, setting: 2, limit: 20, windowMs: 3000, perProcess: 60, headers: false });
		expect(result.refused).toBe(0);
		expect(result.accepted).toHaveLength(120);
		// Not even a sliding window would have refused one: the vendor's fixed window is the looser count.
		expect(busiestWindow(result.accepted, 3000)).toBeLessThanOrEqual(20);
		expect(sustainedShare(result.accepted, 20, 3000)).toBeGreaterThanOrEqual(0.9);
	});

	test('a first request slow to reach the vendor does not let the next window start early', async () => {
		const result = await simulate({ processes: 2, setting: 2, limit: 20, windowMs: 3000, perProcess: 40, headers: false, firstRequestExtraMs: 400 });
		expect(result.refused).toBe(0);
		expect(result.accepted).toHaveLength(80);
	});

	test('three processes, one starting late: never over the account limit in any window', async () => {
		const result = await simulate({ processes: 3, setting: 3, limit: 30, windowMs: 3000, perProcess: 40, headers: false, startOffsetsMs: [0, 1300, 2950] });
		expect(result.refused).toBe(0);
		expect(busiestWindow(result.accepted, 3000)).toBeLessThanOrEqual(30);
	});

	test('the share: limit ÷ processes, and fewer requests than processes stretch the window', () => {
		const pacer = new Pacer(() => 0, async () => undefined);
		expect(pacer.share('k', { limit: 500, windowMs: 300_000, scope: 'token', processes: 3 })).toMatchObject({ limit: 166, windowMs: 300_000 });
		expect(pacer.share('k', { limit: 500, windowMs: 300_000, scope: 'token' })).toMatchObject({ limit: 500 });
		expect(pacer.share('k', { limit: 2, windowMs: 1000, scope: 'token', processes: 4 })).toMatchObject({ limit: 1, windowMs: 2000 });
	});

	test('set to 1 while two share the key, the vendor refuses in the first window; each then keeps to what got through', async () => {
		const result = await simulate({ processes: 2, setting: 1, limit: 20, windowMs: 3000, perProcess: 60, headers: false });
		expect(result.refused).toBeGreaterThan(0);
		expect(result.refusedAfterFirstWindow).toBe(0);
		expect(result.accepted).toHaveLength(120);
	});

	test("with the vendor's count (X-RateLimit-Remaining / Reset) two processes are never refused, and use ≥ 0.9 of the limit", async () => {
		const result = await simulate({ processes: 2, setting: 2, limit: 20, windowMs: 3000, perProcess: 60, headers: true });
		expect(result.refused).toBe(0);
		expect(sustainedShare(result.accepted, 20, 3000)).toBeGreaterThanOrEqual(0.9);
	});

	test("with the vendor's count, a process count set too low is caught by what others are seen sending", async () => {
		const result = await simulate({ processes: 2, setting: 1, limit: 20, windowMs: 3000, perProcess: 60, headers: true });
		expect(result.refusedAfterFirstWindow).toBe(0);
		expect(result.refused).toBeLessThanOrEqual(1);
		expect(result.accepted).toHaveLength(120);
	});

	test('a stray refusal halves the process\'s pace for a while instead of stopping it', () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		const policy = { limit: 500, windowMs: 300_000, scope: 'token' as const };
		pacer.refused('k', policy);
		expect(pacer.share('k', policy).limit).toBe(250);
		clock.advance(10 * 306_000 + 1);
		expect(pacer.share('k', policy).limit).toBe(500);
	});

	test('an answer that arrives late does not undo a newer count', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(clock.now, clock.wait);
		const policy = { limit: 1000, windowMs: 60_000, scope: 'token' as const };
		for (let i = 0; i < 5; i++) await pacer.acquire('k', policy);
		pacer.observe('k', 5, { remaining: 0, resetAt: clock.now() + 4000 });
		pacer.observe('k', 3, { remaining: 50, resetAt: clock.now() + 4000 });
		expect(pacer.delayFor('k', policy)).toBeGreaterThanOrEqual(4000);
	});
});
