/** The Eduframe node's dropdowns and "From List" pickers against the sandbox. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchCatalogVariants, searchOrganizations, searchPlannedCourses, searchUpcomingPlannedCourses, searchUsers } from '../../nodes/Eduframe/methods/listSearch';
import { getCustomObjects, getLabels, getPaymentMethods } from '../../nodes/Eduframe/methods/loadOptions';
import { sharedPacer } from '../../nodes/shared';
import { EDUFRAME_SANDBOX_KEY, EduframeSandbox } from '../../sandbox/eduframe/server';
import { fakeContext } from '../harness/fake-context';

let sandbox: EduframeSandbox;
beforeAll(async () => {
	sandbox = await new EduframeSandbox({ users: 250 }).start();
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sharedPacer.reset();
	sandbox.resetStats();
});

const context = () =>
	fakeContext('eduframeApi', { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` };
	}) as unknown as ILoadOptionsFunctions;

test('a dropdown lists every record by name, sorted', async () => {
	const methods = await getPaymentMethods.call(context());
	expect(methods.map((option) => option.value).sort()).toEqual(sandbox.tables.payment_methods.map((record) => record.id).sort());
	expect(methods.map((option) => option.name)).toEqual([...methods.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
	expect((await getLabels.call(context())).map((option) => option.name)).toContain('VIP');
});

test('the user picker pages with the Link header and filters by what was typed', async () => {
	const first = await searchUsers.call(context());
	expect(first.results).toHaveLength(100);
	expect(first.paginationToken).toContain('cursor=');
	const second = await searchUsers.call(context(), undefined, first.paginationToken);
	expect(second.results[0].value).not.toBe(first.results[0].value);
	const email = String(sandbox.tables.users[240].email);
	const found = await searchUsers.call(context(), email);
	expect(found.results.map((entry) => entry.value)).toContain(String(sandbox.tables.users[240].id));
});

test('a typed email finds an early user at once (Eduframe filters on it); a typed name is looked for page after page', async () => {
	// Sorted newest first, user 5 is on the last page of the picker.
	const early = sandbox.tables.users[4];
	sandbox.recent.length = 0;
	const byEmail = await searchUsers.call(context(), String(early.email).toUpperCase());
	expect(byEmail.results.map((entry) => entry.value)).toEqual([String(early.id)]);
	expect(sandbox.recent.filter((line) => line.startsWith('GET /api/v1/users'))).toHaveLength(1);
	const surname = `${String(early.first_name)} ${String(early.last_name)}`;
	const byName = await searchUsers.call(context(), surname);
	expect(byName.results.map((entry) => entry.value)).toContain(String(early.id));
	expect(byName.results.every((entry) => entry.name.toLowerCase().includes(surname.toLowerCase()))).toBe(true);
});

test('the planned course picker names each by its course and first day, and finds them by course name', async () => {
	const all = await searchPlannedCourses.call(context());
	const planned = sandbox.tables.planned_courses.find((entry) => String(entry.id) === all.results[0].value)!;
	const course = sandbox.tables.courses.find((entry) => entry.id === planned.course_id)!;
	expect(all.results[0].name).toMatch(new RegExp(`^${String(course.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2} \\d{4}, planned\\)$`));
	expect(all.results.some((entry) => entry.name.startsWith('#'))).toBe(false);
	const found = await searchPlannedCourses.call(context(), String(course.name));
	expect(found.results.length).toBeGreaterThan(0);
	expect(found.results.every((entry) => entry.name.startsWith(String(course.name)))).toBe(true);
});

test('the custom object dropdown lists the account’s custom objects by name, with their slugs as values', async () => {
	const objects = await getCustomObjects.call(context());
	expect(objects.map((option) => option.value).sort()).toEqual(sandbox.tables['custom/objects'].map((object) => String(object.slug)).sort());
	expect(objects.find((option) => option.value === 'trainer_profiles')).toMatchObject({ name: 'Trainer profiles', description: 'Slug: trainer_profiles' });
});

test('the organization picker lists organizations', async () => {
	const found = await searchOrganizations.call(context());
	expect(found.results.map((entry) => entry.value)).toEqual(sandbox.tables.organizations.map((organization) => String(organization.id)));
});

const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2} \\d{4}';
const taken = (plannedCourse: unknown) => sandbox.tables.enrollments.filter((entry) => entry.planned_course_id === plannedCourse && entry.status !== 'canceled').length;

test('the course picker of Enroll lists the courses still to come, soonest first, with first day, place and places left', async () => {
	const today = sandbox.today();
	const shown = (await searchUpcomingPlannedCourses.call(context())).results;
	const upcoming = sandbox.tables.planned_courses.filter((entry) => String(entry.start_date) >= today && entry.status === 'planned');
	expect(upcoming.length).toBeGreaterThan(10);
	expect(shown.map((entry) => entry.value)).toEqual([...upcoming].sort((a, b) => String(a.start_date).localeCompare(String(b.start_date))).map((entry) => String(entry.id)));
	for (const entry of shown) {
		const planned = sandbox.tables.planned_courses.find((record) => String(record.id) === entry.value)!;
		const course = sandbox.tables.courses.find((record) => record.id === planned.course_id)!;
		const left = Number(planned.max_participants) - taken(planned.id);
		const places = left <= 0 ? 'full' : `${left} ${left === 1 ? 'place' : 'places'} left`;
		// The day and places lead, then the course and its place: the picker cuts long lines at its right edge.
		expect(entry.name).toMatch(new RegExp(`^${DAY}, ${places}: ${String(course.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+\\)$`));
	}
	expect(shown.some((entry) => /^[^:]+, full: /.test(entry.name))).toBe(true);
});

test('the catalog variant picker shows the first day of the course each sells and the places left', async () => {
	const shown = (await searchCatalogVariants.call(context())).results;
	const today = sandbox.today();
	for (const entry of shown) {
		const variant = sandbox.tables['catalog/variants'].find((record) => String(record.id) === entry.value)!;
		const planned = sandbox.tables.planned_courses.find((record) => record.id === variant.variantable_id)!;
		const left = Math.max(0, Number(planned.max_participants) - taken(planned.id));
		const places = left === 0 ? 'full' : `${left} ${left === 1 ? 'place' : 'places'} left`;
		// A course that took place says so, instead of a day and places nobody can book.
		const name = String(variant.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		// The day and places lead (the picker cuts long lines at its right edge).
		expect(entry.name).toMatch(new RegExp(String(planned.start_date) >= today ? `^${DAY}, ${places}: ${name}$` : `^${name} \\(took place\\)$`));
	}
	expect(shown.filter((entry) => entry.name.endsWith('(took place)')).length).toBeGreaterThan(0);
});
