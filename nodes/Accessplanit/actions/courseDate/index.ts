import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from '../../../shared/operations/types';
import { showInPounds } from '../../methods/money';
import { GET_MANY, idLocator, moduleOperations, requiredId, type FieldSpec } from '../module';

const MONEY = ['NetCost', 'Tax'];

export const COURSE_DATE_STATUSES = ['Available', 'Cancelled', 'Completed', 'Failed', 'FullyBooked', 'InProgress', 'OnHold', 'Provisional', 'Unknown'];

const DETAILS: FieldSpec[] = [
	{ api: 'ExternalID', label: 'External ID', description: 'At most 255 characters' },
	{ api: 'Name', label: 'Name (Course Alias)', description: 'Shown instead of the template name' },
	{ api: 'CompanyID', label: 'Training Provider', type: 'options', loadOptions: 'getTrainingProviders', description: 'The training provider account that runs the course' },
	{ api: 'NetCost', label: 'Net Cost', type: 'money' },
	{ api: 'ChargePerDelegate', label: 'Charge Per Delegate', type: 'boolean', description: 'Whether the cost is per delegate (otherwise per session)' },
	{ api: 'SessionalCostType', label: 'Sessional Cost Type', type: 'options', options: ['CourseDateCost', 'CourseDateCostPlusOptionalSessions', 'CourseDateCostPlusSessions', 'SumOfSessions', 'Unknown'] },
	{ api: 'Duration', label: 'Duration', type: 'number' },
	{ api: 'DurationType', label: 'Duration Type', type: 'options', options: ['Day', 'Hour', 'Minute'] },
	{ api: 'AimsText', label: 'Aims Text' },
	{ api: 'CourseIsAdvertised', label: 'Course Is Advertised', type: 'boolean' },
	{ api: 'AdvertisedStartDate', label: 'Advertised Start Date', type: 'dateTime' },
	{ api: 'AdvertisedEndDate', label: 'Advertised End Date', type: 'dateTime' },
	{ api: 'MinPlaces', label: 'Min Places', type: 'number' },
];
const START: FieldSpec = { api: 'StartDate', label: 'Start Date', type: 'dateTime' };
const END: FieldSpec = { api: 'EndDate', label: 'End Date', type: 'dateTime' };
const STATUS: FieldSpec = { api: 'Status', label: 'Status', type: 'options', options: COURSE_DATE_STATUSES, default: 'Available' };
const MAX: FieldSpec = { api: 'MaxPlaces', label: 'Max Places', type: 'number', default: 12 };

/** The documented rules for course dates, checked before anything is sent. */
function checkCourseDate(body: IDataObject): void {
	const before = (a: string, b: string) => {
		if (body[a] === undefined || body[b] === undefined) return;
		if (Date.parse(String(body[a])) >= Date.parse(String(body[b]))) throw new Error(`The field "${a}" must be before "${b}"`);
	};
	before('StartDate', 'EndDate');
	before('AdvertisedStartDate', 'AdvertisedEndDate');
	if (body.MaxPlaces !== undefined && !(Number(body.MaxPlaces) > 0)) throw new Error('The field "MaxPlaces" must be a positive number');
	if (body.MinPlaces !== undefined && Number(body.MinPlaces) < 0) throw new Error('The field "MinPlaces" must not be negative');
	if (body.MinPlaces !== undefined && body.MaxPlaces !== undefined && Number(body.MinPlaces) > Number(body.MaxPlaces)) {
		throw new Error('The field "MinPlaces" must not be higher than "MaxPlaces"');
	}
	if (body.ExternalID !== undefined && String(body.ExternalID).length > 255) throw new Error('The field "ExternalID" takes at most 255 characters');
	if (body.Name !== undefined && String(body.Name).length > 255) throw new Error('The field "Name" takes at most 255 characters');
}

const courseDateLocator = idLocator('Course Date', 'courseDateId', 'searchCourseDates', '12368');

function assign(kind: 'venue' | 'trainers', label: string, parameter: string, loadOptions: string): OperationDefinition {
	return {
		value: kind === 'venue' ? 'assignVenue' : 'assignTrainer',
		name: `Assign ${label}`,
		action: `Assign a ${label.toLowerCase()} to a course date`,
		description: `Put a ${label.toLowerCase()} on a course date`,
		method: 'POST',
		path: `/coursedates/{courseDateId}/${kind}/{${parameter}}`,
		// Assigning the same one again changes nothing.
		idempotent: true,
		// Both IDs go into the path: checked before any request.
		buildBody: (ctx, itemIndex) => {
			requiredId(ctx, itemIndex, 'courseDateId', 'Course Date', '12368');
			requiredId(ctx, itemIndex, parameter, `${label} Name or ID`, '12');
			return {};
		},
		properties: [
			courseDateLocator,
			{
				displayName: `${label} Name or ID`,
				name: parameter,
				type: 'options',
				typeOptions: { loadOptionsMethod: loadOptions },
				required: true,
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
		outputRecord: (record) => showInPounds(record, MONEY),
	};
}

export const courseDateResource: ResourceDefinition = {
	value: 'courseDate',
	name: 'Course Date',
	defaultOperation: GET_MANY,
	operations: [
		...moduleOperations({
			module: 'CourseDate',
			noun: 'course date',
			plural: 'course dates',
			idParameter: 'courseDateId',
			idExample: '12368',
			idSearch: 'searchCourseDates',
			statuses: COURSE_DATE_STATUSES,
			readFields: [
				'ID', 'ExternalID', 'Name', 'CourseTemplateID', 'StartDate', 'EndDate', 'Status', 'CompanyID', 'NetCost', 'Tax', 'ChargePerDelegate',
				'PlacesRemaining', 'MaxPlaces', 'MinPlaces', 'Duration', 'DurationType', 'CourseIsAdvertised', 'AdvertisedStartDate', 'AdvertisedEndDate',
				'Location', 'VenueID', 'TimeZone', 'AimsText', 'DateCreated', 'DateUpdated',
			],
			// The company on a course date is its training provider.
			names: ['CourseTemplateID', 'CompanyID'],
			money: MONEY,
			create: {
				required: [{ api: 'CourseTemplateID', label: 'Course Template', type: 'options', loadOptions: 'getCourseTemplates' }, START, END, STATUS, MAX],
				optional: DETAILS,
			},
			update: [START, END, STATUS, MAX, ...DETAILS],
			validate: checkCourseDate,
		}),
		assign('venue', 'Venue', 'venueId', 'getVenues'),
		assign('trainers', 'Trainer', 'trainerId', 'getTrainers'),
	],
};
