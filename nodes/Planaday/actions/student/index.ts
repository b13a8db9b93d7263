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
			description: 'Create a student without a booking; a second run creates them again (a newer Planaday feature, not yet in Planaday’s own documentation)',
			method: 'POST',
			path: '/student',
			properties: [
				{
					displayName:
						'Planaday cannot look students up, so this node cannot see whether the person is already there: running the workflow again creates them again. To prevent that, put n8n’s Remove Duplicates node before this one, set to "Remove Items Processed in Previous Executions" with the email as the value.',
					name: 'createAgainNotice',
					type: 'notice',
					default: '',
				},
				...studentProperties(),
			],
			bodyFrom: ['first_name', 'last_name', 'email', 'more'],
			prepare: (parameters) => ({
				body: studentBlock({ first_name: parameters.first_name, last_name: parameters.last_name, email: parameters.email, more: parameters.more }, 'Student'),
			}),
		},
	],
};
