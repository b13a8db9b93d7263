/**
 * Puts the test clock (installed by setup.js, see clock-setup.js) at a chosen instant for the tests that
 * are about one: the Planaday day at 23:05 UTC, a daylight-saving change, 29 February.
 */
interface TestClock {
	now(): number;
	place(ms: number): void;
	move(ms: number): void;
	restore(): void;
	requested?: string;
}

const clock = (globalThis as unknown as { __testClock: TestClock }).__testClock;

/** The clock shows `instant` (an ISO string with its offset) and runs on from there. */
export function placeClock(instant: string): void {
	const ms = Date.parse(instant);
	if (Number.isNaN(ms) || !/(Z|[+-]\d\d:\d\d)$/.test(instant)) throw new Error(`placeClock needs an instant with its offset, got "${instant}"`);
	clock.place(ms);
}

/** Moves the clock by a number of minutes (negative moves it back). */
export function moveClock(minutes: number): void {
	clock.move(minutes * 60_000);
}

/** Back to the run's own clock (TEST_CLOCK or the real time). */
export function restoreClock(): void {
	clock.restore();
}

/** The instant the whole run was started at (TEST_CLOCK), if one was asked for. */
export const requestedClock = clock.requested;
