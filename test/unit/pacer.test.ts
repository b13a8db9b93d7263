import { credentialKey, Pacer } from '../../nodes/shared';

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

	test('credential keys do not contain the secret', () => {
		const key = credentialKey('https://api.example', 'super-secret-token');
		expect(key).not.toContain('secret');
		expect(key).toBe(credentialKey('https://api.example', 'super-secret-token'));
		expect(key).not.toBe(credentialKey('https://api.example', 'other-token'));
	});
});
