/** A node run works out each parameter of each item once (n8n evaluates an expression every time it is read). */
import type { IExecuteFunctions } from 'n8n-workflow';

import { rememberingParameters } from '../../nodes/shared/operations/remembered';

function countingContext(values: Record<string, (itemIndex: number) => unknown>) {
	const reads: string[] = [];
	const ctx = {
		marker: 'the real context',
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			reads.push(`${name}#${itemIndex}`);
			if (!(name in values)) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return values[name](itemIndex);
		},
		whoAmI(this: { marker: string }) {
			return this.marker;
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, reads };
}

test('a parameter read several times for one item is worked out once; other items and names are their own', () => {
	const { ctx, reads } = countingContext({ courseId: (i) => ({ __rl: true, mode: 'id', value: String(10 + i) }), email: (i) => `p${i}@acme.example` });
	const remembering = rememberingParameters(ctx);
	for (let round = 0; round < 3; round++) {
		expect(remembering.getNodeParameter('courseId', 0)).toEqual({ __rl: true, mode: 'id', value: '10' });
		expect(remembering.getNodeParameter('courseId', 1)).toEqual({ __rl: true, mode: 'id', value: '11' });
		expect(remembering.getNodeParameter('email', 1, '')).toBe('p1@acme.example');
	}
	expect(reads.sort()).toEqual(['courseId#0', 'courseId#1', 'email#1']);
	// Asked with other options (or another fallback), it is asked again: the answer may differ.
	remembering.getNodeParameter('courseId', 0, undefined, { extractValue: true });
	expect(reads.filter((read) => read === 'courseId#0')).toHaveLength(2);
});

test('a caller that changes what it got does not change what the next caller gets', () => {
	const { ctx } = countingContext({ company: () => ({ name: 'Acme', invoice: { address: { city: 'Zwolle' } } }), dayparts: () => [1, 2] });
	const remembering = rememberingParameters(ctx);
	const first = remembering.getNodeParameter('company', 0) as { name: string; invoice?: { address: { city: string } } };
	delete first.invoice;
	first.name = 'changed';
	(remembering.getNodeParameter('dayparts', 0) as number[]).push(3);
	expect(remembering.getNodeParameter('company', 0)).toEqual({ name: 'Acme', invoice: { address: { city: 'Zwolle' } } });
	expect(remembering.getNodeParameter('dayparts', 0)).toEqual([1, 2]);
});

test('an error is not remembered, and the context’s own methods still run on the real context', () => {
	const { ctx, reads } = countingContext({});
	const remembering = rememberingParameters(ctx);
	expect(() => remembering.getNodeParameter('courseId', 0)).toThrow('Could not get parameter "courseId"');
	expect(() => remembering.getNodeParameter('courseId', 0)).toThrow('Could not get parameter "courseId"');
	expect(reads).toEqual(['courseId#0', 'courseId#0']);
	expect((remembering as unknown as { whoAmI(): string }).whoAmI()).toBe('the real context');
});
