import type { ResourceDefinition } from '../../../shared/operations/types';
import { studentBlock, studentProperties } from '../booking/studentFields';

export const studentResource: ResourceDefinition = {
	value: 'student',
	name: 'Student',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a student',
			description: 'Newer API feature, not in Planaday’s published document: create a student without a booking',
			method: 'POST',
			path: '/student',
			properties: studentProperties(),
			bodyFrom: ['first_name', 'last_name', 'email', 'more'],
			prepare: (parameters) => ({
				body: studentBlock({ first_name: parameters.first_name, last_name: parameters.last_name, email: parameters.email, more: parameters.more }, 'Student'),
			}),
		},
	],
};
