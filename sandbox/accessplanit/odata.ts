import { stampInstant } from '../common/time';

/** The OData subset accessplanit's API v2 accepts: $filter with eq ne lt le gt ge, contains(), startswith(), joined with and. */

export type Condition =
	| { kind: 'compare'; field: string; op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; value: unknown }
	| { kind: 'function'; name: 'contains' | 'startswith' | 'endswith'; field: string; value: string };

export class ODataError extends Error {}

function splitOutsideQuotes(text: string, separator: RegExp): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === "'") {
			quoted = !quoted;
			current += char;
			continue;
		}
		if (!quoted) {
			separator.lastIndex = 0;
			const rest = text.slice(index);
			const found = separator.exec(rest);
			if (found && found.index === 0) {
				parts.push(current);
				current = '';
				index += found[0].length - 1;
				continue;
			}
		}
		current += char;
	}
	if (quoted) throw new ODataError('Unterminated string literal in $filter');
	parts.push(current);
	return parts.map((part) => part.trim()).filter(Boolean);
}

function literal(text: string): unknown {
	const trimmed = text.trim();
	if (/^'.*'$/s.test(trimmed)) return trimmed.slice(1, -1).replace(/''/g, "'");
	if (trimmed === 'null') return null;
	if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
	if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
	if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(trimmed)) return trimmed;
	throw new ODataError(`Could not read the value ${trimmed} in $filter`);
}

export function parseFilter(filter: string): Condition[] {
	if (/\sor\s/i.test(filter.replace(/'([^']|'')*'/g, "''"))) throw new ODataError('OR is not supported in $filter');
	return splitOutsideQuotes(filter, /^\s+and\s+/i).map((part) => {
		const fn = /^(contains|startswith|endswith)\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(part);
		if (fn) return { kind: 'function', name: fn[1].toLowerCase() as 'contains', field: fn[2], value: String(literal(fn[3])) };
		const cmp = /^(\w+)\s+(eq|ne|lt|le|gt|ge)\s+(.+)$/i.exec(part);
		if (!cmp) throw new ODataError(`Could not understand the $filter condition "${part}"`);
		return { kind: 'compare', field: cmp[1], op: cmp[2].toLowerCase() as 'eq', value: literal(cmp[3]) };
	});
}

/**
 * A record's value of `field`. A property the module has (`known`, lower case) but this record was
 * written without reads as null, as on the platform; one the module does not have is refused.
 */
function fieldOf(record: Record<string, unknown>, field: string, known?: Set<string>): unknown {
	const key = Object.keys(record).find((k) => k.toLowerCase() === field.toLowerCase());
	if (key === undefined) {
		if (known?.has(field.toLowerCase())) return undefined;
		throw new ODataError(`Could not find a property named '${field}'`);
	}
	return record[key];
}

function compareValues(left: unknown, right: unknown): number {
	if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1;
	if (right === null || right === undefined) return 1;
	const ln = Number(left);
	const rn = Number(right);
	if (typeof left === 'number' || (typeof left === 'string' && left !== '' && !Number.isNaN(ln) && !Number.isNaN(rn) && /^-?[\d.]+$/.test(left))) {
		if (!Number.isNaN(ln) && !Number.isNaN(rn)) return ln - rn;
	}
	const ld = typeof left === 'string' && /^\d{4}-\d{2}-\d{2}/.test(left) ? stampInstant(left) : NaN;
	const rd = typeof right === 'string' && /^\d{4}-\d{2}-\d{2}/.test(right) ? stampInstant(right) : NaN;
	if (!Number.isNaN(ld) && !Number.isNaN(rd)) return ld - rd;
	return String(left).toLowerCase().localeCompare(String(right).toLowerCase());
}

export function matches(record: Record<string, unknown>, conditions: Condition[], known?: Set<string>): boolean {
	return conditions.every((condition) => {
		const value = fieldOf(record, condition.field, known);
		if (condition.kind === 'function') {
			const haystack = String(value ?? '').toLowerCase();
			const needle = condition.value.toLowerCase();
			if (condition.name === 'contains') return haystack.includes(needle);
			if (condition.name === 'startswith') return haystack.startsWith(needle);
			return haystack.endsWith(needle);
		}
		const order = compareValues(value, condition.value);
		switch (condition.op) {
			case 'eq': return condition.value === null ? value === null || value === undefined || value === '' : order === 0;
			case 'ne': return condition.value === null ? !(value === null || value === undefined || value === '') : order !== 0;
			case 'lt': return order < 0;
			case 'le': return order <= 0;
			case 'gt': return order > 0;
			default: return order >= 0;
		}
	});
}

export function sortBy(records: Array<Record<string, unknown>>, orderby: string): Array<Record<string, unknown>> {
	const keys = orderby.split(',').map((part) => {
		const [field, direction] = part.trim().split(/\s+/);
		if (direction && !/^(asc|desc)$/i.test(direction)) throw new ODataError(`Invalid $orderby direction ${direction}`);
		return { field, desc: /^desc$/i.test(direction ?? '') };
	});
	if (records.length) for (const key of keys) fieldOf(records[0], key.field);
	return [...records].sort((a, b) => {
		for (const key of keys) {
			const order = compareValues(fieldOf(a, key.field), fieldOf(b, key.field));
			if (order !== 0) return key.desc ? -order : order;
		}
		return 0;
	});
}
