import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { plainValue } from '../../shared/operations/execute';
import { checkedModule, MODULES } from '../actions/otherModule/catalogue';
import { fieldChoices, mapperColumns, platformFields } from '../actions/otherModule/fields';

/** The module chosen in the node (Other Module → Module), or '' when none is; a name that is no module is refused (see `checkedModule`). */
export function chosenModule(ctx: ILoadOptionsFunctions): string {
	const name = String(plainValue(ctx.getCurrentNodeParameter('module')) ?? '').trim();
	if (!name) return '';
	try {
		return checkedModule(name).name;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { description: (error as { description?: string }).description });
	}
}

/** Every module, found by what it is called or by its API name. */
export async function searchModules(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: MODULES.filter((entry) => !needle || entry.label.toLowerCase().includes(needle) || entry.name.toLowerCase().includes(needle)).map((entry) => ({
			name: entry.label,
			value: entry.name,
			url: undefined,
		})),
	};
}

/** The chosen module's fields for the filter builder, sort and field selection, as the platform describes them. */
export async function getModuleFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = chosenModule(this);
	if (!module) return [];
	const fields = await platformFields(this, module);
	return [...fieldChoices(fields ?? []), { name: 'Other (Type Its Name)', value: '__custom' }];
}

/** The chosen module's writable fields for n8n's resource mapper (Create, Update, Create or Update). */
export async function getModuleColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const module = chosenModule(this);
	if (!module) return { fields: [] };
	const fields = await platformFields(this, module);
	if (!fields) {
		throw new NodeOperationError(this.getNode(), `accessplanit gives no field description for "${module}"`, {
			description: 'Set "Enter Fields" to "As JSON" and write the record as JSON, with the API\'s field names (e.g. {"Name": "..."}).',
		});
	}
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	return { fields: mapperColumns(fields, operation === 'create' || operation === 'createOrUpdate') };
}
