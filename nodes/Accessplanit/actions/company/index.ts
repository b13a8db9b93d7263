import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations, type FieldSpec } from '../module';

const CONTACT: FieldSpec[] = [
	{ api: 'ExternalID', label: 'External ID', description: "The company's ID in another system" },
	{ api: 'Email', label: 'Email', type: 'email' },
	{ api: 'Phone', label: 'Phone' },
	{ api: 'Address', label: 'Address' },
	{ api: 'Town', label: 'Town' },
	{ api: 'County', label: 'County' },
	{ api: 'Postcode', label: 'Postcode' },
	{ api: 'Country', label: 'Country' },
	{ api: 'IsTrainingProvider', label: 'Is Training Provider', type: 'boolean', description: 'Whether the company delivers courses' },
];

/** Companies are accessplanit's accounts (IDs are codes like DOEV908E). */
export const companyResource: ResourceDefinition = {
	value: 'company',
	name: 'Company (Account)',
	defaultOperation: GET_MANY,
	operations: moduleOperations({
		module: 'Company',
		noun: 'company',
		plural: 'companies',
		idParameter: 'companyId',
		idExample: 'DOEV908E',
		idSearch: 'searchCompanies',
		readFields: ['ID', 'Name', 'ExternalID', 'CompanyGroupID', 'Email', 'Phone', 'Town', 'Postcode', 'IsTrainingProvider', 'DateCreated', 'DateUpdated'],
		names: ['CompanyGroupID'],
		create: {
			required: [{ api: 'Name', label: 'Name', placeholder: 'e.g. Douglas Group' }],
			// The account group is set when the company is created; only an administrator can move it later.
			optional: [{ api: 'CompanyGroupID', label: 'Company Group', type: 'options', loadOptions: 'getCompanyGroups' }, ...CONTACT],
		},
		update: [{ api: 'Name', label: 'Name' }, ...CONTACT],
	}),
};
