import type { OperationDefinition, ResourceDefinition } from '../../../shared/operations/types';
import { courseLocator, daypartLocator, instructorLocator, wholeNumberIds } from '../../methods/fields';

const NEWER = ' (a newer Planaday feature, not yet in Planaday’s own documentation)';

function link(value: string, name: string, method: 'POST' | 'DELETE', target: 'daypart' | 'course'): OperationDefinition {
	// The parameter names are those of the text fields these pickers replaced, so saved workflows keep their values.
	const targetField =
		target === 'daypart' ? daypartLocator('daypart_id') : { ...courseLocator('course_id'), description: 'The course: pick it from the coming courses, or enter its ID as listed by Course → Get Many' };
	return {
		value,
		name,
		// "Assign an instructor to a daypart", "Remove an instructor from a course".
		action: `${method === 'POST' ? 'Assign an instructor to' : 'Remove an instructor from'} ${target === 'daypart' ? 'a daypart' : 'a course'}`,
		description: `${method === 'POST' ? 'Assign the instructor to' : 'Remove the instructor from'} ${target === 'daypart' ? 'a daypart' : 'every daypart of a course'}${NEWER}`,
		method,
		path: `/instructor/{id}/${target}/`,
		pathParameters: { id: 'instructorId' },
		buildBody: wholeNumberIds('instructorId', 'Instructor'),
		idempotent: true,
		properties: [instructorLocator(), targetField],
		bodyFrom: [target === 'daypart' ? 'daypart_id' : 'course_id'],
		fields: { [target === 'daypart' ? 'daypart_id' : 'course_id']: 'integer' },
	};
}

export const instructorResource: ResourceDefinition = {
	value: 'instructor',
	name: 'Instructor',
	operations: [
		{ value: 'getAll', name: 'Get Many', action: 'Get many instructors', description: `List the instructors${NEWER}`, method: 'GET', path: '/instructor/list', list: true },
		link('assignToDaypart', 'Assign to Daypart', 'POST', 'daypart'),
		link('removeFromDaypart', 'Remove From Daypart', 'DELETE', 'daypart'),
		link('assignToCourse', 'Assign to Course', 'POST', 'course'),
		link('removeFromCourse', 'Remove From Course', 'DELETE', 'course'),
	],
};
