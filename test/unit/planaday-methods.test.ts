/** The Planaday node's dropdowns and course picker against the sandbox. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchCourses } from '../../nodes/Planaday/methods/listSearch';
import { getCourseDayparts, getCourseMaterials, getCourseTemplates, getExtraFields, getLabels } from '../../nodes/Planaday/methods/loadOptions';
import { sharedPacer } from '../../nodes/shared';
import { PLANADAY_SANDBOX_KEY, PlanadaySandbox } from '../../sandbox/planaday/server';
import { fakeContext } from '../harness/fake-context';

let sandbox: PlanadaySandbox;
beforeAll(async () => {
	sandbox = await new PlanadaySandbox({ courses: 150 }).start();
});
afterAll(async () => sandbox.stop());
beforeEach(() => sharedPacer.reset());

function context(courseId?: string): ILoadOptionsFunctions {
	const base = fakeContext('planadayApi', { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, 'X-Api-Key': PLANADAY_SANDBOX_KEY };
	});
	return Object.assign(base, {
		getCurrentNodeParameter: (name: string) => (name === 'courseId' ? { __rl: true, mode: 'id', value: courseId ?? '' } : undefined),
	}) as unknown as ILoadOptionsFunctions;
}

test('dayparts and materials come from the selected course; none without a course', async () => {
	const course = sandbox.courses[4];
	const dayparts = await getCourseDayparts.call(context(String(course.id)));
	expect(dayparts.map((option) => option.value)).toEqual(course.dayparts);
	// The day as people read it, not Planaday's 20261124.
	expect(String(dayparts[0].name)).toMatch(/\((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} 09:00\)$/);
	const materials = await getCourseMaterials.call(context(String(course.id)));
	expect(materials.map((option) => option.value)).toEqual(sandbox.materials.filter((m) => m.course_id === course.id).map((m) => m.id));
	expect(await getCourseDayparts.call(context())).toEqual([]);
});

test('templates by id and labels by name (Planaday filters on label names)', async () => {
	expect((await getCourseTemplates.call(context())).length).toBe(sandbox.templates.length);
	expect((await getLabels.call(context())).map((option) => option.value)).toEqual(sandbox.labels);
});

test('the course picker lists the coming courses, every request with JSON headers, and filters by text', async () => {
	const all = await searchCourses.call(context());
	expect(all.results.length).toBe(100);
	expect(all.paginationToken).toContain('offset=100');
	const next = await searchCourses.call(context(), undefined, all.paginationToken);
	expect(next.results[0].value).not.toBe(all.results[0].value);
	// Each course reads "Tue 24 Nov 2026, 6 places left: name (code)": the first day as people write it,
	// not 20261124, and the places left (or "full"), what a course is chosen by, lead, as the picker cuts
	// long lines at its right edge.
	for (const entry of all.results) {
		const course = sandbox.courses.find((record) => String(record.id) === entry.value)!;
		const left = (course.users as { available: number }).available;
		const places = left <= 0 ? 'full' : `${left} ${left === 1 ? 'place' : 'places'} left`;
		expect(entry.name).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, (\d+ places? left|full): .+ \(.+\)$/);
		expect(entry.name).toContain(`, ${places}: ${String(course.name)} (${String(course.code)})`);
	}
	expect(all.results.some((entry) => /\d{8}/.test(entry.name))).toBe(false);
	const name = String(sandbox.courses[0].name);
	const filtered = await searchCourses.call(context(), name.slice(0, 6));
	expect(filtered.results.every((entry) => entry.name.includes(name.slice(0, 6)))).toBe(true);
	expect(sandbox.stats.byStatus['415']).toBeUndefined();
});

test('extra fields are listed by category and name, with the field ID a booking sends', async () => {
	expect(await getExtraFields.call(context())).toEqual([
		{ name: 'Personal: Shirt size', value: '11' },
		{ name: 'Personal: Dietary needs', value: '12' },
		{ name: 'Employer: Cost centre note', value: '21' },
	]);
});
