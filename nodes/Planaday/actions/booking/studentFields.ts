import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compactDate, convertField } from '../../../shared/operations/execute';

export const GENDERS = [
	{ name: 'Female', value: 'f' },
	{ name: 'Male', value: 'm' },
	{ name: 'Not Applicable', value: 'nvt' },
	{ name: 'Not Relevant', value: 'nr' },
	{ name: 'Unknown', value: 'u' },
];

export const LANGUAGES = [
	{ name: 'Dutch', value: 'NL' },
	{ name: 'English', value: 'ENG' },
	{ name: 'French', value: 'FR' },
	{ name: 'German', value: 'DU' },
	{ name: 'Polish', value: 'PL' },
];

/** The optional student fields of Planaday's student block (names as Planaday spells them). */
export const studentOptionalFields: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company Position', name: 'company_position', type: 'string', default: '' },
	{ displayName: 'Cost Centre Code', name: 'costcentercode', type: 'string', default: '', description: 'Must be a cost centre defined in Planaday (Beheer → Kostenplaats)' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{ displayName: 'Country of Birth', name: 'country_of_birth', type: 'string', default: '' },
	{ displayName: 'Date of Birth', name: 'date_of_birth', type: 'dateTime', default: '' },
	{ displayName: 'Employee ID', name: 'employeeId', type: 'string', default: '', description: 'The HR system’s ID of the employee' },
	{
		displayName: 'Extra Fields',
		name: 'extrafields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Extra Field',
		default: {},
		description: 'Extra fields defined in Planaday (Extra Field → Get Many lists them)',
		options: [
			{
				displayName: 'Extra Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'id',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getExtraFields' },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value; several values separated by commas where the field allows more than one' },
				],
			},
		],
	},
	{ displayName: 'Extra Fields by Name (Deprecated)', name: 'fields', type: 'json', default: '{}', description: 'Planaday’s older form, {"field name": "value"}; use Extra Fields instead' },
	{ displayName: 'Gender', name: 'gender', type: 'options', options: GENDERS, default: 'u' },
	{ displayName: 'Hometown', name: 'hometown', type: 'string', default: '' },
	{ displayName: 'House Number', name: 'house_number', type: 'string', default: '' },
	{ displayName: 'House Number Extension', name: 'house_number_extension', type: 'string', default: '' },
	{ displayName: 'Initials', name: 'initials', type: 'string', default: '' },
	{ displayName: 'Internal Reference', name: 'internal_reference', type: 'string', default: '' },
	{ displayName: 'Is Contact Person', name: 'is_contact_person', type: 'boolean', default: false, description: 'Whether the person is a contact of the company' },
	{ displayName: 'Is Student', name: 'is_student', type: 'boolean', default: true, description: 'Whether the person takes part (off: only a company contact is added)' },
	{ displayName: 'Language', name: 'language', type: 'options', options: LANGUAGES, default: 'NL' },
	{ displayName: 'Nick Name', name: 'nick_name', type: 'string', default: '' },
	{ displayName: 'Planaday User ID', name: 'id', type: 'number', default: 0, description: 'Link the booking to this known Planaday user' },
	{ displayName: 'Postal Code', name: 'postal_code', type: 'string', default: '' },
	{ displayName: 'Process Code 95', name: 'process_code95', type: 'boolean', default: false, description: 'Whether to register Code 95 hours' },
	{ displayName: 'Process SOOB', name: 'process_soob', type: 'boolean', default: false, description: 'Whether to process SOOB subsidy' },
	{ displayName: 'Remark', name: 'remark', type: 'string', default: '' },
];

/** The fields of one student: the required ones and a collection of the rest. */
export function studentProperties(): INodeProperties[] {
	return [
		{ displayName: 'First Name', name: 'first_name', type: 'string', default: '', required: true },
		{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '', required: true },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'May be empty' },
		{ displayName: 'Phone Number', name: 'phonenumber', type: 'string', default: '', description: 'May be empty' },
		{ displayName: 'More Student Fields', name: 'more', type: 'collection', placeholder: 'Add Field', default: {}, options: studentOptionalFields },
	];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * One student block as Planaday takes it, from the node's fields; every documented rule is
 * checked here so a bad value is named before anything is sent. `where` says which student.
 */
export function studentBlock(values: IDataObject, where: string): IDataObject {
	const more = { ...((values.more as IDataObject) ?? {}) };
	const student: IDataObject = {};
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
	student.first_name = text(values.first_name);
	student.last_name = text(values.last_name);
	if (!student.first_name) throw new Error(`${where}: "First Name" is empty. Every student needs a first name.`);
	if (!student.last_name) throw new Error(`${where}: "Last Name" is empty. Every student needs a last name.`);
	const email = text(values.email);
	if (email && !EMAIL.test(email)) throw new Error(`${where}: "Email" (${email}) is not a valid email address. Correct it or leave it empty.`);
	student.email = email || null;
	// Required by Planaday but may be null: always sent, null when unknown (an older form kept it under More Student Fields).
	student.phonenumber = text(values.phonenumber) || text(more.phonenumber) || null;
	delete more.phonenumber;
	for (const [name, value] of Object.entries(more)) {
		if (value === '' || value === undefined || value === null) continue;
		if (name === 'gender' && !GENDERS.some((g) => g.value === value)) {
			throw new Error(`${where}: "Gender" must be one of ${GENDERS.map((g) => `${g.name} (${g.value})`).join(', ')}.`);
		}
		if (name === 'language' && !LANGUAGES.some((l) => l.value === value)) {
			throw new Error(`${where}: "Language" must be one of ${LANGUAGES.map((l) => `${l.name} (${l.value})`).join(', ')}.`);
		}
		if (name === 'date_of_birth') {
			student.date_of_birth = compactDate(value, `${where}: Date of Birth`);
			continue;
		}
		if (name === 'id') {
			// Planaday books the user with this ID: a value that is no user ID would book somebody new instead.
			const id = String(value).trim();
			if (id === '0') continue;
			if (!/^\d+$/.test(id)) throw new Error(`${where}: "Planaday User ID" needs a whole number, e.g. 12312312 (got "${String(value)}"), or 0 for none.`);
			student.id = Number(id);
			continue;
		}
		if (name === 'extrafields') {
			const entries = ((value as IDataObject).field ?? []) as Array<{ id?: unknown; value?: unknown }>;
			const extrafields: IDataObject = {};
			for (const [index, entry] of entries.entries()) {
				const id = text(entry.id);
				if (!/^\d+$/.test(id)) throw new Error(`${where}: Extra Field ${index + 1} has no field: choose one from the list.`);
				// Several values are joined with "|", as Planaday takes them.
				const values = (Array.isArray(entry.value) ? entry.value.map(text) : text(entry.value).split(',')).map((part) => part.trim()).filter(Boolean);
				extrafields[id] = values.join('|');
			}
			if (Object.keys(extrafields).length) student.extrafields = extrafields;
			continue;
		}
		if (name === 'fields') {
			// Planaday takes an object keyed by field name: a list or text is refused, naming the field.
			const fields = convertField('jsonObject', `${where}: Extra Fields by Name (Deprecated)`, value) as IDataObject;
			if (Object.keys(fields).length) student.fields = fields;
			continue;
		}
		student[name] = value as IDataObject[string];
	}
	return student;
}
