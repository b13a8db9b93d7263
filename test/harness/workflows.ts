import type { IDataObject, INode } from 'n8n-workflow';

import { PACKAGE, type WorkflowJson } from './engine';

/** A workflow: Manual Trigger → one vendor node with `parameters`. */
export function singleNodeWorkflow(
	nodeType: string,
	parameters: IDataObject,
	credentials: Record<string, { id: string; name: string }>,
	nodeOptions: Partial<INode> = {},
): WorkflowJson {
	return {
		name: `${nodeType} test`,
		nodes: [
			{ id: 'trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'vendor',
				name: 'Vendor',
				type: `${PACKAGE}.${nodeType}`,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials,
				...nodeOptions,
			} as INode,
		],
		connections: { Start: { main: [[{ node: 'Vendor', type: 'main', index: 0 }]] } },
	};
}
