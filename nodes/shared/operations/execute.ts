import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { paginate, type PaginationStyle } from '../transport/paginate';
import { vendorRequest } from '../transport/request';
import type { VendorProfile } from '../transport/types';
import type { OperationDefinition, ResourceDefinition } from './types';

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

function fillPath(
	ctx: IExecuteFunctions,
	operation: OperationDefinition,
	itemIndex: number,
): string {
	return operation.path.replace(/\{(\w+)\}/g, (_match, placeholder: string) => {
		const parameter = operation.pathParameters?.[placeholder] ?? placeholder;
		const value = String(plainValue(ctx.getNodeParameter(parameter, itemIndex)) ?? '').trim();
		if (!value) {
			throw new NodeOperationError(ctx.getNode(), `The field "${parameter}" is empty`, {
				description: 'Enter an ID, or pick the record from the list.',
				itemIndex,
			});
		}
		return encodeURIComponent(value);
	});
}

/** Runs one declarative operation for one input item. */
export async function runOperation(
	ctx: IExecuteFunctions,
	profile: VendorProfile,
	pagination: PaginationStyle,
	operation: OperationDefinition,
	itemIndex: number,
): Promise<IDataObject[]> {
	const url = fillPath(ctx, operation, itemIndex);
	const parameters: IDataObject = {};
	for (const name of [...(operation.queryFrom ?? []), ...(operation.bodyFrom ?? [])]) {
		parameters[name] = ctx.getNodeParameter(name, itemIndex, {}) as IDataObject;
	}
	let qs: IDataObject = {};
	let body: IDataObject | undefined;
	for (const name of operation.queryFrom ?? []) Object.assign(qs, compact(parameters[name] as IDataObject));
	if (operation.bodyFrom) {
		body = {};
		for (const name of operation.bodyFrom) {
			const value = parameters[name];
			if (value && typeof value === 'object' && !Array.isArray(value) && !('__rl' in value)) {
				Object.assign(body, compact(value as IDataObject));
			} else {
				Object.assign(body, compact({ [name]: value }));
			}
		}
	}
	if (operation.prepare) {
		const prepared = operation.prepare(parameters);
		qs = { ...qs, ...prepared.qs };
		if (prepared.body) body = { ...body, ...prepared.body };
	}

	if (operation.list) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		return await paginate.call(ctx, profile, pagination, { url, qs, returnAll, limit, itemIndex });
	}
	const response = await vendorRequest.call(ctx, profile, {
		method: operation.method,
		url,
		qs,
		body,
		idempotent: operation.idempotent,
		itemIndex,
	});
	if (operation.output) return operation.output(response.body);
	if (Array.isArray(response.body)) return response.body as IDataObject[];
	if (response.body && typeof response.body === 'object') return [response.body as IDataObject];
	return [{ success: true }];
}

/**
 * The router every vendor node uses: finds the operation for each item, runs it, pairs the
 * output with its input item, and honours Continue On Fail.
 */
export async function routeOperations(
	ctx: IExecuteFunctions,
	profile: VendorProfile,
	pagination: PaginationStyle,
	resources: ResourceDefinition[],
	custom: Record<string, (ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>> = {},
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = ctx.getNodeParameter('resource', itemIndex) as string;
			const operationName = ctx.getNodeParameter('operation', itemIndex) as string;
			const handler = custom[`${resource}.${operationName}`];
			let records: IDataObject[];
			if (handler) {
				records = await handler(ctx, itemIndex);
			} else {
				const operation = resources
					.find((r) => r.value === resource)
					?.operations.find((o) => o.value === operationName);
				if (!operation) {
					throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" is not known for "${resource}"`, {
						itemIndex,
					});
				}
				records = await runOperation(ctx, profile, pagination, operation, itemIndex);
			}
			output.push(
				...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(records), { itemData: { item: itemIndex } }),
			);
		} catch (error) {
			if (ctx.continueOnFail()) {
				const message = error instanceof Error ? error.message : String(error);
				const description = (error as { description?: string }).description;
				output.push({
					json: { error: message, ...(description ? { description } : {}) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Errors we shaped keep their message and hint; anything else is wrapped for n8n's UI.
			const shaped =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			throw shaped;
		}
	}
	return [output];
}
