/**
 * The accessplanit sandbox's generic modules: every module of API v2 answers the same way (list,
 * get by `$filter=ID eq`, create, update, delete, upsert) with fields described at
 * `/apihelp/v2/modules/{module}`. A few modules are described by hand so tests read like real data;
 * the rest get a name and a description. Some refuse DELETE, some have no field help, and some
 * lookup lists carry no DateCreated/DateUpdated, as a real platform's would.
 */
import { MODULES } from '../../nodes/Accessplanit/actions/otherModule/catalogue';

export interface SandboxField {
	Name: string;
	/** .NET type names, as an ASP.NET API describes them. */
	Type: 'String' | 'Int32' | 'Decimal' | 'Boolean' | 'DateTime';
	Required?: boolean;
	ReadOnly?: boolean;
	Values?: string[];
	Description?: string;
}

const id: SandboxField = { Name: 'ID', Type: 'Int32', ReadOnly: true, Description: 'The record’s ID' };
const stamps: SandboxField[] = [
	{ Name: 'DateCreated', Type: 'DateTime', ReadOnly: true, Description: 'When the record was created' },
	{ Name: 'DateUpdated', Type: 'DateTime', ReadOnly: true, Description: 'When the record was last changed' },
];
const text = (Name: string, extra: Partial<SandboxField> = {}): SandboxField => ({ Name, Type: 'String', ...extra });
const number = (Name: string, extra: Partial<SandboxField> = {}): SandboxField => ({ Name, Type: 'Int32', ...extra });
const money = (Name: string): SandboxField => ({ Name, Type: 'Int32', Description: 'In pence' });
const date = (Name: string, extra: Partial<SandboxField> = {}): SandboxField => ({ Name, Type: 'DateTime', ...extra });
const flag = (Name: string): SandboxField => ({ Name, Type: 'Boolean' });

/** Modules described by hand (besides ID and the stamps): what a training administrator works with. */
const DESCRIBED: Record<string, SandboxField[]> = {
	Award: [text('Name', { Required: true }), text('Code', { Required: true }), number('ValidForMonths'), number('AwardTypeID'), flag('IsActive')],
	AwardType: [text('Name', { Required: true }), text('Description')],
	Category: [text('Name', { Required: true }), number('CategoryTypeID'), number('ParentCategoryID'), flag('IsActive')],
	CategoryType: [text('Name', { Required: true })],
	Course: [text('Name', { Required: true }), text('Code'), number('CourseTemplateID', { Required: true }), text('Summary')],
	CreditNote: [number('InvoiceID', { Required: true }), money('Amount'), text('Reason'), text('Status', { Values: ['Draft', 'Issued', 'Refunded'] })],
	Discount: [text('Name', { Required: true }), { Name: 'Percentage', Type: 'Decimal' }, date('ValidFrom'), date('ValidTo'), flag('IsActive')],
	EmailTemplate: [text('Name', { Required: true }), text('Subject', { Required: true }), text('Body'), number('EmailTypeID')],
	Fee: [text('Name', { Required: true }), money('Amount'), text('ExternalID')],
	Meeting: [text('Subject', { Required: true }), date('StartDate', { Required: true }), date('EndDate'), text('Location'), text('OrganiserUserID')],
	MeetingAttendee: [number('MeetingID', { Required: true }), text('UserID', { Required: true }), text('Response', { Values: ['Invited', 'Accepted', 'Declined'] })],
	Note: [text('Text', { Required: true }), text('UserID'), text('CompanyID'), text('CreatedByUserID')],
	Opportunity: [text('Name', { Required: true }), text('CompanyID'), money('Value'), text('Stage', { Values: ['Lead', 'Qualified', 'Proposal', 'Won', 'Lost'] }), date('ExpectedCloseDate'), text('ExternalID')],
	PriceScheme: [text('Name', { Required: true }), flag('IsDefault')],
	Product: [text('Name', { Required: true }), text('Code'), money('NetCost'), text('ExternalID')],
	Resource: [text('Name', { Required: true }), number('ResourceTypeID'), number('Capacity'), text('ExternalID')],
	ResourceType: [text('Name', { Required: true })],
	Role: [text('Name', { Required: true }), text('Description')],
	SpecialNeed: [text('Name', { Required: true })],
	Survey: [text('Name', { Required: true }), text('Status', { Values: ['Draft', 'Open', 'Closed'] }), date('OpenDate'), date('CloseDate')],
	Task: [text('Subject', { Required: true }), date('DueDate'), text('AssignedToUserID'), text('Status', { Values: ['NotStarted', 'InProgress', 'Completed'] }), text('ExternalID')],
	TaskTemplate: [text('Name', { Required: true }), number('DaysToComplete')],
	UserNote: [text('UserID', { Required: true }), text('Text', { Required: true })],
	UserType: [text('Name', { Required: true })],
	Voucher: [text('Code', { Required: true }), money('Value'), date('ExpiryDate'), text('CompanyID'), text('ExternalID'), flag('IsRedeemed')],
	Webhook: [text('Name', { Required: true }), text('Url', { Required: true }), text('Module'), text('Trigger', { Values: ['Create', 'Update', 'Delete'] }), flag('IsActive')],
	WebhookInstance: [number('WebhookID'), text('Status', { Values: ['Pending', 'Sent', 'Failed'] }), number('ResponseCode')],
	CustomFieldMetadata: [text('Module', { Required: true }), text('FieldName', { Required: true }), text('Label'), text('DataType', { Values: ['String', 'Int32', 'Decimal', 'Boolean', 'DateTime'] }), flag('Required'), text('Options')],
};

/** Lookup lists the platform keeps without stamps: they cannot be watched for changes. */
export const NO_STAMPS = new Set(['Currency', 'TimeZone', 'Nationality', 'EthnicOrigin']);
const LOOKUPS: Record<string, string[]> = {
	Currency: ['GBP', 'EUR', 'USD'],
	TimeZone: ['GMT Standard Time', 'W. Europe Standard Time', 'Eastern Standard Time'],
	Nationality: ['British', 'Irish', 'Dutch'],
	EthnicOrigin: ['Prefer not to say', 'White', 'Mixed'],
};

/** Modules whose records accessplanit keeps: DELETE answers 405, as ASP.NET does for a method it does not offer. */
export const NO_DELETE = new Set([
	'Invoice', 'InvoiceItem', 'InvoiceLog', 'Transaction', 'TransactionInvoice', 'CreditNote', 'SystemEventLog', 'RequestsLog',
	'ObjectEventQueue', 'WebhookInstance', 'Currency', 'TimeZone', 'CourseTemplate', 'Venue', 'Trainer', 'ManagerUserCourseDateAuthorisation',
]);

/** Modules the platform writes itself: they can be read, not written (POST and PUT are not offered). */
export const GENERIC_READ_ONLY = new Set(['SystemEventLog', 'RequestsLog', 'ObjectEventQueue', 'InvoiceLog', 'WebhookInstance', 'Dashboard', 'LegacyReport', 'Report']);

/** Modules the platform gives no field help for (404), so the node offers JSON. */
export const NO_FIELD_HELP = new Set(['Dashboard', 'Gadget2', 'LegacyReport', 'Report', 'SavedForm']);

/** Custom fields (`CF_…`) the sandbox's platform defined, as CustomFieldMetadata lists them. */
export const CUSTOM_FIELDS = [
	{ Module: 'User', FieldName: 'CF_ShirtSize', Label: 'Shirt size', DataType: 'String', Required: false, Options: 'S|M|L|XL' },
	{ Module: 'Voucher', FieldName: 'CF_CampaignCode', Label: 'Campaign code', DataType: 'String', Required: false, Options: null },
	{ Module: 'Task', FieldName: 'CF_Priority', Label: 'Priority', DataType: 'String', Required: false, Options: 'Low|Medium|High' },
	{ Module: 'Note', FieldName: 'CF_Confidential', Label: 'Confidential', DataType: 'Boolean', Required: false, Options: null },
];

/** The described fields of a generic module (hand-described, a lookup list, or a name and a description). */
export function genericFields(module: string): SandboxField[] {
	if (LOOKUPS[module]) return [id, text('Name', { Required: true })];
	return [id, ...(DESCRIBED[module] ?? [text('Name', { Required: true }), text('Description')]), ...stamps];
}

/** Field help for a module whose records are seeded by hand: from its records' own keys. */
export function fieldsFromRecords(records: Array<Record<string, unknown>>, required: string[] = []): SandboxField[] {
	const keys = new Set<string>();
	// Custom fields (CF_…) are described by CustomFieldMetadata, not here.
	for (const record of records.slice(0, 20)) for (const key of Object.keys(record)) if (!/^CF_/.test(key)) keys.add(key);
	return [...keys].map((name) => {
		const sample = records.find((record) => record[name] !== null && record[name] !== undefined)?.[name];
		const type: SandboxField['Type'] =
			typeof sample === 'number' ? (Number.isInteger(sample) ? 'Int32' : 'Decimal') : typeof sample === 'boolean' ? 'Boolean' : /^(Date|.*Date$)/.test(name) ? 'DateTime' : 'String';
		return { Name: name, Type: type, Required: required.includes(name), ReadOnly: /^(ID|DateCreated|DateUpdated)$/.test(name) };
	});
}

/** A plausible value for a field of record `index` of `module`. */
function sampleValue(module: string, field: SandboxField, index: number, label: string): unknown {
	if (field.Values?.length) return field.Values[index % field.Values.length];
	switch (field.Type) {
		case 'Int32':
			return /ID$/.test(field.Name) ? 1 + (index % 3) : 10 * (index + 1);
		case 'Decimal':
			return 5 + index * 2.5;
		case 'Boolean':
			return index % 2 === 0;
		case 'DateTime':
			return `2026-0${1 + (index % 9)}-1${index % 10}T09:00:00`;
		default:
			if (field.Name === 'Name' || field.Name === 'Subject') return `${label} ${index + 1}`;
			if (field.Name === 'Code') return `${module.slice(0, 4).toUpperCase()}${100 + index}`;
			if (field.Name === 'ExternalID') return `EXT-${module.toUpperCase()}-${index + 1}`;
			if (field.Name === 'Url') return `https://hr.example.co.uk/hooks/${index + 1}`;
			if (/UserID$/.test(field.Name)) return null;
			return `${field.Name} of ${label.toLowerCase()} ${index + 1}`;
	}
}

/** Seed records for every generic module not seeded by hand: three each (a lookup list its values). */
export function genericSeeds(handSeeded: Set<string>): Array<{ module: string; records: Array<Record<string, unknown>>; stamped: boolean }> {
	const seeds: Array<{ module: string; records: Array<Record<string, unknown>>; stamped: boolean }> = [];
	for (const { name, label } of MODULES) {
		if (handSeeded.has(name)) continue;
		if (LOOKUPS[name]) {
			seeds.push({ module: name, stamped: false, records: LOOKUPS[name].map((value, index) => ({ ID: index + 1, Name: value })) });
			continue;
		}
		if (name === 'CustomFieldMetadata') {
			seeds.push({ module: name, stamped: true, records: CUSTOM_FIELDS.map((field) => ({ ...field })) });
			continue;
		}
		const fields = genericFields(name).filter((field) => !field.ReadOnly);
		seeds.push({
			module: name,
			stamped: true,
			records: [0, 1, 2].map((index) => Object.fromEntries(fields.map((field) => [field.Name, sampleValue(name, field, index, label)]))),
		});
	}
	return seeds;
}
