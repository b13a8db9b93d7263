import type { INodeProperties } from 'n8n-workflow';

/**
 * Custom associations of a course, planned course, program or program edition: the custom records
 * linked per association, sent as `{ "<association slug>": [record ids] }` (field kind `idListsByKey`).
 */
export function customAssociationsField(name: string, description: string): INodeProperties {
	return {
		displayName: 'Custom Associations',
		name,
		description,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Association',
		default: {},
		options: [
			{
				displayName: 'Association',
				name: 'association',
				values: [
					{ displayName: 'Association Slug', name: 'slug', type: 'string', default: '', placeholder: 'e.g. trainers', description: 'The association, as its slug in Eduframe (Settings → Custom objects)' },
					{ displayName: 'Record IDs', name: 'recordIds', type: 'string', default: '', placeholder: 'e.g. 12, 34', description: 'The custom records to link, separated by commas; empty links none' },
				],
			},
		],
	};
}
