import type { IDataObject } from 'n8n-workflow';

/** Planaday's days are `YYYYMMDD`; people read `YYYY-MM-DD` (and n8n's date helpers take it too). */
export function planadayDay(value: unknown): unknown {
	const match = typeof value === 'string' || typeof value === 'number' ? /^(\d{4})(\d{2})(\d{2})$/.exec(String(value)) : null;
	return match ? `${match[1]}-${match[2]}-${match[3]}` : value;
}

/** Keys that hold a day as Planaday writes them. */
const DAY_KEY = /(^|_)date($|_)|^date_of_birth$/i;

/** The places left on a course (Planaday's `users.available`), when the record says. */
function placesLeftOf(record: IDataObject): number | undefined {
	const users = record.users;
	if (!users || typeof users !== 'object' || Array.isArray(users)) return undefined;
	const available = (users as IDataObject).available;
	return available === undefined || available === null || Number.isNaN(Number(available)) ? undefined : Math.max(0, Number(available));
}

/**
 * A Planaday record as people read it: days as `YYYY-MM-DD` (nested records too, e.g. a course's
 * dayparts), and a course's places left and whether it is full next to its places.
 */
export function readablePlanaday(record: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (DAY_KEY.test(key)) result[key] = planadayDay(value) as IDataObject[string];
		else if (Array.isArray(value)) result[key] = value.map((entry) => (entry && typeof entry === 'object' && !Array.isArray(entry) ? readablePlanaday(entry as IDataObject) : entry)) as IDataObject[];
		else if (value && typeof value === 'object' && !(value instanceof Date)) result[key] = readablePlanaday(value as IDataObject);
		else result[key] = value;
		if (key === 'users') {
			const left = placesLeftOf(record);
			if (left !== undefined) Object.assign(result, { places_left: left, full: left === 0 });
		}
	}
	return result;
}
