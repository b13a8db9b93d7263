import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

/**
 * The statuses of a manager's authorisation. The HR guide lists the fields only; these are the ones
 * the flow shows (waiting, then approved when the request is booked, or declined or closed).
 */
export const AUTHORISATION_STATUSES = ['Awaiting', 'Approved', 'Declined', 'Closed'];

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
			// The filter builder offers Status as a dropdown, like the user and delegate statuses.
			statuses: AUTHORISATION_STATUSES,
			readFields: [
				'ID', 'UserCourseDateID', 'UserID', 'UserForenames', 'UserSurname', 'ManagerUserID', 'CourseName', 'CourseDateID',
				'CourseDateStartDate', 'CourseDateEndDate', 'VenueName', 'Status', 'DateCreated',
			],
			// The platform names the user and the course, not the manager.
			names: ['ManagerUserID'],
		},
		['getAll'],
	),
};
