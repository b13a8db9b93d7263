import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mappedValues } from '../../../shared/operations/mapper';
import { plainValue } from '../../../shared/operations/execute';
import type { OperationDefinition, ResourceDefinition } from '../../../shared/operations/types';
import { listOptions, listQuery, splitWords } from '../../methods/filter';
import { createOrUpdateRecord, deleteRecord, findRecord, GET_MANY, requiredId } from '../module';
import { checkedModule, moduleLocator, type ModuleEntry } from './catalogue';

/**
 * Any module of accessplanit's API v2 that the hand-made resources do not cover: the module is
 * picked from the list of all of them, and its fields come from the platform's own field help.
 * Every module answers the same way, so one set of operations serves them all.
 */

const moduleProperty = moduleLocator('The kind of record, as accessplanit’s API names it');

const recordIdProperty: INodeProperties = { displayName: 'Record ID', name: 'recordId', type: 'string', required: true, default: '', placeholder: 'e.g. 1042', description: 'The ID of the record (its ID field)' };

const sendAsProperty: INodeProperties = {
	displayName: 'Enter Fields',
	name: 'sendAs',
	type: 'options',
	default: 'map',
	options: [
		{ name: 'One by One', value: 'map', description: 'Each field by its name, from accessplanit’s own description of this module' },
		{ name: 'As JSON', value: 'json', description: 'For a module accessplanit gives no field description for: the record as JSON, with the API’s field names' },
	],
};

/** Which field finds the record to update: External ID or ID by their names, another field by its API name. */
const matchOnProperties: INodeProperties[] = [
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		options: [
			{ name: 'External ID', value: 'ExternalID', description: 'The ID your HR or other system gave the record' },
			{ name: 'ID', value: 'ID', description: 'The record’s own ID in accessplanit' },
			{ name: 'Another Field', value: '__other', description: 'A field of this module you name below' },
		],
		default: 'ExternalID',
		description: 'How accessplanit finds the record to update: the record with the same value in this field (give its value among the fields below)',
	},
	{
		displayName: 'Field Name',
		name: 'matchOnField',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Code',
		displayOptions: { show: { matchOn: ['__other'] } },
		description: 'The field as accessplanit’s API names it (the fields below show it when you hover over them)',
	},
];

const jsonProperty: INodeProperties = {
	displayName: 'Record (JSON)',
	name: 'recordJson',
	type: 'json',
	default: '{}',
	displayOptions: { show: { sendAs: ['json'] } },
	description: 'The fields to send, by their API names, e.g. {"Name": "Fire Warden Refresher", "CF_Cost": 120}',
};

function mapperProperty(mode: 'add', label: string): INodeProperties {
	return {
		displayName: label,
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: { sendAs: ['map'] } },
		typeOptions: {
			loadOptionsDependsOn: ['module.value'],
			resourceMapper: {
				resourceMapperMethod: 'getModuleColumns',
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				// Fields are mapped one by one: n8n's automatic mapping by input names (its "Mapping Column Mode") is not offered.
				supportAutoMap: false,
				noFieldsError: 'No fields to show. Pick the module above first. If it is picked, accessplanit lists no fields for it: choose "As JSON" under "Enter Fields".',
			},
		},
	};
}

/** The module an item names, checked before any request (see `checkedModule`). */
function moduleOf(ctx: IExecuteFunctions, itemIndex: number): ModuleEntry {
	try {
		return checkedModule(plainValue(ctx.getNodeParameter('module', itemIndex)));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description: (error as { description?: string }).description });
	}
}

/** The ID of the record an item names: refused before any request when empty or no path segment (`.`, `..`). */
const recordIdOf = (ctx: IExecuteFunctions, itemIndex: number) => requiredId(ctx, itemIndex, 'recordId', 'Record ID', '1042');

/** The record to send: the mapped fields, or the JSON, as the item gives them. */
function recordOf(ctx: IExecuteFunctions, itemIndex: number): { values: IDataObject; matchingColumns: string[] } {
	if (ctx.getNodeParameter('sendAs', itemIndex, 'map') === 'json') {
		const raw = ctx.getNodeParameter('recordJson', itemIndex, '{}');
		let values: unknown = raw;
		if (typeof raw === 'string') {
			values = undefined;
			try {
				values = JSON.parse(raw || '{}');
			} catch {
				// Refused below, naming the field.
			}
		}
		if (!values || typeof values !== 'object' || Array.isArray(values)) throw new Error('The field "Record (JSON)" needs a JSON object, e.g. {"Name": "Fire Warden Refresher"}');
		return { values: values as IDataObject, matchingColumns: [] };
	}
	return mappedValues(ctx, itemIndex, 'fields');
}

/**
 * The field Create or Update matches on: "Match On" (a workflow made before it kept n8n's own
 * "Field to Match On", which still counts when Match On was left as it starts).
 */
function matchFieldOf(ctx: IExecuteFunctions, itemIndex: number, matchingColumns: string[]): string {
	const chosen = String(ctx.getNodeParameter('matchOn', itemIndex, 'ExternalID'));
	if (chosen === '__other') {
		const named = String(ctx.getNodeParameter('matchOnField', itemIndex, '') ?? '').trim();
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(named)) {
			throw new NodeOperationError(ctx.getNode(), named ? `The field "Field Name" needs a field's API name, e.g. Code (got "${named}")` : 'The field "Field Name" is empty', {
				itemIndex,
				description: 'Give the name of the field to match on as accessplanit’s API writes it; nothing was sent.',
			});
		}
		return named;
	}
	return chosen === 'ExternalID' && matchingColumns[0] ? matchingColumns[0] : chosen;
}

const shared = { pathParameters: { module: 'module' } };

const operations: OperationDefinition[] = [
	{
		...shared,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many records of a module',
		description: 'List the records of any module that meet the conditions, with fields from the platform itself',
		method: 'GET',
		path: '/{module}',
		list: true,
		properties: [moduleProperty, ...listOptions({ loadOptionsMethod: 'getModuleFields', dependsOn: ['module.value'] })],
		bodyFrom: ['filters', 'options'],
		// Nothing goes into the body of a read: this checks the module before any request.
		buildBody: (ctx, itemIndex) => {
			moduleOf(ctx, itemIndex);
			return {};
		},
		prepare: (parameters) => ({ qs: listQuery(parameters) }),
		hints: { '404': 'accessplanit has no module by this name (or the system address is wrong): pick the module from the list.' },
	},
	{
		...shared,
		value: 'get',
		name: 'Get',
		action: 'Get a record of a module',
		description: 'Get one record of any module by its ID',
		method: 'GET',
		path: '/{module}',
		properties: [moduleProperty, recordIdProperty],
		run: async (ctx, itemIndex) => {
			const module = moduleOf(ctx, itemIndex);
			const id = recordIdOf(ctx, itemIndex);
			return [await findRecord(ctx, itemIndex, { module: module.name, noun: `${module.label} record`, idExample: '1042' }, id)];
		},
	},
	{
		...shared,
		value: 'create',
		name: 'Create',
		action: 'Create a record of a module',
		description: 'Create a record in any module, mapping its fields',
		method: 'POST',
		path: '/{module}',
		properties: [moduleProperty, sendAsProperty, mapperProperty('add', 'Fields'), jsonProperty],
		buildBody: (ctx, itemIndex) => {
			moduleOf(ctx, itemIndex);
			return recordOf(ctx, itemIndex).values;
		},
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a record of a module',
		description: 'Change fields of a record in any module; fields left out keep their values',
		method: 'PUT',
		path: '/{module}/{id}',
		pathParameters: { module: 'module', id: 'recordId' },
		idempotent: true,
		properties: [moduleProperty, recordIdProperty, sendAsProperty, mapperProperty('add', 'Fields to Change'), jsonProperty],
		buildBody: (ctx, itemIndex) => {
			moduleOf(ctx, itemIndex);
			recordIdOf(ctx, itemIndex);
			return recordOf(ctx, itemIndex).values;
		},
		validate: (body) => {
			if (!Object.keys(body).length) throw Object.assign(new Error('Nothing to update'), { description: 'Map at least one field (or give one in the JSON).' });
		},
	},
	{
		...shared,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a record of a module',
		description: 'Delete a record; if accessplanit keeps such records, nothing is deleted and the node says so',
		method: 'DELETE',
		path: '/{module}/{id}',
		pathParameters: { module: 'module', id: 'recordId' },
		idempotent: true,
		properties: [moduleProperty, recordIdProperty],
		run: async (ctx, itemIndex) => {
			const module = moduleOf(ctx, itemIndex);
			const id = recordIdOf(ctx, itemIndex);
			return await deleteRecord(ctx, itemIndex, module.name, module.label, id);
		},
	},
	{
		...shared,
		value: 'createOrUpdate',
		name: 'Create or Update',
		action: 'Create or update a record of a module',
		description: 'Update the one record with the value of the field you match on, or create one when none has it',
		method: 'POST',
		path: '/{module}',
		properties: [moduleProperty, ...matchOnProperties, sendAsProperty, mapperProperty('add', 'Fields'), jsonProperty],
		run: async (ctx, itemIndex) => {
			const module = moduleOf(ctx, itemIndex);
			const { values, matchingColumns } = recordOf(ctx, itemIndex);
			const field = matchFieldOf(ctx, itemIndex, matchingColumns);
			const { [field]: value, ...record } = values;
			const noun = `${module.label} record`;
			return [await createOrUpdateRecord(ctx, itemIndex, { module: module.name, noun, plural: `${noun}s` }, { field, label: splitWords(field), value }, record)];
		},
	},
];

export const otherModuleResource: ResourceDefinition = {
	value: 'otherModule',
	name: 'Other Module',
	defaultOperation: GET_MANY,
	operations,
};
