import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { paginate } from '../../shared/transport/paginate';
import { eduframePagination, eduframeProfile } from '../transport';

/** A readable name for any Eduframe record, for pickers and dropdowns. */
export function recordLabel(record: IDataObject): string {
	const person = [record.first_name, record.middle_name, record.last_name].filter(Boolean).join(' ');
	const main =
		(record.name as string) ||
		(record.title as string) ||
		person ||
		(record.number as string) ||
		(record.code as string) ||
		(record.display_name as string) ||
		`#${String(record.id)}`;
	const extra = [record.email, record.start_date, record.status].filter(Boolean).join(', ');
	return extra ? `${main} (${extra})` : main;
}

/** Every record of a short list, for a dropdown (the shared pagination follows the pages; capped at 1,000). */
export async function allOptions(ctx: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const records = await paginate.call(ctx, eduframeProfile, eduframePagination, { url: path, returnAll: false, limit: 1000 });
	return records.map((record) => ({ name: recordLabel(record), value: Number(record.id) })).sort((a, b) => a.name.localeCompare(b.name));
}
