import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, subtitleExpression } from '../shared/operations/build';
import { routeOperations } from '../shared/operations/execute';
import { planadayNames } from './actions/names';
import { planadayResources } from './actions/resources';
import { listSearch, loadOptions } from './methods';
import { planadayPagination, planadayProfile } from './transport';

export class Planaday implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planaday',
		name: 'planaday',
		icon: { light: 'file:planaday.svg', dark: 'file:planaday.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(planadayResources),
		description: 'Read courses and book students in Planaday',
		defaults: { name: 'Planaday' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'planadayApi', required: true }],
		// Opens on a read: course → Get Many (also the first choice of its AI tool).
		properties: buildProperties(planadayResources, 'course'),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations(this, planadayProfile, planadayPagination, planadayResources, planadayNames);
	}
}
