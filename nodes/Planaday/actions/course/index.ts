import type { ResourceDefinition } from '../../../shared/operations/types';
import { courseFilters, courseLocator } from '../../methods/fields';

export const courseResource: ResourceDefinition = {
	value: 'course',
	// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many -- a resource, not an option
	name: 'Course',
	defaultOperation: 'getAll',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many courses',
			description: 'List the courses planned between two dates, optionally of one template or with given labels',
			method: 'GET',
			path: '/course/list',
			list: true,
			properties: [
				{ displayName: 'From', name: 'start', type: 'dateTime', required: true, default: '', description: 'First day of the period (Europe/Amsterdam)' },
				{ displayName: 'To', name: 'end', type: 'dateTime', required: true, default: '', description: 'Last day of the period (Europe/Amsterdam)' },
				courseFilters(),
			],
			queryFrom: ['start', 'end', 'filters'],
			fields: { start: 'compactDate', end: 'compactDate', label: 'commaJoined' },
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a course',
			description: 'Get one course with its dayparts, places, costs and attributes',
			method: 'GET',
			path: '/course/{id}',
			pathParameters: { id: 'courseId' },
			properties: [courseLocator()],
		},
		{
			value: 'getDayparts',
			name: 'Get Dayparts',
			action: 'Get the dayparts of a course',
			description: 'List the dayparts (sessions) of a course with their dates, times and locations',
			method: 'GET',
			path: '/course/{id}/dayparts',
			pathParameters: { id: 'courseId' },
			list: true,
			properties: [courseLocator()],
		},
		{
			value: 'getMaterials',
			name: 'Get Materials',
			action: 'Get the materials of a course',
			description: 'List the materials that can be booked with a course',
			method: 'GET',
			path: '/course/{id}/materials',
			pathParameters: { id: 'courseId' },
			list: true,
			properties: [courseLocator()],
		},
	],
};
