import type { IDataObject } from 'n8n-workflow';

import { INVOICE_MONEY } from '../actions/invoice';

export type AccessplanitEvent =
	| 'userCreated'
	| 'userUpdated'
	| 'delegateRegistered'
	| 'delegateChanged'
	| 'delegateUpdated'
	| 'courseRequestAwaitingApproval'
	| 'delegateCompleted'
	| 'userTargetedForAward'
	| 'courseDateChanged'
	| 'invoiceChanged'
	| 'recordCreated'
	| 'recordUpdated';

/** What the trigger's optional filters mean for one event: the record field each one is compared with. */
interface FilterFields {
	company?: string;
	trainingProvider?: string;
	courseTemplate?: string;
}

/** One event of the HR integration guide, as data: which module, which time, which records. */
export interface EventSpec {
	name: string;
	description: string;
	module: string;
	/** The time the cursor follows. */
	time: 'DateCreated' | 'DateUpdated';
	/** Conditions every record of the event meets, sent in `$filter`. */
	filter?: (now: string) => string[];
	/** Conditions checked here (accessplanit has no OR), after the cursor has seen the record. */
	keep?: (record: IDataObject) => boolean;
	filters: FilterFields;
	/** The statuses reported when the user names none (checked here, as accessplanit has no OR). */
	defaultStatuses?: string[];
	/**
	 * The event is a change of status, so the trigger remembers statuses: `changed` reports a
	 * delegate whose status differs from the one seen before; `reached` reports each record once
	 * when it first has this status.
	 */
	statusMemory?: { mode: 'changed' } | { mode: 'reached'; status: string };
	/** Amounts kept in pence, shown in pounds. */
	money?: string[];
	/** The module is the one chosen in the trigger (Record Created / Record Updated on any module). */
	anyModule?: boolean;
}

const DELEGATE_FILTERS: FilterFields = { company: 'CompanyID', trainingProvider: 'TrainingProviderID', courseTemplate: 'CourseTemplateID' };

export const EVENTS: Record<AccessplanitEvent, EventSpec> = {
	userCreated: {
		name: 'User Created',
		description: 'A user was created in accessplanit',
		module: 'User',
		time: 'DateCreated',
		filters: { company: 'MainCompanyID' },
		defaultStatuses: ['Enabled', 'New'],
	},
	userUpdated: {
		name: 'User Updated',
		description: "A user's details changed in accessplanit (not their creation)",
		module: 'User',
		time: 'DateUpdated',
		keep: (record) => record.DateUpdated !== record.DateCreated,
		filters: { company: 'MainCompanyID' },
		defaultStatuses: ['Enabled', 'New'],
	},
	delegateRegistered: {
		name: 'Delegate Registered',
		description: 'A user was registered onto a course date',
		module: 'UserCourseDate',
		time: 'DateCreated',
		filters: DELEGATE_FILTERS,
		defaultStatuses: ['Booked', 'Provisional', 'InProgress', 'Completed'],
	},
	delegateChanged: {
		name: 'Delegate Updated',
		description: "A delegate was changed in any way (the guide's 'date updated has changed'); keeps no memory",
		module: 'UserCourseDate',
		time: 'DateUpdated',
		keep: (record) => record.DateUpdated !== record.DateCreated,
		filters: DELEGATE_FILTERS,
	},
	delegateUpdated: {
		name: 'Delegate Status Changed',
		description: "A delegate's status changed (e.g. Booked to Cancelled); the output has PreviousStatus. Remembers every delegate's status (one entry per delegate).",
		module: 'UserCourseDate',
		time: 'DateUpdated',
		filters: DELEGATE_FILTERS,
		statusMemory: { mode: 'changed' },
	},
	courseRequestAwaitingApproval: {
		name: 'Course Request Awaiting Approval',
		description: 'A user asked for a place (a provisional delegate) on a course that has not started',
		module: 'UserCourseDate',
		time: 'DateCreated',
		filter: (now) => ["Status eq 'Provisional'", `CourseDateStartDate gt '${now}'`],
		filters: DELEGATE_FILTERS,
	},
	delegateCompleted: {
		name: 'Delegate Completed',
		description: 'A delegate completed their course (reported once per delegate)',
		module: 'UserCourseDate',
		time: 'DateUpdated',
		filter: () => ["Status eq 'Completed'"],
		filters: DELEGATE_FILTERS,
		statusMemory: { mode: 'reached', status: 'Completed' },
	},
	userTargetedForAward: {
		name: 'User Targeted for an Award',
		description: 'A user was given an award to achieve by a target date',
		module: 'UserAward',
		time: 'DateCreated',
		filter: () => ["Status eq 'Target'"],
		filters: {},
	},
	courseDateChanged: {
		name: 'Course Date Created or Updated',
		description: 'A course date was scheduled or changed',
		module: 'CourseDate',
		time: 'DateUpdated',
		filters: { trainingProvider: 'CompanyID', courseTemplate: 'CourseTemplateID' },
		money: ['NetCost', 'Tax'],
	},
	invoiceChanged: {
		name: 'Invoice Created or Updated',
		description: 'An invoice was raised or changed (e.g. paid)',
		module: 'Invoice',
		time: 'DateUpdated',
		filters: { company: 'CompanyID' },
		money: INVOICE_MONEY,
	},
	recordCreated: {
		name: 'Record Created in Any Module',
		description: 'A record was created in the module you choose (any module whose records carry DateCreated)',
		module: '',
		time: 'DateCreated',
		filters: {},
		anyModule: true,
	},
	recordUpdated: {
		name: 'Record Created or Updated in Any Module',
		description: 'A record was created or changed in the module you choose (any module whose records carry DateUpdated)',
		module: '',
		time: 'DateUpdated',
		filters: {},
		anyModule: true,
	},
};
