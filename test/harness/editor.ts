/**
 * What the editor asks a node for while a user fills in its panel, done as n8n does it (its
 * DynamicNodeParametersService): a temporary node holding the panel's current parameters, n8n-core's
 * own LoadOptionsContext (its request helpers, the credential's authentication through the test
 * credentials helper), then the node's list search or load-options method.
 */
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { credentialsHelper, nodeTypes, PACKAGE } from './engine';

function editorContext(nodeType: string, parameters: IDataObject, credentials: Record<string, { id: string; name: string }>, path: string): { context: ILoadOptionsFunctions; type: INodeType } {
	const node: INode = { id: 'temp', name: 'Temp-Node', type: `${PACKAGE}.${nodeType}`, typeVersion: 1, position: [0, 0], parameters: parameters as INodeParameters, credentials };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper, currentNodeParameters: parameters, variables: {}, restApiUrl: 'http://127.0.0.1:5678/rest', instanceBaseUrl: 'http://127.0.0.1:5678/' } as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, path) as unknown as ILoadOptionsFunctions;
	return { context, type: nodeTypes.getByNameAndVersion(node.type, 1) as INodeType };
}

/** A resource locator's "From List" page, as the editor asks for it (with the search text and the next page's token). */
export async function listSearch(
	nodeType: string,
	method: string,
	parameters: IDataObject,
	credentials: Record<string, { id: string; name: string }>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { context, type } = editorContext(nodeType, parameters, credentials, 'parameters');
	const search = type.methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no list search "${method}"`);
	return await search.call(context, filter, paginationToken);
}

/** A dropdown's options, as the editor asks for them for the parameter at `path` (e.g. `parameters.attributes.attribute[0].code`). */
export async function loadOptions(
	nodeType: string,
	method: string,
	parameters: IDataObject,
	credentials: Record<string, { id: string; name: string }>,
	path = 'parameters',
): Promise<INodePropertyOptions[]> {
	const { context, type } = editorContext(nodeType, parameters, credentials, path);
	const load = type.methods?.loadOptions?.[method];
	if (!load) throw new Error(`The node has no load-options method "${method}"`);
	return await load.call(context);
}
