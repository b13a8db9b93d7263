import type { ResourceDefinition } from '../../../shared/operations/types';

const userLocator = {
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator' as const,
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Eduframe user',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list' as const,
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string' as const,
			placeholder: 'e.g. 1234',
			validation: [
				{
					type: 'regex' as const,
					properties: { regex: '^[0-9]+$', errorMessage: 'A user ID is a whole number, e.g. 1234' },
				},
			],
		},
	],
};

export const userResource: ResourceDefinition = {
	value: 'user',
	// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many -- a resource, not an option
	name: 'User',
	defaultOperation: 'getAll',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			description: 'List users, newest or oldest first, filtered by role, email or label',
			method: 'GET',
			path: '/users',
			list: true,
			queryFrom: ['filters'],
			properties: [
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{
							displayName: 'Email',
							name: 'email',
							type: 'string',
							placeholder: 'name@email.com',
							default: '',
							description: 'Only the user with this email address',
						},
						{
							displayName: 'Label IDs',
							name: 'label_id',
							type: 'string',
							default: '',
							description: 'Only users with these labels (comma-separated label IDs)',
						},
						{
							displayName: 'Role',
							name: 'role',
							type: 'options',
							default: 'student',
							options: [
								{ name: 'Admin', value: 'admin' },
								{ name: 'Customer', value: 'customer' },
								{ name: 'Student', value: 'student' },
								{ name: 'Teacher', value: 'teacher' },
							],
							description: 'Only users with this role',
						},
						{
							displayName: 'Sort',
							name: 'sort',
							type: 'options',
							default: 'created_at:desc',
							options: [
								{ name: 'Newest First', value: 'created_at:desc' },
								{ name: 'Oldest First', value: 'created_at:asc' },
							],
							description: 'Order of the users by creation time',
						},
					],
				},
			],
			prepare: (parameters) => {
				const filters = (parameters.filters ?? {}) as { label_id?: string };
				if (!filters.label_id) return {};
				const ids = String(filters.label_id)
					.split(',')
					.map((id) => id.trim())
					.filter(Boolean);
				return { qs: { label_id: ids } };
			},
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get one user by ID',
			method: 'GET',
			path: '/users/{id}',
			pathParameters: { id: 'userId' },
			properties: [userLocator],
		},
	],
};
