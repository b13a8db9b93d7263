import type { INodeProperties } from 'n8n-workflow';

/** A record picked "From List" (searchable) or "By ID": the field every Eduframe ID uses. */
export function locator(name: string, searchListMethod: string, label: string, example: string, required: boolean): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: `The ${label.toLowerCase()}`,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[0-9]+$', errorMessage: `A ${label.toLowerCase()} ID is a whole number, e.g. ${example}` },
					},
				],
			},
		],
	};
}
