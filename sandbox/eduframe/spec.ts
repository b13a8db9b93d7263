/**
 * Eduframe's OpenAPI file, read by the sandbox to route, validate and seed every documented
 * operation it does not implement by hand.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Schema = Record<string, any>;

export const spec = JSON.parse(fs.readFileSync(path.join(__dirname, 'openapi-v1.json'), 'utf8'));

export function resolve(schema: Schema | undefined): Schema {
	let current = schema ?? {};
	while (current.$ref) {
		const [, , group, name] = current.$ref.split('/');
		current = spec.components[group][name];
	}
	if (current.allOf) {
		const merged: Schema = { type: 'object', properties: {}, required: [] };
		for (const part of current.allOf.map(resolve)) {
			Object.assign(merged.properties, part.properties ?? {});
			merged.required.push(...(part.required ?? []));
		}
		return merged;
	}
	return current;
}

const ACTIONS = new Set(['cancel', 'approve', 'deny', 'open', 'activate', 'deactivate', 'award_certificate', 'delete_certificate', 'upsert', 'pdf', 'labels', 'elements_batch']);

/** Where several paths share one set of records. */
const TABLES: Record<string, string> = {
	'/meetings/{id}/materials': 'planning_materials',
	'/planning/events/{id}/materials': 'planning_materials',
	'/planning/materials': 'planning_materials',
	'/planning/locations': 'meeting_locations',
	'/program/editions/{id}/elements': 'program/elements',
	'/orders/{id}/labels': 'orders',
};

export interface SpecOperation {
	method: string;
	path: string;
	/** Express-style route (`:param`). */
	route: string;
	table: string;
	/** Path parameters that scope the records (e.g. invoice_id for an invoice's payments): param -> record field. */
	scope: Record<string, string>;
	/** The trailing `{id}` parameter, when the path names one record. */
	idParam?: string;
	action?: string;
	kind: 'list' | 'get' | 'create' | 'update' | 'delete' | 'action';
	operation: Schema;
	parameters: Schema[];
	body?: Schema;
	successStatus: number;
	successSchema?: Schema;
}

const singular = (name: string) => name.replace(/ies$/, 'y').replace(/s$/, '');

export function describe(method: string, apiPath: string, operation: Schema, shared: Schema[] = []): SpecOperation {
	const segments = apiPath.split('/').filter(Boolean);
	const scope: Record<string, string> = {};
	let name: string[] = [];
	let idParam: string | undefined;
	let action: string | undefined;
	for (let index = 0; index < segments.length; index++) {
		const segment = segments[index];
		const placeholder = /^\{(\w+)\}$/.exec(segment)?.[1];
		if (!placeholder) {
			if (idParam && ACTIONS.has(segment) && index === segments.length - 1) {
				action = segment;
				continue;
			}
			if (idParam) {
				// The id was a parent: it scopes the records below it.
				scope[idParam] = idParam === 'id' ? `${singular(name[name.length - 1])}_id` : idParam;
				idParam = undefined;
				name = [];
			}
			if (!idParam && ACTIONS.has(segment) && index === segments.length - 1 && name.length) {
				action = segment;
				continue;
			}
			name.push(segment);
			continue;
		}
		idParam = placeholder;
	}
	// A placeholder right after a static segment that is followed by more statics was handled above;
	// a placeholder that is followed by another static segment only (e.g. /custom/{object_type}/associations) scopes too.
	const table = TABLES[apiPath] ?? name.join('/');
	const parameters = [...shared, ...(operation.parameters ?? [])].map(resolve);
	const body = operation.requestBody ? resolve(operation.requestBody.content?.['application/json']?.schema) : undefined;
	const okCode = Object.keys(operation.responses).find((code) => code.startsWith('2')) ?? '200';
	const okResponse = resolve(operation.responses[okCode]);
	const successSchema = okResponse.content?.['application/json']?.schema ? resolve(okResponse.content['application/json'].schema) : undefined;
	let kind: SpecOperation['kind'];
	if (action) kind = 'action';
	else if (method === 'GET') kind = idParam ? 'get' : 'list';
	else if (method === 'POST') kind = 'create';
	else if (method === 'PATCH') kind = 'update';
	else if (method === 'DELETE') kind = 'delete';
	else kind = 'action';
	if (kind === 'list' && successSchema?.type !== 'array') kind = 'get';
	const route = apiPath.replace(/\{(\w+)\}/g, ':$1');
	return { method, path: apiPath, route, table, scope, idParam, action, kind, operation, parameters, body, successStatus: Number(okCode), successSchema };
}

export function specOperations(): SpecOperation[] {
	const list: SpecOperation[] = [];
	for (const [apiPath, item] of Object.entries<Schema>(spec.paths)) {
		for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
			if (item[method]) list.push(describe(method.toUpperCase(), apiPath, item[method], item.parameters ?? []));
		}
	}
	return list;
}

/** Checks a value against a schema; returns the problem in Eduframe's words, or undefined. */
export function checkValue(value: unknown, rawSchema: Schema): string | undefined {
	const schema = resolve(rawSchema);
	if (value === null) return schema.nullable ? undefined : undefined;
	if (schema.enum && !schema.enum.includes(value)) return 'is not included in the list';
	switch (schema.type) {
		case 'integer':
			return Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)) ? undefined : 'must be an integer';
		case 'number':
			return typeof value === 'number' || (typeof value === 'string' && value !== '' && !Number.isNaN(Number(value))) ? undefined : 'is not a number';
		case 'boolean':
			return typeof value === 'boolean' ? undefined : 'must be true or false';
		case 'string':
			if (typeof value !== 'string' && typeof value !== 'number') return 'must be a string';
			if (schema.format === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(value))) return 'is invalid';
			if (schema.format === 'uri' && !/^https?:\/\//.test(String(value))) return 'is not a valid URL';
			if (schema.format === 'date' && Number.isNaN(Date.parse(String(value)))) return 'is not a valid date';
			if (schema.format === 'date-time' && Number.isNaN(Date.parse(String(value)))) return 'is not a valid date-time';
			return undefined;
		case 'array': {
			if (!Array.isArray(value)) return 'must be an array';
			for (const entry of value) {
				const problem = checkValue(entry, schema.items ?? {});
				if (problem) return problem;
			}
			return undefined;
		}
		case 'object': {
			if (typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
			// Maps such as custom_associations ({ slug: [record ids] }): every entry has the described shape.
			const entry = schema.additionalProperties && typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
			if (entry?.type === 'array' || entry?.$ref) {
				for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
					const problem = checkValue(inner, entry);
					if (problem) return `${key} ${problem}`;
				}
			}
			return undefined;
		}
		default:
			return undefined;
	}
}

/**
 * Field-by-field problems of a request body. A required field must be there; one the file marks
 * nullable may be null (but not left out, and not ""); objects inside lists are checked the same
 * way, their problems named `list[index].field`.
 */
export function validateBody(body: Record<string, unknown>, schema: Schema | undefined, prefix = ''): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	const resolved = resolve(schema);
	if (!resolved?.properties) return errors;
	for (const field of resolved.required ?? []) {
		const property = resolved.properties[field] ?? {};
		const nullable = property.nullable === true || resolve(property).nullable === true;
		const value = body[field];
		if (nullable) {
			if (value === undefined) errors[`${prefix}${field}`] = ['is missing (send null when there is none)'];
			else if (value === '') errors[`${prefix}${field}`] = ["can't be an empty text (send null when there is none)"];
		} else if (value === undefined || value === null || value === '') errors[`${prefix}${field}`] = ["can't be blank"];
	}
	for (const [field, value] of Object.entries(body)) {
		const property = resolved.properties[field];
		if (!property || errors[`${prefix}${field}`] || value === undefined) continue;
		const problem = checkValue(value, property);
		if (problem) {
			errors[`${prefix}${field}`] = [problem];
			continue;
		}
		const items = resolve(property).type === 'array' ? resolve(resolve(property).items) : undefined;
		if (items?.properties && Array.isArray(value)) {
			value.forEach((entry, index) => {
				if (entry && typeof entry === 'object') Object.assign(errors, validateBody(entry as Record<string, unknown>, items, `${prefix}${field}[${index}].`));
			});
		}
	}
	return errors;
}

/** A plausible value for a schema, for seeding records. */
export function sample(rawSchema: Schema, name: string, index: number): unknown {
	const schema = resolve(rawSchema);
	if (schema.enum) return schema.enum[index % schema.enum.length];
	switch (schema.type) {
		case 'integer':
			return /_id$/.test(name) ? 1 + (index % 3) : 1 + index;
		case 'number':
			return 10 + index;
		case 'boolean':
			return index % 2 === 0;
		case 'array':
			return /_ids$/.test(name) ? [1 + (index % 3)] : [];
		case 'object':
			return {};
		default:
			if (schema.format === 'date-time' || /_at$/.test(name)) return new Date(Date.UTC(2026, 0, 5 + index, 9)).toISOString();
			if (schema.format === 'date' || /date$/.test(name)) return new Date(Date.UTC(2026, 1, 1 + index)).toISOString().slice(0, 10);
			if (schema.format === 'email' || name === 'email') return `record${index}@example.com`;
			if (/cost|amount|price|percentage|value/.test(name)) return (100 + index * 12.5).toFixed(2);
			if (name === 'name' || name === 'title' || name === 'display_name') return `${name.replace('_', ' ')} ${index + 1}`;
			return `${name} ${index + 1}`;
	}
}
