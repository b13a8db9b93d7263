import type { ResourceDefinition } from '../../../shared/operations/types';
import { listOptions, listQuery, odataLiteral } from '../../methods/filter';

/** The User fields the HR integration guide names. */
export const USER_FIELDS = [
	'ID', 'Forenames', 'Surname', 'Email', 'ExternalID', 'MainCompanyID', 'MainCompanyName', 'MainRoleID', 'MainRoleLabel', 'JobTitle', 'Status',
	'Address', 'Town', 'County', 'Postcode', 'Country', 'Phone', 'Mobile', 'MarketingOptIn', 'DateCreated', 'DateUpdated',
];

export const userResource: ResourceDefinition = {
	value: 'user',
	name: 'User',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			description: 'List users that meet the conditions',
			method: 'GET',
			path: '/User',
			list: true,
			properties: listOptions(USER_FIELDS),
			queryFrom: [],
			bodyFrom: ['filters', 'options'],
			prepare: (parameters) => ({ qs: listQuery(parameters), body: undefined }),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get one user by ID (e.g. jasmit)',
			method: 'GET',
			path: '/User',
			properties: [{ displayName: 'User ID', name: 'userId', type: 'string', required: true, default: '', placeholder: 'e.g. jasmit' }],
			bodyFrom: ['userId'],
			prepare: (parameters) => ({ qs: { $filter: `ID eq ${odataLiteral(String(parameters.userId ?? '').trim())}` } }),
			output: (body) => {
				const results = ((body as { results?: unknown[] } | undefined)?.results ?? []) as Array<Record<string, never>>;
				if (!results.length) throw new Error('accessplanit has no user with this ID');
				return [results[0]];
			},
		},
	],
};
