import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

export const venueResource: ResourceDefinition = {
	value: 'venue',
	name: 'Venue',
	defaultOperation: GET_MANY,
	operations: moduleOperations(
		{
			module: 'Venue',
			noun: 'venue',
			plural: 'venues',
			idParameter: 'venueId',
			idExample: '4',
			readFields: ['ID', 'Name', 'Alias', 'Address', 'Town', 'Postcode', 'Capacity', 'DateCreated', 'DateUpdated'],
		},
		['getAll', 'get'],
	),
};
