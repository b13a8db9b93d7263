import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readableDay } from '../../shared/time';
import { paginate } from '../../shared/transport/paginate';
import { eduframePagination, eduframeProfile } from '../transport';

/** The name of any Eduframe record as people say it: a person's full name, a course's name, an order's number. */
export function recordName(record: IDataObject): string {
	const person = [record.first_name, record.middle_name, record.last_name].filter(Boolean).join(' ');
	return (
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
