/** The Planaday node against the operations of the client generated from Planaday's own swagger. */
import fs from 'node:fs';
import path from 'node:path';

import { planadayResources } from '../../nodes/Planaday/actions/resources';
import type { OperationDefinition } from '../../nodes/shared/operations/types';

/**
 * The 22 operations of the generated client (vendor-notes: planaday-api-from-generated-client.md,
 * section 1, "send as" form) and the node operation that reaches each.
 */
const CLIENT_OPERATIONS: Array<[string, string]> = [
	['POST /booking/{course_id}', 'booking.book'],
	['DELETE /booking/{booking_id}', 'booking.delete'],
	['POST /booking/payed/{booking_id}', 'booking.markAsPaid'],
	['GET /course/list', 'course.getAll'],
	['GET /course/{course_id}', 'course.get'],
	['GET /course/{course_id}/dayparts', 'course.getDayparts'],
	['GET /course/{course_id}/images', 'course.getImages'],
	['GET /course/{course_id}/materials', 'course.getMaterials'],
	['GET /coursetemplate/list', 'courseTemplate.getAll'],
	['GET /coursetemplate/{coursetemplate_id}', 'courseTemplate.get'],
	['GET /daypart/{daypart_id}', 'daypart.get'],
	['GET /daypart/{daypart_id}/materials', 'daypart.getMaterials'],
	['GET /extrafields/list', 'extraField.getAll'],
	['GET /image/{image_id}', 'image.download'],
	['POST /instructor/{instructor_id}/daypart/', 'instructor.assignToDaypart'],
	['POST /instructor/{instructor_id}/course/', 'instructor.assignToCourse'],
	['DELETE /instructor/{instructor_id}/daypart/', 'instructor.removeFromDaypart'],
	['DELETE /instructor/{instructor_id}/course/', 'instructor.removeFromCourse'],
	['GET /instructor/list', 'instructor.getAll'],
	['GET /label/list', 'label.getAll'],
	['GET /location/{location_id}', 'location.get'],
	['GET /ping', 'connection.check'],
];

const shape = (key: string) => key.replace(/\{\w+\}/g, '{}');
const operations = new Map<string, OperationDefinition>(planadayResources.flatMap((resource) => resource.operations.map((operation) => [`${resource.value}.${operation.value}`, operation] as const)));

test('all 22 operations of Planaday’s generated client are reached by a node operation with the same method and path', () => {
	expect(CLIENT_OPERATIONS).toHaveLength(22);
	for (const [client, node] of CLIENT_OPERATIONS) {
		const operation = operations.get(node);
		expect([client, operation ? shape(`${operation.method} ${operation.path}`) : 'none']).toEqual([client, shape(client)]);
	}
	// Beside them, the newer student endpoint of the vendor's own n8n package.
	expect(shape(`${operations.get('student.create')!.method} ${operations.get('student.create')!.path}`)).toBe('POST /student');
});

test('the table above is the inventory of the vendor material, where it is beside the project', () => {
	const file = path.resolve(__dirname, '../../../shared/vendor-docs/planaday-api-from-generated-client.md');
	if (!fs.existsSync(file)) return;
	const rows = fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((line) => /^\| (\d+) \| (GET|POST|DELETE|PUT|PATCH) \| `([^`]+)` (?:\([^)]*\) )?\| (?:same|`([^`]+)`)/.exec(line))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => `${match[2]} ${(match[4] ?? match[3]).replace(/\?.*$/, '').replace(/&.*$/, '')}`);
	expect(rows.map(shape).sort()).toEqual(CLIENT_OPERATIONS.map(([client]) => shape(client)).sort());
});

test('Book and Student → Create say in the editor that a second run writes again, and name n8n’s guard', () => {
	// Planaday's API cannot list a course's bookings nor look up a student (vendor-notes; no such endpoint in either document).
	expect(CLIENT_OPERATIONS.filter(([key]) => /^GET \/(booking|student)/.test(key))).toEqual([]);
	for (const key of ['booking.book', 'student.create']) {
		const operation = operations.get(key)!;
		const notice = operation.properties?.find((property) => property.type === 'notice');
		expect([key, notice?.displayName]).toEqual([key, expect.stringMatching(/^Planaday cannot .*again.*Remove Duplicates.*Remove Items Processed in Previous Executions/)]);
		expect(operation.description).toMatch(/a second run (books|creates) them again/);
	}
});

test('what the Planaday panels show an HR user carries no developer words (issue 20: no API words on screen)', async () => {
	const { Planaday } = await import('../../nodes/Planaday/Planaday.node');
	const { PlanadayTrigger } = await import('../../nodes/Planaday/PlanadayTrigger.node');
	const texts: string[] = [];
	const walk = (value: unknown): void => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (value && typeof value === 'object') {
			for (const [key, inner] of Object.entries(value)) {
				if (['displayName', 'description', 'action', 'hint', 'placeholder', 'name'].includes(key) && typeof inner === 'string') texts.push(inner);
				else walk(inner);
			}
		}
	};
	walk(new Planaday().description.properties);
	walk(new PlanadayTrigger().description.properties);
	expect(texts.length).toBeGreaterThan(100);
	expect(texts.filter((text) => /swagger|published document|generated client|API feature|\(ping\)|\bendpoint/i.test(text))).toEqual([]);
	// An ID typed by hand says where to find it.
	const instructor = planadayResources.find((resource) => resource.value === 'instructor')!;
	for (const operation of instructor.operations) {
		for (const property of operation.properties ?? []) expect([operation.value, property.name, property.description]).toEqual([operation.value, property.name, expect.stringMatching(/as listed by/)]);
	}
});
