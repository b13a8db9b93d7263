import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WRITES_SIDE_BY_SIDE, type ResourceDefinition } from '../../../shared/operations/types';
import { vendorRequest } from '../../../shared/transport/request';
import { odataLiteral } from '../../methods/filter';
import { accessplanitProfile, resultsOf } from '../../transport';
import { GET_MANY, moduleOperations, type FieldSpec, type ModuleSpec } from '../module';

export const USER_STATUSES = ['Enabled', 'New', 'Disabled'];

/** The User fields the HR integration guide names. */
export const USER_FIELDS = [
	'ID', 'Forenames', 'Surname', 'Email', 'ExternalID', 'MainCompanyID', 'MainCompanyName', 'MainRoleID', 'MainRoleLabel', 'JobTitle', 'Status',
	'Address', 'Town', 'County', 'Postcode', 'Country', 'Phone', 'Mobile', 'MarketingOptIn', 'DateCreated', 'DateUpdated',
];

/** The fields the guide sends when HR creates or updates a user. */
const WRITABLE: FieldSpec[] = [
	{ api: 'ExternalID', label: 'External ID', description: "The user's ID in the HR system; Create or Update matches on it", placeholder: 'e.g. HR00042' },
	{ api: 'MainCompanyID', label: 'Main Company', type: 'options', loadOptions: 'getCompanies', description: "The user's main employment company (account)" },
	{ api: 'MainRoleID', label: 'Main Role ID', type: 'number', description: "The user's main level of access in accessplanit" },
	{ api: 'JobTitle', label: 'Job Title' },
	{ api: 'Status', label: 'Status', type: 'options', options: USER_STATUSES, default: 'Enabled' },
	{ api: 'Address', label: 'Address', placeholder: 'e.g. 1 Main Street' },
	{ api: 'Town', label: 'Town', placeholder: 'e.g. Lancaster' },
	{ api: 'County', label: 'County', placeholder: 'e.g. Lancashire' },
	{ api: 'Postcode', label: 'Postcode', placeholder: 'e.g. LA1 1AB' },
	{ api: 'Country', label: 'Country', placeholder: 'e.g. United Kingdom' },
	{ api: 'Phone', label: 'Phone' },
	{ api: 'Mobile', label: 'Mobile' },
	{ api: 'MarketingOptIn', label: 'Marketing Opt In', type: 'boolean', description: 'Whether the user agreed to receive marketing' },
];
const NAMES: FieldSpec[] = [
	{ api: 'Forenames', label: 'Forenames', placeholder: 'e.g. James' },
	{ api: 'Surname', label: 'Surname', placeholder: 'e.g. Smith' },
	{ api: 'Email', label: 'Email', type: 'email' },
];

export const userModule: ModuleSpec = {
	module: 'User',
	noun: 'user',
	plural: 'users',
	idParameter: 'userId',
	idExample: 'jasmit',
	idSearch: 'searchUsers',
	statuses: USER_STATUSES,
	readFields: USER_FIELDS,
	create: { required: NAMES, optional: WRITABLE },
	update: [...NAMES, ...WRITABLE],
};

// User keeps its own Create or Update (found by External ID first, so two users with one External ID are refused).
const operations = moduleOperations(userModule, ['getAll', 'get', 'create', 'update', 'delete']);
const create = operations.find((operation) => operation.value === 'create')!;

export const userResource: ResourceDefinition = {
	value: 'user',
	name: 'User',
	defaultOperation: GET_MANY,
	operations: [
		...operations,
		{
			...create,
			value: 'createOrUpdate',
			name: 'Create or Update',
			action: 'Create or update a user',
			description: "Find the user by External ID (the HR system's ID); update them when found, create them otherwise",
			properties: [
				{ displayName: 'External ID', name: 'ExternalID', type: 'string', required: true, default: '', placeholder: 'e.g. HR00042', description: "The user's ID in the HR system, used to find them" },
				...(create.properties ?? []).map((property) =>
					property.name === 'additionalFields' ? { ...property, options: (property.options ?? []).filter((option) => option.name !== 'ExternalID') } : property,
				),
			],
			bodyFrom: ['ExternalID', ...(create.bodyFrom ?? [])],
			// Safe side by side: one External ID never runs twice at once, and a repeat only updates.
			concurrency: WRITES_SIDE_BY_SIDE,
			concurrencyKey: (ctx, itemIndex) => String(ctx.getNodeParameter('ExternalID', itemIndex, '')).trim(),
			run: async (ctx, itemIndex, { body }) => {
				const externalId = String(body.ExternalID ?? '').trim();
				if (!externalId) {
					throw new NodeOperationError(ctx.getNode(), 'The field "External ID" is empty', { itemIndex, description: "Map the HR system's employee ID into External ID." });
				}
				body.ExternalID = externalId;
				const found = await vendorRequest.call(ctx, accessplanitProfile, {
					method: 'GET',
					url: '/User',
					qs: { $filter: `ExternalID eq ${odataLiteral(externalId)}`, $top: 2 },
					itemIndex,
				});
				const matches = resultsOf(found.body);
				if (matches.length > 1) {
					throw new NodeOperationError(ctx.getNode(), `Several accessplanit users have External ID "${externalId}"`, {
						itemIndex,
						description: `Users ${matches.map((user) => String(user.ID)).join(', ')} share it. Give each user their own External ID in accessplanit, then run again.`,
					});
				}
				if (matches.length === 1) {
					const id = String(matches[0].ID);
					const updated = await vendorRequest.call(ctx, accessplanitProfile, { method: 'PUT', url: `/User/${encodeURIComponent(id)}`, body, idempotent: true, itemIndex });
					return [{ ...(updated.body as IDataObject), outcome: 'updated' }];
				}
				const created = await vendorRequest.call(ctx, accessplanitProfile, { method: 'POST', url: '/User', body, itemIndex });
				return [{ ...(created.body as IDataObject), outcome: 'created' }];
			},
		},
	],
};
