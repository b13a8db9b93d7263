/**
 * The sandboxes' calendar: each vendor keeps its days and times in its own zone (Planaday and
 * Eduframe in Europe/Amsterdam, accessplanit in Europe/London), whatever zone the machine is in.
 * Written apart from the nodes' own helpers so a mistake in one is caught by the other.
 */

/** `YYYY-MM-DD HH:mm:ss` in `zone` at `instant` (Swedish formatting is ISO-shaped). */
function wall(zone: string, instant: number): string {
	return new Date(instant).toLocaleString('sv-SE', { timeZone: zone, hour12: false });
}

/** The vendor's calendar day at `instant`, as `YYYY-MM-DD`. */
export function vendorDay(zone: string, instant = Date.now()): string {
	return wall(zone, instant).slice(0, 10);
}

/** The vendor's wall-clock time at `instant`, as `YYYY-MM-DDTHH:mm:ss`. */
export function vendorWallClock(zone: string, instant = Date.now()): string {
	return wall(zone, instant).replace(' ', 'T');
}

/** A `YYYY-MM-DD` day plus `days` calendar days. */
export function plusDays(day: string, days: number): string {
	const noon = Date.parse(`${day}T12:00:00Z`) + days * 86_400_000;
	return new Date(noon).toISOString().slice(0, 10);
}

/**
 * A platform stamp as an instant. Stamps without a zone (accessplanit's `2025-01-01T09:00:00.17`) are
 * the platform's clock, which the sandbox keeps in UTC: never the machine's zone, so a comparison gives
 * the same answer wherever the tests run.
 */
export function stampInstant(value: string): number {
	const text = value.trim();
	if (/[Zz]$|[+-]\d\d:?\d\d$/.test(text)) return Date.parse(text);
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`);
	return Date.parse(`${text}Z`);
}
