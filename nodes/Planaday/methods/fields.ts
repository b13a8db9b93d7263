import type { INodeProperties } from 'n8n-workflow';

import { idsChecked, WHOLE_NUMBER, type IdShape } from '../../shared/operations/pathIds';

/**
 * A booking's ID as Planaday gives it (Booking → Book's `booking_id`): "API", then hexadecimal digits,
 * a dot and digits, e.g. API5ce597c40e0fc6.85265205 (the document's example; the sandbox makes them so).
 */
export const BOOKING_ID: IdShape = { pattern: /^API[0-9a-f]+\.\d+$/i, example: 'API5ce597c40e0fc6.85265205', words: 'a booking ID as Planaday gives it' };

/** An image's ID, as Course → Get Images lists it: letters and digits (dashes and underscores inside). */
export const IMAGE_ID: IdShape = { pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/, example: 'img00010', words: 'an image ID as Course → Get Images lists it' };

/** Planaday's other IDs in paths (courses, dayparts, locations, templates, instructors) are whole numbers. */
export const wholeNumberIds = (parameter: string, label: string) => idsChecked([{ parameter, label, shape: WHOLE_NUMBER }]);

/**
 * A record picked from a searchable list or typed as its ID (a whole number). A workflow that holds a
 * plain ID as text, from before the field was a picker, still runs: the node reads either.
 */
function wholeNumberLocator(displayName: string, name: string, required: boolean, description: string, searchListMethod: string, example: string, kind: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: `${kind} ID is a whole number, e.g. ${example}` } }],
			},
		],
	};
}

/** A course picked from a searchable list (courses of the coming year) or by ID. */
export function courseLocator(name = 'courseId', required = true): INodeProperties {
	return wholeNumberLocator('Course', name, required, 'The planned course', 'searchCourses', '1234', 'A course');
}

/** A daypart (session) picked from the dayparts of the coming courses, or by ID. */
export function daypartLocator(name = 'daypartId'): INodeProperties {
	return wholeNumberLocator('Daypart', name, true, 'The daypart (session): pick it by its course, or enter its ID as listed by Course → Get Dayparts', 'searchDayparts', '76', 'A daypart');
}

/** An instructor picked by name, or by ID. */
export function instructorLocator(name = 'instructorId'): INodeProperties {
	return wholeNumberLocator('Instructor', name, true, 'The instructor: pick them by name, or enter their ID as listed by Instructor → Get Many', 'searchInstructors', '15', 'An instructor');
}

/** A plain ID field. */
export function idField(displayName: string, name: string, example: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', placeholder: `e.g. ${example}`, description };
}

/** The template and label filters of Planaday's course list (the node's Course → Get Many and the trigger). */
export function courseFilters(): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Course Template Name or ID',
				name: 'templateid',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCourseTemplates' },
				default: '',
				description: 'Only courses of this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Label Names or IDs',
				name: 'label',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLabels' },
				default: [],
				description: 'Only courses that have all of these labels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	};
}
