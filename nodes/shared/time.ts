/**
 * Days and wall-clock times as a vendor keeps them, in the vendor's own time zone. "Today" is
 * always the vendor's day at one instant, and days are counted on the calendar, never in 24-hour
 * steps (a day around a daylight-saving change lasts 23 or 25 hours).
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
	let format = formats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formats.set(timeZone, format);
	}
	return format;
}

/** The wall-clock time in `timeZone` at `instant`, as `YYYY-MM-DDTHH:mm:ss` (no zone). */
export function wallClockIn(timeZone: string, instant: number = Date.now()): string {
	const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `instant` as ISO 8601 in `timeZone`'s wall-clock time with its offset (`2026-11-24T00:30:00+01:00`). */
export function isoIn(timeZone: string, instant: number = Date.now()): string {
	const wall = wallClockIn(timeZone, instant);
	const minutes = Math.round((Date.parse(`${wall}Z`) - Math.floor(instant / 1000) * 1000) / 60_000);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar day in `timeZone` at `instant`, as `YYYY-MM-DD`. */
export function dayIn(timeZone: string, instant: number = Date.now()): string {
	return wallClockIn(timeZone, instant).slice(0, 10);
}

/** `day` (`YYYY-MM-DD`) moved by a number of calendar days. */
export function addDays(day: string, days: number): string {
	const [year, month, date] = day.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** True when `YYYY-MM-DD` names a day on the calendar (not 2027-02-29, not 2026-04-31). */
export function isCalendarDay(day: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return false;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const check = new Date(Date.UTC(year, month - 1, date));
	return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date;
}

/**
 * The calendar day a date field's value means, as `YYYY-MM-DD`:
 * - a plain date (`2026-03-31`, `20260331`) or a date picker's local date-time is taken as written;
 * - the start of a day with its offset (`$today` in any zone: `2026-03-31T00:00:00.000+09:00`) is that day;
 * - any other instant is the day it falls on in `timeZone`, the vendor's zone.
 * Returns undefined when the value is no date, or a day that is not on the calendar.
 */
export function calendarDay(value: unknown, timeZone: string): string | undefined {
	const text = typeof value === 'object' && value !== null && 'toISO' in value ? String((value as { toISO(): string }).toISO()) : String(value ?? '').trim();
	const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
	if (compact) return isCalendarDay(`${compact[1]}-${compact[2]}-${compact[3]}`) ? `${compact[1]}-${compact[2]}-${compact[3]}` : undefined;
	const written = /^(\d{4}-\d{2}-\d{2})(?:$|T[\d:.]+$|T00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d\d:?\d\d)$)/.exec(text);
	if (written) return isCalendarDay(written[1]) ? written[1] : undefined;
	const day = /^(\d{4}-\d{2}-\d{2})T/.exec(text);
	if (day && !isCalendarDay(day[1])) return undefined;
	const instant = Date.parse(text);
	return Number.isNaN(instant) ? undefined : dayIn(timeZone, instant);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar day as people read it ("Tue 24 Nov 2026"), from the forms vendors send (`20261124`,
 * `2026-11-24`, or the day part of a timestamp). Anything else comes back unchanged.
 */
export function readableDay(value: unknown): string {
	const text = String(value ?? '').trim();
	const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])/.exec(text);
	if (!match) return text;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return text;
	return `${WEEKDAYS[date.getUTCDay()]} ${day} ${MONTHS[month - 1]} ${year}`;
}
