import type { FieldType, IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { vendorRequest } from '../../../shared/transport/request';
import { accessplanitProfile, accessplanitRoot, resultsOf } from '../../transport';
import { odataLiteral, splitWords } from '../../methods/filter';

/** One field of a module, as the platform describes it (`/apihelp/v2/modules/{module}`, `CustomFieldMetadata`). */
export interface PlatformField {
	/** The API's name (`Forenames`, `CF_ShirtSize`). */
	name: string;
	/** What users read ("Forenames", "Shirt Size (custom field)"). */
	label: string;
	type: 'string' | 'number' | 'boolean' | 'dateTime';
	required: boolean;
	/** Written by the platform only (ID, DateCreated, DateUpdated...): never sent. */
	readOnly: boolean;
	/** The values the platform allows, when it lists them. */
	options?: string[];
	custom: boolean;
	description?: string;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Fields the platform writes itself, whatever its field help says. */
const WRITTEN_BY_PLATFORM = /^(ID|DateCreated|DateUpdated|CreatedBy|UpdatedBy)$/i;

function typeOf(raw: unknown): PlatformField['type'] {
	const type = String(raw ?? '').toLowerCase();
	if (/^(u?int(16|32|64)?|integer|long|short|byte|decimal|double|single|float|number|money)$/.test(type)) return 'number';
	if (/^(bool|boolean)$/.test(type)) return 'boolean';
	if (/^(datetime|datetimeoffset|date)$/.test(type)) return 'dateTime';
	return 'string';
}

const text = (record: IDataObject, ...keys: string[]) => {
	for (const key of keys) if (record[key] !== undefined && record[key] !== null && record[key] !== '') return String(record[key]);
	return undefined;
};
const flag = (record: IDataObject, ...keys: string[]) => keys.some((key) => record[key] === true || String(record[key]).toLowerCase() === 'true');

function optionsOf(record: IDataObject): string[] | undefined {
	const raw = record.Values ?? record.values ?? record.Options ?? record.options;
	if (Array.isArray(raw)) return raw.map(String).filter(Boolean);
	if (typeof raw === 'string' && raw.trim()) return raw.split('|').map((value) => value.trim()).filter(Boolean);
	return undefined;
}

/** The field list of a field-help answer, whatever it is wrapped in. */
function fieldList(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const object = (body ?? {}) as IDataObject;
	for (const key of ['Fields', 'fields', 'Properties', 'properties']) if (Array.isArray(object[key])) return object[key] as IDataObject[];
	return [];
}

/**
 * The fields of `module` as the platform describes them, custom fields (`CF_…`) included; undefined
 * when the platform gives no field description for the module.
 */
export async function platformFields(ctx: Context, module: string): Promise<PlatformField[] | undefined> {
	const credentials = await ctx.getCredentials('accessplanitApi');
	const help = await vendorRequest.call(ctx, accessplanitProfile, {
		method: 'GET',
		url: `${accessplanitRoot(credentials)}/apihelp/v2/modules/${encodeURIComponent(module)}`,
		endpointKey: 'apihelp',
		allowStatuses: [404],
	});
	const described = help.statusCode === 404 ? [] : fieldList(help.body);
	const fields: PlatformField[] = [];
	for (const entry of described) {
		const name = text(entry, 'Name', 'name', 'FieldName', 'Field');
		if (!name) continue;
		fields.push({
			name,
			label: text(entry, 'Label', 'DisplayName', 'label') ?? splitWords(name),
			type: typeOf(text(entry, 'Type', 'type', 'DataType')),
			required: flag(entry, 'Required', 'required', 'IsRequired'),
			readOnly: flag(entry, 'ReadOnly', 'readOnly', 'IsReadOnly') || WRITTEN_BY_PLATFORM.test(name),
			options: optionsOf(entry),
			custom: /^CF_/i.test(name),
			description: text(entry, 'Description', 'description'),
		});
	}
	// The platform's own fields (CF_…) of this module, as CustomFieldMetadata describes them.
	const custom = await vendorRequest.call(ctx, accessplanitProfile, {
		method: 'GET',
		url: '/CustomFieldMetadata',
		qs: { $filter: `Module eq ${odataLiteral(module)}` },
		allowStatuses: [400, 403, 404],
	});
	for (const entry of custom.statusCode === 200 ? resultsOf(custom.body) : []) {
		const name = text(entry, 'FieldName', 'Name');
		if (!name) continue;
		// A custom field the help also lists is described by its metadata (label, values).
		const listed = fields.findIndex((field) => field.name === name);
		if (listed >= 0) fields.splice(listed, 1);
		fields.push({
			name,
			label: `${text(entry, 'Label', 'DisplayName') ?? splitWords(name.replace(/^CF_/i, ''))} (custom field)`,
			type: typeOf(text(entry, 'DataType', 'Type')),
			required: flag(entry, 'Required', 'IsRequired'),
			readOnly: false,
			options: optionsOf(entry),
			custom: true,
			description: text(entry, 'Description'),
		});
	}
	return help.statusCode === 404 && fields.length === 0 ? undefined : fields;
}

const FIELD_TYPES: Record<PlatformField['type'], FieldType> = { string: 'string', number: 'number', boolean: 'boolean', dateTime: 'dateTime' };

/**
 * The columns n8n's resource mapper offers for a module. `forCreate`: fields the platform requires
 * are marked required. Fields that can identify a record (ID, ExternalID) can be matched on.
 */
export function mapperColumns(fields: PlatformField[], forCreate: boolean): ResourceMapperField[] {
	return fields
		.filter((field) => !field.readOnly || /^(ID)$/i.test(field.name))
		.map((field) => ({
			id: field.name,
			displayName: field.label,
			required: forCreate && field.required && !field.readOnly,
			defaultMatch: /^ExternalID$/i.test(field.name),
			canBeUsedToMatch: /^(ID|ExternalID|Email|Code|Reference)$/i.test(field.name),
			display: true,
			type: field.options?.length ? 'options' : FIELD_TYPES[field.type],
			options: field.options?.map((value) => ({ name: splitWords(value), value })),
		}));
}

/** What a filter compares a field of each kind with, said where the field is picked (the module's fields are known only then). */
const COMPARED_WITH: Record<PlatformField['type'], string> = {
	dateTime: 'A date. In a filter, compare it with Equals, Not Equals, Greater Than, Less Than or Is Blank, not Contains; write it as 2026-03-31.',
	number: 'A number. In a filter, compare it with Equals, Not Equals, Greater Than, Less Than or Is Blank, not Contains.',
	boolean: 'Yes or no. In a filter, compare it with Equals, Not Equals or Is Blank, and write true or false.',
	string: 'Text. In a filter, any operator fits.',
};

/** The description of a field in the dropdowns: what it holds and how a filter compares it. */
function comparedWith(field: PlatformField): string {
	if (field.options?.length) {
		const values = field.options.slice(0, 8).map(splitWords).join(', ');
		return `One of ${values}${field.options.length > 8 ? '…' : ''}. In a filter, compare it with Equals, Not Equals or Is Blank.`;
	}
	return COMPARED_WITH[field.type] ?? COMPARED_WITH.string;
}

/** Field choices for a module's filter builder, sort and field selection: every field, read-only ones too, each saying how a filter compares it. */
export function fieldChoices(fields: PlatformField[]): INodePropertyOptions[] {
	return fields.map((field) => ({ name: field.label, value: field.name, description: comparedWith(field) })).sort((a, b) => a.name.localeCompare(b.name));
}
