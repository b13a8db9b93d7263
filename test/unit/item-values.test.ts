/**
 * A parameter whose expressions only name a value of the item (`={{ $json.email }}`) is worked out from
 * the item without n8n's expression engine (each trip into n8n 2.x's sandbox costs half a millisecond):
 * the values are what n8n's own evaluation gives, and anything more is left to n8n.
 */
import { Workflow, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

import { rememberingParameters } from '../../nodes/shared/operations/remembered';
import { nodeTypes } from '../harness/engine';

const items: INodeExecutionData[] = [
	{ json: { email: 'ann@acme.example', n: 5, nested: { list: [1, 2], city: 'Zwolle' }, empty: '', nothing: null, 'first name': 'Ann', constructor: 'own' } },
	{ json: { email: 'bo@acme.example', n: 0 } },
];

/** A context whose getNodeParameter is n8n's own evaluation of the stored parameters, counting its calls. */
function context(parameters: IDataObject) {
	const node = { id: 'a', name: 'A', type: 'n8n-nodes-training-systems.eduframe', typeVersion: 1, position: [0, 0], parameters } as unknown as INode;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const asked: string[] = [];
	const n8n = (name: string, itemIndex: number) => {
		const value = name.split('.').reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], parameters);
		return workflow.expression.getParameterValue(value as never, null, 0, itemIndex, 'A', items, 'manual', {});
	};
	const ctx = {
		// n8n's Workflow keeps only the node type's own parameters; the node as stored keeps these.
		getNode: () => ({ ...node, parameters }),
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number) => {
			asked.push(name);
			return n8n(name, itemIndex);
		},
	} as unknown as IExecuteFunctions;
	return { remembering: rememberingParameters(ctx), n8n, asked };
}

test('values of the item are what n8n gives, read without it', () => {
	const parameters = {
		email: '={{ $json.email }}',
		spaced: '={{$json.email}}',
		number: '={{ $json.n }}',
		list: '={{ $json.nested.list }}',
		element: '={{ $json.nested.list[1] }}',
		quoted: "={{ $json['first name'] }}",
		doubleQuoted: '={{ $json["first name"] }}',
		missing: '={{ $json.missing }}',
		deeper: '={{ $json.missing.deeper }}',
		empty: '={{ $json.empty }}',
		nothing: '={{ $json.nothing }}',
		fields: { mappingMode: 'defineBelow', value: { first_name: '={{ $json["first name"] }}', city: '={{ $json.nested.city }}', fixed: 'Acme' }, schema: [{ id: 'first_name', type: 'string' }] },
	};
	const { remembering, n8n, asked } = context(parameters);
	for (const name of Object.keys(parameters)) {
		for (const itemIndex of [0, 1]) expect([name, itemIndex, remembering.getNodeParameter(name, itemIndex)]).toEqual([name, itemIndex, n8n(name, itemIndex)]);
	}
	expect(asked).toEqual([]);
});

test('anything more than a value of the item, and parameters without expressions, are n8n\'s to work out', () => {
	const parameters = {
		joined: '={{ $json.email + "x" }}',
		method: '={{ $json.email.toUpperCase() }}',
		other: "={{ $('Other node').item.json.email }}",
		plain: 'ann@acme.example',
		guarded: '={{ $json.constructor }}',
		mixed: { value: { a: '={{ $json.email }}', b: '={{ $now.toISO() }}' } },
	};
	const { remembering, asked } = context(parameters);
	expect(remembering.getNodeParameter('joined', 0)).toBe('ann@acme.examplex');
	expect(remembering.getNodeParameter('method', 1)).toBe('BO@ACME.EXAMPLE');
	expect(remembering.getNodeParameter('plain', 0)).toBe('ann@acme.example');
	expect(() => remembering.getNodeParameter('guarded', 0)).toThrow('invalid constructor');
	remembering.getNodeParameter('mixed', 0);
	expect(asked).toEqual(['joined', 'method', 'plain', 'guarded', 'mixed']);
});
