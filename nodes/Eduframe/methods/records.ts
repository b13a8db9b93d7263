import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { nextFromLinkHeader } from '../../shared/transport/paginate';
import { vendorRequest } from '../../shared/transport/request';
import { eduframeProfile } from '../transport';

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

/** Every record of a short list, for a dropdown (follows pages; these lists are small). */
export async function allOptions(ctx: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	let page: string | undefined = path;
	let first = true;
	while (page && options.length < 1000) {
		const response = await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url: page, qs: first ? { per_page: 100 } : undefined });
		first = false;
		for (const record of Array.isArray(response.body) ? (response.body as IDataObject[]) : []) {
			options.push({ name: recordLabel(record), value: Number(record.id) });
		}
		const link = response.headers.link;
		page = nextFromLinkHeader(Array.isArray(link) ? link.join(', ') : link);
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
