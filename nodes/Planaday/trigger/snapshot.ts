import type { IDataObject } from 'n8n-workflow';

/** What the trigger remembers of one course: just enough to see the changes it reports. */
export interface CourseState {
	/** status */
	s: string;
	/** start date (YYYYMMDD) */
	d: string;
	/** places: available */
	a: number;
	/** places: maximum */
	m: number;
	/** dayparts' dates, joined (a moved daypart changes the course's dates) */
	p: string;
}

export type Snapshot = Record<string, CourseState>;

export type PlanadayEvent = 'courseAdded' | 'courseChanged' | 'courseFull' | 'placesOpened' | 'courseRemoved';

export const EVENT_NAMES: Record<PlanadayEvent, string> = {
	courseAdded: 'New Course Planned',
	courseChanged: 'Course Changed',
	courseFull: 'Course Became Full',
	placesOpened: 'Places Opened Up',
	courseRemoved: 'Course Cancelled or Removed',
};

export const EVENT_DESCRIPTIONS: Record<PlanadayEvent, string> = {
	courseAdded: 'A course is in the watched days for the first time: newly planned, moved into them, or reached as the days pass',
	courseChanged: 'Status, start date, places or daypart dates of a watched course changed',
	courseFull: 'A watched course has no places left',
	placesOpened: 'A full watched course has places again',
	courseRemoved: 'A watched course was cancelled or deleted (a course that only starts, or moves beyond the watched days, is not reported)',
};

const CANCELLED = /^(cancel+ed|removed|deleted)$/i;

export function stateOf(course: IDataObject): CourseState {
	const users = (course.users ?? {}) as IDataObject;
	const parts = Array.isArray(course.dayparts) ? (course.dayparts as IDataObject[]) : [];
	return {
		s: String(course.status ?? ''),
		d: String(course.start_date ?? course.date ?? ''),
		a: Number(users.available ?? 0),
		m: Number(users.max ?? 0),
		p: parts.map((part) => String(part.date ?? part.id ?? '')).join(','),
	};
}

export interface Change {
	event: PlanadayEvent;
	courseId: string;
	course?: IDataObject;
	previous?: CourseState;
	changed?: string[];
}

const FIELD_NAMES: Record<keyof CourseState, string> = { s: 'status', d: 'start date', a: 'available places', m: 'maximum places', p: 'daypart dates' };

/**
 * The events between the last snapshot and the courses seen now. Courses missing now are
 * passed to `vanished` to tell a removal from a course that only left the window.
 */
export function compare(previous: Snapshot, courses: IDataObject[]): { changes: Change[]; next: Snapshot; missing: string[] } {
	const next: Snapshot = {};
	const changes: Change[] = [];
	for (const course of courses) {
		const id = String(course.id);
		const now = stateOf(course);
		next[id] = now;
		const before = previous[id];
		if (!before) {
			changes.push({ event: 'courseAdded', courseId: id, course });
			continue;
		}
		const changed = (Object.keys(now) as Array<keyof CourseState>).filter((key) => now[key] !== before[key]);
		if (!changed.length) continue;
		if (CANCELLED.test(now.s) && !CANCELLED.test(before.s)) {
			changes.push({ event: 'courseRemoved', courseId: id, course, previous: before, changed: changed.map((key) => FIELD_NAMES[key]) });
			continue;
		}
		changes.push({ event: 'courseChanged', courseId: id, course, previous: before, changed: changed.map((key) => FIELD_NAMES[key]) });
		if (before.a > 0 && now.a <= 0) changes.push({ event: 'courseFull', courseId: id, course, previous: before });
		if (before.a <= 0 && now.a > 0) changes.push({ event: 'placesOpened', courseId: id, course, previous: before });
	}
	const missing = Object.keys(previous).filter((id) => !(id in next));
	return { changes, next, missing };
}
