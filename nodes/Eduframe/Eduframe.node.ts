import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, subtitleExpression } from '../shared/operations/build';
import { routeOperations } from '../shared/operations/execute';
import { eduframeNames } from './actions/names';
import { eduframeResources } from './actions/resources';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { eduframePagination, eduframeProfile } from './transport';

export class Eduframe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eduframe',
		name: 'eduframe',
		icon: { light: 'file:eduframe.svg', dark: 'file:eduframe.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(eduframeResources),
		description: 'Read and change users, courses, enrollments, orders and invoices in Eduframe',
		defaults: { name: 'Eduframe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eduframeApi', required: true }],
		// Opens on a read: user → Get Many (also the first choice of its AI tool).
		properties: buildProperties(eduframeResources, 'user'),
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations(this, eduframeProfile, eduframePagination, eduframeResources, eduframeNames);
	}
}
