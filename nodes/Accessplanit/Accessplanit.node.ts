import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, subtitleExpression } from '../shared/operations/build';
import { routeOperations } from '../shared/operations/execute';
import { accessplanitNames } from './actions/names';
import { accessplanitResources } from './actions/resources';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { accessplanitPagination, accessplanitProfile } from './transport';

export class Accessplanit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'accessplanit',
		name: 'accessplanit',
		icon: { light: 'file:accessplanit.svg', dark: 'file:accessplanit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(accessplanitResources),
		description: 'Read and change users, delegates, course dates, awards and finance in accessplanit',
		defaults: { name: 'accessplanit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'accessplanitApi', required: true }],
		// Opens on a read: user → Get Many (also the first choice of its AI tool).
		properties: buildProperties(accessplanitResources, 'user'),
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations(this, accessplanitProfile, accessplanitPagination, accessplanitResources, accessplanitNames);
	}
}
