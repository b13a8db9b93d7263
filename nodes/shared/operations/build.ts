import type { INodeProperties } from 'n8n-workflow';

import { addNamesProperty } from './names';
import type { OperationDefinition, ResourceDefinition } from './types';

/** Return All / Limit, the same for every list of every vendor. */
export function listProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/**
 * n8n's editor draws no mark beside a required field of a node (only the canvas shows a warning
 * once the panel is closed), so a field the operation cannot run without says so under it. A choice
 * that starts on a value, and a switch, always have one.
 */
export function markRequired(property: INodeProperties): INodeProperties {
	const value = property.default as unknown;
	const empty =
		value === '' ||
		value === undefined ||
		value === null ||
		(Array.isArray(value) && !value.length) ||
		// A searchable list ("From list", "By ID") starts without a value.
		(typeof value === 'object' && value !== null && 'value' in value && (value as { value: unknown }).value === '') ||
		// A required number starting at 0 (an ID, an amount) still waits for one; JSON starts as an empty object or list.
		(property.type === 'number' && value === 0) ||
		(property.type === 'json' && (value === '{}' || value === '[]'));
	if (!property.required || property.type === 'boolean' || property.type === 'notice' || !empty) return property;
	if (/^Required\b/.test(property.hint ?? '')) return property;
	return { ...property, hint: property.hint ? `Required. ${property.hint}` : 'Required' };
}

function withDisplay(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), resource: [resource], operation: [operation] };
	return { ...markRequired(property), displayOptions: { ...property.displayOptions, show } };
}

/** Operations that only read: what a node (or an AI agent's tool) offers first. */
const isRead = (operation: OperationDefinition) => operation.method === 'GET';

/** A resource's first operation: its own choice, else Get Many, else Get, else its first read. */
export function defaultOperation(resource: ResourceDefinition): string {
	const values = resource.operations.map((operation) => operation.value);
	return resource.defaultOperation ?? (values.includes('getAll') ? 'getAll' : values.includes('get') ? 'get' : (resource.operations.find(isRead) ?? resource.operations[0])?.value ?? '');
}

/**
 * The canvas subtitle: what the node does in words ("Get many users"), from each operation's
 * action text, instead of the internal values ("getAll: user").
 */
export function subtitleExpression(resources: ResourceDefinition[]): string {
	const actions: Record<string, string> = {};
	for (const resource of resources) for (const operation of resource.operations) actions[`${resource.value}:${operation.value}`] = operation.action;
	// JSON has no "}}" sequence here (actions are plain sentences), so the expression stays one.
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}`;
}

/**
 * The Simplify switch every read offers: short records for people. An AI agent's tool always
 * simplifies (execute.ts), so the tool's panel does not show a switch that would read "off".
 */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to leave out empty fields and links, so each record is short. Always on when an AI agent uses the node as a tool.',
	displayOptions: { hide: { '@tool': [true] } },
};

/**
 * The Resource dropdown (starting on `defaultResource`, a read), one Operation dropdown per
 * resource (starting on a read), and every operation's fields.
 */
export function buildProperties(resources: ResourceDefinition[], defaultResource?: string): INodeProperties[] {
	const sorted = [...resources].sort((a, b) => a.name.localeCompare(b.name));
	const firstResource = defaultResource ?? sorted[0]?.value ?? '';
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sorted.map((resource) => ({ name: resource.name, value: resource.value })),
			default: firstResource,
		},
	];
	for (const resource of sorted) {
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
			})),
			default: defaultOperation(resource),
		});
	}
	for (const resource of sorted) {
		for (const operation of resource.operations) {
			const own = [...(operation.properties ?? [])];
			// Return All / Limit go right after the required fields, before filters and options.
			if (operation.list) {
				const firstCollection = own.findIndex((p) => p.type === 'collection' || p.type === 'fixedCollection');
				own.splice(firstCollection === -1 ? own.length : firstCollection, 0, ...listProperties());
			}
			// Reads can put out short records (the switch sits with the operation's own fields).
			if (isRead(operation) && !operation.binary) own.push(simplifyProperty);
			if (operation.names?.length && !operation.binary) own.push(addNamesProperty);
			for (const property of own) properties.push(withDisplay(property, resource.value, operation.value));
		}
	}
	return properties;
}
