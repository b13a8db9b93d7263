/**
 * What a person reads in the editor, checked on the node descriptions: trigger subtitles are the
 * events' names (worked out by n8n's own expression engine), not the values a workflow stores.
 */
import { Workflow, type INode, type INodeType, type INodeTypes } from 'n8n-workflow';

import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
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
