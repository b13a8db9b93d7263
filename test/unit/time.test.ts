/** Vendor days and wall clocks (nodes/shared/time.ts) and the date fields built on them. */
import { compactDate, convertField } from '../../nodes/shared/operations/execute';
import { addDays, calendarDay, dayIn, isoIn, isCalendarDay, readableDay, wallClockIn } from '../../nodes/shared/time';

const at = (iso: string) => Date.parse(iso);

describe('a vendor day is the day in its zone at one instant', () => {
	test.each([
		['2026-01-15T22:59:59Z', 'Europe/Amsterdam', '2026-01-15'],
		['2026-01-15T23:00:00Z', 'Europe/Amsterdam', '2026-01-16'],
		['2026-07-15T21:59:59Z', 'Europe/Amsterdam', '2026-07-15'],
		['2026-07-15T22:00:00Z', 'Europe/Amsterdam', '2026-07-16'],
		['2026-07-15T23:30:00Z', 'Europe/London', '2026-07-16'],
		['2026-01-15T23:30:00Z', 'Europe/London', '2026-01-15'],
		['2028-02-29T22:59:59Z', 'Europe/Amsterdam', '2028-02-29'],
		['2028-02-28T23:00:00Z', 'Europe/Amsterdam', '2028-02-29'],
		['2026-12-31T23:00:00Z', 'Europe/Amsterdam', '2027-01-01'],
	])('%s in %s is %s', (instant, zone, day) => {
		expect(dayIn(zone, at(instant))).toBe(day);
	});

	test.each([
		// Summer time starts in Amsterdam at 01:00 UTC on 29 March 2026: 02:00 becomes 03:00.
		['2026-03-29T00:59:59Z', 'Europe/Amsterdam', '2026-03-29T01:59:59', '2026-03-29T01:59:59+01:00'],
		['2026-03-29T01:00:00Z', 'Europe/Amsterdam', '2026-03-29T03:00:00', '2026-03-29T03:00:00+02:00'],
		// It ends at 01:00 UTC on 25 October 2026: 03:00 becomes 02:00, so 02:30 happens twice.
		['2026-10-25T00:30:00Z', 'Europe/Amsterdam', '2026-10-25T02:30:00', '2026-10-25T02:30:00+02:00'],
		['2026-10-25T01:30:00Z', 'Europe/Amsterdam', '2026-10-25T02:30:00', '2026-10-25T02:30:00+01:00'],
		['2026-07-01T08:30:00Z', 'Europe/London', '2026-07-01T09:30:00', '2026-07-01T09:30:00+01:00'],
		['2026-01-15T23:30:00.999Z', 'Europe/London', '2026-01-15T23:30:00', '2026-01-15T23:30:00+00:00'],
	])('%s in %s reads %s on the wall clock (%s)', (instant, zone, wall, iso) => {
		expect(wallClockIn(zone, at(instant))).toBe(wall);
		expect(isoIn(zone, at(instant))).toBe(iso);
		expect(Date.parse(iso)).toBe(Math.floor(at(instant) / 1000) * 1000);
	});
});

describe('days are counted on the calendar', () => {
	test.each([
		['2026-10-25', 1, '2026-10-26'],
		['2026-03-28', 1, '2026-03-29'],
		['2026-03-29', 1, '2026-03-30'],
		['2028-02-28', 1, '2028-02-29'],
		['2028-02-29', 1, '2028-03-01'],
		['2027-02-28', 1, '2027-03-01'],
		['2028-02-29', 365, '2029-02-28'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-03-01', -1, '2026-02-28'],
	])('%s plus %i day(s) is %s', (day, days, expected) => {
		expect(addDays(day, days)).toBe(expected);
	});

	test('only days on the calendar are days', () => {
		expect(['2028-02-29', '2026-12-31', '2026-04-30'].every(isCalendarDay)).toBe(true);
		expect(['2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '26-01-01', 'tomorrow'].some(isCalendarDay)).toBe(false);
	});
});

describe('what a date field means', () => {
	test.each([
		['a plain date', '2026-03-31', '2026-03-31'],
		['Planaday form', '20260331', '2026-03-31'],
		["a date picker's local date-time", '2026-03-31T00:00:00', '2026-03-31'],
		['a local time late in the evening stays on its day', '2026-03-31T23:30:00', '2026-03-31'],
		['$today in Tokyo (start of the day with its offset)', '2026-03-31T00:00:00.000+09:00', '2026-03-31'],
		['$today in New York', '2026-03-31T00:00:00.000-04:00', '2026-03-31'],
		['an instant at 23:30 UTC is the next day in Amsterdam', '2026-03-31T23:30:00.000Z', '2026-04-01'],
		['an instant in the evening in New York', '2026-03-31T20:00:00-04:00', '2026-04-01'],
		['29 February of a leap year', '2028-02-29', '2028-02-29'],
	])('%s: %s is %s', (_what, value, day) => {
		expect(calendarDay(value, 'Europe/Amsterdam')).toBe(day);
	});

	test('a luxon DateTime ($today) is read through its ISO form', () => {
		expect(calendarDay({ toISO: () => '2026-11-24T00:00:00.000+13:00' }, 'Europe/Amsterdam')).toBe('2026-11-24');
	});

	test.each(['2027-02-29', '20270229', '2026-04-31T10:00:00', '2026-02-30T00:00:00.000Z', 'last week', ''])('"%s" is refused with the field named', (value) => {
		expect(calendarDay(value, 'Europe/Amsterdam')).toBeUndefined();
		expect(() => compactDate(value, 'Date of Birth')).toThrow(`The field "Date of Birth" needs a date, e.g. 2026-03-31 (got "${value}")`);
		expect(() => convertField('date', 'Payment Date', value)).toThrow('The field "Payment Date" needs a date');
		expect(() => convertField('dateTime', 'Target Date', value)).toThrow('The field "Target Date" needs a date');
	});

	test('the field kinds send what each vendor expects', () => {
		expect(compactDate('2026-03-31T23:30:00.000Z', 'From')).toBe('20260401');
		expect(convertField('date', 'Payment Date', '2026-03-31T23:30:00.000Z')).toBe('2026-04-01');
		expect(convertField('date', 'Payment Date', '2028-02-29T00:00:00')).toBe('2028-02-29');
		expect(convertField('dateTime', 'Target Date', '2027-06-25T00:00:00')).toBe('2027-06-25T00:00:00');
	});
});

describe('readableDay', () => {
	test.each([
		['20261124', 'Tue 24 Nov 2026'],
		['2026-11-24', 'Tue 24 Nov 2026'],
		['2026-02-28T09:00:00', 'Sat 28 Feb 2026'],
		['2024-02-29', 'Thu 29 Feb 2024'],
		['20260230', '20260230'],
		['next week', 'next week'],
		['', ''],
	])('%s reads as %s', (value, expected) => {
		expect(readableDay(value)).toBe(expected);
	});
});
