/**
 * Runs workflow JSON in-process with n8n's own engine (n8n-core's WorkflowExecute), the way
 * n8n does for a manual execution, with our node types and a credentials helper that holds
 * test credentials in memory.
 */
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { AccessplanitApi } from '../../credentials/AccessplanitApi.credentials';
import { EduframeApi } from '../../credentials/EduframeApi.credentials';
import { PlanadayApi } from '../../credentials/PlanadayApi.credentials';
import { Accessplanit } from '../../nodes/Accessplanit/Accessplanit.node';
import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import { Eduframe } from '../../nodes/Eduframe/Eduframe.node';
import { Planaday } from '../../nodes/Planaday/Planaday.node';
import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';

export const PACKAGE = 'n8n-nodes-training-systems';

/** n8n's Manual Trigger, reduced to what it does in a run: pass its input on. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const nodeTypeMap: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	[`${PACKAGE}.eduframe`]: new Eduframe(),
	[`${PACKAGE}.planaday`]: new Planaday(),
	[`${PACKAGE}.accessplanit`]: new Accessplanit(),
	[`${PACKAGE}.planadayTrigger`]: new PlanadayTrigger(),
	[`${PACKAGE}.accessplanitTrigger`]: new AccessplanitTrigger(),
};

export const credentialTypes: Record<string, ICredentialType> = {
	eduframeApi: new EduframeApi(),
	planadayApi: new PlanadayApi(),
	accessplanitApi: new AccessplanitApi(),
};

export const nodeTypes: INodeTypes = {
	getByName: (name: string) => nodeTypeMap[name] as INodeType | IVersionedNodeType,
	getByNameAndVersion: (name: string) => {
		const type = nodeTypeMap[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	},
	getKnownTypes: () => ({}),
} as INodeTypes;

/** Credentials by id, as they would be stored in n8n. */
export const credentialStore = new Map<string, { type: string; data: IDataObject }>();

function withDefaults(type: string, data: IDataObject): ICredentialDataDecryptedObject {
	const result: IDataObject = {};
	for (const property of credentialTypes[type]?.properties ?? []) {
		if (property.default !== undefined) result[property.name] = property.default as IDataObject[string];
	}
	return { ...result, ...data } as ICredentialDataDecryptedObject;
}

/** Resolves `={{$credentials.x}}`-style values the way n8n's CredentialsHelper does, for simple templates. */
function resolveTemplate(value: string, credentials: ICredentialDataDecryptedObject): string {
	const text = value.startsWith('=') ? value.slice(1) : value;
	return text.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(credentials[key] ?? ''));
}

class TestCredentialsHelper extends ICredentialsHelper {
	/** How many times a credential was read decrypted (n8n reads it from its database and decrypts it each time). */
	decryptedReads = 0;

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const properties = authenticate.properties as Record<string, Record<string, string> | undefined>;
		const options = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const target of ['headers', 'qs', 'body'] as const) {
			const entries = properties[target];
			if (!entries) continue;
			options[target] = { ...(options[target] ?? {}) };
			for (const [key, value] of Object.entries(entries)) options[target]![key] = resolveTemplate(value, credentials);
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		if (!type?.preAuthentication) return undefined;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable) return undefined;
		if (credentials[expirable.name] && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		// As n8n does: the new token is kept with the stored credential, so the next read has it.
		const details = _node?.credentials?.[typeName];
		if (details && output?.[expirable.name] !== undefined) await this.updateCredentials(details, typeName, output);
		return output;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const stored = credentialStore.get(details.id ?? '');
		if (!stored || stored.type !== type) throw new Error(`No credential ${details.id} of type ${type}`);
		return { id: details.id, name: details.name, type, data: '', getData: () => withDefaults(type, stored.data) } as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptedReads++;
		const stored = credentialStore.get(details.id ?? '');
		if (!stored || stored.type !== type) throw new Error(`No credential ${details.id} of type ${type}`);
		return withDefaults(type, stored.data);
	}

	async updateCredentials(details: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const stored = credentialStore.get(details.id ?? '');
		if (stored) stored.data = { ...stored.data, ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export const credentialsHelper = new TestCredentialsHelper();

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IWorkflowBase['connections'];
	settings?: IDataObject;
	staticData?: IDataObject;
}

function additionalData(hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678/';
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}form`,
		formWaitingBaseUrl: `${base}form-waiting`,
		formTestBaseUrl: `${base}form-test`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

/** Executes a workflow from its trigger node (the first node without inputs, or `startNode`). */
export async function runWorkflow(
	json: WorkflowJson,
	options: { startNode?: string; input?: IDataObject[]; mode?: WorkflowExecuteMode } = {},
): Promise<IRun> {
	const workflowData = {
		id: `wf-${++executionCounter}`,
		name: json.name ?? 'test',
		active: false,
		isArchived: false,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings ?? { executionOrder: 'v1' },
		staticData: json.staticData ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData: workflowData.staticData,
		settings: workflowData.settings,
	});
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, `exec-${executionCounter}`, workflowData);
	const start = options.startNode
		? workflow.getNode(options.startNode)
		: json.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger') ?? null;
	if (!start) throw new Error('The workflow has no start node');
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: start, data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] }, source: null },
			],
		},
	});
	const execute = new WorkflowExecute(additionalData(hooks), mode, runData);
	return await execute.processRunExecutionData(workflow);
}

/** The JSON items a node put out in its last run (first output). */
export function outputOf(run: IRun, nodeName: string): IDataObject[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`Node "${nodeName}" did not run${run.data.resultData.error ? `: ${run.data.resultData.error.message}` : ''}`);
	return (runs[runs.length - 1].data?.main?.[0] ?? []).map((item) => item.json);
}

/** Full items (with pairedItem) of a node's last run. */
export function itemsOf(run: IRun, nodeName: string): INodeExecutionData[] {
	const runs = run.data.resultData.runData[nodeName];
	return runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
}

/** The error a node stopped with, if any. */
export function errorOf(run: IRun, nodeName: string) {
	const runs = run.data.resultData.runData[nodeName];
	return runs?.[runs.length - 1]?.error ?? run.data.resultData.error;
}

/**
 * One poll of a polling trigger as n8n runs it when the workflow is active: n8n-core's own poll
 * context (its request helpers, the credential's authentication), the trigger's static data kept in
 * `staticData` between polls. Returns what the poll emitted (null: nothing new), or throws its error.
 */
export async function pollOnce(
	nodeType: 'planadayTrigger' | 'accessplanitTrigger',
	parameters: IDataObject,
	credentials: Record<string, { id: string; name: string }>,
	staticData: IDataObject = {},
	mode: WorkflowExecuteMode = 'trigger',
): Promise<INodeExecutionData[][] | null> {
	const node = { id: 'poll', name: 'Trigger', type: `${PACKAGE}.${nodeType}`, typeVersion: 1, position: [0, 0], parameters, credentials } as INode;
	const workflow = new Workflow({ id: `wf-poll-${++executionCounter}`, name: 'poll', nodes: [node], connections: {}, active: true, nodeTypes, staticData: { node: staticData } as IDataObject, settings: { executionOrder: 'v1' } });
	const hooks = new ExecutionLifecycleHooks(mode, `poll-${executionCounter}`, { id: workflow.id, name: 'poll', nodes: [node], connections: {} } as unknown as IWorkflowBase);
	const context = new PollContext(workflow, node, additionalData(hooks), mode, 'activate', undefined, undefined, undefined, undefined, () => staticData);
	return await (nodeTypeMap[node.type].poll as NonNullable<INodeType['poll']>).call(context);
}
