import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forEachAtOnce } from '../atOnce';

/**
 * Readable names next to IDs. Vendors often answer with `student_id: 812` or `ManagerUserID: "jasmit"`
 * and nothing a person can read; an HR user then has to look each one up. A vendor lists the ID
 * columns it can name (its name table); an operation lists the columns its records carry; the
 * runner adds the name next to each ID, reading every different ID once per run.
 */
export interface NameSource {
	/** The column added next to the ID column, e.g. `student_name` next to `student_id`. */
	column: string;
	/** The readable name of one record, or undefined when the vendor has none (e.g. it was deleted). */
	read: (ctx: IExecuteFunctions, id: string) => Promise<string | undefined>;
}

/** A vendor's name table: ID column → where its name comes from. */
export type NameTable = Record<string, NameSource>;

/** The switch on every read that carries IDs a person cannot read. */
export const addNamesProperty: INodeProperties = {
	displayName: 'Add Names Next to IDs',
	name: 'addNames',
	type: 'boolean',
	default: true,
	description:
		'Whether to add a readable name next to each ID the platform sends without one (the person next to a user ID, the course next to a course ID). Each different ID is looked up once per run; turn it off to save requests on very long lists.',
};

/** Whether a record already has the name (also written in another case, e.g. `UserFullname`). */
function hasColumn(record: IDataObject, column: string): boolean {
	const wanted = column.toLowerCase();
	return Object.keys(record).some((key) => key.toLowerCase() === wanted);
}

/** The record with `column` placed right after `after`, so the name sits next to its ID. */
function placeAfter(record: IDataObject, after: string, column: string, value: string): IDataObject {
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(record)) {
		result[key] = entry;
		if (key === after) result[column] = value;
	}
	return result;
}

/** How many names are read at once (the vendor's pacing still applies to each). */
const AT_ONCE = 4;

/**
 * The records with the names of `columns` added: every different ID is read once, a few at a time
 * under the vendor's pacing. A name that cannot be read is left out; it never fails the read it
 * decorates.
 */
export async function addNames(ctx: IExecuteFunctions, records: IDataObject[], columns: string[], table: NameTable): Promise<IDataObject[]> {
	let named = [...records];
	for (const idColumn of columns) {
		const source = table[idColumn];
		if (!source) continue;
		const wanted = (record: IDataObject) => {
			const id = record[idColumn];
			return id !== undefined && id !== null && id !== '' && typeof id !== 'object' && !hasColumn(record, source.column);
		};
		const ids = [...new Set(named.filter(wanted).map((record) => String(record[idColumn])))];
		const names = new Map<string, string>();
		await forEachAtOnce(ids.length, AT_ONCE, async (index) => {
			try {
				const name = await source.read(ctx, ids[index]);
				if (name) names.set(ids[index], name);
			} catch {
				// Left without a name: the record itself was read.
			}
		});
		named = named.map((record) => {
			const name = wanted(record) ? names.get(String(record[idColumn])) : undefined;
			return name ? placeAfter(record, idColumn, source.column, name) : record;
		});
	}
	return named;
}
