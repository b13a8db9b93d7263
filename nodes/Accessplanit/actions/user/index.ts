import { WRITES_SIDE_BY_SIDE, type ResourceDefinition } from '../../../shared/operations/types';
import { createOrUpdateRecord, GET_MANY, moduleOperations, type FieldSpec, type ModuleSpec } from '../module';
import { syncFromHrOperation } from './syncFromHr';

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

// User keeps its own Create or Update: always matched on External ID, the HR system's ID (a field of its own).
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
			description: "Find the user by External ID (the HR system's ID); update them when exactly one has it, create them when none has",
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
				const { ExternalID: externalId, ...values } = body;
				return [await createOrUpdateRecord(ctx, itemIndex, userModule, { field: 'ExternalID', label: 'External ID', value: externalId }, values)];
			},
		},
		syncFromHrOperation,
	],
};
