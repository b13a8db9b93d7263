/*
 * The test clock, installed by setup.js in every unit and workflow test file before anything else
 * loads, so the node code, the in-process sandboxes and n8n's engine all read it.
 *
 * `Date` is replaced by a subclass-like function whose "now" is the real time plus an offset; time
 * still runs at the real pace, so timeouts, backoff and rate windows behave as they do in use.
 *
 * - TEST_CLOCK=<ISO instant>: every test file starts at that instant (`npm run test:clock` runs
 *   the unit and workflow layers at a list of chosen instants).
 * - Tests that need one particular instant place the clock themselves (test/harness/clock.ts).
 *
 * Intl.DateTimeFormat#format() without an argument and performance.now() keep the real clock; the
 * package's code always passes the instant it means.
 */
const RealDate = globalThis.Date;
const start = process.env.TEST_CLOCK;
let baseOffset = 0;
if (start) {
	const instant = RealDate.parse(start);
	if (Number.isNaN(instant)) throw new Error(`TEST_CLOCK is not an instant: "${start}" (use e.g. 2026-03-29T00:59:57Z)`);
	baseOffset = instant - RealDate.now();
}
let offset = baseOffset;

function ClockDate(...args) {
	if (!new.target) return new RealDate(RealDate.now() + offset).toString();
	return Reflect.construct(RealDate, args.length ? args : [RealDate.now() + offset], new.target);
}
Object.setPrototypeOf(ClockDate, RealDate);
ClockDate.prototype = RealDate.prototype;
ClockDate.now = () => RealDate.now() + offset;
globalThis.Date = ClockDate;

globalThis.__testClock = {
	/** The instant the clock shows (ms). */
	now: () => RealDate.now() + offset,
	/** Puts the clock at `ms`; it runs on from there. */
	place(ms) {
		offset = ms - RealDate.now();
	},
	/** Moves the clock by `ms` (forward or back). */
	move(ms) {
		offset += ms;
	},
	/** Back to where the run's clock stands (TEST_CLOCK's course, or the real time). */
	restore() {
		offset = baseOffset;
	},
	/** The instant the run asked for, if any. */
	requested: start,
};
