import type { INodeProperties } from 'n8n-workflow';

/**
 * Every module of accessplanit's API v2 (`{root}/api/v2/{Module}`), as accessplanit's own demo
 * client lists them (139, of which Token and Login are the sign-in, not records), with the name a
 * training administrator knows it by.
 */
const MODULE_NAMES = [
	'Award', 'AwardFramework', 'AwardingBodyMapping', 'AwardType', 'AwardUserType', 'Basket', 'BasketItem', 'Broadcast',
	'BroadcastType', 'BulkEmail', 'BulkEmailLink', 'BulkEmailRecipient', 'BulkEmailRecipientEvent', 'Category',
	'CategoryType', 'ClassCourseDate', 'Communication', 'Company', 'CompanyCourseOverride', 'CompanyGroup', 'CompanyText',
	'CompanyUserCourse', 'CompanyWorkingSession', 'ConfigCode', 'Course', 'CourseDate', 'CourseDateBooking',
	'CourseDateSession', 'CourseFileMetadata', 'CourseTemplate', 'CreditNote', 'Currency', 'CustomFieldMetadata',
	'CustomForm', 'CustomListItem', 'Dashboard', 'Discount', 'DiscountRule', 'DocumentPackage', 'DocumentTemplate',
	'ELearningPackage', 'EmailMessage', 'EmailSubscription', 'EmailTemplate', 'EmailType', 'EnquiryQuoteItem',
	'EthnicOrigin', 'Fee', 'FileMetadata', 'Gadget2', 'Industry', 'Invoice', 'InvoiceItem', 'InvoiceLog', 'LegacyReport',
	'Login', 'ManagerBookableCourseDate', 'ManagerBookableCourseTemplate', 'ManagerCompany', 'ManagerCreditNote',
	'ManagerEvaluationRequest', 'ManagerInvoice', 'ManagerPlaceholder', 'ManagerUser', 'ManagerUserAward',
	'ManagerUserCourse', 'ManagerUserCourseDate', 'ManagerUserCourseDateAuthorisation', 'ManagerVoucherMapping',
	'Meeting', 'MeetingAttendee', 'ModuleUnit', 'Nationality', 'Note', 'ObjectEventQueue', 'Opportunity',
	'OpportunityHistoryItem', 'OpportunityItem', 'OpportunityMapping', 'Placeholder', 'PriceScheme',
	'PriceSchemeMapping', 'Product', 'ProductMapping', 'Purchase', 'Report', 'RequestsLog', 'Resource',
	'ResourceAvailability', 'ResourceAvailabilityException', 'ResourceRequirement',
	'ResourceRequirementCourseDate', 'ResourceType', 'Role', 'SavedForm', 'SessionPlan', 'SessionPlanItem',
	'ShoppingBasket3', 'ShoppingBasket3Item', 'SpecialNeed', 'Survey', 'SurveyAnswer', 'SurveyRecipient',
	'SystemEventLog', 'Task', 'TaskMapping', 'TaskTemplate', 'TextTemplate', 'TimeZone', 'Token', 'TrainerConfirmation',
	'TrainingPointsType', 'Transaction', 'TransactionInvoice', 'TransactionMethod', 'User', 'UserAward',
	'UserCommunication', 'UserCompany', 'UserCourse', 'UserCourseDate', 'UserCourseDateClass',
	'UserCourseDateDocuments', 'UserCourseDateELearning', 'UserCourseDateModule', 'UserCourseDateStatusReason',
	'UserCourseDateWeb', 'UserNote', 'UserRole', 'UserType', 'UserUserType', 'Venue', 'ViabilityItem', 'Voucher',
	'VoucherMapping', 'WebCourseDate', 'Webhook', 'WebhookInstance', 'WorkflowTemplate',
];

/** The sign-in modules: not records, so not offered, and refused when given by name. */
const NOT_RECORDS = new Set(['Token', 'Login']);

/** What a module is called in accessplanit's screens and the HR guide, where that differs from its API name. */
const KNOWN_AS: Record<string, string> = {
	UserCourseDate: 'Delegate',
	ManagerUserCourseDate: 'Delegate (Manager View)',
	ManagerUserCourseDateAuthorisation: 'Course Request Approval (Manager Authorisation)',
	Company: 'Account',
	ManagerCompany: 'Account (Manager View)',
	CompanyGroup: 'Account Group',
	UserAward: 'Award Held or Targeted',
	CustomFieldMetadata: 'Custom Field Definitions',
	ObjectEventQueue: 'Event Queue',
	WebhookInstance: 'Webhook Call',
};

/** `UserCourseDate` -> "User Course Date"; `ELearningPackage` -> "E-Learning Package"; `Gadget2` -> "Gadget 2". */
export function moduleWords(name: string): string {
	return name
		.replace(/^ELearning/, 'E-Learning')
		.replace(/ELearning/, ' E-Learning')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/([A-Za-z])(\d)/g, '$1 $2')
		.replace(/(\d)([A-Z])/g, '$1 $2')
		.trim();
}

export interface ModuleEntry {
	/** The API's name, as it is in the URL. */
	name: string;
	/** What users read: "User Course Date (Delegate)". */
	label: string;
}

/** Every module that holds records, in alphabetical order of what users read. */
export const MODULES: ModuleEntry[] = MODULE_NAMES.filter((name) => !NOT_RECORDS.has(name))
	.map((name) => ({ name, label: KNOWN_AS[name] ? `${moduleWords(name)} (${KNOWN_AS[name]})` : moduleWords(name) }))
	.sort((a, b) => a.label.localeCompare(b.label));

/** The entry for a module name, whatever its case; undefined for a name that is not a module. */
export function moduleEntry(name: string): ModuleEntry | undefined {
	const wanted = name.trim().toLowerCase();
	return MODULES.find((entry) => entry.name.toLowerCase() === wanted);
}

/**
 * The module a Module field names, checked before any request: a module's API name is letters and
 * digits (so `..` or `User/../Token` never reach a path), and the sign-in (Token, Login, in any case)
 * is no module of records. Throws an Error, with a `description` saying what to do, naming the field.
 */
export function checkedModule(raw: unknown): ModuleEntry {
	const name = String(raw ?? '').trim();
	if (!name) throw Object.assign(new Error('The field "Module" is empty'), { description: 'Pick the module from the list.' });
	if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
		throw Object.assign(new Error(`The field "Module" needs a module name: "${name}" is not one`), {
			description: 'Pick the module from the list, or give its API name: letters and digits, e.g. Voucher. Nothing was sent.',
		});
	}
	const signIn = [...NOT_RECORDS].find((module) => module.toLowerCase() === name.toLowerCase());
	if (signIn) {
		throw Object.assign(new Error(`The field "Module" names accessplanit's sign-in (${signIn}), not a module of records`), {
			description: 'The node signs in by itself with the credential. Pick a module of records from the list. Nothing was sent.',
		});
	}
	return moduleEntry(name) ?? { name, label: name };
}

/** The Module field: picked from the list of every module (searchable), or given by its API name. */
export function moduleLocator(description: string): INodeProperties {
	return {
		displayName: 'Module',
		name: 'module',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchModules', searchable: true } },
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Voucher',
				validation: [{ type: 'regex', properties: { regex: '^[A-Za-z][A-Za-z0-9]*$', errorMessage: 'A module name is letters and digits, e.g. Voucher' } }],
			},
		],
	};
}
