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
	const getNodeParameter = ((name: string, itemIndex: number, fallbackValue?: unknown, options?: unknown) => {
		const key = `${name}\u0000${itemIndex}\u0000${JSON.stringify(fallbackValue) ?? ''}\u0000${JSON.stringify(options) ?? ''}`;
		if (!remembered.has(key)) remembered.set(key, ctx.getNodeParameter(name, itemIndex, fallbackValue as never, options as never));
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
