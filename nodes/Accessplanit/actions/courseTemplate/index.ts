import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

/** Course templates are read-only in the API, and their list takes no filter. */
export const courseTemplateResource: ResourceDefinition = {
	value: 'courseTemplate',
	name: 'Course Template',
	defaultOperation: GET_MANY,
	operations: moduleOperations(
		{
			module: 'CourseTemplate',
			noun: 'course template',
			plural: 'course templates',
			idParameter: 'courseTemplateId',
			idExample: '12',
			readFields: ['ID', 'Name', 'Type', 'Category'],
			noServerQuery: true,
		},
		['getAll', 'get'],
	),
};
