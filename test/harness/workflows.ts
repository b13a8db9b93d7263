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

/**
 * An active-style workflow for the Eduframe Trigger's catch-up: users updated → "To HR" (a No Op), the
 * catch-up checked every minute. Used by the replay e2e test and the downtime bench.
 */
export function eduframeReplayWorkflow(id: string, name: string, webhookId: string, credential: { id: string; name: string }): IDataObject {
	return {
		id,
		name,
		nodes: [
			{
				id: 'r1',
				name: 'Eduframe Trigger',
				type: 'n8n-nodes-training-systems.eduframeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: ['user.updated'], options: { checkEveryMinutes: 1 } },
				credentials: { eduframeApi: credential },
			},
			{ id: 'r2', name: 'To HR', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { 'Eduframe Trigger': { main: [[{ node: 'To HR', type: 'main', index: 0 }]] } },
	};
}
