/**
 * JSON fields go out in the shape the vendor's file requires (an object, or a list of objects), and
 * the wrong shape is refused before any request, with the field named as the user sees it.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { eduframeCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();

const eduframe = (parameters: IDataObject) => runWorkflow(singleNodeWorkflow('eduframe', parameters, eduframeCredential));
const edition = { __rl: true, mode: 'id', value: '1' };
const addElements = (elements: string) => eduframe({ resource: 'programEdition', operation: 'addElements', editionId: edition, elements });
const posts = (prefix: string) => Object.entries(sandboxes.eduframe.stats.byRoute).filter(([route]) => route.startsWith(prefix)).reduce((sum, [, count]) => sum + count, 0);

describe('Eduframe Program Edition → Add Elements', () => {
	test('a list of elements reaches Eduframe as a list, and the elements are added', async () => {
		const elements = [{ type: 'CourseElement', course_id: 2 }, { type: 'BlockElement', name: 'Electives', elements: [{ type: 'CourseElement', course_id: 3 }] }];
		const run = await addElements(JSON.stringify(elements));
		expect(errorOf(run, 'Vendor')?.message).toBeUndefined();
		const sent = sandboxes.eduframe.recentBodies.find((entry) => entry.request === 'POST /api/v1/program/editions/1/elements_batch');
		expect(sent?.body).toEqual({ elements });
		expect(outputOf(run, 'Vendor').map((element) => element.edition_id)).toEqual([1, 1]);
	});

	test.each([
		['an object, the shape the probe sent', '{}', 'needs a list, e.g. [{"key": "value"}] (got an object: put it inside [ ])'],
		['one element without its list', '{"type": "CourseElement", "course_id": 2}', 'needs a list, e.g. [{"key": "value"}] (got an object: put it inside [ ])'],
		['an object from an expression', '={{ { type: "CourseElement", course_id: 2 } }}', 'needs a list, e.g. [{"key": "value"}] (got an object: put it inside [ ])'],
		['a list of course IDs', '[2, 3]', 'needs a list of objects, e.g. [{"key": "value"}] (entry 1 is a number)'],
		['text that is not JSON', 'course 2', 'needs valid JSON, e.g. [{"key": "value"}]'],
	])('%s is refused with the field named, and nothing is sent', async (_case, elements, message) => {
		const run = await addElements(elements);
		expect(errorOf(run, 'Vendor')?.message).toBe(`The field "Elements" ${message}`);
		expect(posts('POST /api/v1/program/editions')).toBe(0);
		expect(sandboxes.eduframe.stats.requests).toBe(0);
	});
});

describe('Eduframe object fields', () => {
	test('an address given as a list is refused, naming the field; given as an object it is sent as one', async () => {
		const create = (address: string) =>
			eduframe({ resource: 'account', operation: 'create', name: 'Acme Training BV', additionalFields: { address_attributes: address } });
		const refused = await create('[{"city": "Utrecht"}]');
		expect(errorOf(refused, 'Vendor')?.message).toBe('The field "Address" needs an object, e.g. {"key": "value"} (got a list)');
		expect(sandboxes.eduframe.stats.requests).toBe(0);
		const made = await create('{"address": "Stationsplein 1", "postal_code": "3511 ED", "city": "Utrecht", "country": "NL"}');
		expect(errorOf(made, 'Vendor')?.message).toBeUndefined();
		const sent = sandboxes.eduframe.recentBodies.find((entry) => entry.request === 'POST /api/v1/accounts');
		expect((sent?.body as IDataObject).address_attributes).toEqual({ address: 'Stationsplein 1', postal_code: '3511 ED', city: 'Utrecht', country: 'NL' });
	});
});

