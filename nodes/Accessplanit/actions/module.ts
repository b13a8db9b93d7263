import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldKind, OperationDefinition } from '../../shared/operations/types';
import { pickMatch, requireKey, type MatchKey } from '../../shared/operations/match';
import { checkPathId } from '../../shared/operations/pathIds';
import { withArticle } from '../../shared/operations/words';
import { vendorRequest } from '../../shared/transport/request';
import { paginate } from '../../shared/transport/paginate';
import { accessplanitPagination, accessplanitProfile, resultsOf } from '../transport';
import { listOptions, listQuery, odataLiteral, splitWords } from '../methods/filter';
import { showInPounds } from '../methods/money';

/**
 * One field of an accessplanit module, named as the API names it. `money` fields are entered and
 * shown in pounds and sent in pence; `options` fields are dropdowns with the documented values.
 */
export interface FieldSpec {
	/** The API's name for the field, e.g. `ExternalID`. */
	api: string;
	/** The label shown in n8n, e.g. "External ID". */
	label: string;
	type?: 'string' | 'number' | 'boolean' | 'dateTime' | 'options' | 'money' | 'email' | 'locator';
	options?: string[] | Array<{ name: string; value: string }>;
	/** A dropdown filled from accessplanit (a `loadOptions` method name). */
	loadOptions?: string;
	/** For `locator`: the searchable list method. */
	searchList?: string;
	description?: string;
	placeholder?: string;
	default?: string | number | boolean;
}

/** A module of API v2 (`{root}/api/v2/{module}`) and the standard operations it offers. */
export interface ModuleSpec {
	module: string;
	/** Singular noun for texts ("user", "course date"). */
	noun: string;
	plural: string;
	/** The parameter holding one record's ID, e.g. `userId`. */
	idParameter: string;
	idExample: string;
	/** A searchable list for the ID (a resource locator), when there is one. */
	idSearch?: string;
	/** Fields offered in the filter builder, sort and field selection. */
	readFields: string[];
	/** Amounts in pence: shown in pounds with the pence kept beside them. */
	money?: string[];
	/** The documented values of the module's Status, offered as a dropdown in the filter builder. */
	statuses?: string[];
	/** The module accepts no `$filter`/`$orderby` (Course Templates): the list is read whole and filtered here. */
	noServerQuery?: boolean;
	/** Fields a Create must have, and the ones it may have. */
	create?: { required: FieldSpec[]; optional: FieldSpec[] };
	/** Fields an Update may change. */
	update?: FieldSpec[];
	/** Values checked before any request; throw an Error naming the field. */
	validate?: (body: IDataObject) => void;
	/** ID columns the platform sends without a readable name: reads add one (keys of accessplanitNames). */
	names?: string[];
}

const kindOf = (field: FieldSpec): FieldKind | undefined =>
	field.type === 'money' ? 'minorUnits' : field.type === 'dateTime' ? 'dateTime' : field.type === 'number' ? 'number' : undefined;

export function fieldKinds(fields: FieldSpec[]): Record<string, FieldKind> {
	const kinds: Record<string, FieldKind> = {};
	for (const field of fields) {
		const kind = kindOf(field);
		if (kind) kinds[field.api] = kind;
	}
	return kinds;
}

/** The n8n property for one field. */
export function fieldProperty(field: FieldSpec, required = false): INodeProperties {
	const base = { displayName: field.label, name: field.api, description: field.description, placeholder: field.placeholder, required: required || undefined };
	switch (field.type) {
		case 'money':
			return {
				...base,
				displayName: `${field.label} (£)`,
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: field.default ?? 0,
				description: field.description ?? 'In pounds, e.g. 150.50 (sent to accessplanit in pence)',
			};
		case 'number':
			return { ...base, type: 'number', default: field.default ?? 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'email':
			return { ...base, type: 'string', placeholder: field.placeholder ?? 'name@email.com', default: '' };
		case 'options':
			if (field.loadOptions) {
				return {
					...base,
					displayName: `${field.label} Name or ID`,
					type: 'options',
					typeOptions: { loadOptionsMethod: field.loadOptions },
					default: '',
					description: `${field.description ?? ''}${field.description ? '. ' : ''}Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
				};
			}
			return {
				...base,
				type: 'options',
				options: (field.options ?? []).map((option) => (typeof option === 'string' ? { name: splitWords(option), value: option } : option)),
				default: field.default ?? (typeof field.options?.[0] === 'string' ? field.options[0] : (field.options?.[0] as { value: string } | undefined)?.value ?? ''),
			};
		case 'locator':
			return idLocator(field.label, field.api, field.searchList ?? '', field.placeholder ?? '', required);
		default:
			return { ...base, type: 'string', default: field.default ?? '' };
	}
}

/** A record picked from a searchable list, or given by ID. */
export function idLocator(displayName: string, name: string, searchList: string, example: string, required = true): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: searchList ? 'list' : 'id', value: '' },
		required,
		modes: [
			...(searchList
				? [{ displayName: 'From List', name: 'list', type: 'list' as const, typeOptions: { searchListMethod: searchList, searchable: true } }]
				: []),
			{ displayName: 'By ID', name: 'id', type: 'string' as const, placeholder: example ? `e.g. ${example}` : undefined },
		],
	};
}

function idProperty(spec: ModuleSpec): INodeProperties {
	const label = `${spec.noun.replace(/(^|\s)\w/g, (c) => c.toUpperCase())}`;
	return spec.idSearch
		? idLocator(label, spec.idParameter, spec.idSearch, spec.idExample)
		: { displayName: `${label} ID`, name: spec.idParameter, type: 'string', required: true, default: '', placeholder: `e.g. ${spec.idExample}` };
}

/** A list of name/value pairs for the module's custom fields, sent untouched. */
export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: 'Your platform\'s own fields, by their API name; sent as written',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{ displayName: 'Field Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. EmployeeNumber' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/**
 * The ID an item gives for `parameter` (a resource locator or plain text), checked before any request:
 * empty, or no single part of a path (see `checkPathId`), it is refused. accessplanit's IDs never are
 * (`jasmit`, `1042`, `pebrid~12368`).
 */
export function requiredId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, label: string, example: string): string {
	try {
		return checkPathId(ctx.getNodeParameter(parameter, itemIndex), label);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description: `Pick the record from the list, or give its ID as Get Many lists it, e.g. ${example}. Nothing was sent.` });
	}
}

/** For an operation's `buildBody`: checks an ID that goes into the path (`requiredId`) and adds nothing to the body. */
export const idChecked = (parameter: string, label: string, example: string) => (ctx: IExecuteFunctions, itemIndex: number): IDataObject => {
	requiredId(ctx, itemIndex, parameter, label, example);
	return {};
};

/**
 * One record by ID: `$filter=ID eq '…'`, or for a module that takes no `$filter` (course
 * templates) its list read page by page. A missing record is a clear error.
 */
export async function findRecord(
	ctx: IExecuteFunctions,
	itemIndex: number,
	what: { module: string; noun: string; idExample: string; noServerQuery?: boolean },
	id: string,
): Promise<IDataObject> {
	const url = `/${what.module}`;
	const candidates = what.noServerQuery
		? await paginate.call(ctx, accessplanitProfile, accessplanitPagination, { url, returnAll: true, itemIndex })
		: resultsOf((await vendorRequest.call(ctx, accessplanitProfile, { method: 'GET', url, qs: { $filter: `ID eq ${odataLiteral(id)}` }, itemIndex })).body);
	const found = candidates.find((record) => String(record.ID) === id);
	if (!found) {
		throw new NodeOperationError(ctx.getNode(), `accessplanit has no ${what.noun} with ID "${id}"`, {
			itemIndex,
			description: `Check the ID (e.g. ${what.idExample}). Get Many lists the records with their IDs.`,
		});
	}
	return found;
}

/** accessplanit's answer when a module takes no DELETE (ASP.NET: "does not support http method 'DELETE'"), or refuses it in words. */
function deleteRefused(statusCode: number, body: unknown): boolean {
	if (statusCode === 405) return true;
	const text = String((body as IDataObject | undefined)?.Message ?? '');
	return (statusCode === 400 || statusCode === 403) && /not (supported|allowed|permitted)|cannot be deleted|does not support/i.test(text);
}

/**
 * Deletes one record of `module`. A module whose records accessplanit keeps (it refuses DELETE)
 * reads as that, not as an HTTP status; a record that is not there is a clear error.
 */
export async function deleteRecord(ctx: IExecuteFunctions, itemIndex: number, module: string, noun: string, id: string): Promise<IDataObject[]> {
	const answer = await vendorRequest.call(ctx, accessplanitProfile, {
		method: 'DELETE',
		url: `/${module}/${encodeURIComponent(id)}`,
		idempotent: true,
		itemIndex,
		allowStatuses: [400, 403, 404, 405],
	});
	if (deleteRefused(answer.statusCode, answer.body)) {
		throw new NodeOperationError(ctx.getNode(), `accessplanit does not allow deleting ${noun} records through the API`, {
			itemIndex,
			description: 'Nothing was deleted. Change the record instead (for example its Status), or delete it in accessplanit itself.',
		});
	}
	if (answer.statusCode === 404) {
		throw new NodeOperationError(ctx.getNode(), `accessplanit has no ${noun} with ID "${id}"`, { itemIndex, description: 'Check the ID: Get Many lists the records with their IDs. Nothing was deleted.' });
	}
	if (answer.statusCode >= 400) {
		// Any other refusal is accessplanit's own words (shaped like every other error).
		await vendorRequest.call(ctx, accessplanitProfile, { method: 'DELETE', url: `/${module}/${encodeURIComponent(id)}`, idempotent: true, itemIndex });
	}
	return [{ deleted: true, module, ID: id }];
}

/** A key accessplanit's `$filter` can name: letters, digits and underscores (e.g. `ExternalID`, `CF_EmployeeNo`). */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Create or Update for any module, matched on `match.field` = `match.value`: the records with that value are
 * looked up with `$filter` first; exactly one is updated by its own ID (`PUT {Module}/{ID}`), none means
 * a new record (`POST {Module}`), more than one is refused, and an answer listing records without the
 * value writes nothing (see `pickMatch`). accessplanit's upsert POST is not used: its help pages do not
 * say which field it matches on, so it could write to a record whose key is not the input. Two requests
 * per item. Matched on the record's own ID, a record that is not there is refused rather than created
 * under another ID (which a second run would create again).
 */
export async function createOrUpdateRecord(
	ctx: IExecuteFunctions,
	itemIndex: number,
	what: { module: string; noun: string; plural: string },
	match: { field: string; label: string; input?: string; value: unknown },
	body: IDataObject,
): Promise<IDataObject> {
	if (!FIELD_NAME.test(match.field)) {
		throw new NodeOperationError(ctx.getNode(), `"${match.field}" is not a field to match on`, { itemIndex, description: 'Pick the field from the list (letters, digits and underscores, e.g. ExternalID). Nothing was sent.' });
	}
	const key: MatchKey = { vendor: 'accessplanit', noun: what.noun, plural: what.plural, label: match.label, input: match.input, field: match.field, idField: 'ID', email: /e-?mail/i.test(match.field) };
	const value = requireKey(ctx, itemIndex, match.value, key);
	const candidates = await paginate.call(ctx, accessplanitProfile, accessplanitPagination, {
		url: `/${what.module}`,
		qs: { $filter: `${match.field} eq ${odataLiteral(value)}` },
		returnAll: false,
		limit: accessplanitPagination.maxPageSize,
		itemIndex,
	});
	const found = pickMatch(ctx, itemIndex, candidates, value, key, candidates.length < accessplanitPagination.maxPageSize);
	const record = { ...body, [match.field]: value };
	// An ID among the fields (matched on another key) names a record too: it must be the one found.
	const { ID: given, ...changes } = record;
	const givenId = given === undefined || given === null ? '' : String(given).trim();
	if (match.field !== 'ID' && givenId && givenId !== found?.id) {
		throw new NodeOperationError(ctx.getNode(), found ? `The ${what.noun} with ${match.label} "${value}" is ${found.id}, not ${givenId}` : `No ${what.noun} has ${match.label} "${value}", yet the fields give the ID ${givenId}`, {
			itemIndex,
			description: 'Nothing was written. Remove the ID from the fields, or match on ID instead.',
		});
	}
	if (found) {
		const updated = await vendorRequest.call(ctx, accessplanitProfile, { method: 'PUT', url: `/${what.module}/${encodeURIComponent(found.id)}`, body: changes, idempotent: true, itemIndex });
		return { ...((resultsOf(updated.body)[0] ?? updated.body ?? {}) as IDataObject), outcome: 'updated' };
	}
	if (match.field === 'ID') {
		throw new NodeOperationError(ctx.getNode(), `accessplanit has no ${what.noun} with ID "${value}"`, {
			itemIndex,
			description: `Nothing was written: accessplanit gives new records their own ID. Check the ID (Get Many lists them), or match on External ID to create the ${what.noun} when it is not there.`,
		});
	}
	const created = await vendorRequest.call(ctx, accessplanitProfile, { method: 'POST', url: `/${what.module}`, body: record, itemIndex });
	return { ...((resultsOf(created.body)[0] ?? created.body ?? {}) as IDataObject), outcome: 'created' };
}

/** The keys Create or Update can match a record on, as the node offers them. */
const UPSERT_KEYS = [
	{ name: 'External ID', value: 'ExternalID', description: 'The ID your HR or other system gave the record' },
	{ name: 'ID', value: 'ID', description: 'The record’s own ID in accessplanit' },
];

/** Get Many / Get / Create / Update / Delete / Create or Update for one module, as data. */
export function moduleOperations(
	spec: ModuleSpec,
	only: Array<'getAll' | 'get' | 'create' | 'update' | 'delete' | 'createOrUpdate'> = ['getAll', 'get', 'create', 'update', 'delete', 'createOrUpdate'],
): OperationDefinition[] {
	const path = `/${spec.module}`;
	const outputRecord = spec.money?.length ? (record: IDataObject) => showInPounds(record, spec.money!) : undefined;
	const operations: OperationDefinition[] = [];
	if (only.includes('getAll')) {
		operations.push({
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${spec.plural}`,
			description: `List ${spec.plural} that meet the conditions`,
			method: 'GET',
			path,
			list: true,
			properties: spec.noServerQuery ? [] : listOptions(spec.readFields, spec.money, spec.statuses),
			bodyFrom: spec.noServerQuery ? [] : ['filters', 'options'],
			prepare: spec.noServerQuery ? undefined : (parameters) => ({ qs: listQuery(parameters, spec.money, spec.statuses) }),
			outputRecord,
			names: spec.names,
		});
	}
	if (only.includes('get')) {
		operations.push({
			value: 'get',
			name: 'Get',
			action: `Get ${withArticle(spec.noun)}`,
			description: `Get one ${spec.noun} by ID (e.g. ${spec.idExample})`,
			method: 'GET',
			path,
			properties: [idProperty(spec)],
			bodyFrom: [spec.idParameter],
			names: spec.names,
			run: async (ctx, itemIndex) => {
				const label = idProperty(spec).displayName;
				const found = await findRecord(ctx, itemIndex, spec, requiredId(ctx, itemIndex, spec.idParameter, label, spec.idExample));
				return [outputRecord ? outputRecord(found) : found];
			},
		});
	}
	if (only.includes('create') && spec.create) {
		const fields = [...spec.create.required, ...spec.create.optional];
		operations.push({
			value: 'create',
			name: 'Create',
			action: `Create ${withArticle(spec.noun)}`,
			description: `Create a new ${spec.noun}`,
			method: 'POST',
			path,
			properties: [
				...spec.create.required.map((field) => fieldProperty(field, true)),
				...(spec.create.optional.length
					? [{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: spec.create.optional.map((field) => fieldProperty(field)) } as INodeProperties]
					: []),
				customFieldsProperty,
			],
			bodyFrom: [...spec.create.required.map((field) => field.api), 'additionalFields'],
			requiredBody: spec.create.required.map((field) => ({ key: field.api, label: fieldProperty(field).displayName })),
			bodyPairs: ['customFields'],
			fields: fieldKinds(fields),
			validate: spec.validate,
			outputRecord,
		});
	}
	if (only.includes('update') && spec.update) {
		operations.push({
			value: 'update',
			name: 'Update',
			action: `Update ${withArticle(spec.noun)}`,
			description: `Change fields of ${withArticle(spec.noun)}; fields left out keep their values`,
			method: 'PUT',
			path: `${path}/{id}`,
			pathParameters: { id: spec.idParameter },
			idempotent: true,
			properties: [
				idProperty(spec),
				{ displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options: spec.update.map((field) => fieldProperty(field)) },
				customFieldsProperty,
			],
			bodyFrom: ['updateFields'],
			bodyPairs: ['customFields'],
			buildBody: idChecked(spec.idParameter, idProperty(spec).displayName, spec.idExample),
			fields: fieldKinds(spec.update),
			validate: (body) => {
				if (Object.keys(body).length === 0) {
					throw Object.assign(new Error('Nothing to update'), { description: 'Add at least one field under "Update Fields" or "Custom Fields".' });
				}
				spec.validate?.(body);
			},
			outputRecord,
		});
	}
	if (only.includes('delete')) {
		operations.push({
			value: 'delete',
			name: 'Delete',
			action: `Delete ${withArticle(spec.noun)}`,
			description: `Delete ${withArticle(spec.noun)}; if accessplanit keeps such records, nothing is deleted and the node says so`,
			method: 'DELETE',
			path: `${path}/{id}`,
			pathParameters: { id: spec.idParameter },
			idempotent: true,
			properties: [idProperty(spec)],
			bodyFrom: [spec.idParameter],
			run: async (ctx, itemIndex) =>
				await deleteRecord(ctx, itemIndex, spec.module, spec.noun, requiredId(ctx, itemIndex, spec.idParameter, idProperty(spec).displayName, spec.idExample)),
		});
	}
	if (only.includes('createOrUpdate') && spec.create) {
		const fields = [...spec.create.required, ...spec.create.optional];
		operations.push({
			value: 'createOrUpdate',
			name: 'Create or Update',
			action: `Create or update ${withArticle(spec.noun)}`,
			description: `Update the one ${spec.noun} with the External ID or ID you choose, or create ${withArticle(spec.noun)} when none has it`,
			method: 'POST',
			path,
			properties: [
				{ displayName: 'Match On', name: 'matchOn', type: 'options', options: UPSERT_KEYS, default: 'ExternalID', description: `How accessplanit finds the ${spec.noun} to update` },
				{ displayName: 'Value to Match', name: 'matchValue', type: 'string', required: true, default: '', placeholder: 'e.g. HR00042', description: `The External ID (or ID) of the ${spec.noun}` },
				...spec.create.required.map((field) => fieldProperty(field, true)),
				...(spec.create.optional.length
					? [{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: spec.create.optional.map((field) => fieldProperty(field)) } as INodeProperties]
					: []),
				customFieldsProperty,
			],
			bodyFrom: [...spec.create.required.map((field) => field.api), 'additionalFields', 'matchOn', 'matchValue'],
			requiredBody: [{ key: 'matchValue', label: 'Value to Match' }, ...spec.create.required.map((field) => ({ key: field.api, label: fieldProperty(field).displayName }))],
			bodyPairs: ['customFields'],
			fields: fieldKinds(fields),
			validate: spec.validate,
			run: async (ctx, itemIndex, { body }) => {
				const { matchOn, matchValue, ...record } = body;
				const field = String(matchOn ?? 'ExternalID');
				const label = UPSERT_KEYS.find((choice) => choice.value === field)?.name ?? field;
				const saved = await createOrUpdateRecord(ctx, itemIndex, spec, { field, label, input: 'Value to Match', value: matchValue }, record);
				return [outputRecord ? outputRecord(saved) : saved];
			},
		});
	}
	return operations;
}

/** Lists open on Get Many, as in n8n's own nodes. */
export const GET_MANY = 'getAll';
