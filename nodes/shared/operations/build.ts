import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from './types';

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

function withDisplay(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** The Resource dropdown, one Operation dropdown per resource, and every operation's fields. */
export function buildProperties(resources: ResourceDefinition[]): INodeProperties[] {
	const sorted = [...resources].sort((a, b) => a.name.localeCompare(b.name));
	const properties: INodeProperties[] = [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- default is computed below
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sorted.map((resource) => ({ name: resource.name, value: resource.value })),
			default: sorted[0]?.value ?? '',
		},
	];
	for (const resource of sorted) {
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- default is computed per resource
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
			default: resource.defaultOperation ?? operations[0]?.value ?? '',
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
			for (const property of own) properties.push(withDisplay(property, resource.value, operation.value));
		}
	}
	return properties;
}
