import type { ResourceDefinition } from '../../../shared/operations/types';
import { paginate } from '../../../shared/transport/paginate';
import { courseFilters, courseLocator, wholeNumberIds } from '../../methods/fields';
import { readablePlanaday } from '../../methods/readable';
import { planadayPagination, planadayProfile } from '../../transport';

export const courseResource: ResourceDefinition = {
	value: 'course',
	name: 'Course',
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
				{
					displayName: 'Only Courses With Places Left',
					name: 'withPlacesLeft',
					type: 'boolean',
					default: false,
					description: 'Whether to leave out the courses that are full. Planaday cannot filter on places, so every course of the period is read and the full ones are left out here.',
				},
				courseFilters(),
			],
			queryFrom: ['start', 'end', 'filters'],
			// The template by name (a few reads in all); a course's dayparts are named by Get (one read per course).
			names: ['coursetemplate.id'],
			fields: { start: 'compactDate', end: 'compactDate', label: 'commaJoined' },
			run: async (ctx, itemIndex, { qs, url }) => {
				const withRoom = ctx.getNodeParameter('withPlacesLeft', itemIndex, false) as boolean;
				const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
				const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
				// With the filter, the whole period is read: Planaday's list cannot leave the full courses out.
				const courses = await paginate.call(ctx, planadayProfile, planadayPagination, { url, qs, returnAll: returnAll || withRoom, limit, itemIndex });
				const kept = courses.map(readablePlanaday).filter((course) => !withRoom || course.full === false);
				return limit === undefined ? kept : kept.slice(0, limit);
			},
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a course',
			description: 'Get one course with its dayparts, places, costs and attributes',
			method: 'GET',
			path: '/course/{id}',
			pathParameters: { id: 'courseId' },
			buildBody: wholeNumberIds('courseId', 'Course'),
			names: ['coursetemplate.id', 'dayparts[].id'],
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
			buildBody: wholeNumberIds('courseId', 'Course'),
			list: true,
			names: ['course_id', 'locations[].id', 'instructors[].id'],
			properties: [courseLocator()],
		},
		{
			value: 'getImages',
			name: 'Get Images',
			action: 'Get the images of a course',
			description: 'List the images of a course; Image → Download gets one as a file (a newer Planaday feature, not yet in Planaday’s own documentation)',
			method: 'GET',
			path: '/course/{id}/images',
			pathParameters: { id: 'courseId' },
			buildBody: wholeNumberIds('courseId', 'Course'),
			list: true,
			names: ['course_id'],
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
			buildBody: wholeNumberIds('courseId', 'Course'),
			list: true,
			names: ['course_id'],
			properties: [courseLocator()],
		},
	],
};
