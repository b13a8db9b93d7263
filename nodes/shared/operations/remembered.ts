import type { IExecuteFunctions } from 'n8n-workflow';

/** A copy of plain objects and arrays, so a caller that changes what it got cannot change what the next one gets. */
function copyPlain(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyPlain);
	if (value && typeof value === 'object') {
		const prototype = Object.getPrototypeOf(value) as unknown;
		// Class instances (a date an expression returned, say) are kept as they are.
		if (prototype !== Object.prototype && prototype !== null) return value;
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyPlain(entry)]));
	}
	return value;
}

/** `={{ $json.email }}`, `={{ $json.address.city }}`, `={{ $json["first name"] }}`: nothing but a value of the item itself. */
const ITEM_VALUE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:'[^'\\]*'|"[^"\\]*"|\d+)\])+)\s*\}\}$/;
const ITEM_STEP = /\.([A-Za-z_$][\w$]*)|\[(?:'([^'\\]*)'|"([^"\\]*)"|(\d+))\]/g;

/** The item's value an `ITEM_VALUE` expression names, as n8n's evaluation gives it (undefined where a step is missing). */
function itemValue(json: unknown, expression: string): { value: unknown } | undefined {
	const match = ITEM_VALUE.exec(expression);
	if (!match) return undefined;
	let value: unknown = json;
	for (const step of match[1].matchAll(ITEM_STEP)) {
		const key = step[1] ?? step[2] ?? step[3] ?? step[4];
		// Names n8n's expression engine guards itself (it refuses `constructor`): left to it.
		if (/^(constructor|prototype|__\w*)$/.test(key)) return undefined;
		value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
	}
	return { value };
}

/**
 * A parameter whose expressions all name a value of the item (`={{ $json.email }}`, also inside a
 * collection or a resource mapper's values), worked out from the item directly: what n8n's evaluation
 * gives, without its trip into n8n 2.x's expression sandbox (half a millisecond each, which an HR list of
 * 10,000 rows with five mapped fields pays 50,000 times). Undefined when any expression does more.
 */
function fromItem(raw: unknown, json: unknown): { value: unknown } | undefined {
	let expressions = 0;
	let other = false;
	const walk = (value: unknown): unknown => {
		if (other) return undefined;
		if (typeof value === 'string' && value.startsWith('=')) {
			const found = itemValue(json, value);
			if (!found) other = true;
			expressions++;
			return found?.value;
		}
		if (Array.isArray(value)) return value.map(walk);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, walk(entry)]));
		return value;
	};
	const value = walk(raw);
	return other || expressions === 0 ? undefined : { value };
}

/** A parameter of the node as stored (`options.leavingDate` reaches into a collection). */
function storedParameter(parameters: unknown, name: string): unknown {
	let value = parameters;
	for (const key of name.split('.')) value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
	return value;
}

/**
 * The node's context, with each parameter of each item worked out once for this run.
 *
 * n8n evaluates a parameter's expression every time it is read, and in n8n 2.x each evaluation
 * crosses into an expression sandbox; an operation that reads a value in several places (the course
 * a booking is for: its order key, its body and its path) paid for it each time. Errors are not
 * remembered: reading the parameter again reports them again.
 */
export function rememberingParameters(ctx: IExecuteFunctions): IExecuteFunctions {
	const remembered = new Map<string, unknown>();
	let stored: unknown;
	let items: Array<{ json?: unknown }> | undefined;
	const evaluate = (name: string, itemIndex: number, fallbackValue?: unknown, options?: unknown) => {
		// (A context without the node or its items, as a unit test may give, always asks n8n.)
		if (options === undefined && typeof ctx.getNode === 'function' && typeof ctx.getInputData === 'function') {
			stored ??= ctx.getNode().parameters;
			items ??= ctx.getInputData();
			const found = itemIndex >= 0 && itemIndex < items.length ? fromItem(storedParameter(stored, name), items[itemIndex]?.json) : undefined;
			if (found) return found.value;
		}
		return ctx.getNodeParameter(name, itemIndex, fallbackValue as never, options as never);
	};
	const getNodeParameter = ((name: string, itemIndex: number, fallbackValue?: unknown, options?: unknown) => {
		const key = `${name}\u0000${itemIndex}\u0000${JSON.stringify(fallbackValue) ?? ''}\u0000${JSON.stringify(options) ?? ''}`;
		if (!remembered.has(key)) remembered.set(key, evaluate(name, itemIndex, fallbackValue, options));
		return copyPlain(remembered.get(key));
	}) as IExecuteFunctions['getNodeParameter'];
	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value = Reflect.get(target, property, target) as unknown;
			if (typeof value !== 'function') return value;
			// n8n's methods run on the real context.
			if (!bound.has(property)) bound.set(property, (value as (...args: unknown[]) => unknown).bind(target));
			return bound.get(property);
		},
	});
}
