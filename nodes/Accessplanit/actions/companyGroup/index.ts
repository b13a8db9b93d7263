import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

/** Company groups are accessplanit's account groups. */
export const companyGroupResource: ResourceDefinition = {
	value: 'companyGroup',
	name: 'Company Group',
	defaultOperation: GET_MANY,
	operations: moduleOperations({
		module: 'CompanyGroup',
		noun: 'company group',
		plural: 'company groups',
		idParameter: 'companyGroupId',
		idExample: '3',
		readFields: ['ID', 'Name', 'Description', 'DateCreated', 'DateUpdated'],
		create: { required: [{ api: 'Name', label: 'Name', placeholder: 'e.g. Northern Region' }], optional: [{ api: 'Description', label: 'Description' }] },
		update: [{ api: 'Name', label: 'Name' }, { api: 'Description', label: 'Description' }],
	}),
};
