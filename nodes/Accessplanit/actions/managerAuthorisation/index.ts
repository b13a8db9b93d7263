import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

/** Course requests waiting for a manager's approval (the guide's flow e). */
export const managerAuthorisationResource: ResourceDefinition = {
	value: 'managerAuthorisation',
	name: 'Manager Authorisation',
	defaultOperation: GET_MANY,
	operations: moduleOperations(
		{
			module: 'ManagerUserCourseDateAuthorisation',
			noun: 'manager authorisation',
			plural: 'manager authorisations',
			idParameter: 'authorisationId',
			idExample: '7',
			readFields: [
				'ID', 'UserCourseDateID', 'UserID', 'UserForenames', 'UserSurname', 'ManagerUserID', 'CourseName', 'CourseDateID',
				'CourseDateStartDate', 'CourseDateEndDate', 'VenueName', 'Status', 'DateCreated',
			],
		},
		['getAll'],
	),
};
