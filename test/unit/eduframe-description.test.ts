import fs from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { eduframeResources } from '../../nodes/Eduframe/actions/resources';
import type { OperationDefinition } from '../../nodes/shared/operations/types';
import coverage from '../../nodes/Eduframe/actions/coverage.json';
import { Eduframe } from '../../nodes/Eduframe/Eduframe.node';
import { resolve as resolveSchema } from '../../sandbox/eduframe/spec';

const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../sandbox/eduframe/openapi-v1.json'), 'utf8'));
const node = new Eduframe();

function walk(properties: INodeProperties[] | undefined, visit: (property: INodeProperties) => void) {
	for (const property of properties ?? []) {
		visit(property);
		walk((property.options ?? []).filter((o): o is INodeProperties => typeof o === 'object' && 'displayName' in o && 'type' in o), visit);
	}
}

describe('Eduframe node description', () => {
	const specOperations = Object.entries<Record<string, unknown>>(spec.paths).flatMap(([apiPath, item]) =>
		['get', 'post', 'put', 'patch', 'delete'].filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${apiPath}`),
	);

	test('every one of the OpenAPI file’s 202 operations is reached by a node operation', () => {
		expect(specOperations).toHaveLength(202);
		const known = new Set(eduframeResources.flatMap((resource) => resource.operations.map((operation) => `${resource.value}.${operation.value}`)));
		for (const key of specOperations) {
			expect([key, (coverage as Record<string, string>)[key]]).toEqual([key, expect.any(String)]);
			expect(known.has((coverage as Record<string, string>)[key])).toBe(true);
		}
	});

	test('deprecated operations say "(deprecated)", Beta ones say so, and the features they need are named', () => {
		const byKey = new Map<string, OperationDefinition>(eduframeResources.flatMap((resource) => resource.operations.map((operation) => [`${resource.value}.${operation.value}`, operation] as const)));
		let deprecated = 0;
		let beta = 0;
		for (const [apiPath, item] of Object.entries<Record<string, Record<string, unknown>>>(spec.paths)) {
			for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
				const op = item[method] as { deprecated?: boolean; 'x-badges'?: Array<{ name: string }>; description?: string } | undefined;
				if (!op) continue;
				const operation = byKey.get((coverage as Record<string, string>)[`${method.toUpperCase()} ${apiPath}`])!;
				if (operation.path !== apiPath) continue; // a merged path variant: described by the operation it joins
				if (op.deprecated) {
					deprecated++;
					expect([apiPath, operation.description]).toEqual([apiPath, expect.stringMatching(/^\(deprecated\) /)]);
				} else expect(operation.description).not.toContain('deprecated');
				if (op['x-badges']?.some((badge) => badge.name === 'Beta')) {
					beta++;
					expect(operation.description).toContain('Beta in Eduframe');
				}
				const feature = /badge\/Feature-([A-Za-z_]+)-/.exec(op.description ?? '')?.[1];
				if (feature) expect(operation.description.toLowerCase()).toContain(`needs eduframe's ${feature.replace(/_/g, ' ').toLowerCase()} feature`);
			}
		}
		expect({ deprecated, beta }).toEqual({ deprecated: 5, beta: 33 });
	});

	test('every body field the file requires but allows as null is declared, so it is sent as null when empty', () => {
		const resolve = (schema: Record<string, unknown> | undefined): Record<string, any> => {
			let current: Record<string, any> = schema ?? {};
			while (current.$ref) current = spec.components.schemas[String(current.$ref).split('/').pop() as string];
			if (current.allOf) return { properties: Object.assign({}, ...current.allOf.map((part: Record<string, unknown>) => resolve(part).properties)), required: current.allOf.flatMap((part: Record<string, unknown>) => resolve(part).required ?? []) };
			return current;
		};
		const expected: string[] = [];
		for (const [apiPath, item] of Object.entries<Record<string, any>>(spec.paths)) {
			for (const method of ['post', 'put', 'patch']) {
				const body = item[method]?.requestBody && resolve(item[method].requestBody.content['application/json'].schema);
				if (!body?.properties) continue;
				for (const [name, property] of Object.entries<Record<string, any>>(body.properties)) {
					const resolved = resolve(property);
					if ((body.required ?? []).includes(name) && (property.nullable || resolved.nullable)) expected.push(`${method.toUpperCase()} ${apiPath} ${name}`);
					const items = resolved.type === 'array' ? resolve(resolved.items) : undefined;
					for (const [inner, innerProperty] of Object.entries<Record<string, any>>(items?.properties ?? {})) {
						if ((items?.required ?? []).includes(inner) && (innerProperty.nullable || resolve(innerProperty).nullable)) expected.push(`${method.toUpperCase()} ${apiPath} ${name}[].${inner}`);
					}
				}
			}
		}
		const declared = eduframeResources.flatMap((resource) => resource.operations.flatMap((operation) => (operation.nullable ?? []).map((key) => `${operation.method} ${operation.path} ${key}`)));
		expect(declared.sort()).toEqual(expected.sort());
		expect(expected).toHaveLength(9);
	});

	test('every JSON field takes the shape Eduframe’s file requires: an object ({} by default) or a list of objects ([] by default)', () => {
		const shapes: Record<string, string> = {};
		for (const resource of eduframeResources) {
			for (const operation of resource.operations) {
				const body = spec.paths[operation.path]?.[operation.method.toLowerCase()]?.requestBody;
				const properties = body ? (resolveSchema(body.content['application/json'].schema).properties ?? {}) : {};
				walk(operation.properties as INodeProperties[], (property) => {
					if (property.type !== 'json') return;
					const schema = resolveSchema(properties[property.name]);
					const key = `${operation.method} ${operation.path} ${property.name}`;
					const wanted = schema.type === 'array' ? ['jsonObjectList', '[]'] : schema.type === 'object' ? ['jsonObject', '{}'] : ['(not JSON in the file)'];
					expect([key, operation.fields?.[property.name], property.default]).toEqual([key, ...wanted]);
					shapes[key] = wanted[0];
				});
			}
		}
		expect(shapes['POST /program/editions/{id}/elements_batch elements']).toBe('jsonObjectList');
		expect(Object.values(shapes).filter((kind) => kind === 'jsonObjectList').length).toBeGreaterThanOrEqual(8);
		expect(Object.values(shapes).filter((kind) => kind === 'jsonObject').length).toBeGreaterThanOrEqual(20);
	});

	test('operation values are unique per resource and every path placeholder has a field', () => {
		for (const resource of eduframeResources) {
			const values = resource.operations.map((operation) => operation.value);
			expect(new Set(values).size).toBe(values.length);
			for (const operation of resource.operations) {
				for (const placeholder of operation.path.match(/\{(\w+)\}/g) ?? []) {
					const name = placeholder.slice(1, -1);
					const parameter = operation.pathParameters?.[name] ?? name;
					expect([resource.value, operation.value, operation.properties?.some((p) => p.name === parameter)]).toEqual([resource.value, operation.value, true]);
				}
			}
		}
	});

	test('every list and dropdown the fields use exists on the node', () => {
		const listSearch = Object.keys(node.methods.listSearch);
		const loadOptions = Object.keys(node.methods.loadOptions);
		walk(node.description.properties, (property) => {
			const searchMethod = property.modes?.find((mode) => mode.typeOptions?.searchListMethod)?.typeOptions?.searchListMethod;
			if (searchMethod) expect(listSearch).toContain(searchMethod);
			const loadMethod = property.typeOptions?.loadOptionsMethod;
			if (loadMethod) expect(loadOptions).toContain(loadMethod);
		});
	});

	test('resources and operations read naturally', () => {
		const plannedCourse = eduframeResources.find((resource) => resource.value === 'plannedCourse')!;
		expect(plannedCourse.name).toBe('Planned Course');
		expect(plannedCourse.operations.map((operation) => operation.name)).toContain('Cancel');
		const order = eduframeResources.find((resource) => resource.value === 'order')!;
		expect(order.operations.map((operation) => operation.name)).toEqual(expect.arrayContaining(['Approve', 'Cancel', 'Deny', 'Get Many', 'Create']));
		expect(node.description.usableAsTool).toBe(true);
	});

	test('updates use PATCH as the OpenAPI file says', () => {
		for (const resource of eduframeResources) {
			for (const operation of resource.operations.filter((o) => o.value === 'update')) expect(operation.method).toBe('PATCH');
		}
	});
});
