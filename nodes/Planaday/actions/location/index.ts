import type { ResourceDefinition } from '../../../shared/operations/types';
import { idField, wholeNumberIds } from '../../methods/fields';

export const locationResource: ResourceDefinition = {
	value: 'location',
	name: 'Location',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a location',
			description: 'Get one location (as referenced by a daypart)',
			method: 'GET',
			path: '/location/{id}',
			pathParameters: { id: 'locationId' },
			buildBody: wholeNumberIds('locationId', 'Location ID'),
			properties: [idField('Location ID', 'locationId', '3', 'The location, as listed on a daypart')],
		},
	],
};
