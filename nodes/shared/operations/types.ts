import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

/**
 * One operation as data: "this method on this path with these fields". The shared builder
 * turns a list of these into n8n properties, and the shared executor runs them.
 */
export interface OperationDefinition {
	/** Operation value (camelCase), e.g. `getAll`. */
	value: string;
	/** Name shown in the Operation dropdown, e.g. "Get Many". */
	name: string;
	/** Sentence shown in the node's action list, e.g. "Get many users". */
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Path with `{placeholders}` filled from parameters named in `pathParameters`. */
	path: string;
	/** Placeholder -> node parameter name (a string or a resource locator). */
	pathParameters?: Record<string, string>;
	/** A list: adds Return All / Limit and follows pagination. */
	list?: boolean;
	/** Fields of this operation (without displayOptions: the builder adds them). */
	properties?: INodeProperties[];
	/** Parameters whose values (objects: each key is an API query name) go into the query string. */
	queryFrom?: string[];
	/** Parameters that become body keys (the parameter name is the API name); collections are spread. */
	bodyFrom?: string[];
	/** Safe to repeat (no new data on repetition). Reads are always safe. */
	idempotent?: boolean;
	/** Custom query/body building when the declarative form is not enough. */
	prepare?: (parameters: IDataObject) => { qs?: IDataObject; body?: IDataObject };
	/** Shapes the answer into output items. Defaults to the body (array -> one item each). */
	output?: (body: unknown) => IDataObject[];
}

export interface ResourceDefinition {
	/** Resource value (camelCase), e.g. `user`. */
	value: string;
	/** Name shown in the Resource dropdown, e.g. "User". */
	name: string;
	operations: OperationDefinition[];
	/** Operation selected by default. */
	defaultOperation?: string;
}
