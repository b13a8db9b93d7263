import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { plainValue } from '../../../shared/operations/execute';
import { idsChecked } from '../../../shared/operations/pathIds';
import { WRITES_SIDE_BY_SIDE, type ResourceDefinition } from '../../../shared/operations/types';
import { vendorRequest } from '../../../shared/transport/request';
import { isoIn } from '../../../shared/time';
import { BOOKING_ID, courseLocator, idField } from '../../methods/fields';
import { PLANADAY_TIME_ZONE, planadayProfile } from '../../transport';
import { bookingHints, deleteBookingHints, markPaidHints } from '../../transport/errors';
import { studentBlock, studentProperties } from './studentFields';

const show = (values: NonNullable<IDisplayOptions['show']>): IDisplayOptions => ({ show: values });

/** A company's invoice or mailing address (from the client generated from Planaday's swagger; every field optional). */
function addressBlock(displayName: string, name: string, withInvoiceFields: boolean): INodeProperties {
	const text = (label: string, field: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({ displayName: label, name: field, type: 'string', default: '', ...extra });
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		placeholder: `Add ${displayName}`,
		options: [
			{
				displayName,
				name: 'address',
				values: [
					...(withInvoiceFields ? [text('Email', 'email', { placeholder: 'name@email.com' }), text('Addressee', 'addressee')] : []),
					text('Address', 'address'),
					text('House Number', 'house_number'),
					text('House Number Extension', 'house_number_extension'),
					text('Postal Code', 'postal_code'),
					text('City', 'city'),
					text('Country', 'country'),
				],
			},
		],
	};
}

/**
 * What Book cannot know: Planaday's API has no way to list a course's bookings (or to find a student),
 * so a second run of the same workflow books the same people again. The editor says so, with n8n's own guard.
 */
export const BOOK_AGAIN_NOTICE =
	'Planaday cannot list the bookings of a course, so this node cannot see who is already booked: running the workflow again books the same people again. To prevent that, put n8n’s Remove Duplicates node before this one, set to "Remove Items Processed in Previous Executions" with a value such as the email plus the course.';

/** How a payment was made, as Planaday keeps it with the booking (Book's "Paid" and Mark as Paid). */
const paymentPartyField: INodeProperties = {
	displayName: 'Payment Party',
	name: 'paymentParty',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. invoice, ideal, bank transfer',
	description: 'How the booking was paid, in a word or two, as your Planaday administration calls it: "invoice" when it was paid on invoice, or the payment provider or method (ideal, paypal, bank transfer)',
};

/** The payment's reference (Book's "Paid" and Mark as Paid). */
const transactionIdField: INodeProperties = {
	displayName: 'Transaction ID',
	name: 'transactionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. INV-2026-0412',
	description: "The payment's reference, so it can be found again: the invoice number when it was paid on invoice, or the payment provider's transaction number",
};

const bookProperties: INodeProperties[] = [
	{ displayName: BOOK_AGAIN_NOTICE, name: 'bookAgainNotice', type: 'notice', default: '' },
	courseLocator(),
	{
		displayName: 'Students',
		name: 'studentsSource',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		options: [
			{ name: 'From Input Items', value: 'items', description: 'Map each input item to a student' },
			{ name: 'Enter Below', value: 'list', description: 'A fixed list of students' },
		],
	},
	{
		displayName: 'Bookings',
		name: 'grouping',
		type: 'options',
		noDataExpression: true,
		default: 'perItem',
		displayOptions: show({ studentsSource: ['items'] }),
		options: [
			{ name: 'One Booking per Input Item', value: 'perItem' },
			{ name: 'All Input Items in One Booking', value: 'allInOne', description: 'One booking with a student per input item (all under the same company)' },
		],
	},
	...studentProperties().map((property) => ({ ...property, displayOptions: show({ studentsSource: ['items'] }) })),
	{
		displayName: 'Student List',
		name: 'studentList',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Student',
		default: {},
		displayOptions: show({ studentsSource: ['list'] }),
		options: [{ displayName: 'Student', name: 'student', values: studentProperties() }],
	},
	{
		displayName: 'Company',
		name: 'company',
		type: 'collection',
		placeholder: 'Add Company Field',
		default: {},
		description: 'The employer the students are booked for. Without a company each student is booked privately. With one, name, address, house number, postal code and city are required.',
		options: [
			{ displayName: 'Address', name: 'address', type: 'string', default: '' },
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'House Number', name: 'house_number', type: 'string', default: '' },
			{ displayName: 'House Number Extension', name: 'house_number_extension', type: 'string', default: '' },
			{ displayName: 'Invoice Email', name: 'invoice_email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Phone Number', name: 'phonenumber', type: 'string', default: '' },
			{ displayName: 'Postal Code', name: 'postal_code', type: 'string', default: '' },
			addressBlock('Invoice Address', 'invoice', true),
			addressBlock('Mailing Address', 'mailing', false),
		],
	},
	{
		displayName: 'Daypart Names or IDs',
		name: 'dayparts',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCourseDayparts', loadOptionsDependsOn: ['courseId.value'] },
		default: [],
		description: 'Empty books every daypart of the course. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Material Names or IDs',
		name: 'materials',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCourseMaterials', loadOptionsDependsOn: ['courseId.value'] },
		default: [],
		description: 'Materials to book with the course. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Paid',
		name: 'isPaid',
		type: 'boolean',
		default: false,
		description: 'Whether the booking is already paid (then the payment party and transaction ID are required)',
	},
	{ ...paymentPartyField, displayOptions: show({ isPaid: [true] }) },
	{ ...transactionIdField, displayOptions: show({ isPaid: [true] }) },
	{
		displayName: 'Course Questions',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Answer',
		default: {},
		description: 'Only when the course asks questions at booking (Planaday calls them attributes); then a booking holds one student',
		options: [
			{
				displayName: 'Answer',
				name: 'attribute',
				values: [
					{
						displayName: 'Question Name or ID',
						name: 'code',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCourseQuestions', loadOptionsDependsOn: ['courseId.value'] },
						default: '',
						description: 'The question of the chosen course; the list shows the answers it takes. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Answer', name: 'values', type: 'string', default: '', placeholder: 'e.g. ja', description: 'One of the answers the question lists, or several separated by commas where the question allows more than one' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Label', name: 'label', type: 'string', default: '', description: 'A label for the booking: letters, digits and dashes only' },
			{ displayName: 'Source', name: 'creating_source', type: 'string', default: 'n8n', description: 'Shown in Planaday as where the booking came from' },
		],
	},
];

const COMPANY_REQUIRED: Array<[string, string]> = [
	['name', 'Name'],
	['address', 'Address'],
	['house_number', 'House Number'],
	['postal_code', 'Postal Code'],
	['city', 'City'],
];

/** A field's text: empty when an expression gave nothing (undefined or null). */
const textOf = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** The booking body for the items in `itemIndexes`, checked against every rule the document states. */
/** The course an item books on, as typed or picked (its order key and its booking read it alike, so it is worked out once). */
function courseOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return textOf(plainValue(ctx.getNodeParameter('courseId', itemIndex)));
}

export function bookingBody(ctx: IExecuteFunctions, itemIndexes: number[]): { courseId: string; body: IDataObject } {
	const first = itemIndexes[0];
	const courseId = courseOf(ctx, first);
	if (!/^\d+$/.test(courseId)) throw new Error('"Course" is empty or not a course ID: pick the course from the list.');
	const source = ctx.getNodeParameter('studentsSource', first) as string;
	const students: IDataObject[] = [];
	if (source === 'list') {
		const list = ((ctx.getNodeParameter('studentList', first, {}) as IDataObject).student as IDataObject[] | undefined) ?? [];
		list.forEach((values, index) => students.push(studentBlock(values, `Student ${index + 1}`)));
	} else {
		for (const itemIndex of itemIndexes) {
			const values: IDataObject = {
				first_name: ctx.getNodeParameter('first_name', itemIndex, ''),
				last_name: ctx.getNodeParameter('last_name', itemIndex, ''),
				email: ctx.getNodeParameter('email', itemIndex, ''),
				phonenumber: ctx.getNodeParameter('phonenumber', itemIndex, ''),
				more: ctx.getNodeParameter('more', itemIndex, {}),
			};
			students.push(studentBlock(values, `Input item ${itemIndex + 1}`));
		}
	}
	if (students.length === 0) throw new Error('No students: add at least one student to the booking.');

	const body: IDataObject = { course_id: Number(courseId), students };
	const companyValues = { ...(ctx.getNodeParameter('company', first, {}) as IDataObject) };
	const blocks: IDataObject = {};
	for (const name of ['invoice', 'mailing']) {
		const address = ((companyValues[name] as IDataObject | undefined)?.address ?? {}) as IDataObject;
		delete companyValues[name];
		const filled = Object.fromEntries(Object.entries(address).filter(([, value]) => textOf(value) !== ''));
		if (Object.keys(filled).length) blocks[name] = filled;
	}
	const company: IDataObject = Object.fromEntries(Object.entries(companyValues).filter(([, value]) => textOf(value) !== ''));
	if (Object.keys(company).length) {
		const missing = COMPANY_REQUIRED.filter(([name]) => !company[name]).map(([, label]) => `"${label}"`);
		if (missing.length) throw new Error(`Company: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required when a company is given.`);
		body.company = { ...company, ...blocks };
	} else if (Object.keys(blocks).length) {
		throw new Error('Company: an invoice or mailing address needs the company itself (name, address, house number, postal code and city).');
	}
	const dayparts = (ctx.getNodeParameter('dayparts', first, []) as Array<string | number>).map(Number);
	if (dayparts.length) body.dayparts = dayparts;
	const materials = (ctx.getNodeParameter('materials', first, []) as Array<string | number>).map(Number);
	if (materials.length) body.materials = materials;
	if (ctx.getNodeParameter('isPaid', first, false) as boolean) {
		const party = textOf(ctx.getNodeParameter('paymentParty', first, ''));
		const transaction = textOf(ctx.getNodeParameter('transactionId', first, ''));
		if (!party || !transaction) throw new Error('"Paid" is on: "Payment Party" and "Transaction ID" are both required.');
		body.is_payed = true;
		body.payment = { party, transaction_id: transaction };
	}
	const attributes = ((ctx.getNodeParameter('attributes', first, {}) as IDataObject).attribute as IDataObject[] | undefined) ?? [];
	if (attributes.length) {
		if (students.length > 1) throw new Error('Course Questions are answered, so the booking can hold only one student: book each student separately.');
		body.attributes = attributes.map((attribute, index) => {
			const code = textOf(attribute.code);
			const values = textOf(attribute.values)
				.split(',')
				.map((value) => value.trim())
				.filter(Boolean);
			if (!code) throw new Error(`Course Questions, answer ${index + 1}: "Question" is empty: choose the question from the list.`);
			if (!values.length) throw new Error(`Course Questions, answer ${index + 1}: "Answer" is empty.`);
			return { code, values };
		});
	}
	const options = ctx.getNodeParameter('options', first, {}) as IDataObject;
	if (options.label) {
		if (!/^[A-Za-z0-9-]+$/.test(String(options.label))) throw new Error(`Options: "Label" (${String(options.label)}) may hold only letters, digits and dashes.`);
		body.label = options.label;
	}
	body.creating_source = options.creating_source || 'n8n';
	// Planaday keeps times in Europe/Amsterdam: its wall-clock time, with the offset so the instant is exact.
	body.created_at = isoIn(PLANADAY_TIME_ZONE, Date.now());
	return { courseId, body };
}

async function book(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | INodeExecutionData[]> {
	const grouping = ctx.getNodeParameter('studentsSource', itemIndex) === 'items' ? (ctx.getNodeParameter('grouping', itemIndex) as string) : 'perItem';
	let itemIndexes = [itemIndex];
	if (grouping === 'allInOne') {
		// One booking for every input item: made once, on the first item, paired with all of them.
		if (itemIndex !== 0) return [];
		itemIndexes = ctx.getInputData().map((_item, index) => index);
	}
	let prepared: { courseId: string; body: IDataObject };
	try {
		prepared = bookingBody(ctx, itemIndexes);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description: 'Nothing was sent to Planaday.' });
	}
	// Never repeated unless Planaday certainly refused it (its rate-limit 503): a booking is not idempotent.
	const response = await vendorRequest.call(ctx, planadayProfile, { method: 'POST', url: `/booking/${prepared.courseId}`, body: prepared.body, itemIndex, hints: bookingHints });
	const answer = (response.body ?? {}) as IDataObject;
	const details = (answer.details ?? {}) as IDataObject;
	const json: IDataObject = {
		booking_id: answer.booking_id,
		result: answer.result,
		course_id: Number(prepared.courseId),
		company: details.company ?? null,
		students: details.students ?? [],
	};
	if (grouping === 'allInOne') return [{ json, pairedItem: itemIndexes.map((item) => ({ item })) }];
	return [json];
}

const bookingId = idField('Booking ID', 'bookingId', 'API5ce597c40e0fc6.85265205', 'The ID Planaday gave when the booking was made (Booking → Book puts it out as booking_id)');

export const bookingResource: ResourceDefinition = {
	value: 'booking',
	name: 'Booking',
	defaultOperation: 'book',
	operations: [
		{
			value: 'book',
			name: 'Book',
			action: 'Book students on a course',
			description: 'Book one or more students (optionally for a company) on a course; a second run books them again, as Planaday cannot list bookings',
			method: 'POST',
			path: '/booking/{course_id}',
			pathParameters: { course_id: 'courseId' },
			properties: bookProperties,
			// Items for different courses are booked side by side; for the same course in the items' order,
			// so seats go first come, first served. Each booking is still sent once.
			concurrency: WRITES_SIDE_BY_SIDE,
			concurrencyKey: courseOf,
			run: async (ctx, itemIndex) => (await book(ctx, itemIndex)) as IDataObject[],
		},
		{
			value: 'markAsPaid',
			name: 'Mark as Paid',
			action: 'Mark a booking as paid',
			description: 'Record that a booking was paid, e.g. after a payment provider’s callback',
			method: 'POST',
			path: '/booking/payed/{id}',
			pathParameters: { id: 'bookingId' },
			// The booking's ID goes into the path: it must look like one Planaday gives, checked before any request.
			buildBody: idsChecked([{ parameter: 'bookingId', label: 'Booking ID', shape: BOOKING_ID }]),
			idempotent: true,
			hints: markPaidHints,
			properties: [
				bookingId,
				paymentPartyField,
				transactionIdField,
			],
			bodyFrom: ['paymentParty', 'transactionId'],
			prepare: (parameters) => {
				const party = textOf(parameters.paymentParty);
				const transaction = textOf(parameters.transactionId);
				return { body: { is_payed: true, payment: { party, transaction_id: transaction } } };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a booking',
			description: 'Delete a booking that Planaday has not yet turned into planned students (Planaday may file a cancel request for one it has)',
			method: 'DELETE',
			path: '/booking/{id}',
			pathParameters: { id: 'bookingId' },
			// The booking's ID goes into the path: it must look like one Planaday gives, checked before any request.
			buildBody: idsChecked([{ parameter: 'bookingId', label: 'Booking ID', shape: BOOKING_ID }]),
			hints: deleteBookingHints,
			properties: [
				bookingId,
				{
					displayName: 'Cancel Information',
					name: 'cancelInformation',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					description: 'Lets Planaday find the booking when it does not know the ID, and notes why it was cancelled',
					options: [
						{ displayName: 'Internal Reference', name: 'internal_reference', type: 'string', default: '', description: 'The student’s internal reference given at booking' },
						{ displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'Why the booking is cancelled; added to the notes in Planaday' },
						{ displayName: 'Source', name: 'deleting_source', type: 'string', default: 'n8n', description: 'Where the cancellation came from' },
					],
				},
			],
			bodyFrom: ['cancelInformation'],
		},
	],
};
