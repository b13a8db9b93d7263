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

/** A course picked from a searchable list (courses of the coming year) or by ID. */
export function courseLocator(name = 'courseId', required = true): INodeProperties {
	return {
		displayName: 'Course',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: 'The planned course',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchCourses', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1234',
				validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'A course ID is a whole number, e.g. 1234' } }],
			},
		],
	};
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
