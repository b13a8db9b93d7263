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
	displayName: 'Send Fields As',
	name: 'sendAs',
	type: 'options',
	default: 'map',
	options: [
		{ name: 'Map Each Field', value: 'map', description: 'Fields as accessplanit describes them for this module' },
		{ name: 'JSON', value: 'json', description: 'For a module accessplanit gives no field description for: the record as JSON, with the API’s field names' },
	],
};

const jsonProperty: INodeProperties = {
	displayName: 'Record (JSON)',
	name: 'recordJson',
	type: 'json',
	default: '{}',
	displayOptions: { show: { sendAs: ['json'] } },
	description: 'The fields to send, by their API names, e.g. {"Name": "Fire Warden Refresher", "CF_Cost": 120}',
};

function mapperProperty(mode: 'add' | 'upsert', label: string): INodeProperties {
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
				supportAutoMap: true,
				noFieldsError: 'No fields to show. Pick the module above first. If it is picked, accessplanit lists no fields for it: choose JSON under "Send Fields As".',
				...(mode === 'upsert'
					? { matchingFieldsLabels: { title: 'Field to Match On', description: 'accessplanit updates the record with this value, or creates one when none has it', hint: 'Usually External ID' } }
					: {}),
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
		properties: [moduleProperty, sendAsProperty, mapperProperty('upsert', 'Fields'), jsonProperty],
		run: async (ctx, itemIndex) => {
			const module = moduleOf(ctx, itemIndex);
			const { values, matchingColumns } = recordOf(ctx, itemIndex);
			const field = matchingColumns[0] ?? (values.ID !== undefined ? 'ID' : 'ExternalID');
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
