import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { paginate, type PaginationStyle } from '../transport/paginate';
import { credentialOncePerRun, vendorRequest } from '../transport/request';
import type { VendorProfile } from '../transport/types';
import { calendarDay } from '../time';
import { forEachAtOnce } from '../atOnce';
import { addNames, type NameTable } from './names';
import { checkPathId } from './pathIds';
import { rememberingParameters } from './remembered';
import type { FieldKind, OperationDefinition, ResourceDefinition } from './types';

/** A parameter's plain value: resource locators give their `value`. */
export function plainValue(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) {
		return (value as INodeParameterResourceLocator).value;
	}
	return value;
}

/** Drops empty strings and empty collections, so unset optional fields are not sent. */
function compact(values: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, raw] of Object.entries(values)) {
		const value = plainValue(raw);
		if (value === '' || value === undefined || value === null) continue;
		if (Array.isArray(value) && value.length === 0) continue;
		result[key] = value as IDataObject[string];
	}
	return result;
}

function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(plainValue(entry)).trim()).filter(Boolean);
	return String(value)
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}

/** The zone whose calendar the `date` and `compactDate` kinds use: Eduframe's and Planaday's. */
const DAY_ZONE = 'Europe/Amsterdam';

/** A date as `YYYYMMDD`, the day as Planaday keeps it (see `calendarDay`). */
export function compactDate(value: unknown, name: string): string {
	const day = calendarDay(value, DAY_ZONE);
	if (!day) throw new Error(`The field "${name}" needs a date, e.g. 2026-03-31 (got "${String(value)}")`);
	return day.replace(/-/g, '');
}

/** An amount in major units (150.5 or "150.50") as whole minor units (15050); more than two decimals is refused. */
export function toMinorUnits(value: unknown, name: string): number {
	const text = String(value).trim().replace(/^[£$€]/, '').replace(/,/g, '');
	if (!/^-?\d+(\.\d{1,2})?$/.test(text)) {
		throw new Error(`The field "${name}" needs an amount in pounds with at most two decimals, e.g. 150.50 (got "${String(value)}")`);
	}
	return Math.round(Number(text) * 100);
}

/** `{ key: [ids] }` from a fixedCollection's `{ slug, recordIds }` entries, JSON text or such an object. */
function idListsByKey(value: unknown, name: string): IDataObject {
	let source = value;
	if (typeof source === 'string') {
		const text = source;
		source = undefined;
		try {
			source = JSON.parse(text);
		} catch {
			// Not JSON: refused just below, with the text given.
		}
		if (source === undefined) throw new Error(`The field "${name}" needs JSON such as {"trainers": [12, 34]} (got "${text}")`);
	}
	if (!source || typeof source !== 'object' || Array.isArray(source)) {
		throw new Error(`The field "${name}" needs one entry per association, or JSON such as {"trainers": [12, 34]}`);
	}
	const entries = Object.values(source as IDataObject).every(Array.isArray) && !('association' in (source as IDataObject))
		? Object.entries(source as IDataObject).map(([slug, ids]) => ({ slug, recordIds: ids }))
		: (((source as IDataObject).association ?? []) as Array<{ slug?: unknown; recordIds?: unknown }>);
	const result: IDataObject = {};
	for (const entry of entries) {
		const slug = String(entry.slug ?? '').trim();
		if (!slug) throw new Error(`The field "${name}" has an association without a slug`);
		result[slug] = listOf(entry.recordIds).map((id) => {
			if (!/^\d+$/.test(id)) throw new Error(`The field "${name}" needs whole-number record IDs for "${slug}", separated by commas (got "${id}")`);
			return Number(id);
		});
	}
	return result;
}

/** What a JSON value is, in the words a person reads ("a list", "an object", ...). */
function jsonShape(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return 'text';
	if (typeof value === 'number') return 'a number';
	if (typeof value === 'boolean') return 'true or false';
	return 'nothing';
}

const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * A JSON field's value in the shape the vendor's file requires: an object (`jsonObject`) or a list of
 * objects (`jsonObjectList`), from JSON text or a value an expression gave; any other shape is refused.
 */
function jsonOfShape(kind: 'jsonObject' | 'jsonObjectList', value: unknown, fail: (what: string) => never): unknown {
	const example = kind === 'jsonObject' ? '{"key": "value"}' : '[{"key": "value"}]';
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			return fail(`needs valid JSON, e.g. ${example}`);
		}
	}
	if (kind === 'jsonObject') {
		if (!isObject(parsed)) fail(`needs an object, e.g. ${example} (got ${jsonShape(parsed)})`);
		return parsed;
	}
	if (!Array.isArray(parsed)) {
		fail(`needs a list, e.g. ${example} (got ${jsonShape(parsed)}${isObject(parsed) ? ': put it inside [ ]' : ''})`);
	}
	(parsed as unknown[]).forEach((entry, index) => {
		if (!isObject(entry)) fail(`needs a list of objects, e.g. ${example} (entry ${index + 1} is ${jsonShape(entry)})`);
	});
	return parsed;
}

/** Turns one field's value into what the vendor expects; throws a message naming the field when it cannot. */
export function convertField(kind: FieldKind, name: string, value: unknown): unknown {
	const fail = (what: string): never => {
		throw new Error(`The field "${name}" ${what}`);
	};
	switch (kind) {
		case 'date':
		case 'dateTime': {
			const text = typeof value === 'object' && value !== null && 'toISO' in value ? String((value as { toISO(): string }).toISO()) : String(value);
			const day = calendarDay(text, DAY_ZONE);
			if (!day || (kind === 'dateTime' && !/^\d{4}-\d{2}-\d{2}/.test(text.trim()))) fail(`needs a date, e.g. 2026-03-31 (got "${text}")`);
			return kind === 'date' ? day : text;
		}
		case 'compactDate':
			return compactDate(value, name);
		case 'commaJoined':
			return listOf(value).join(',');
		case 'idList':
			return listOf(value).map((entry) => {
				if (!/^\d+$/.test(entry)) fail(`needs whole-number IDs separated by commas, e.g. 12, 34 (got "${entry}")`);
				return Number(entry);
			});
		case 'stringList':
			return listOf(value);
		case 'wrapInArray':
			return Array.isArray(value) ? value : [value];
		case 'jsonObject':
		case 'jsonObjectList':
			return jsonOfShape(kind, value, fail);
		case 'integer': {
			const number = Number(value);
			if (!Number.isInteger(number)) fail(`needs a whole number (got "${String(value)}")`);
			return number;
		}
		case 'number': {
			const number = Number(value);
			if (Number.isNaN(number)) fail(`needs a number (got "${String(value)}")`);
			return number;
		}
		case 'minorUnits':
			return toMinorUnits(value, name);
		case 'idListsByKey':
			return idListsByKey(value, name);
	}
	return value;
}

/** The label a person sees for each field of an operation (collections' options too), by API name. */
const labelCache = new WeakMap<OperationDefinition, Record<string, string>>();
export function fieldLabels(operation: OperationDefinition): Record<string, string> {
	const cached = labelCache.get(operation);
	if (cached) return cached;
	const labels: Record<string, string> = {};
	const walk = (properties: unknown[] | undefined) => {
		for (const property of properties ?? []) {
			const entry = property as { name?: string; displayName?: string; options?: unknown[]; values?: unknown[] };
			if (entry.name && entry.displayName && !(entry.name in labels)) labels[entry.name] = entry.displayName;
			// Collections hold properties in `options`; fixedCollections hold groups whose `values` are properties.
			if (Array.isArray(entry.options) && entry.options.some((option) => (option as { displayName?: string }).displayName)) walk(entry.options);
			if (Array.isArray(entry.values)) walk(entry.values);
		}
	};
	walk(operation.properties);
	labelCache.set(operation, labels);
	return labels;
}

function convertAll(values: IDataObject, kinds: Record<string, FieldKind> | undefined, labels: Record<string, string> = {}): IDataObject {
	if (!kinds) return values;
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		result[key] = (kinds[key] ? convertField(kinds[key], labels[key] ?? key, value) : value) as IDataObject[string];
	}
	return result;
}

function fillPath(
	ctx: IExecuteFunctions,
	operation: OperationDefinition,
	itemIndex: number,
	path = operation.path,
	known: IDataObject = {},
): string {
	return path.replace(/\{(\w+)\}/g, (_match, placeholder: string) => {
		const parameter = operation.pathParameters?.[placeholder] ?? placeholder;
		const raw = placeholder in known ? known[placeholder] : ctx.getNodeParameter(parameter, itemIndex);
		const label = fieldLabels(operation)[parameter] ?? parameter;
		try {
			// Empty, ".", ".." or anything that is no single part of a path is refused before any request.
			return encodeURIComponent(checkPathId(raw, label));
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
				description: 'Enter an ID, or pick the record from the list; nothing was sent.',
				itemIndex,
			});
		}
	});
}

/**
 * The body with every key the vendor requires but accepts as null set to `null` where it is
 * missing or empty (`list[].key`: in every object of `list`).
 */
export function withNulls(body: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = { ...body };
	const empty = (value: unknown) => value === undefined || value === null || value === '';
	for (const key of keys) {
		const nested = /^(\w+)\[\]\.(\w+)$/.exec(key);
		if (!nested) {
			if (empty(result[key])) result[key] = null;
			continue;
		}
		const [, list, inner] = nested;
		if (!Array.isArray(result[list])) continue;
		result[list] = (result[list] as IDataObject[]).map((entry) =>
			entry && typeof entry === 'object' && !Array.isArray(entry) && empty(entry[inner]) ? { ...entry, [inner]: null } : entry,
		);
	}
	return result;
}

/** Runs one declarative operation for one input item. */
export async function runOperation(
	ctx: IExecuteFunctions,
	profile: VendorProfile,
	pagination: PaginationStyle,
	operation: OperationDefinition,
	itemIndex: number,
): Promise<Array<IDataObject | INodeExecutionData>> {
	const parameters: IDataObject = {};
	for (const name of [...(operation.queryFrom ?? []), ...(operation.bodyFrom ?? [])]) {
		parameters[name] = ctx.getNodeParameter(name, itemIndex, {}) as IDataObject;
	}
	const flatten = (names: string[] | undefined) => {
		const values: IDataObject = {};
		for (const name of names ?? []) {
			const value = parameters[name];
			// A collection's options are spread; a field with a kind (JSON an expression gave as an object) is one value.
			if (value && typeof value === 'object' && !Array.isArray(value) && !('__rl' in value) && !operation.fields?.[name]) {
				Object.assign(values, compact(value as IDataObject));
			} else {
				Object.assign(values, compact({ [name]: value }));
			}
		}
		return values;
	};
	let qs: IDataObject;
	let body: IDataObject | undefined;
	try {
		qs = convertAll(flatten(operation.queryFrom), operation.fields, fieldLabels(operation));
		body = operation.bodyFrom ? convertAll(flatten(operation.bodyFrom), operation.fields, fieldLabels(operation)) : undefined;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description: 'Correct the field and run again.' });
	}
	for (const name of operation.bodyPairs ?? []) {
		const pairs = ((ctx.getNodeParameter(name, itemIndex, {}) as IDataObject).field ?? []) as Array<{ name?: string; value?: unknown }>;
		for (const pair of pairs) {
			const key = String(pair.name ?? '').trim();
			if (!key) continue;
			body ??= {};
			body[key] = pair.value as IDataObject[string];
		}
	}
	if (operation.buildBody) {
		try {
			body = { ...body, ...operation.buildBody(ctx, itemIndex) };
		} catch (error) {
			const description = (error as { description?: string }).description ?? 'Correct the field and run again; nothing was sent.';
			throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description });
		}
	}
	if (operation.constantBody) body = { ...body, ...operation.constantBody };
	if (operation.nullable?.length) body = withNulls(body ?? {}, operation.nullable);
	for (const { key, label } of operation.requiredBody ?? []) {
		if (body?.[key] === undefined) {
			throw new NodeOperationError(ctx.getNode(), `The field "${label}" is empty`, { itemIndex, description: `Enter a value for "${label}"; nothing was sent.` });
		}
	}
	if (operation.validate) {
		try {
			operation.validate(body ?? {});
		} catch (error) {
			const description = (error as { description?: string }).description ?? 'Correct the field and run again; nothing was sent.';
			throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description });
		}
	}
	if (operation.prepare) {
		const prepared = operation.prepare(parameters);
		qs = { ...qs, ...prepared.qs };
		// A prepared body is the whole body: the fields it was built from are not sent as they are.
		if (prepared.body) body = prepared.body;
	}
	let path = operation.path;
	const known = { ...qs, ...body };
	for (const variant of operation.pathVariants ?? []) {
		if (known[variant.when] !== undefined) {
			path = variant.path;
			break;
		}
	}
	const url = fillPath(ctx, operation, itemIndex, path, known);
	// Values that went into the path are not sent again in the query or body.
	for (const placeholder of path.match(/\{(\w+)\}/g) ?? []) {
		delete qs[placeholder.slice(1, -1)];
		if (body && !(operation.path.includes(placeholder))) delete body[placeholder.slice(1, -1)];
	}

	if (operation.run) return await operation.run(ctx, itemIndex, { qs, body: body ?? {}, url });
	if (operation.list) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		if (operation.unpaged) {
			const response = await vendorRequest.call(ctx, profile, { method: 'GET', url, qs, itemIndex, hints: operation.hints });
			const records = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
			return shapeRecords(operation, returnAll ? records : records.slice(0, limit));
		}
		return shapeRecords(operation, await paginate.call(ctx, profile, pagination, { url, qs, returnAll, limit, itemIndex, hints: operation.hints }));
	}
	const rawFile = operation.binary !== undefined && operation.binary.field === undefined;
	const response = await vendorRequest.call(ctx, profile, {
		method: operation.method,
		url,
		qs,
		body,
		headers: operation.headers,
		binary: rawFile,
		idempotent: operation.idempotent,
		itemIndex,
		hints: operation.hints,
	});
	if (operation.binary) {
		const file = rawFile ? response.body : (response.body as IDataObject | undefined)?.[operation.binary.field as string];
		const content = Buffer.isBuffer(file) ? file : typeof file === 'string' && file ? Buffer.from(file, 'base64') : undefined;
		if (!content?.length) {
			throw new NodeOperationError(ctx.getNode(), `${profile.name} sent no file content`, { itemIndex });
		}
		const sentType = rawFile ? String(response.headers['content-type'] ?? '').split(';')[0].trim() : '';
		const property = ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const binary = await ctx.helpers.prepareBinaryData(
			content,
			operation.binary.fileName({ ...parameters, id: plainValue(ctx.getNodeParameter(operation.pathParameters?.id ?? 'id', itemIndex, '')) as string, mimeType: sentType }),
			sentType || operation.binary.mimeType,
		);
		return [{ json: { fileName: binary.fileName, mimeType: binary.mimeType, fileSize: content.length }, binary: { [property]: binary } }];
	}
	if (operation.output) return shapeRecords(operation, operation.output(response.body));
	if (Array.isArray(response.body)) return shapeRecords(operation, response.body as IDataObject[]);
	if (response.body && typeof response.body === 'object') return shapeRecords(operation, [response.body as IDataObject]);
	return [{ success: true }];
}

/** Keys that only point at the API itself (links to the record), of no use to a person or an agent. */
const LINK_KEYS = new Set(['href', 'links', '_links', 'self']);

/** A record without its empty values and API links, nested records too: what Simplify puts out. */
export function simplifyRecord(record: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (LINK_KEYS.has(key) || value === null || value === undefined || value === '') continue;
		if (Array.isArray(value)) {
			if (!value.length) continue;
			result[key] = value.map((entry) => (entry && typeof entry === 'object' && !Array.isArray(entry) ? simplifyRecord(entry as IDataObject) : entry)) as IDataObject[];
			continue;
		}
		if (typeof value === 'object' && !(value instanceof Date)) {
			const inner = simplifyRecord(value as IDataObject);
			if (Object.keys(inner).length) result[key] = inner;
			continue;
		}
		result[key] = value;
	}
	return result;
}

function shapeRecords(operation: OperationDefinition, records: IDataObject[]): IDataObject[] {
	return operation.outputRecord ? records.map(operation.outputRecord) : records;
}

/** The item's `concurrencyKey`; none when its parameters cannot be read (running the item reports why). */
function keyOf(operation: OperationDefinition, ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		return operation.concurrencyKey?.(ctx, itemIndex);
	} catch {
		return undefined;
	}
}

/**
 * The router every vendor node uses: finds the operation, runs it for each item, pairs the
 * output with its input item, and honours Continue On Fail. Operations that are safe to run
 * side by side (`concurrency`) run several items at once, still under the vendor's pacing, with
 * items that share a `concurrencyKey` kept in order; output keeps the input order.
 */
export async function routeOperations(
	context: IExecuteFunctions,
	profile: VendorProfile,
	pagination: PaginationStyle,
	resources: ResourceDefinition[],
	names: NameTable = {},
): Promise<INodeExecutionData[][]> {
	const ctx = rememberingParameters(context);
	credentialOncePerRun(ctx);
	const items = ctx.getInputData();
	if (items.length === 0) return [[]];
	// Resource and operation take no expressions: one operation for every item.
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operationName);
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" is not known for "${resource}"`);
	}

	if (operation.runOnce) return [await runOnce(ctx, operation, items)];

	const results: INodeExecutionData[][] = new Array(items.length);
	// An AI agent reads what a tool returns: short records always (the node's Tool variant).
	const asTool = ctx.getNode().type.endsWith('Tool');
	const runItem = async (itemIndex: number) => {
		try {
			const records = await runOperation(ctx, profile, pagination, operation, itemIndex);
			const simplify = operation.method === 'GET' && !operation.binary && (asTool || (ctx.getNodeParameter('simplify', itemIndex, false) as boolean));
			const shaped = records.map((record) =>
				record.json && typeof record.json === 'object'
					? (simplify ? { ...(record as INodeExecutionData), json: simplifyRecord((record as INodeExecutionData).json) } : (record as INodeExecutionData))
					: { json: simplify ? simplifyRecord(record as IDataObject) : (record as IDataObject) },
			);
			// Items that name their own input items (one result for several inputs) keep that pairing.
			results[itemIndex] = shaped.map((item) => (item.pairedItem ? item : ctx.helpers.constructExecutionMetaData([item], { itemData: { item: itemIndex } })[0]));
		} catch (error) {
			if (!ctx.continueOnFail()) {
				// Errors we shaped keep their message and hint; anything else is wrapped for n8n's UI.
				const shaped =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
				throw shaped;
			}
			const message = error instanceof Error ? error.message : String(error);
			const description = (error as { description?: string }).description;
			results[itemIndex] = [{ json: { error: message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } }];
		}
	};

	const width = Math.max(1, Math.min(operation.concurrency ?? 1, items.length));
	if (width === 1) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) await runItem(itemIndex);
		return [await withNames(ctx, operation, results.flat(), names)];
	}
	// `width` items at once; items with the same key wait for each other, and none starts after a failure.
	const keyTails = new Map<string, Promise<void>>();
	let stopped = false;
	try {
		await forEachAtOnce(items.length, width, async (itemIndex) => {
			const key = keyOf(operation, ctx, itemIndex);
			const before = key === undefined ? undefined : keyTails.get(key);
			const mine = (async () => {
				if (before) await before;
				if (!stopped) await runItem(itemIndex);
			})();
			if (key !== undefined) keyTails.set(key, mine.catch(() => undefined));
			// A failure also holds back the items already waiting on a key.
			mine.catch(() => (stopped = true));
			await mine;
		});
	} catch (failure) {
		const shaped = failure instanceof NodeApiError || failure instanceof NodeOperationError ? failure : new NodeOperationError(ctx.getNode(), failure as Error);
		throw shaped;
	}
	return [await withNames(ctx, operation, results.flat(), names)];
}

/**
 * An operation that takes every input item together runs once. What it throws stops the run, or with
 * Continue On Fail becomes one error item, paired with every input item (it concerns them all).
 */
async function runOnce(ctx: IExecuteFunctions, operation: OperationDefinition, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	try {
		return await operation.runOnce!(ctx, items);
	} catch (error) {
		if (!ctx.continueOnFail()) {
			throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
		}
		const message = error instanceof Error ? error.message : String(error);
		const description = (error as { description?: string }).description;
		return [{ json: { error: message, ...(description ? { description } : {}) }, pairedItem: items.map((_, item) => ({ item })) }];
	}
}

/** The output with readable names next to the operation's ID columns (unless switched off), across all items at once. */
async function withNames(ctx: IExecuteFunctions, operation: OperationDefinition, output: INodeExecutionData[], names: NameTable): Promise<INodeExecutionData[]> {
	if (!operation.names?.length || !ctx.getNodeParameter('addNames', 0, true)) return output;
	// Error items (Continue On Fail) and binary downloads keep their own shape.
	const named = output.filter((item) => !item.binary && !('error' in item.json && Object.keys(item.json).length <= 2));
	const decorated = await addNames(ctx, named.map((item) => item.json), operation.names, names);
	const byItem = new Map(named.map((item, index) => [item, decorated[index]]));
	return output.map((item) => (byItem.has(item) ? { ...item, json: byItem.get(item)! } : item));
}
