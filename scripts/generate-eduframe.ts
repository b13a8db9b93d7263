/*
 * Generates the Eduframe node's operations (nodes/Eduframe/actions/<resource>/index.ts) from
 * Eduframe's OpenAPI file (sandbox/eduframe/openapi-v1.json): every path and method becomes an
 * operation as data. Names, merges and field choices a user should see are decided here, in one
 * place; edit this file and run `npm run generate:eduframe`, never the generated files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { EDUFRAME_NAMED_IDS } from '../nodes/Eduframe/actions/names';
import { withArticle } from '../nodes/shared/operations/words';
import { resolve, spec, type Schema } from '../sandbox/eduframe/spec';

const root = path.resolve(__dirname, '..');

/** A name in running text: lower case, except acronyms (VAT, PDF) that stay as they are written. */
function inText(name: string): string {
	return name
		.split(' ')
		.map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
		.join(' ');
}

/** A resource from its name as users say it (singular): the value (camelCase, also the folder) and plural follow from it. */
function resource(name: string, plural = `${name.toLowerCase()}s`): { value: string; name: string; plural: string } {
	const [first, ...rest] = name.split(' ');
	return { value: first.toLowerCase() + rest.map((word) => word[0] + word.slice(1).toLowerCase()).join(''), name, plural };
}

const RESOURCES: Record<string, { value: string; name: string; plural: string }> = {
	accounts: resource('Account'),
	affiliations: resource('Affiliation'),
	attendances: resource('Attendance'),
	authentications: resource('Authentication'),
	'catalog-products': resource('Catalog Product'),
	'catalog-variants': resource('Catalog Variant'),
	categories: resource('Category', 'categories'),
	comments: resource('Comment'),
	course_locations: resource('Course Location'),
	course_tabs: resource('Course Tab'),
	course_variants: resource('Course Variant'),
	courses: resource('Course'),
	planned_courses: resource('Planned Course'),
	credit_categories: resource('Credit Category', 'credit categories'),
	credits: resource('Credit'),
	custom_associations: resource('Custom Association'),
	custom_field_options: resource('Custom Field Option'),
	custom_objects: resource('Custom Object'),
	custom_records: resource('Custom Record'),
	discount_codes: resource('Discount Code'),
	educators: resource('Educator'),
	enrollments: resource('Enrollment'),
	grades: resource('Grade'),
	invoice_vats: resource('Invoice VAT', 'invoice VATs'),
	invoices: resource('Invoice'),
	payments: resource('Payment'),
	labels: resource('Label'),
	leads: resource('Lead'),
	material_groups: resource('Material Group'),
	materials: resource('Material'),
	meeting_locations: resource('Meeting Location'),
	meetings: resource('Meeting'),
	'planning-materials': resource('Planning Material'),
	orders: resource('Order'),
	payment_methods: resource('Payment Method'),
	payment_options: resource('Payment Option'),
	teacher_enrollments: resource('Teacher Enrollment'),
	'planning-conflicts': resource('Planning Conflict'),
	'planning-events': resource('Planning Event'),
	'planning-locations': resource('Planning Location'),
	'planning-teachers': resource('Planning Teacher'),
	'program-editions': resource('Program Edition'),
	'program-elements': resource('Program Element'),
	'program-enrollments': resource('Program Enrollment'),
	'program-programs': resource('Program'),
	referrals: resource('Referral'),
	signup_questions: resource('Signup Question'),
	tasks: resource('Task'),
	teacher_roles: resource('Teacher Role'),
	teachers: resource('Teacher'),
	theses: resource('Thesis', 'theses'),
	users: resource('User'),
	webhooks: resource('Webhook'),
	'webhook-notifications': resource('Webhook Notification'),
	certificates: resource('Certificate'),
	emails: resource('Email'),
	edition_description_sections: resource('Edition Description Section'),
	organizations: resource('Organization'),
	organization_accounts: resource('Organization Account'),
	organization_affiliations: resource('Organization Affiliation'),
	organization_invoices: resource('Organization Invoice'),
	organization_orders: resource('Organization Order'),
	'planning-attendees': resource('Planning Attendee'),
	'planning-required-teacher-group-attendees': resource('Required Teacher Group Attendee'),
	'program-personal-program-elements': resource('Personal Program Element'),
};

/** Paths whose records are a resource of their own although the file files them under a shared tag. */
const TAG_BY_PATH: Array<[RegExp, string]> = [
	[/^\/organization_accounts/, 'organization_accounts'],
	[/^\/organization_affiliations/, 'organization_affiliations'],
	[/^\/organization_invoices/, 'organization_invoices'],
	[/^\/organization_orders/, 'organization_orders'],
];

/** Operations placed or named by hand: "METHOD path" -> resource tag and operation value/name. */
const OPERATION_OVERRIDES: Record<string, { tag?: string; value: string; name: string; action?: string }> = {
	'POST /attendances/upsert': { value: 'upsert', name: 'Create or Update', action: 'Create or update an attendance' },
	'GET /users/{user_id}/authentications': { value: 'getAll', name: 'Get Many', action: 'Get many authentications of a user' },
	'GET /invoices/{id}/pdf': { value: 'getPdf', name: 'Download PDF', action: 'Download an invoice as PDF' },
	'POST /invoices/{id}/open': { value: 'open', name: 'Open', action: 'Open a concept invoice' },
	'POST /orders/{id}/labels': { tag: 'orders', value: 'addLabel', name: 'Add Label', action: 'Add a label to an order' },
	'GET /educators/current': { value: 'getCurrent', name: 'Get Current', action: 'Get the educator of the credential' },
	'GET /meetings/{id}/materials': { value: 'getForMeeting', name: 'Get Many for Meeting', action: 'Get the planning materials of a meeting' },
	'GET /planning/events/{id}/materials': { value: 'getForEvent', name: 'Get Many for Planning Event', action: 'Get the planning materials of a planning event' },
	'GET /program/editions/{id}/elements': { value: 'getElements', name: 'Get Elements', action: 'Get the elements of a program edition' },
	'GET /webhooks/{webhook_id}/notifications': { value: 'getAll', name: 'Get Many', action: 'Get many notifications of a webhook' },
	'GET /webhooks/{webhook_id}/notifications/failed': { value: 'getFailed', name: 'Get Failed', action: 'Get the failed notifications of a webhook' },
	'PUT /program/enrollments/{id}/award_certificate': { value: 'awardCertificate', name: 'Award Certificate', action: 'Award a certificate to a program enrollment' },
	'POST /program/enrollments/{id}/delete_certificate': { value: 'deleteCertificate', name: 'Delete Certificate', action: 'Delete the certificate of a program enrollment' },
	'POST /teachers/{id}/activate': { value: 'activate', name: 'Activate', action: 'Mark a teacher as active' },
	'POST /teachers/{id}/deactivate': { value: 'deactivate', name: 'Deactivate', action: 'Mark a teacher as inactive' },
	'POST /users/{user_id}/emails': { value: 'send', name: 'Send', action: 'Send an email to a user' },
	'POST /planning/attendees': { value: 'create', name: 'Assign Teacher', action: 'Assign a teacher to a meeting or planning event' },
	'DELETE /planning/attendees/{id}': { value: 'delete', name: 'Remove Teacher', action: 'Remove a teacher from a meeting or planning event' },
	'POST /planning/required_teacher_group_attendees': { value: 'create', name: 'Assign Teacher', action: 'Assign a teacher to a required teacher group' },
	'POST /program/editions/{id}/elements_batch': { value: 'addElements', name: 'Add Elements', action: 'Add courses and blocks to a program edition' },
	'GET /custom/objects/{object_slug}': { value: 'get', name: 'Get', action: 'Get a custom object' },
};

/**
 * Endpoints that list (or get) the same records as another: they become a path variant of that
 * operation, used when the named filter is set.
 */
const MERGED: Record<string, { into: string; when: string }> = {
	'GET /courses/{course_id}/planned_courses': { into: 'GET /planned_courses', when: 'course_id' },
	'GET /courses/{course_id}/planned_courses/{id}': { into: 'GET /planned_courses/{id}', when: 'course_id' },
	'GET /planned_courses/{planned_course_id}/meetings': { into: 'GET /meetings', when: 'planned_course_id' },
	'GET /planned_courses/{planned_course_id}/teacher_enrollments': { into: 'GET /teacher_enrollments', when: 'planned_course_id' },
	'POST /planned_courses/{planned_course_id}/teacher_enrollments': { into: 'POST /teacher_enrollments', when: 'planned_course_id' },
};

/** Rules of the file's prose that the schema cannot say, checked before sending (nodes/Eduframe/actions/rules.ts). */
const RULES: Record<string, string> = {
	'POST /grades': "atLeastOne({ grade: 'Grade', score: 'Score' })",
};

/** ID fields picked from a searchable list: field name -> list search method and what it lists. */
const LOCATORS: Record<string, { method: string; label: string; placeholder: string }> = {
	user_id: { method: 'searchUsers', label: 'User', placeholder: '1234' },
	student_id: { method: 'searchUsers', label: 'Student', placeholder: '1234' },
	creator_id: { method: 'searchUsers', label: 'Creator', placeholder: '1234' },
	key_contact_user_id: { method: 'searchUsers', label: 'Key Contact', placeholder: '1234' },
	administrator_id: { method: 'searchUsers', label: 'Administrator', placeholder: '1234' },
	assignee_id: { method: 'searchUsers', label: 'Assignee', placeholder: '1234' },
	account_id: { method: 'searchAccounts', label: 'Account', placeholder: '567' },
	course_id: { method: 'searchCourses', label: 'Course', placeholder: '89' },
	planned_course_id: { method: 'searchPlannedCourses', label: 'Planned Course', placeholder: '321' },
	catalog_variant_id: { method: 'searchCatalogVariants', label: 'Catalog Variant', placeholder: '45' },
	invoice_id: { method: 'searchInvoices', label: 'Invoice', placeholder: '678' },
	teacher_id: { method: 'searchTeachers', label: 'Teacher', placeholder: '12' },
	edition_id: { method: 'searchProgramEditions', label: 'Program Edition', placeholder: '7' },
	program_id: { method: 'searchPrograms', label: 'Program', placeholder: '3' },
	meeting_id: { method: 'searchMeetings', label: 'Meeting', placeholder: '901' },
	enrollment_id: { method: 'searchEnrollments', label: 'Enrollment', placeholder: '2345' },
};

/** The record an operation's own `{id}` names, per resource: its locator (resources without one use a plain ID field). */
const OWN_LOCATOR: Record<string, string> = {
	user: 'user_id',
	account: 'account_id',
	course: 'course_id',
	plannedCourse: 'planned_course_id',
	catalogVariant: 'catalog_variant_id',
	invoice: 'invoice_id',
	teacher: 'teacher_id',
	programEdition: 'edition_id',
	program: 'program_id',
	meeting: 'meeting_id',
	enrollment: 'enrollment_id',
	order: 'order_id',
};
LOCATORS.order_id = { method: 'searchOrders', label: 'Order', placeholder: '4567' };
LOCATORS.organization_id = { method: 'searchOrganizations', label: 'Organization', placeholder: '42' };
OWN_LOCATOR.organization = 'organization_id';

/** ID fields from short lists: a dropdown loaded from Eduframe. */
const DROPDOWNS: Record<string, { method: string; label: string; multi?: boolean; kind?: string }> = {
	object_slug: { method: 'getCustomObjects', label: 'Custom Object', kind: 'none' },
	category_id: { method: 'getCategories', label: 'Category' },
	course_location_id: { method: 'getCourseLocations', label: 'Course Location' },
	payment_method_id: { method: 'getPaymentMethods', label: 'Payment Method' },
	payment_option_id: { method: 'getPaymentOptions', label: 'Payment Option' },
	teacher_role_id: { method: 'getTeacherRoles', label: 'Teacher Role' },
	course_variant_id: { method: 'getCourseVariants', label: 'Course Variant' },
	material_group_id: { method: 'getMaterialGroups', label: 'Material Group' },
	label_ids: { method: 'getLabels', label: 'Labels', multi: true },
	label_id: { method: 'getLabels', label: 'Label' },
};

/** What a JSON list field looks like, shown with it (the file describes these lists by schema only). */
const JSON_EXAMPLES: Record<string, string> = {
	elements: '[{"type": "CourseElement", "course_id": 12}, {"type": "BlockElement", "name": "Electives", "elements": [{"type": "CourseElement", "course_id": 14}]}]',
	course_tab_contents_attributes: '[{"course_tab_id": 3, "content": "<p>What you will learn</p>"}]',
};

/** Values Eduframe accepts that the OpenAPI file leaves as free text. */
const ENUM_OVERRIDES: Record<string, string[]> = {
	role: ['admin', 'teacher', 'customer', 'student'],
};

/** What a field is called in the node where the API's name would read as jargon. */
const LABELS: Record<string, string> = {
	address_attributes: 'Address',
	invoice_address_attributes: 'Invoice Address',
	invoice_items_attributes: 'Invoice Lines',
	course_tab_contents_attributes: 'Course Tab Contents',
	courses_leads_attributes: 'Courses of Interest',
	edition_description_section_contents_attributes: 'Edition Description Section Contents',
	signup_answers_attributes: 'Signup Answers',
	custom: 'Custom Fields',
	with_authentication: 'Can Log In',
	with_canceled: 'Include Canceled',
	commentable_type: 'Comment On (Kind of Record)',
	commentable_id: 'Comment On (Record ID)',
	gradeable_type: 'Graded Record Kind',
	gradeable_id: 'Graded Record ID',
	attendable_type: 'Meeting or Planning Event',
	attendable_id: 'Meeting or Planning Event ID',
	variantable_type: 'Sold Item Kind',
	variantable_id: 'Sold Item ID',
	productable_type: 'Product Kind',
	subject_type: 'About (Kind of Record)',
	subject_id: 'About (Record ID)',
	for_type: 'Asked For',
	use_type: 'Material Use',
	uid: 'Login Provider User ID',
	provider_type: 'Login Provider',
	locale: 'Language',
};

/** What a field does, where the file's own sentence would not read plainly. */
const FIELD_DESCRIPTIONS: Record<string, string> = {
	with_authentication: 'Whether the user can log in (Eduframe then emails them their login details)',
};

/** Where the file's first value is not the one most users want (Eduframe is a Dutch platform). */
const ENUM_DEFAULTS: Record<string, string> = {
	locale: 'nl',
};

/** Values the API spells as codes or Dutch words, in words users read (the value sent stays the API's). */
const VALUE_NAMES: Record<string, string> = {
	de: 'German',
	en: 'English',
	'en-GB': 'English (UK)',
	'en-US': 'English (US)',
	es: 'Spanish',
	fr: 'French',
	is: 'Icelandic',
	nl: 'Dutch',
	EUR: 'Euro (EUR)',
	GBP: 'Pound Sterling (GBP)',
	USD: 'US Dollar (USD)',
	ISK: 'Icelandic Króna (ISK)',
	blanco: 'Not Registered Yet',
	tbd: 'To Be Decided',
	openid_connect: 'OpenID Connect',
	surf_conext: 'SURFconext',
	'Catalog::Product': 'Catalog Product',
	'Program::Enrollment': 'Program Enrollment',
	'Program::Program': 'Program',
	'Program::Edition': 'Program Edition',
	'Program::Editions::Edition': 'Program Edition',
	'Planning::Event': 'Planning Event',
	PlannedCourse: 'Planned Course',
};

const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', vat: 'VAT', url: 'URL', pdf: 'PDF', uid: 'UID' };

function titleCase(name: string): string {
	return name
		.split(/[_\s]+/)
		.filter(Boolean)
		.map((word) => ACRONYMS[word.toLowerCase()] ?? word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

function optionName(value: string): string {
	if (VALUE_NAMES[value]) return VALUE_NAMES[value];
	const words = value.replace(/::/g, ' ').replace(/[_:.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
	const text = titleCase(words.toLowerCase());
	if (/^(.*) (Asc|Desc)$/.test(text)) return text.replace(/ Asc$/, ' (Ascending)').replace(/ Desc$/, ' (Descending)');
	return text;
}

function sentence(text: string | undefined, fallback: string): string {
	const clean = (text ?? '').replace(/\*\*Note\*\*:[\s\S]*/, '').replace(/\s+/g, ' ').trim();
	const first = clean.split(/(?<=\.)\s/)[0] ?? '';
	// The file writes "an user" in places; the node says "a user".
	return (first || fallback).replace(/\.$/, '').replace(/\b([Aa])n (user|users|unique)\b/g, '$1 $2');
}

/** The OpenAPI file's wording, turned into what a non-developer reads in the node. */
function plainDescription(text: string | undefined): string {
	const description = sentence(withoutBadges(text), '');
	if (/^Unique identifier of/.test(description)) return '';
	const filterOn = /^Filter results on (\w+)$/.exec(description);
	if (!filterOn) return description;
	const range = /^(.*)_(after|before|from|until)$/.exec(filterOn[1]);
	if (range) return `Only records whose ${titleCase(range[1]).toLowerCase()} is ${range[2] === 'until' ? 'on or before' : range[2] === 'from' ? 'on or after' : range[2]} this time`;
	return `Only records with this ${titleCase(filterOn[1]).toLowerCase()}`;
}

/** Eduframe's feature flags, as its file marks them (badges), in the words of its "Feature flags" table. */
const FEATURES: Record<string, string> = {
	Programs: 'Programs',
	Organizations: 'Organizations',
	Custom_objects: 'Custom objects',
	Teacher_roles: 'Teacher roles',
	Meeting_requirements: 'Meeting requirements',
	Edition_Description_Sections: 'Edition description sections',
};

/** The feature a description's badge names (`![..](https://img.shields.io/badge/Feature-Programs-...)`). */
function featureOf(text: string | undefined): string | undefined {
	const flag = /badge\/Feature-([A-Za-z_]+)-/.exec(text ?? '')?.[1];
	return flag ? (FEATURES[flag] ?? flag.replace(/_/g, ' ')) : undefined;
}

/** Text without the file's badge images. */
const withoutBadges = (text: string | undefined) => (text ?? '').replace(/!\[[^\]]*\]\([^)]*\)/g, '').trim();

interface OperationNotes {
	description: string;
	beta: boolean;
	deprecated: boolean;
	feature?: string;
	scopes: string[];
	subject: string;
}

/** What a user should know of an operation: the file's summary, Beta, a feature it needs, deprecation. */
function operationNotes(op: Schema, resourceName: string): OperationNotes {
	const beta = (op['x-badges'] ?? []).some((badge: { name?: string }) => badge.name === 'Beta');
	const deprecated = op.deprecated === true;
	const feature = featureOf(op.description);
	const scopes: string[] = (op.security ?? []).flatMap((entry: Record<string, string[]>) => entry.Bearer ?? []);
	let description = sentence(op.summary, resourceName);
	const extras: string[] = [];
	if (beta) extras.push('Beta in Eduframe');
	if (feature) extras.push(`needs Eduframe's ${feature} feature`);
	if (extras.length) description += ` (${extras.join('; ')})`;
	if (deprecated) description = `(deprecated) ${description}${DEPRECATED_INSTEAD[resourceName] ? `; use ${DEPRECATED_INSTEAD[resourceName]} instead` : ''}`;
	return { description, beta, deprecated, feature, scopes, subject: inText(resourceName) };
}

/** `list[].key` for every key that objects in the list `name` require but accept as null. */
function nestedNullable(name: string, rawSchema: Schema): string[] {
	const schema = resolve(rawSchema);
	if (schema.type !== 'array') return [];
	const items = resolve(schema.items);
	return Object.entries<Schema>(items.properties ?? {})
		.filter(([key, property]) => (items.required ?? []).includes(key) && (property.nullable === true || resolve(property).nullable === true))
		.map(([key]) => `${name}[].${key}`);
}

/** Where Eduframe points instead of a deprecated resource. */
const DEPRECATED_INSTEAD: Record<string, string> = { Affiliation: 'Organization Affiliation' };

const DATE_NAMES = /(^|_)(date|start_date|end_date|due_date)$|_(from|until)$/;
const DATETIME_NAMES = /_(at|after|before)$|^(start|end)$/;

interface FieldResult {
	property: Record<string, unknown>;
	kind?: string;
}

/** An n8n field for one API field. */
function field(name: string, rawSchema: Schema, options: { required: boolean; inCollection: boolean; resourceName: string; deprecated?: boolean; nullable?: boolean }): FieldResult {
	const schema = resolve(rawSchema);
	const items = schema.type === 'array' ? resolve(schema.items) : undefined;
	const base: Record<string, unknown> = { displayName: LABELS[name] ?? titleCase(name.replace(/_at_(after|before)$/, '_$1')), name };
	const written = rawSchema.description ?? schema.description;
	const feature = featureOf(written);
	const deprecated = rawSchema.deprecated === true || schema.deprecated === true || options.deprecated === true;
	let description = FIELD_DESCRIPTIONS[name] ?? plainDescription(written);
	if (feature) description = `${description ? `${description} ` : ''}(needs Eduframe's ${feature} feature)`;
	if (deprecated) description = `(deprecated) ${description}`.trim();
	if (options.nullable) description = `${description ? `${description}. ` : ''}Leave empty if there is none`;
	if (description) base.description = description;
	if (options.nullable && (schema.type === 'number' || schema.type === 'integer')) {
		// A number field cannot be empty: a text field that takes a number, or nothing.
		return { property: { ...base, type: 'string', default: '', placeholder: schema.type === 'integer' ? 'e.g. 3' : 'e.g. 7.5' }, kind: schema.type === 'integer' ? 'integer' : 'number' };
	}
	if (options.required && !options.inCollection) base.required = true;

	const dropdown = DROPDOWNS[name];
	if (dropdown) {
		if (dropdown.multi || schema.type === 'array') {
			return {
				property: { ...base, displayName: `${dropdown.label.replace(/s$/, '')} Names or IDs`, type: 'multiOptions', typeOptions: { loadOptionsMethod: dropdown.method }, default: [], description: `Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>` },
				kind: 'idList',
			};
		}
		return {
			property: { ...base, displayName: `${dropdown.label} Name or ID`, type: 'options', typeOptions: { loadOptionsMethod: dropdown.method }, default: '', description: `Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>` },
			kind: dropdown.kind === 'none' ? undefined : (dropdown.kind ?? 'integer'),
		};
	}
	const locator = LOCATORS[name];
	if (locator && (schema.type === 'integer' || schema.type === 'string' || schema.type === undefined)) {
		return { property: locatorProperty(name, locator, base), kind: 'integer' };
	}
	if (schema.additionalProperties?.['x-additionalPropertiesName'] === 'association_slug') {
		// Custom associations: records of custom objects linked per association, as `{ slug: [record ids] }`
		// (the field is built by actions/customAssociations.ts; only its description differs per use).
		return { property: { displayName: 'Custom Associations', __associations: [name, String(base.description ?? '')] }, kind: 'idListsByKey' };
	}
	const values = ENUM_OVERRIDES[name] ?? schema.enum ?? items?.enum;
	if (values) {
		const optionsList = [...values].map((value: string) => ({ name: optionName(value), value })).sort((a, b) => a.name.localeCompare(b.name));
		if (schema.type === 'array' && name !== 'sort' && values.length > 1) {
			return { property: { ...base, type: 'multiOptions', options: optionsList, default: [] } };
		}
		const property = { ...base, type: 'options', options: optionsList, default: ENUM_DEFAULTS[name] ?? values[0] };
		return { property, kind: schema.type === 'array' && name !== 'sort' ? 'wrapInArray' : undefined };
	}
	switch (schema.type) {
		case 'boolean': {
			const plain = description.replace(/^\(deprecated\) /, '');
			const whether = /^whether /i.test(plain) ? plain : plain ? `Whether ${plain.charAt(0).toLowerCase()}${plain.slice(1)}` : `Whether ${titleCase(name).toLowerCase()}`;
			return { property: { ...base, type: 'boolean', default: false, description: deprecated ? `(deprecated) ${whether}` : whether } };
		}
		case 'integer':
			return { property: { ...base, type: 'number', default: 0 }, kind: 'integer' };
		case 'number':
			return { property: { ...base, type: 'number', default: 0, typeOptions: { numberPrecision: 2 } }, kind: 'number' };
		case 'object':
			// Sent as an object: a list or text in it is refused before any request, naming the field.
			return { property: { ...base, type: 'json', default: '{}' }, kind: 'jsonObject' };
		case 'array':
			if (items?.type === 'integer') return { property: { ...base, type: 'string', default: '', placeholder: 'e.g. 12, 34', description: `${description || titleCase(name)} (comma-separated)` }, kind: 'idList' };
			if (items?.type === 'object' || items?.properties || items?.oneOf || items?.anyOf) {
				const example = JSON_EXAMPLES[name];
				// Sent as a list of objects: a single object is refused before any request, naming the field.
				return { property: { ...base, type: 'json', default: '[]', ...(example ? { placeholder: example, description: `${base.description ? `${String(base.description)}. ` : ''}e.g. ${example}` } : {}) }, kind: 'jsonObjectList' };
			}
			return { property: { ...base, type: 'string', default: '', description: `${description || titleCase(name)} (comma-separated)` }, kind: 'stringList' };
		default:
			if (schema.format === 'date-time' || DATETIME_NAMES.test(name)) return { property: { ...base, type: 'dateTime', default: '' }, kind: 'dateTime' };
			if (schema.format === 'date' || DATE_NAMES.test(name)) return { property: { ...base, type: 'dateTime', default: '' }, kind: 'date' };
			if (schema.format === 'email' || name === 'email') return { property: { ...base, type: 'string', placeholder: 'name@email.com', default: '' } };
			return { property: { ...base, type: 'string', default: '' } };
	}
}

function locatorProperty(name: string, locator: { method: string; label: string; placeholder: string }, base: Record<string, unknown>) {
	return {
		__locator: [name, locator.method, locator.label, locator.placeholder, base.required === true],
		...base,
		displayName: locator.label,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: base.description ?? `The ${locator.label.toLowerCase()}`,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: locator.method, searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${locator.placeholder}`,
				validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: `A ${locator.label.toLowerCase()} ID is a whole number, e.g. ${locator.placeholder}` } }],
			},
		],
	};
}

interface GeneratedOperation {
	tag: string;
	key: string;
	definition: Record<string, unknown>;
}


const operations: GeneratedOperation[] = [];
const merges: Record<string, Array<{ when: string; path: string }>> = {};
for (const [key, merge] of Object.entries(MERGED)) (merges[merge.into] ??= []).push({ when: merge.when, path: key.split(' ')[1] });

for (const [apiPath, item] of Object.entries<Schema>(spec.paths)) {
	for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
		const op = item[method];
		if (!op) continue;
		const key = `${method.toUpperCase()} ${apiPath}`;
		if (MERGED[key]) continue;
		const override = OPERATION_OVERRIDES[key];
		const tag = override?.tag ?? TAG_BY_PATH.find(([pattern]) => pattern.test(apiPath))?.[1] ?? op.tags[0];
		const resource = RESOURCES[tag];
		if (!resource) throw new Error(`No resource for tag ${tag}`);
		const parameters: Schema[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
		const pathParams = parameters.filter((p) => p.in === 'path');
		// Paging is the node's work (cursor in the Link header); `page` is deprecated in favour of it.
		const queryParams = parameters.filter((p) => p.in === 'query' && !['cursor', 'per_page', 'page'].includes(p.name));
		const paged = parameters.some((p) => p.name === 'per_page');
		const trailingId = /\/\{[a-z_]*id\}$/.test(apiPath);
		const ok = Object.keys(op.responses).find((code) => code.startsWith('2')) ?? '200';
		const okContent = resolve(op.responses[ok]).content?.['application/json']?.schema;
		const returnsArray = okContent && resolve(okContent).type === 'array';
		const isList = method === 'get' && returnsArray;
		const last = apiPath.split('/').filter(Boolean).at(-1) ?? '';

		let value: string;
		let name: string;
		let action: string | undefined;
		if (override) {
			({ value, name } = override);
			action = override.action ?? `${name} ${inText(resource.name)}`;
		} else if (isList) {
			value = 'getAll';
			name = 'Get Many';
			action = `Get many ${resource.plural}`;
		} else if (method === 'get') {
			value = 'get';
			name = 'Get';
		} else if (method === 'post' && !trailingId && !last.startsWith('{') && Object.keys(RESOURCES).some(() => true) && !/\{/.test(last)) {
			value = 'create';
			name = 'Create';
		} else if (method === 'patch') {
			value = 'update';
			name = 'Update';
		} else if (method === 'delete') {
			value = 'delete';
			name = 'Delete';
		} else {
			value = last.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
			name = titleCase(last);
		}
		// The rest: the operation's name and the record ("Get a user", "Mark As Paid an invoice").
		action ??= `${name} ${withArticle(inText(resource.name))}`;
		if (method === 'post' && value === 'create' && /\/\{[^}]+\}\/[a-z_]+$/.test(apiPath) && !['payments', 'records', 'options'].includes(last)) {
			value = last.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
		}

		const properties: Record<string, unknown>[] = [];
		const pathParameters: Record<string, string> = {};
		const kinds: Record<string, string> = {};
		for (const param of pathParams) {
			const isOwn = param.name === 'id' && trailingId || (param.name === 'id' && !['getForMeeting', 'getForEvent', 'getElements'].includes(value));
			let apiName = param.name;
			if (param.name === 'id' && !isOwn) apiName = value === 'getForMeeting' ? 'meeting_id' : value === 'getForEvent' ? 'planning_event_id' : 'edition_id';
			if (param.name === 'id' && isOwn) apiName = OWN_LOCATOR[resource.value] ?? `${resource.value}_id`;
			const fieldName = apiName.replace(/_([a-z])/g, (_m: string, c: string) => c.toUpperCase()).replace(/^(.)/, (c: string) => c.toLowerCase());
			pathParameters[param.name] = fieldName;
			let result: FieldResult;
			if (LOCATORS[apiName]) {
				result = { property: locatorProperty(fieldName, LOCATORS[apiName], { name: fieldName, required: true, description: `The ${LOCATORS[apiName].label.toLowerCase()}` }) };
			} else {
				const label = param.name === 'id' ? `${resource.name} ID` : titleCase(apiName);
				result = field(apiName, param.schema, { required: true, inCollection: false, resourceName: resource.name });
				const loaded = Boolean((result.property.typeOptions as Record<string, unknown> | undefined)?.loadOptionsMethod);
				result.property = loaded
					? { ...result.property, name: fieldName, required: true }
					: { ...result.property, name: fieldName, displayName: (result.property.type === 'options' ? titleCase(apiName) : label), required: true, description: param.description ? sentence(param.description, '') : `The ID of the ${inText(resource.name)}` };
				if (result.property.type === 'number') result.property.type = 'string';
			}
			properties.push(result.property);
		}

		const queryFrom: string[] = [];
		if (queryParams.length) {
			const filterOptions: Record<string, unknown>[] = [];
			for (const param of queryParams) {
				const result = field(param.name, param.schema, { required: false, inCollection: true, resourceName: resource.name, deprecated: param.deprecated === true });
				if (param.description && !result.property.description) result.property.description = plainDescription(param.description);
				if (result.kind) kinds[param.name] = result.kind;
				filterOptions.push(result.property);
			}
			for (const variant of merges[key] ?? []) {
				if (!queryParams.some((p) => p.name === variant.when)) {
					const result = field(variant.when, { type: 'integer' }, { required: false, inCollection: true, resourceName: resource.name });
					if (result.kind) kinds[variant.when] = result.kind;
					filterOptions.push(result.property);
				}
			}
			filterOptions.sort((a, b) => String(a.displayName).localeCompare(String(b.displayName)));
			properties.push({ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: filterOptions });
			queryFrom.push('filters');
		} else if (merges[key]?.length && isList) {
			const filterOptions = merges[key].map((variant) => {
				const result = field(variant.when, { type: 'integer' }, { required: false, inCollection: true, resourceName: resource.name });
				if (result.kind) kinds[variant.when] = result.kind;
				return result.property;
			});
			properties.push({ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: filterOptions });
			queryFrom.push('filters');
		}

		const bodyFrom: string[] = [];
		const bodySchema = op.requestBody ? resolve(op.requestBody.content['application/json'].schema) : undefined;
		const nullable: string[] = [];
		if (bodySchema?.properties) {
			const required: string[] = bodySchema.required ?? [];
			const optional: Record<string, unknown>[] = [];
			for (const [prop, propSchema] of Object.entries<Schema>(bodySchema.properties)) {
				if (pathParams.some((p) => p.name === prop)) continue;
				const isRequired = required.includes(prop);
				// Required but may be null: the key is always sent, as null when the field is left empty.
				const isNullable = isRequired && (propSchema.nullable === true || resolve(propSchema).nullable === true);
				if (isNullable) nullable.push(prop);
				const result = field(prop, propSchema, { required: isRequired && !isNullable, inCollection: !isRequired, resourceName: resource.name, nullable: isNullable });
				if (result.kind) kinds[prop] = result.kind;
				nullable.push(...nestedNullable(prop, propSchema));
				if (isRequired) {
					properties.push(result.property);
					bodyFrom.push(prop);
				} else optional.push(result.property);
			}
			if (optional.length) {
				optional.sort((a, b) => String(a.displayName).localeCompare(String(b.displayName)));
				const collection = value === 'update' ? 'updateFields' : 'additionalFields';
				properties.push({ displayName: value === 'update' ? 'Update Fields' : 'Additional Fields', name: collection, type: 'collection', placeholder: 'Add Field', default: {}, options: optional });
				bodyFrom.push(collection);
			}
		} else if (op.requestBody || ['post', 'put', 'patch'].includes(method)) {
			bodyFrom.push(...[]);
		}

		const notes = operationNotes(op, resource.name);
		const definition: Record<string, unknown> = {
			value,
			name,
			action,
			description: notes.description,
			method: method.toUpperCase(),
			path: apiPath,
		};
		// What to do when Eduframe refuses it (a missing scope, a feature that is off): built by refusalHints.
		if (notes.scopes.length || notes.feature) {
			const needs: Record<string, unknown> = { scopes: notes.scopes, subject: notes.subject };
			if (notes.feature) needs.feature = notes.feature;
			if (/\}$/.test(apiPath)) needs.byId = true;
			definition.hints = { __needs: needs };
		}
		if (Object.keys(pathParameters).length) definition.pathParameters = pathParameters;
		if (merges[key]) definition.pathVariants = merges[key];
		if (isList) definition.list = true;
		if (isList && !paged) definition.unpaged = true;
		if (properties.length) definition.properties = properties;
		if (queryFrom.length) definition.queryFrom = queryFrom;
		if (bodyFrom.length || (method !== 'get' && method !== 'delete' && op.requestBody)) definition.bodyFrom = bodyFrom;
		if (Object.keys(kinds).length) definition.fields = kinds;
		if (nullable.length) definition.nullable = nullable;
		if (RULES[key]) definition.validate = { __raw: RULES[key] };
		if (method === 'put' || method === 'delete' || (method === 'post' && ['upsert', 'activate', 'deactivate', 'open'].includes(value))) definition.idempotent = true;
		if (value === 'getPdf') definition.binary = 'PDF';
		// Reads whose records carry IDs a person cannot read get the names next to them, and so do writes
		// that answer with the record written (a delete's answer is what is gone: nothing to name).
		if (method !== 'delete' && value !== 'getPdf' && okContent) {
			const answer = resolve(okContent);
			const record = answer.type === 'array' ? resolve(answer.items) : answer;
			const named = Object.keys(record.properties ?? {}).filter((column) => EDUFRAME_NAMED_IDS[column]);
			if (named.length) definition.names = named;
		}
		operations.push({ tag, key, definition });
	}
}

// Write one folder per resource.
const actionsDir = path.join(root, 'nodes/Eduframe/actions');
const byResource = new Map<string, GeneratedOperation[]>();
for (const operation of operations) {
	const resource = RESOURCES[operation.tag];
	if (!byResource.has(resource.value)) byResource.set(resource.value, []);
	byResource.get(resource.value)!.push(operation);
}
const header = '// Generated by scripts/generate-eduframe.ts from Eduframe\'s OpenAPI file. Edit the generator, not this file.\n';

/** Code written as is into the generated source. */
interface Raw {
	__raw: string;
}
const raw = (code: string): Raw => ({ __raw: code });
const isRaw = (value: unknown): value is Raw => !!value && typeof value === 'object' && '__raw' in (value as object);

/** TypeScript source for a value (single quotes, bare keys). */
function toSource(value: unknown, indent = ''): string {
	if (isRaw(value)) return value.__raw;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${indent}\t${toSource(entry, `${indent}\t`)}`).join(',\n')},\n${indent}]`;
	}
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
		if (entries.length === 0) return '{}';
		const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
		return `{\n${entries.map(([name, entry]) => `${indent}\t${key(name)}: ${toSource(entry, `${indent}\t`)}`).join(',\n')},\n${indent}}`;
	}
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
	return String(value);
}

/** Applies `visit` to every object below `value`, children first; `visit` may return a replacement. */
function rewrite(value: unknown, visit: (node: Record<string, unknown>) => unknown): unknown {
	if (isRaw(value)) return value;
	if (Array.isArray(value)) return value.map((entry) => rewrite(entry, visit));
	if (value && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [name, entry] of Object.entries(value)) copy[name] = rewrite(entry, visit);
		return visit(copy);
	}
	return value;
}

const camel = (name: string) => name.replace(/[_-]([a-z])/g, (_m: string, c: string) => c.toUpperCase());

// 1. Locators and the PDF's binary settings become code.
for (const operation of operations) {
	operation.definition = rewrite(operation.definition, (node) => {
		if (node.__needs) return raw(`refusalHints(${toSource(node.__needs, '\t\t')})`);
		if (Array.isArray(node.__associations)) {
			const [name, description] = node.__associations as [string, string];
			return raw(`customAssociationsField(${toSource(name)}, ${toSource(description)})`);
		}
		if (Array.isArray(node.__locator)) {
			const [name, method, label, example, required] = node.__locator as [string, string, string, string, boolean];
			return raw(`locator('${name}', '${method}', '${label}', '${example}', ${required})`);
		}
		return node;
	}) as Record<string, unknown>;
	if (operation.definition.binary) {
		// The file's answer: `{ data: <base64> }` (the May 2025 file left it undescribed; the sandbox once said `pdf`).
		const answer = resolve(resolve(spec.paths['/invoices/{id}/pdf'].get.responses['200']).content['application/json'].schema);
		const field = Object.keys(answer.properties ?? {})[0] ?? 'data';
		operation.definition.binary = raw(`{ field: '${field}', fileName: (parameters: IDataObject) => \`invoice-\${String(parameters.id ?? '')}.pdf\`, mimeType: 'application/pdf' }`);
		(operation.definition.properties as unknown[]).unshift({
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		});
	}
}

// 2. Option lists used more than once anywhere are written once, in actions/options.ts.
const optionUses = new Map<string, { name: string; count: number }>();
const isOptionList = (list: unknown) => Array.isArray(list) && list.length > 0 && list.every((entry) => entry && typeof entry === 'object' && 'value' in entry && !('displayName' in entry));
for (const operation of operations) {
	rewrite(operation.definition, (node) => {
		if (isOptionList(node.options)) {
			const key = toSource(node.options);
			const seen = optionUses.get(key);
			if (seen) seen.count++;
			else optionUses.set(key, { name: `${camel(String(node.name))}Choices`, count: 1 });
		}
		return node;
	});
}
const sharedOptions = new Map<string, string>();
const usedNames = new Set<string>();
for (const [key, use] of optionUses) {
	if (use.count < 2) continue;
	let name = use.name;
	for (let n = 2; usedNames.has(name); n++) name = `${use.name}${n}`;
	usedNames.add(name);
	sharedOptions.set(key, name);
}
fs.writeFileSync(
	path.join(actionsDir, 'options.ts'),
	`${header}import type { INodePropertyOptions } from 'n8n-workflow';\n\n${[...sharedOptions]
		.map(([key, name]) => `export const ${name}: INodePropertyOptions[] = ${key};\n`)
		.join('\n')}`,
);

const isField = (node: Record<string, unknown>) => typeof node.displayName === 'string' && typeof node.type === 'string' && typeof node.name === 'string' && node.type !== 'collection';
// Option lists become references first, so equal fields read the same.
const optionNamesByResource = new Map<string, Set<string>>();
const definitionsByResource = new Map<string, Array<Record<string, unknown>>>();
for (const [value, list] of byResource) {
	const optionNames = new Set<string>();
	definitionsByResource.set(
		value,
		list.map(
			(entry) =>
				rewrite(entry.definition, (node) => {
					const shared = isOptionList(node.options) ? sharedOptions.get(toSource(node.options)) : undefined;
					if (shared) {
						optionNames.add(shared);
						return { ...node, options: raw(shared) };
					}
					return node;
				}) as Record<string, unknown>,
		),
	);
	optionNamesByResource.set(value, optionNames);
}
// 3. Fields that several resources use are written once in actions/fields.ts; fields that several
//    operations of one resource use are written once at the top of that resource's file.
const resourcesUsing = new Map<string, Set<string>>();
for (const [value, definitions] of definitionsByResource) {
	for (const definition of definitions) {
		rewrite(definition, (node) => {
			if (isField(node)) {
				const source = toSource(node);
				if (!resourcesUsing.has(source)) resourcesUsing.set(source, new Set());
				resourcesUsing.get(source)!.add(value);
			}
			return node;
		});
	}
}
const sharedFields = new Map<string, string>();
const sharedFieldNames = new Set<string>();
for (const [source, users] of resourcesUsing) {
	if (users.size < 2) continue;
	const name = /name: '([^']+)'/.exec(source)?.[1] ?? 'field';
	const base = `${camel(name)}Field`;
	let unique = base;
	for (let n = 2; sharedFieldNames.has(unique); n++) unique = `${base}${n}`;
	sharedFieldNames.add(unique);
	sharedFields.set(source, unique);
}
const sharedFieldSources = [...sharedFields].map(([source, name]) => {
	const uses = [...new Set([...source.matchAll(/\b(\w+Choices)\b/g)].map((m) => m[1]))].filter((option) => [...sharedOptions.values()].includes(option));
	return { source, name, uses, locator: source.includes('locator(') };
});
const fieldsHeaderImports = [
	"import type { INodeProperties } from 'n8n-workflow';\n\n",
	sharedFieldSources.some((field) => field.locator) ? "import { locator } from '../methods/locator';\n" : '',
	(() => {
		const names = [...new Set(sharedFieldSources.flatMap((field) => field.uses))].sort();
		return names.length ? `import { ${names.join(', ')} } from './options';\n` : '';
	})(),
].join('');
fs.writeFileSync(
	path.join(actionsDir, 'fields.ts'),
	`${header}${fieldsHeaderImports}\n${sharedFieldSources.map((field) => `export const ${field.name}: INodeProperties = ${field.source};\n`).join('\n')}`,
);

const resourceValues: string[] = [];
for (const [value, list] of [...byResource.entries()].sort()) {
	const resource = Object.values(RESOURCES).find((r) => r.value === value)!;
	const optionNames = optionNamesByResource.get(value)!;
	let definitions: unknown[] = definitionsByResource.get(value)!;
	const fieldUses = new Map<string, number>();
	for (const definition of definitions) {
		rewrite(definition, (node) => {
			if (isField(node)) fieldUses.set(toSource(node), (fieldUses.get(toSource(node)) ?? 0) + 1);
			return node;
		});
	}
	const hoisted = new Map<string, string>();
	const importedFields = new Set<string>();
	const fieldNames = new Set<string>(sharedFieldNames);
	definitions = definitions.map((definition) =>
		rewrite(definition, (node) => {
			if (!isField(node)) return node;
			const source = toSource(node);
			const shared = sharedFields.get(source);
			if (shared) {
				importedFields.add(shared);
				return raw(shared);
			}
			if ((fieldUses.get(source) ?? 0) < 2) return node;
			let name = hoisted.get(source);
			if (!name) {
				const base = `${camel(String(node.name))}Field`;
				name = base;
				for (let n = 2; fieldNames.has(name); n++) name = `${base}${n}`;
				fieldNames.add(name);
				hoisted.set(source, name);
			}
			return raw(name);
		}),
	);
	// Option lists now only inside shared fields are imported by actions/fields.ts, not here.
	const usedHere = (text: string) => [...optionNames].filter((option) => new RegExp(`\\b${option}\\b`).test(text));
	const ops = definitions.map((definition, index) => `\t// ${list[index].key}\n\t${toSource(definition, '\t')}`);
	const fieldsSource = [...hoisted].map(([source, name]) => `const ${name}: INodeProperties = ${source};\n`).join('\n');
	const needsData = list.some((entry) => entry.definition.binary);
	const allSource = ops.join('\n') + fieldsSource;
	const needsLocator = allSource.includes('locator(');
	const optionImports = usedHere(allSource);
	// Hand-written operations (several requests, or a friendlier form of one) live beside the generated file.
	fs.mkdirSync(path.join(actionsDir, value), { recursive: true });
	const extras = fs
		.readdirSync(path.join(actionsDir, value))
		.filter((file) => file.endsWith('.ts') && file !== 'index.ts')
		.map((file) => file.replace(/\.ts$/, ''))
		.sort();
	const typeImports = ['IDataObject', 'INodeProperties'].filter((name) => (name === 'IDataObject' ? needsData : hoisted.size > 0));
	const imports = [
		typeImports.length ? `import type { ${typeImports.join(', ')} } from 'n8n-workflow';\n\n` : '',
		"import type { OperationDefinition, ResourceDefinition } from '../../../shared/operations/types';\n",
		needsLocator ? "import { locator } from '../../methods/locator';\n" : '',
		allSource.includes('refusalHints(') ? "import { refusalHints } from '../../transport/hints';\n" : '',
		allSource.includes('customAssociationsField(') ? "import { customAssociationsField } from '../customAssociations';\n" : '',
		...[...new Set([...allSource.matchAll(/\b(atLeastOne)\(/g)].map((match) => match[1]))].map((rule) => `import { ${rule} } from '../rules';\n`),
		importedFields.size ? `import { ${[...importedFields].sort().join(', ')} } from '../fields';\n` : '',
		optionImports.length ? `import { ${optionImports.sort().join(', ')} } from '../options';\n` : '',
		...extras.map((name) => `import { extraOperations as ${name}Operations } from './${name}';\n`),
	].join('');
	const extraSpread = extras.map((name) => `, ...${name}Operations(generated)`).join('');
	const source = `${header}${imports}\n${fieldsSource ? `${fieldsSource}\n` : ''}const generated: OperationDefinition[] = [\n${ops.join(',\n')},\n];\n\nexport const ${value}Resource: ResourceDefinition = {\n\tvalue: '${value}',\n\tname: '${resource.name}',\n\toperations: [...generated${extraSpread}],\n};\n`;
	fs.writeFileSync(path.join(actionsDir, value, 'index.ts'), source);
	resourceValues.push(value);
}
const index = `${header}import type { ResourceDefinition } from '../../shared/operations/types';\n${resourceValues.map((v) => `import { ${v}Resource } from './${v}';`).join('\n')}\n\n/** Every Eduframe resource, each in its own folder under actions/. */\nexport const eduframeResources: ResourceDefinition[] = [\n${resourceValues.map((v) => `\t${v}Resource,`).join('\n')}\n];\n`;
fs.writeFileSync(path.join(actionsDir, 'resources.ts'), index);
// The coverage map: every OpenAPI operation and the node operation that reaches it.
const coverage: Record<string, string> = {};
for (const operation of operations) coverage[operation.key] = `${RESOURCES[operation.tag].value}.${operation.definition.value}`;
for (const [key, merge] of Object.entries(MERGED)) coverage[key] = coverage[merge.into];
fs.writeFileSync(path.join(actionsDir, 'coverage.json'), JSON.stringify(coverage, null, 2) + '\n');
// The trigger's events: the OpenAPI file's WebhookEvent list.
const events: string[] = resolve(spec.components.schemas.WebhookEvent).enum;
fs.mkdirSync(path.join(root, 'nodes/Eduframe/trigger'), { recursive: true });
fs.writeFileSync(
	path.join(root, 'nodes/Eduframe/trigger/events.ts'),
	`${header}\n/** Every webhook event Eduframe sends (${events.length}). */\nexport const EDUFRAME_EVENTS: string[] = [\n${events.map((event) => `\t'${event}',`).join('\n')}\n];\n`,
);
process.stdout.write(`${operations.length} node operations in ${byResource.size} resources, covering ${Object.keys(coverage).length} OpenAPI operations\n`);
execFileSync(path.join(root, 'node_modules/.bin/eslint'), ['--fix', actionsDir], { stdio: 'inherit' });
export {};
