import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../../shared/operations/types';

/**
 * Order → Book: Eduframe's booking. One order for one or more students on a catalog variant (a
 * planned course or program edition on sale), approved at once unless a manager should approve it.
 */
export function extraOperations(generated: OperationDefinition[]): OperationDefinition[] {
	const create = generated.find((operation) => operation.value === 'create');
	if (!create?.properties) return [];
	const byName = (name: string) => create.properties!.find((property) => property.name === name) as INodeProperties;
	const additional = byName('additionalFields');
	const students: INodeProperties = {
		displayName: 'Student IDs',
		name: 'student_ids',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12, 34 or {{ $json.eduframeUserId }}',
		description: 'The Eduframe users to enroll, separated by commas',
	};
	const approve: INodeProperties = {
		displayName: 'Approve Now',
		name: 'approve',
		type: 'boolean',
		default: true,
		description: 'Whether to approve the order at once, which enrolls the students; turn off to leave it for approval in Eduframe',
	};
	return [
		{
			...create,
			value: 'book',
			name: 'Book',
			action: 'Book students on a course',
			description: 'Order places on a catalog variant for one or more students, approved at once or left for approval',
			properties: [
				byName('catalog_variant_id'),
				{
					...byName('creator_id'),
					description: 'Who places the order in Eduframe: the HR contact who books, or the student (the same user ID as below) when people book themselves',
				},
				students,
				approve,
				{
					...additional,
					options: (additional.options ?? []).filter((option) => !['student_ids', 'approve'].includes((option as INodeProperties).name)),
				},
			],
			bodyFrom: ['catalog_variant_id', 'creator_id', 'student_ids', 'approve', 'additionalFields'],
			fields: { ...create.fields, student_ids: 'idList' },
		},
	];
}
