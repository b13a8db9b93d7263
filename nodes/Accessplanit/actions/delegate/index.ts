import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResourceDefinition } from '../../../shared/operations/types';
import { vendorRequest } from '../../../shared/transport/request';
import { splitWords } from '../../methods/filter';
import { accessplanitProfile } from '../../transport';
import { GET_MANY, customFieldsProperty, fieldProperty, findRecord, idLocator, moduleOperations, requiredId } from '../module';

export const DELEGATE_STATUSES = ['Provisional', 'Booked', 'InProgress', 'Completed', 'Cancelled', 'Transferred'];

/** The fields of a delegate the HR guide names. */
export const DELEGATE_FIELDS = [
	'ID', 'UserID', 'UserFullName', 'CandidateEmailAddress', 'CourseDateID', 'CourseDateDetailsLabel', 'CourseDateStartDate', 'CourseTemplateID',
	'Status', 'CompanyID', 'CompanyName', 'TrainingProviderID', 'ManagersEmailAddresses', 'Description', 'DateCreated', 'DateUpdated',
];

const NO_REFUND =
	'Cancelling or transferring here only changes the delegate\'s status: accessplanit raises no refund or credit note. Use the Cancellation or Transfer Wizard in accessplanit when money must go back.';

const delegateId: INodeProperties = {
	displayName: 'Delegate ID',
	name: 'delegateId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. pebrid~12368',
	description: "The delegate's ID: the user's ID and the course date's ID joined by ~",
};
const notice = (text: string): INodeProperties => ({ displayName: text, name: 'notice', type: 'notice', default: '' });
const userLocator = idLocator('User', 'UserID', 'searchUsers', 'pebrid');
const courseDateLocator = (name: string, displayName = 'Course Date') => idLocator(displayName, name, 'searchCourseDates', '12368');

const DELEGATE = { module: 'UserCourseDate', noun: 'delegate', idExample: 'pebrid~12368' };

/** The delegate an item names: its ID's form is checked before the record is read. */
async function readDelegate(ctx: IExecuteFunctions, itemIndex: number): Promise<{ id: string; delegate: IDataObject }> {
	const id = requiredId(ctx, itemIndex, 'delegateId', 'Delegate ID', DELEGATE.idExample);
	if (!/^[^~]+~[^~]+$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), `"${id}" is not a delegate ID`, { itemIndex, description: "A delegate ID is the user's ID and the course date's ID joined by ~, e.g. pebrid~12368." });
	}
	return { id, delegate: await findRecord(ctx, itemIndex, DELEGATE, id) };
}

async function setStatus(ctx: IExecuteFunctions, itemIndex: number, id: string, body: IDataObject): Promise<IDataObject> {
	const response = await vendorRequest.call(ctx, accessplanitProfile, { method: 'PUT', url: `/UserCourseDate/${encodeURIComponent(id)}`, body, idempotent: true, itemIndex });
	return response.body as IDataObject;
}

const [getAll, get, update, remove] = moduleOperations({
	module: 'UserCourseDate',
	noun: 'delegate',
	plural: 'delegates',
	idParameter: 'delegateId',
	idExample: 'pebrid~12368',
	statuses: DELEGATE_STATUSES,
	readFields: DELEGATE_FIELDS,
	names: ['CourseTemplateID', 'TrainingProviderID'],
	update: [
		{ api: 'Status', label: 'Status', type: 'options', options: DELEGATE_STATUSES, default: 'Booked', description: 'Cancelled or Transferred here raises no refund or credit note' },
		{ api: 'CompanyID', label: 'Company', type: 'options', loadOptions: 'getCompanies', description: 'The company (account) the delegate is booked with' },
	],
}, ['getAll', 'get', 'update', 'delete']);

/** Delegates are users on course dates (UserCourseDate); their IDs are `userId~courseDateId`. */
export const delegateResource: ResourceDefinition = {
	value: 'delegate',
	name: 'Delegate',
	defaultOperation: GET_MANY,
	operations: [
		getAll,
		get,
		{ ...update, properties: [notice(NO_REFUND), ...(update.properties ?? [])] },
		remove,
		{
			value: 'book',
			name: 'Book',
			action: 'Book a user onto a course date',
			description: 'Register a user as a delegate on a course date',
			method: 'POST',
			path: '/UserCourseDate',
			properties: [
				userLocator,
				courseDateLocator('CourseDateID'),
				{ ...fieldProperty({ api: 'Status', label: 'Status', type: 'options', options: ['Booked', 'Provisional'], default: 'Booked' }), description: 'Provisional when a manager still has to approve' },
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [fieldProperty({ api: 'CompanyID', label: 'Company', type: 'options', loadOptions: 'getCompanies', description: 'The company (account) the user books with' })],
				},
				customFieldsProperty,
			],
			bodyFrom: ['UserID', 'CourseDateID', 'Status', 'additionalFields'],
			requiredBody: [
				{ key: 'UserID', label: 'User' },
				{ key: 'CourseDateID', label: 'Course Date' },
			],
			bodyPairs: ['customFields'],
		},
		{
			value: 'approve',
			name: 'Approve Request',
			action: 'Approve a course request',
			description: 'Book a provisional delegate (a course request a manager approved)',
			method: 'PUT',
			path: '/UserCourseDate/{delegateId}',
			properties: [delegateId],
			run: async (ctx, itemIndex) => {
				const { id, delegate } = await readDelegate(ctx, itemIndex);
				// Approving twice is harmless; approving a cancelled or completed delegate would rebook them.
				if (delegate.Status === 'Booked') return [{ ...delegate, outcome: 'alreadyBooked' }];
				if (delegate.Status !== 'Provisional') {
					throw new NodeOperationError(ctx.getNode(), `Delegate ${id} is ${splitWords(String(delegate.Status))}, not a course request`, {
						itemIndex,
						description: 'Only provisional delegates (requests awaiting approval) can be approved. To book them anyway, use Delegate → Update with Status Booked.',
					});
				}
				return [{ ...(await setStatus(ctx, itemIndex, id, { Status: 'Booked' })), outcome: 'approved' }];
			},
		},
		{
			value: 'cancel',
			name: 'Cancel',
			action: 'Cancel a delegate',
			description: "Set a delegate's status to Cancelled",
			method: 'PUT',
			path: '/UserCourseDate/{delegateId}',
			properties: [notice(NO_REFUND), delegateId],
			run: async (ctx, itemIndex) => {
				const { id } = await readDelegate(ctx, itemIndex);
				return [await setStatus(ctx, itemIndex, id, { Status: 'Cancelled' })];
			},
		},
		{
			value: 'transfer',
			name: 'Transfer',
			action: 'Transfer a delegate to another course date',
			description: 'Book the user onto another course date and mark this place Transferred',
			method: 'PUT',
			path: '/UserCourseDate/{delegateId}',
			properties: [notice(NO_REFUND), delegateId, courseDateLocator('toCourseDateId', 'To Course Date')],
			run: async (ctx, itemIndex) => {
				const { id, delegate } = await readDelegate(ctx, itemIndex);
				const target = requiredId(ctx, itemIndex, 'toCourseDateId', 'To Course Date', '12368');
				// The new place is booked for the delegate's user: the record read must be that user's (its ID says whose).
				const [userId] = id.split('~');
				if (String(delegate.UserID ?? '').trim() !== userId) {
					throw new NodeOperationError(ctx.getNode(), `accessplanit answered delegate ${id} with the user "${String(delegate.UserID ?? '')}", not "${userId}"`, {
						itemIndex,
						description: 'Nothing was written: the record read is not the one asked for. Run again later; if it happens again, check the delegate in accessplanit.',
					});
				}
				if (String(delegate.CourseDateID) === target) {
					throw new NodeOperationError(ctx.getNode(), `Delegate ${id} is already on course date ${target}`, { itemIndex, description: 'Pick another course date under "To Course Date".' });
				}
				if (!['Provisional', 'Booked', 'InProgress'].includes(String(delegate.Status))) {
					throw new NodeOperationError(ctx.getNode(), `Delegate ${id} is ${splitWords(String(delegate.Status))} and cannot be transferred`, { itemIndex, description: 'Only provisional, booked or in-progress delegates can move to another course date.' });
				}
				// The new place first: when it is refused the old place stays as it was. It is never sent twice.
				const created = await vendorRequest.call(ctx, accessplanitProfile, {
					method: 'POST',
					url: '/UserCourseDate',
					body: { UserID: userId, CourseDateID: target, Status: delegate.Status === 'Provisional' ? 'Provisional' : 'Booked', ...(delegate.CompanyID ? { CompanyID: delegate.CompanyID } : {}) },
					itemIndex,
				});
				const old = await setStatus(ctx, itemIndex, id, { Status: 'Transferred' });
				return [{ ...(created.body as IDataObject), transferredFrom: old }];
			},
		},
	],
};
