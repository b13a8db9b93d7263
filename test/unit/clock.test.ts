/** The test clock itself: where the run placed it, and placing it by hand. */
import { moveClock, placeClock, requestedClock, restoreClock } from '../harness/clock';

test('every test file starts at the instant the run asked for (TEST_CLOCK), or at the real time', () => {
	const shown = Date.now();
	if (requestedClock) {
		// The file started at the instant and the clock runs on at the real pace.
		expect(shown - Date.parse(requestedClock)).toBeGreaterThanOrEqual(0);
		expect(shown - Date.parse(requestedClock)).toBeLessThan(60_000);
	} else {
		expect(Math.abs(shown - performance.timeOrigin - performance.now())).toBeLessThan(1_000);
	}
	expect(Math.abs(new Date().getTime() - shown)).toBeLessThan(1_000);
});

test('a test can place the clock, move it, and put it back; the clock keeps running', async () => {
	const before = Date.now();
	placeClock('2028-02-29T22:59:59+01:00');
	expect(new Date().toISOString().slice(0, 19)).toBe('2028-02-29T21:59:59');
	expect(new Date(2026, 0, 1).getFullYear()).toBe(2026);
	expect(new Date() instanceof Date).toBe(true);
	expect(String(Date())).toMatch(/2028/);
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(Date.now() - Date.parse('2028-02-29T21:59:59Z')).toBeGreaterThanOrEqual(45);
	moveClock(2);
	expect(new Date().toISOString().slice(0, 16)).toBe('2028-02-29T22:01');
	restoreClock();
	expect(Math.abs(Date.now() - before)).toBeLessThan(5_000);
	expect(() => placeClock('2028-02-29T22:59:59')).toThrow('placeClock needs an instant with its offset');
});
