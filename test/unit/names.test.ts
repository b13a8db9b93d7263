/**
 * The shared "names next to IDs" mechanism (nodes/shared/operations/names.ts) on its own: columns,
 * lists of IDs, IDs inside nested objects and lists, IDs whose kind another column says; each
 * different ID read once; a name that cannot be read never fails the records.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addNames, type NameTable } from '../../nodes/shared/operations/names';

const ctx = {} as IExecuteFunctions;

/** A name table whose reads are counted: `names[kind or column][id]`. */
function table(names: Record<string, Record<string, string>>, reads: string[]): NameTable {
	const source = (key: string, column: string) => ({
		column,
		read: async (_ctx: unknown, id: string, holder?: IDataObject) => {
			const kind = key === 'subject_id' ? String(holder?.subject_type) : key;
			reads.push(`${kind}:${id}`);
			if (id === 'boom') throw new Error('the vendor failed');
			return names[kind]?.[id];
		},
	});
	return {
		course_id: source('course_id', 'course_name'),
		label_ids: source('label_ids', 'label_names'),
		'template.id': source('template.id', 'name'),
		'parts[].id': source('parts[].id', 'name'),
		subject_id: { ...source('subject_id', 'subject_name'), kind: (holder) => (['Course', 'User'].includes(String(holder.subject_type)) ? String(holder.subject_type) : undefined) },
	};
}

describe('names next to IDs', () => {
	test('a column gets its name right after it; each different ID is read once', async () => {
		const reads: string[] = [];
		const names = table({ course_id: { 1: 'First Aid', 2: 'Forklift' } }, reads);
		const out = await addNames(ctx, [{ id: 10, course_id: 1, status: 'x' }, { id: 11, course_id: 1 }, { id: 12, course_id: 2 }], ['course_id'], names);
		expect(out.map((record) => record.course_name)).toEqual(['First Aid', 'First Aid', 'Forklift']);
		expect(Object.keys(out[0])).toEqual(['id', 'course_id', 'course_name', 'status']);
		expect(reads.sort()).toEqual(['course_id:1', 'course_id:2']);
	});

	test('a list of IDs gets a list of names in the same order, null where one has none; an empty list gets none', async () => {
		const reads: string[] = [];
		const names = table({ label_ids: { 1: 'Employees', 3: 'Leavers' } }, reads);
		const out = await addNames(ctx, [{ label_ids: [3, 9, 1] }, { label_ids: [] }, { label_ids: [9] }], ['label_ids'], names);
		expect(out[0].label_names).toEqual(['Leavers', null, 'Employees']);
		expect(out[1]).not.toHaveProperty('label_names');
		// Not one name found: nothing added rather than a list of nulls.
		expect(out[2]).not.toHaveProperty('label_names');
		expect(new Set(reads)).toEqual(new Set(['label_ids:1', 'label_ids:3', 'label_ids:9']));
		expect(reads).toHaveLength(3);
	});

	test('an ID inside an object or inside each object of a list is named in place; the record is not changed', async () => {
		const reads: string[] = [];
		const names = table({ 'template.id': { 7: 'First Aid template' }, 'parts[].id': { 1: 'Day 1', 2: 'Day 2' } }, reads);
		const record = { id: 5, template: { id: 7, href: 'x' }, parts: [{ id: 1, href: 'a' }, { id: 2 }, 'not an object'] };
		const copy = JSON.parse(JSON.stringify(record)) as IDataObject;
		const [out] = await addNames(ctx, [record], ['template.id', 'parts[].id'], names);
		expect(out.template).toEqual({ id: 7, name: 'First Aid template', href: 'x' });
		expect(out.parts).toEqual([{ id: 1, name: 'Day 1', href: 'a' }, { id: 2, name: 'Day 2' }, 'not an object']);
		expect(record).toEqual(copy);
	});

	test('an ID whose kind another column says is looked up by kind and ID; an unknown kind stays unnamed', async () => {
		const reads: string[] = [];
		const names = table({ Course: { 4: 'First Aid' }, User: { 4: 'Ann Smit' } }, reads);
		const out = await addNames(
			ctx,
			[
				{ subject_type: 'Course', subject_id: 4 },
				{ subject_type: 'User', subject_id: 4 },
				{ subject_type: 'Invoice', subject_id: 4 },
			],
			['subject_id'],
			names,
		);
		expect(out.map((record) => record.subject_name)).toEqual(['First Aid', 'Ann Smit', undefined]);
		expect(reads.sort()).toEqual(['Course:4', 'User:4']);
	});

	test('a name that fails to read, a name already there, and values that are no IDs leave the record as it was', async () => {
		const reads: string[] = [];
		const names = table({ course_id: { 1: 'First Aid' } }, reads);
		const records = [{ course_id: 'boom' }, { course_id: 1, Course_Name: 'Sent by the vendor' }, { course_id: null }, { course_id: '' }, { course_id: { id: 1 } }];
		const out = await addNames(ctx, records, ['course_id', 'template.id', 'unknown_id'], names);
		expect(out).toEqual(records);
		expect(reads).toEqual(['course_id:boom']);
	});
});
