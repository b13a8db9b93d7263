/**
 * What a person reads in the editor, checked on the node descriptions: trigger subtitles are the
 * events' names (worked out by n8n's own expression engine), not the values a workflow stores; a
 * required field says so in the panel.
 */
import { NodeHelpers, Workflow, type INode, type INodeType, type INodeTypeDescription, type INodeTypes } from 'n8n-workflow';

import { Accessplanit } from '../../nodes/Accessplanit/Accessplanit.node';
import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import { Eduframe } from '../../nodes/Eduframe/Eduframe.node';
import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
import { Planaday } from '../../nodes/Planaday/Planaday.node';
import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';

const PACKAGE = 'n8n-nodes-training-systems';
const types: Record<string, INodeType> = {
	[`${PACKAGE}.eduframeTrigger`]: new EduframeTrigger(),
	[`${PACKAGE}.planadayTrigger`]: new PlanadayTrigger(),
	[`${PACKAGE}.accessplanitTrigger`]: new AccessplanitTrigger(),
};
const nodeTypes = { getByName: (name: string) => types[name], getByNameAndVersion: (name: string) => types[name], getKnownTypes: () => ({}) } as unknown as INodeTypes;

/** The subtitle n8n's editor shows for a node with these parameters. */
function subtitleOf(type: string, parameters: INode['parameters']): unknown {
	const node: INode = { id: '1', name: 'Trigger', type: `${PACKAGE}.${type}`, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const subtitle = String(nodeTypes.getByNameAndVersion(node.type).description.subtitle);
	return workflow.expression.getSimpleParameterValue(workflow.getNode('Trigger')!, subtitle, 'internal', {});
}

describe('trigger subtitles on the canvas are the events as the Events list names them', () => {
	test.each([
		['planadayTrigger', { events: ['courseAdded', 'courseChanged', 'courseFull', 'placesOpened', 'courseRemoved'] }, 'New Course Planned, Course Changed, Course Became Full and 2 more'],
		['planadayTrigger', { events: ['courseFull'] }, 'Course Became Full'],
		['accessplanitTrigger', { event: 'userUpdated' }, 'User Updated'],
		['accessplanitTrigger', { event: 'delegateRegistered' }, 'Delegate Registered'],
		['eduframeTrigger', { events: ['enrollment.updated', 'order.approved'] }, 'Enrollment: Updated, Order: Approved'],
		['eduframeTrigger', { events: ['*'] }, '[All Events]'],
		['eduframeTrigger', { events: [] }, ''],
	])('%s with %j reads "%s"', (type, parameters, expected) => {
		expect(subtitleOf(type, parameters)).toBe(expected);
	});
});

describe('a field an operation cannot run without says so in the panel', () => {
	// n8n's editor draws no mark beside a node's required field; the canvas warns only once the panel is closed.
	test.each([
		['Eduframe', new Eduframe()],
		['Planaday', new Planaday()],
		['accessplanit', new Accessplanit()],
	] as Array<[string, INodeType]>)('%s: every required field that starts empty reads "Required" under it', (_vendor, node) => {
		const required = node.description.properties.filter((property) => property.required && property.type !== 'boolean');
		expect(required.length).toBeGreaterThan(10);
		for (const property of required) {
			const value = property.default as unknown;
			const startsEmpty = value === '' || (typeof value === 'object' && value !== null && (value as { value?: unknown }).value === '') || (property.type === 'number' && value === 0);
			if (startsEmpty) expect({ field: property.displayName, hint: property.hint }).toEqual({ field: property.displayName, hint: expect.stringMatching(/^Required\b/) });
		}
	});

	test('Planaday Mark as Paid says what goes into Payment Party and Transaction ID when an invoice was paid', () => {
		const fields = new Planaday().description.properties.filter((property) => ['paymentParty', 'transactionId'].includes(property.name) && (property.displayOptions?.show?.operation as string[]).includes('markAsPaid'));
		expect(fields.map((field) => field.hint)).toEqual(['Required', 'Required']);
		expect(fields.map((field) => field.description)).toEqual([expect.stringMatching(/invoice/), expect.stringMatching(/invoice number/)]);
	});
});

describe("an AI agent's tool does not show a Simplify switch that reads off", () => {
	// A tool always simplifies (nodes/shared/operations/execute.ts); n8n names a node's tool variant "<type>Tool".
	test.each([
		['Eduframe', new Eduframe(), { resource: 'user', operation: 'getAll' }],
		['Planaday', new Planaday(), { resource: 'course', operation: 'getAll' }],
		['accessplanit', new Accessplanit(), { resource: 'user', operation: 'getAll' }],
	] as Array<[string, INodeType, Record<string, string>]>)('%s: Simplify shows on the node and not on its tool', (_vendor, node, parameters) => {
		const simplify = node.description.properties.filter((property) => property.name === 'simplify');
		const shown = (description: INodeTypeDescription) =>
			simplify.some((property) => NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description));
		expect(shown(node.description)).toBe(true);
		expect(shown({ ...node.description, name: `${node.description.name}Tool` })).toBe(false);
	});
});

test('the accessplanit credential marks the sign-in it needs as required: user name and password, or the API key', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { AccessplanitApi } = require('../../credentials/AccessplanitApi.credentials') as typeof import('../../credentials/AccessplanitApi.credentials');
	const properties = new AccessplanitApi().properties;
	const required = (authType: string) =>
		properties.filter((property) => property.required && NodeHelpers.displayParameter({ authType }, property, null, null)).map((property) => property.name);
	expect(required('password')).toEqual(['systemUrl', 'username', 'password']);
	expect(required('apiKey')).toEqual(['systemUrl', 'apiKey']);
});
