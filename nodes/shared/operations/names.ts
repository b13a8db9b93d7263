import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { forEachAtOnce } from '../atOnce';
import type { RequestContext } from '../transport/request';

/**
 * Readable names next to IDs. Vendors often answer with `student_id: 812` or `ManagerUserID: "jasmit"`
 * and nothing a person can read; an HR user then has to look each one up. A vendor lists the ID
 * columns it can name (its name table); an operation lists the columns its records carry; the
 * runner adds the name next to each ID, reading every different ID once per run.
 *
 * A column is named by its path in the record:
 * - `course_id`: a column of the record; `course_name` goes right after it.
 * - `label_ids`: a list of IDs; `label_names` (the names in the same order) goes right after it.
 * - `coursetemplate.id`: the `id` of the object in `coursetemplate`; its name goes inside that object.
 * - `dayparts[].id`: the `id` of every object in the list `dayparts`; each gets its name.
 */
export interface NameSource {
	/** The column added next to the ID column, e.g. `student_name` next to `student_id`. */
	column: string;
	/**
	 * The readable name of one record, or undefined when the vendor has none (e.g. it was deleted).
	 * `holder` is the object that carries the ID, `record` the whole record (a course's daypart is read
	 * through its course); both are given when the name decorates a record.
	 */
	read: (ctx: RequestContext, id: string, holder?: IDataObject, record?: IDataObject) => Promise<string | undefined>;
	/**
	 * What kind of record the ID names, when the ID alone does not say (a certificate's `certifiable_id`
	 * names an enrollment or an evaluation, as its `certifiable_type` says); undefined leaves it unnamed.
	 */
	kind?: (holder: IDataObject) => string | undefined;
}

/** A vendor's name table: ID column (or path, see above) → where its name comes from. */
export type NameTable = Record<string, NameSource>;

/** What the name sources read during one run, by run (its context) and key. */
const readThisRun = new WeakMap<RequestContext, Map<string, Promise<unknown>>>();

/**
 * `load()` once per run for `key` (a record or list a name comes from), shared by every name read in
 * that run: a course named for ten planned courses, or a list of templates, is read once.
 */
export function oncePerRun<T>(ctx: RequestContext, key: string, load: () => Promise<T>): Promise<T> {
	if (!readThisRun.has(ctx)) readThisRun.set(ctx, new Map());
	const cache = readThisRun.get(ctx)!;
	if (!cache.has(key)) cache.set(key, load());
	return cache.get(key) as Promise<T>;
}

/** The switch on every read that carries IDs a person cannot read. */
export const addNamesProperty: INodeProperties = {
	displayName: 'Add Names Next to IDs',
	name: 'addNames',
	type: 'boolean',
	default: true,
	description:
		'Whether to add a readable name next to each ID the platform sends without one (the person next to a user ID, the course next to a course ID). Each different ID is looked up once per run; turn it off to save requests on very long lists.',
};

/** Whether an object already has the column (also written in another case, e.g. `UserFullname`). */
function hasColumn(holder: IDataObject, column: string): boolean {
	const wanted = column.toLowerCase();
	return Object.keys(holder).some((key) => key.toLowerCase() === wanted);
}

const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
const isId = (value: unknown) => (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

/** A copy of `holder` with `column` placed right after `after`, so the name sits next to its ID. */
function placeAfter(holder: IDataObject, after: string, column: string, value: string | Array<string | null>): IDataObject {
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(holder)) {
		result[key] = entry;
		if (key === after) result[column] = value;
	}
	return result;
}

/** The objects of `record` that `steps` lead to (`coursetemplate`, `dayparts[]`); the record itself for none. */
function holdersOf(record: IDataObject, steps: string[]): IDataObject[] {
	let holders = [record];
	for (const step of steps) {
		const list = step.endsWith('[]');
		const key = list ? step.slice(0, -2) : step;
		holders = holders.flatMap((holder) => {
			const value = holder[key];
			if (list) return Array.isArray(value) ? value.filter(isObject) : [];
			return isObject(value) ? [value] : [];
		});
	}
	return holders;
}

/** The record with every object `steps` lead to replaced by `change(object)`; the rest shared, not copied. */
function replaceHolders(holder: IDataObject, steps: string[], change: (holder: IDataObject) => IDataObject): IDataObject {
	if (!steps.length) return change(holder);
	const [step, ...rest] = steps;
	const list = step.endsWith('[]');
	const key = list ? step.slice(0, -2) : step;
	const value = holder[key];
	if (list && Array.isArray(value)) {
		return { ...holder, [key]: value.map((entry) => (isObject(entry) ? replaceHolders(entry, rest, change) : entry)) as IDataObject[] };
	}
	if (!list && isObject(value)) return { ...holder, [key]: replaceHolders(value, rest, change) };
	return holder;
}

/** How many names are read at once (the vendor's pacing still applies to each). */
const AT_ONCE = 4;

/**
 * The records with the names of `columns` added: every different ID is read once, a few at a time
 * under the vendor's pacing. A name that cannot be read is left out; it never fails the read it
 * decorates.
 */
export async function addNames(ctx: RequestContext, records: IDataObject[], columns: string[], table: NameTable): Promise<IDataObject[]> {
	let named = [...records];
	for (const path of columns) {
		const source = table[path];
		if (!source) continue;
		const steps = path.split('.');
		const idKey = steps.pop()!;
		// The IDs an object carries in the column (one, or a list), each with the key it is looked up by.
		const idsOf = (holder: IDataObject): string[] => {
			if (hasColumn(holder, source.column)) return [];
			const value = holder[idKey];
			const ids = Array.isArray(value) ? value : [value];
			return ids.filter(isId).map(String);
		};
		const keyOf = (holder: IDataObject, id: string): string | undefined => {
			if (!source.kind) return id;
			const kind = source.kind(holder);
			return kind === undefined ? undefined : `${kind}:${id}`;
		};
		// Every different ID once, read with the first object (and record) that carries it.
		const wanted = new Map<string, { id: string; holder: IDataObject; record: IDataObject }>();
		for (const record of named) {
			for (const holder of holdersOf(record, steps)) {
				for (const id of idsOf(holder)) {
					const key = keyOf(holder, id);
					if (key !== undefined && !wanted.has(key)) wanted.set(key, { id, holder, record });
				}
			}
		}
		if (!wanted.size) continue;
		const keys = [...wanted.keys()];
		const names = new Map<string, string>();
		await forEachAtOnce(keys.length, AT_ONCE, async (index) => {
			const { id, holder, record } = wanted.get(keys[index])!;
			try {
				const name = await source.read(ctx, id, holder, record);
				if (name) names.set(keys[index], name);
			} catch {
				// Left without a name: the record itself was read.
			}
		});
		const nameHolder = (holder: IDataObject): IDataObject => {
			if (!idsOf(holder).length) return holder;
			const value = holder[idKey];
			const found = (Array.isArray(value) ? value : [value]).map((id) => {
				const key = isId(id) ? keyOf(holder, String(id)) : undefined;
				return key === undefined ? null : (names.get(key) ?? null);
			});
			if (found.every((name) => name === null)) return holder;
			// A list of IDs gets a list of names in the same order (null where one has none).
			return placeAfter(holder, idKey, source.column, Array.isArray(value) ? found : found[0]!);
		};
		named = named.map((record) => replaceHolders(record, steps, nameHolder));
	}
	return named;
}
