import type { IDataObject } from 'n8n-workflow';

import type { ResourceDefinition } from '../../../shared/operations/types';

/**
 * Planaday lists its extra fields grouped per category: one item per field here, with its category,
 * so a field's ID can be mapped into a booking's students.
 */
export function extraFieldsOf(body: unknown): IDataObject[] {
	const groups = Array.isArray(body) ? body : ((body as IDataObject | undefined)?.data ?? (body as IDataObject | undefined)?.extrafields ?? []);
	const fields: IDataObject[] = [];
	for (const group of (Array.isArray(groups) ? groups : []) as IDataObject[]) {
		const inner = (group.extrafields ?? group.fields) as IDataObject[] | undefined;
		if (!Array.isArray(inner)) {
			fields.push(group);
			continue;
		}
		for (const field of inner) fields.push({ ...field, category: group.name ?? group.category ?? null, category_id: group.id ?? null });
	}
	return fields;
}

export const extraFieldResource: ResourceDefinition = {
	value: 'extraField',
	name: 'Extra Field',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many extra fields',
			description: 'List the extra fields defined in Planaday, with their category; a booking’s students take values for them (a newer Planaday feature, not yet in Planaday’s own documentation)',
			method: 'GET',
			path: '/extrafields/list',
			output: extraFieldsOf,
		},
	],
};
