import type { ResourceDefinition } from '../../../shared/operations/types';
import { wholeNumberIds } from '../../methods/fields';

export const courseTemplateResource: ResourceDefinition = {
	value: 'courseTemplate',
	name: 'Course Template',
	operations: [
		{ value: 'getAll', name: 'Get Many', action: 'Get many course templates', description: 'List the course templates', method: 'GET', path: '/coursetemplate/list', list: true },
		{
			value: 'get',
			name: 'Get',
			action: 'Get a course template',
			description: 'Get one course template',
			method: 'GET',
			path: '/coursetemplate/{id}',
			pathParameters: { id: 'courseTemplateId' },
			buildBody: wholeNumberIds('courseTemplateId', 'Course Template Name or ID'),
			properties: [
				{
					displayName: 'Course Template Name or ID',
					name: 'courseTemplateId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCourseTemplates' },
					required: true,
					default: '',
					description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
	],
};
