import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * How a field's value is turned into what the vendor expects. Fields without a kind are sent
 * as n8n gives them.
 */
export type FieldKind =
	/** A date picker value sent as `YYYY-MM-DD` (an instant counts as its day in Europe/Amsterdam). */
	| 'date'
	/** A date picker value sent as ISO 8601 with time. */
	| 'dateTime'
	/** A date picker value sent as `YYYYMMDD`, the day as Planaday keeps it (Europe/Amsterdam). */
	| 'compactDate'
	/** Several choices sent as one comma-separated text (Planaday's labels). */
	| 'commaJoined'
	/** Comma-separated whole numbers (or an array) sent as an array of numbers. */
	| 'idList'
	/** Comma-separated text (or an array) sent as an array of strings. */
	| 'stringList'
	/** A single choice the vendor takes as a one-element array. */
	| 'wrapInArray'
	/**
	 * A JSON object (`{…}`, as text or an object), where the vendor's file requires an object; a list,
	 * text or a number is refused before any request, naming the field. The field's default is `{}`.
	 */
	| 'jsonObject'
	/**
	 * A JSON list of objects (`[{…}]`, as text or an array), where the vendor's file requires an array
	 * of objects; a single object or an entry that is not an object is refused before any request,
	 * naming the field. The field's default is `[]`.
	 */
	| 'jsonObjectList'
	/** Whole number. */
	| 'integer'
	/** Number. */
	| 'number'
	/** An amount entered in major units (pounds, euros) sent as whole minor units (pence, cents). */
	| 'minorUnits'
	/**
	 * Lists of record IDs by key (`{ trainers: [12, 34] }`), from a fixedCollection of
	 * `{ slug, recordIds }` entries or already in that shape (JSON text or an object).
	 */
	| 'idListsByKey';

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
	/**
	 * Another path to use when an optional field has a value (e.g. a course's planned courses at
	 * `/courses/{course_id}/planned_courses` when the Course filter is set). The field leaves the query.
	 */
	pathVariants?: Array<{ when: string; path: string }>;
	/** A list: adds Return All / Limit and follows pagination. */
	list?: boolean;
	/** A list the vendor does not page (no page size parameter): one request, the limit applied here. */
	unpaged?: boolean;
	/** Fields of this operation (without displayOptions: the builder adds them). */
	properties?: INodeProperties[];
	/** Parameters whose values go into the query string (collections are spread: each key is an API name). */
	queryFrom?: string[];
	/** Parameters that become body keys (the parameter name is the API name); collections are spread. */
	bodyFrom?: string[];
	/**
	 * Parameters holding name/value pairs (a fixedCollection `{ field: [{ name, value }] }`) whose
	 * pairs become body keys as written, e.g. the vendor's custom fields.
	 */
	bodyPairs?: string[];
	/** Values always sent in the body, e.g. `{ Status: 'Target' }`. */
	constantBody?: IDataObject;
	/** Body keys that must have a value; an empty one is refused before any request, naming the field. */
	requiredBody?: Array<{ key: string; label: string }>;
	/**
	 * Checks the finished body before anything is sent; throws an Error naming the field (an
	 * Error with a `description` gives its own advice).
	 */
	validate?: (body: IDataObject) => void;
	/** Conversions by API name, applied to query and body values. */
	fields?: Record<string, FieldKind>;
	/** Safe to repeat (no new data on repetition). Reads are always safe. */
	idempotent?: boolean;
	/**
	 * How many items may run at once (default 1; bulk HR writes use WRITES_SIDE_BY_SIDE). Only for
	 * operations that are harmless to run side by side (reads, create-or-update, one booking per item
	 * sent once); the vendor's pacing still applies.
	 */
	concurrency?: number;
	/** Items with the same key run one after another (e.g. the same email in a create-or-update). */
	concurrencyKey?: (ctx: IExecuteFunctions, itemIndex: number) => string;
	/**
	 * Body keys built from the item itself (e.g. a resource mapper's columns), added to the body;
	 * throws an Error naming the field when a value cannot be sent.
	 */
	buildBody?: (ctx: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Custom query/body building when the declarative form is not enough. */
	prepare?: (parameters: IDataObject) => { qs?: IDataObject; body?: IDataObject };
	/** Applied to every record put out (lists and single answers), e.g. amounts shown in pounds. */
	outputRecord?: (record: IDataObject) => IDataObject;
	/** Shapes the answer into output items. Defaults to the body (array -> one item each). */
	output?: (body: unknown) => IDataObject[];
	/**
	 * An operation that takes more than one request (find then update, read then pay): runs
	 * instead of the declarative request, with the query and body already built from the fields.
	 */
	run?: (ctx: IExecuteFunctions, itemIndex: number, input: { qs: IDataObject; body: IDataObject; url: string }) => Promise<IDataObject[]>;
	/**
	 * An operation that takes all input items together (an HR list compared with the platform's
	 * people): runs once per node run instead of once per item, and puts out its own items, each
	 * paired with the input item it came from (`pairedItem`). Continue On Fail for one person is its
	 * own business (an error item for that person, the others go on); an error it throws stops the
	 * run, or with Continue On Fail becomes one error item.
	 */
	runOnce?: (ctx: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
	/**
	 * What to do when the vendor refuses this operation, by cause (a `reason` the vendor profile
	 * reads from the answer, e.g. `feature`, `scope`) or by status code; ahead of the profile's hints.
	 */
	hints?: Record<string, string>;
	/**
	 * Body keys the vendor requires but accepts as null: sent as `null` when empty, never left out
	 * and never sent as "". `list[].key` names a key of every object in the list `list`.
	 */
	nullable?: string[];
	/**
	 * The answer is a file to put out as binary data: base64 in the JSON answer's `field`, or, without
	 * `field`, the answer's body itself (its Content-Type, else `mimeType`).
	 */
	binary?: { field?: string; fileName: (parameters: IDataObject) => string; mimeType: string };
	/** Headers this operation sends besides the vendor's usual ones (e.g. `Accept: image/*` for a download). */
	headers?: Record<string, string>;
	/**
	 * ID columns of the records put out that get a readable name next to them (keys of the vendor's
	 * name table, see names.ts); adds the "Add Names Next to IDs" switch.
	 */
	names?: string[];
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

/**
 * How many items a bulk HR write (create-or-update, booking) runs at once. Items one after another
 * reach at most one request per round trip, far below a vendor's allowed rate; with this many at once
 * the pacer sets the pace (allowed rate × round trip, including n8n's own work per item, stays below it).
 */
export const WRITES_SIDE_BY_SIDE = 16;
