import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

export const trainerResource: ResourceDefinition = {
	value: 'trainer',
	name: 'Trainer',
	defaultOperation: GET_MANY,
	operations: moduleOperations(
		{
			module: 'Trainer',
			noun: 'trainer',
			plural: 'trainers',
			idParameter: 'trainerId',
			idExample: '2',
			readFields: ['ID', 'UserID', 'Name', 'Email', 'DateCreated', 'DateUpdated'],
		},
		['getAll', 'get'],
	),
};
