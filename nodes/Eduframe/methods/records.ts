import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { dayIn, readableDay } from '../../shared/time';
import { paginate } from '../../shared/transport/paginate';
import { EDUFRAME_TIME_ZONE, eduframePagination, eduframeProfile } from '../transport';

/** The name of any Eduframe record as people say it: a person's full name, a course's name, an order's number. */
export function recordName(record: IDataObject): string {
	const person = [record.first_name, record.middle_name, record.last_name].filter(Boolean).join(' ');
	// Text always: an order's number comes as a number.
	return String(
		(record.name as string) ||
		(record.title as string) ||
		person ||
		(record.number as string) ||
		(record.code as string) ||
		(record.display_name as string) ||
		`#${String(record.id)}`
	);
}

/** A readable name for any Eduframe record, for pickers and dropdowns: the name, and what tells two apart. */
export function recordLabel(record: IDataObject): string {
	const main = recordName(record);
	const extra = [record.email, record.start_date ? readableDay(record.start_date) : undefined, record.status].filter(Boolean).join(', ');
	return extra ? `${main} (${extra})` : main;
}

/** Every record of a short list, for a dropdown (the shared pagination follows the pages; capped at 1,000). */
export async function allOptions(ctx: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const records = await paginate.call(ctx, eduframeProfile, eduframePagination, { url: path, returnAll: false, limit: 1000 });
	return records.map((record) => ({ name: recordLabel(record), value: Number(record.id) })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Places left as people read them: "6 places left", "1 place left", "full"; empty when no maximum is set. */
export function placesLeft(left: unknown): string {
	if (left === undefined || left === null || left === '' || Number.isNaN(Number(left))) return '';
	const count = Math.max(0, Math.floor(Number(left)));
	return count === 0 ? 'full' : `${count} ${count === 1 ? 'place' : 'places'} left`;
}

/** The places left on a planned course: its maximum less its participants (none when Eduframe sets no maximum). */
export function plannedCourseRoom(record: IDataObject): number | undefined {
	if (record.max_participants === undefined || record.max_participants === null || record.current_participants === undefined || record.current_participants === null) return undefined;
	return Math.max(0, Number(record.max_participants) - Number(record.current_participants));
}

/** The planned courses still to come (from today, as Eduframe counts days), soonest first. */
export const UPCOMING_QUERY = (): IDataObject => ({ start_date_from: dayIn(EDUFRAME_TIME_ZONE), status: 'planned', sort: 'start_date:asc' });

