import type { ResourceDefinition } from '../../../shared/operations/types';
import { daypartLocator, wholeNumberIds } from '../../methods/fields';

const daypartId = daypartLocator('daypartId');

export const daypartResource: ResourceDefinition = {
	value: 'daypart',
	name: 'Daypart',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a daypart', description: 'Get one daypart of a course', method: 'GET', path: '/daypart/{id}', pathParameters: { id: 'daypartId' }, buildBody: wholeNumberIds('daypartId', 'Daypart'), names: ['course_id', 'locations[].id', 'instructors[].id'], properties: [daypartId] },
		{
			value: 'getMaterials',
			name: 'Get Materials',
			action: 'Get the materials of a daypart',
			description: 'List the materials of a daypart',
			method: 'GET',
			path: '/daypart/{id}/materials',
			pathParameters: { id: 'daypartId' },
			buildBody: wholeNumberIds('daypartId', 'Daypart'),
			list: true,
			names: ['course_id'],
			properties: [daypartId],
		},
	],
};
