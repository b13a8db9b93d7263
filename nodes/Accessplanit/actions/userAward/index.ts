import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, idLocator, moduleOperations } from '../module';

export const USER_AWARD_STATUSES = ['Target', 'Achieved', 'Expired'];

const [getAll, get, remove] = moduleOperations(
	{
		module: 'UserAward',
		noun: 'user award',
		plural: 'user awards',
		idParameter: 'userAwardId',
		idExample: '57',
		statuses: USER_AWARD_STATUSES,
		readFields: ['ID', 'UserID', 'UserFullname', 'AwardID', 'AwardLabel', 'Status', 'TargetDate', 'DateAchieved', 'ExpiryDate', 'DateCreated', 'DateUpdated'],
	},
	['getAll', 'get', 'delete'],
);

/** Awards a user holds or is targeted to achieve (the guide's flow i). */
export const userAwardResource: ResourceDefinition = {
	value: 'userAward',
	name: 'User Award',
	defaultOperation: GET_MANY,
	operations: [
		getAll,
		get,
		remove,
		{
			value: 'createTarget',
			name: 'Create Target',
			action: 'Target a user to achieve an award',
			description: 'Set an award as a target for a user, with the date to achieve it by',
			method: 'POST',
			path: '/UserAward',
			properties: [
				idLocator('User', 'UserID', 'searchUsers', 'jasmit'),
				{ displayName: 'Award ID', name: 'AwardID', type: 'string', required: true, default: '', placeholder: 'e.g. HOWTOILEoB' },
				{ displayName: 'Target Date', name: 'TargetDate', type: 'dateTime', required: true, default: '', description: 'The date the user should achieve the award by' },
			],
			bodyFrom: ['UserID', 'AwardID', 'TargetDate'],
			fields: { TargetDate: 'dateTime' },
			constantBody: { Status: 'Target' },
			requiredBody: [
				{ key: 'UserID', label: 'User' },
				{ key: 'AwardID', label: 'Award ID' },
				{ key: 'TargetDate', label: 'Target Date' },
			],
		},
	],
};
