/**
 * The Planaday node's pickers as a newcomer meets them (issue 20): the instructor actions' Instructor,
 * Daypart and Course are picked from lists, Daypart → Get's daypart too, and Book's Course Questions
 * are chosen by name. Each list is asked for as n8n's editor does, and what it offers is run through
 * the engine against the sandbox; workflows saved with typed IDs (plain text) still run.
 */
import type { IDataObject } from 'n8n-workflow';

import { sharedPacer, transportSettings } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { listSearch, loadOptions } from '../harness/editor';
import { planadayCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await withSandboxes();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 20, maxDelayMs: 200 };
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sharedPacer.reset();
	sandboxes.planaday.resetStats();
	sandboxes.planaday.limiter.reset();
});

const run = async (parameters: IDataObject) => await runWorkflow(singleNodeWorkflow('planaday', parameters, planadayCredential));
const search = async (method: string, parameters: IDataObject, filter?: string, token?: string) => await listSearch('planaday', method, parameters, planadayCredential, filter, token);
/** A value picked from a list, as the editor saves it. */
const picked = (entry: { name: string; value: unknown }) => ({ __rl: true, mode: 'list', value: String(entry.value), cachedResultName: entry.name });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requestsTo = (route: RegExp) => Object.entries(sandboxes.planaday.stats.byRoute).filter(([label]) => route.test(label)).reduce((sum, [, count]) => sum + count, 0);
const instructorsOn = (daypartId: number) => sandboxes.planaday.dayparts.find((part) => part.id === daypartId)!.instructors as number[];
const DAY = /(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}/;

describe('the sandbox answers in the documented shape', () => {
	test('a daypart carries its href, and its locations and instructors as {id, href}; so does each daypart of a course', async () => {
		const part = sandboxes.planaday.dayparts.find((entry) => entry.course_id === 3)!;
		instructorsOn(part.id).push(16);
		try {
			const [daypart] = outputOf(await run({ resource: 'daypart', operation: 'get', daypartId: String(part.id) }), 'Vendor');
			const base = sandboxes.planaday.baseUrl;
			expect(daypart.href).toBe(`${base}/daypart/${part.id}`);
			const location = (part.locations as number[])[0];
			expect(daypart.locations).toEqual([expect.objectContaining({ id: location, href: `${base}/location/${location}` })]);
			expect(daypart.instructors).toEqual([expect.objectContaining({ id: 16, href: `${base}/instructor/16` })]);
			const parts = outputOf(await run({ resource: 'course', operation: 'getDayparts', courseId: byId('3'), returnAll: true }), 'Vendor');
			expect(parts.find((entry) => entry.id === part.id)).toMatchObject({ href: daypart.href, locations: [{ id: location, href: `${base}/location/${location}` }], instructors: [{ id: 16, href: `${base}/instructor/16` }] });
		} finally {
			instructorsOn(part.id).splice(0);
		}
	});

	test('the instructors are listed with their name in parts (first name, prefix, last name), initials and href', async () => {
		const instructors = outputOf(await run({ resource: 'instructor', operation: 'getAll', returnAll: true }), 'Vendor');
		expect(instructors.length).toBe(sandboxes.planaday.instructors.length);
		for (const instructor of instructors) {
			expect(Object.keys(instructor)).toEqual(expect.arrayContaining(['id', 'last_name', 'first_name', 'initials', 'prefix', 'href']));
			expect(instructor).not.toHaveProperty('email');
			expect(instructor.href).toBe(`${sandboxes.planaday.baseUrl}/instructor/${String(instructor.id)}`);
		}
		expect(instructors.find((instructor) => instructor.id === 15)).toMatchObject({ first_name: 'Jan', prefix: 'de', last_name: 'Vries' });
	});
});

describe('Instructor picker', () => {
	const assignToDaypart = { resource: 'instructor', operation: 'assignToDaypart' };

	test('lists the instructors by name ("Jan de Vries"), searchable by name, and what it gives assigns that instructor', async () => {
		const all = await search('searchInstructors', assignToDaypart);
		expect(all.results).toEqual([
			{ name: 'Jan de Vries', value: '15' },
			{ name: 'Petra Smit', value: '16' },
			{ name: 'Ahmed Bakker', value: '17' },
			{ name: 'Lisa van Jansen', value: '18' },
		]);
		expect(all.paginationToken).toBeUndefined();
		expect((await search('searchInstructors', assignToDaypart, 'smit')).results).toEqual([{ name: 'Petra Smit', value: '16' }]);
		expect((await search('searchInstructors', assignToDaypart, 'DE VR')).results).toEqual([{ name: 'Jan de Vries', value: '15' }]);
		expect((await search('searchInstructors', assignToDaypart, 'nobody')).results).toEqual([]);

		const petra = all.results[1];
		const part = sandboxes.planaday.dayparts[4];
		const result = await run({ ...assignToDaypart, instructorId: picked(petra), daypart_id: byId(String(part.id)) });
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(instructorsOn(part.id as number)).toContain(16);
		instructorsOn(part.id as number).splice(0);
	});

	test('follows Planaday’s pages (links.next) when there are more instructors than one page holds', async () => {
		const before = sandboxes.planaday.instructors.length;
		for (let n = 0; n < 120; n++) sandboxes.planaday.instructors.push({ id: 100 + n, first_name: `Trainer${n}`, prefix: null, last_name: 'Extra', initials: null });
		try {
			const first = await search('searchInstructors', assignToDaypart);
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toContain('offset=100');
			const second = await search('searchInstructors', assignToDaypart, undefined, first.paginationToken as string);
			expect(second.results).toHaveLength(before + 120 - 100);
			expect(second.results.at(-1)).toEqual({ name: 'Trainer119 Extra', value: '219' });
			expect(second.paginationToken).toBeUndefined();
		} finally {
			sandboxes.planaday.instructors.splice(before);
		}
	});

	test('an instructor without a first name is shown by initials', async () => {
		sandboxes.planaday.instructors.push({ id: 99, first_name: null, initials: 'K.', prefix: 'van der', last_name: 'Berg' });
		try {
			expect((await search('searchInstructors', assignToDaypart, 'berg')).results).toEqual([{ name: 'K. van der Berg', value: '99' }]);
		} finally {
			sandboxes.planaday.instructors.pop();
		}
	});
});

describe('Daypart picker', () => {
	const removeFromDaypart = { resource: 'instructor', operation: 'removeFromDaypart' };

	test('lists the dayparts of the coming courses by course, day and place in the course, one course-list page per page and no daypart read by itself', async () => {
		const first = await search('searchDayparts', removeFromDaypart);
		expect(requestsTo(/course\/list/)).toBe(1);
		expect(requestsTo(/daypart/)).toBe(0);
		expect(first.paginationToken).toContain('offset=100');
		expect(first.results.length).toBeGreaterThan(100);
		for (const entry of first.results) expect(entry.name).toMatch(new RegExp(`^.+, daypart \\d of \\d \\(.+, starts ${DAY.source}\\)$`));
		expect(first.results.some((entry) => /\d{8}/.test(entry.name))).toBe(false);
		// A course of three dayparts: its dayparts in order, "daypart 1 of 3" to "3 of 3", each value the daypart's ID.
		const course = sandboxes.planaday.courses.find((entry) => (entry.dayparts as number[]).length === 3 && first.results.some((result) => result.value === String((entry.dayparts as number[])[0])))!;
		const ofCourse = first.results.filter((entry) => (course.dayparts as number[]).map(String).includes(String(entry.value)));
		expect(ofCourse.map((entry) => entry.value)).toEqual((course.dayparts as number[]).map(String));
		const start = String(course.start_date);
		const day = new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(4, 6)) - 1, Number(start.slice(6, 8))));
		const readable = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][day.getUTCDay()]} ${day.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][day.getUTCMonth()]} ${day.getUTCFullYear()}`;
		expect(ofCourse.map((entry) => entry.name)).toEqual([1, 2, 3].map((n) => `${String(course.name)}, daypart ${n} of 3 (${String(course.code)}, starts ${readable})`));

		const next = await search('searchDayparts', removeFromDaypart, undefined, first.paginationToken as string);
		expect(requestsTo(/course\/list/)).toBe(2);
		expect(next.results.length).toBeGreaterThan(0);
		expect(next.results.some((entry) => first.results.some((seen) => seen.value === entry.value))).toBe(false);
	});

	test('searching by the course’s code or name keeps that course’s dayparts only', async () => {
		const course = sandboxes.planaday.courses[5];
		const byCode = await search('searchDayparts', removeFromDaypart, String(course.code).toUpperCase());
		expect(byCode.results.map((entry) => entry.value)).toEqual((course.dayparts as number[]).map(String));
		const name = String(course.name);
		const byName = await search('searchDayparts', removeFromDaypart, name.slice(0, 8).toLowerCase());
		expect(byName.results.length).toBeGreaterThan(0);
		expect(byName.results.every((entry) => entry.name.startsWith(name.slice(0, 8)))).toBe(true);
	});

	test('what it gives is what Assign to Daypart, Daypart → Get and Daypart → Get Materials take', async () => {
		const { results } = await search('searchDayparts', removeFromDaypart);
		const entry = results[7];
		const id = Number(entry.value);
		const assigned = await run({ resource: 'instructor', operation: 'assignToDaypart', instructorId: byId('17'), daypart_id: picked(entry) });
		expect(errorOf(assigned, 'Vendor')?.message).toBeUndefined();
		expect(instructorsOn(id)).toEqual([17]);
		const [daypart] = outputOf(await run({ resource: 'daypart', operation: 'get', daypartId: picked(entry) }), 'Vendor');
		expect(daypart).toMatchObject({ id, instructors: [expect.objectContaining({ id: 17 })] });
		const materials = outputOf(await run({ resource: 'daypart', operation: 'getMaterials', daypartId: picked(entry), returnAll: true }), 'Vendor');
		expect(materials.length).toBeGreaterThan(0);
		const removed = await run({ ...removeFromDaypart, instructorId: byId('17'), daypart_id: picked(entry) });
		expect(errorOf(removed, 'Vendor')?.message).toBeUndefined();
		expect(instructorsOn(id)).toEqual([]);
	});
});

describe('Course picker on the instructor actions', () => {
	test('what it gives assigns the instructor to every daypart of that course, and removes them again', async () => {
		const { results } = await search('searchCourses', { resource: 'instructor', operation: 'assignToCourse' });
		const entry = results[11];
		const parts = sandboxes.planaday.dayparts.filter((part) => String(part.course_id) === entry.value);
		expect(parts.length).toBeGreaterThan(0);
		const assigned = await run({ resource: 'instructor', operation: 'assignToCourse', instructorId: picked({ name: 'Lisa van Jansen', value: '18' }), course_id: picked(entry) });
		expect(errorOf(assigned, 'Vendor')?.message).toBeUndefined();
		expect(parts.every((part) => (part.instructors as number[]).includes(18))).toBe(true);
		const removed = await run({ resource: 'instructor', operation: 'removeFromCourse', instructorId: picked({ name: 'Lisa van Jansen', value: '18' }), course_id: picked(entry) });
		expect(errorOf(removed, 'Vendor')?.message).toBeUndefined();
		expect(parts.every((part) => !(part.instructors as number[]).includes(18))).toBe(true);
	});
});

describe('workflows saved before the pickers (IDs typed as plain text) still run', () => {
	test.each([
		['assignToDaypart', { instructorId: '15', daypart_id: '9' }, () => instructorsOn(9).includes(15)],
		['removeFromDaypart', { instructorId: '15', daypart_id: '9' }, () => !instructorsOn(9).includes(15)],
		['assignToCourse', { instructorId: ' 16 ', course_id: '6' }, () => sandboxes.planaday.dayparts.filter((part) => part.course_id === 6).every((part) => (part.instructors as number[]).includes(16))],
		['removeFromCourse', { instructorId: '16', course_id: '6' }, () => sandboxes.planaday.dayparts.filter((part) => part.course_id === 6).every((part) => !(part.instructors as number[]).includes(16))],
	])('Instructor → %s', async (operation, parameters, check) => {
		const result = await run({ resource: 'instructor', operation, ...parameters });
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(check()).toBe(true);
		const body = sandboxes.planaday.recentBodies.at(-1)!;
		expect(body.body).toEqual(operation.endsWith('Daypart') ? { daypart_id: 9 } : { course_id: 6 });
	});

	test('Daypart → Get with the daypart typed as text', async () => {
		const [daypart] = outputOf(await run({ resource: 'daypart', operation: 'get', daypartId: '2' }), 'Vendor');
		expect(daypart.id).toBe(2);
	});

	test('an ID given by an expression, in the picker or as text', async () => {
		const viaPicker = await runWorkflow(singleNodeWorkflow('planaday', { resource: 'instructor', operation: 'assignToDaypart', instructorId: byId('={{ $json.who }}'), daypart_id: byId('={{ $json.part }}') }, planadayCredential), {
			input: [{ who: 18, part: 12 }],
		});
		expect(errorOf(viaPicker, 'Vendor')?.message).toBeUndefined();
		expect(instructorsOn(12)).toEqual([18]);
		const viaText = await runWorkflow(singleNodeWorkflow('planaday', { resource: 'instructor', operation: 'removeFromDaypart', instructorId: '={{ $json.who }}', daypart_id: '={{ $json.part }}' }, planadayCredential), {
			input: [{ who: 18, part: 12 }],
		});
		expect(errorOf(viaText, 'Vendor')?.message).toBeUndefined();
		expect(instructorsOn(12)).toEqual([]);
	});

	test.each([
		['an instructor', { instructorId: byId('Petra'), daypart_id: byId('2') }, 'An instructor ID is a whole number, e.g. 15'],
		['a daypart', { instructorId: byId('15'), daypart_id: byId('2b') }, 'A daypart ID is a whole number, e.g. 76'],
	])('%s entered By ID that is no ID: n8n lists it among the node’s issues and runs nothing', async (_case, parameters, issue) => {
		await expect(run({ resource: 'instructor', operation: 'assignToDaypart', ...parameters })).rejects.toThrow(issue);
		expect(sandboxes.planaday.stats.requests).toBe(0);
	});

	test.each([
		['a picked instructor from an expression that is no ID', { instructorId: byId('={{ $json.text }}'), daypart_id: byId('2') }, 'Petra', /^The field "Instructor" needs a whole number, e\.g\. 1234, not "Petra"$/],
		['a typed instructor that is no ID', { instructorId: '={{ $json.text }}', daypart_id: '2' }, '../15', /^The field "Instructor" needs a whole number, e\.g\. 1234, not "\.\.\/15"$/],
		['an empty instructor from an expression', { instructorId: byId('={{ $json.text }}'), daypart_id: byId('2') }, '', /^The field "Instructor" is empty$/],
		['a daypart from an expression that is no ID', { instructorId: byId('15'), daypart_id: byId('={{ $json.text }}') }, '2b', /^The field "Daypart" needs a whole number \(got "2b"\)$/],
		['a typed daypart that is no ID', { instructorId: '15', daypart_id: 'two' }, '', /^The field "Daypart" needs a whole number \(got "two"\)$/],
	])('%s is refused before anything is sent', async (_case, parameters, text, message) => {
		const result = await runWorkflow(singleNodeWorkflow('planaday', { resource: 'instructor', operation: 'assignToDaypart', ...parameters }, planadayCredential), { input: [{ text }] });
		expect(errorOf(result, 'Vendor')?.message).toMatch(message);
		expect(sandboxes.planaday.stats.requests).toBe(0);
	});
});

describe('Book → Course Questions', () => {
	const EXAM = '{182BF814-FAA4-1C3C-941A-FCD180A78033}';
	const EXTRAS = '{E27A0D46-AAF1-BDB8-A667-D3C0510F0A5E}';
	const questionsOf = async (courseId: IDataObject | string) =>
		await loadOptions('planaday', 'getCourseQuestions', { resource: 'booking', operation: 'book', courseId, attributes: { attribute: [{ code: '', values: '' }] } }, planadayCredential, 'parameters.attributes.attribute[0].code');

	test('the question dropdown lists the chosen course’s questions by name, the required ones marked, each with its code and the answers it takes', async () => {
		const expected = [
			{ name: 'Take exam (required)', value: EXAM, description: 'Answer with one of these: ja (Exam included), nee (No exam)' },
			{ name: 'Extras', value: EXTRAS, description: 'Answer with one or more of these, separated by commas: lunch (Lunch), parking (Parking)' },
		];
		expect(await questionsOf(picked({ name: 'course 2', value: '2' }))).toEqual(expected);
		// A course typed as text in a workflow saved before the picker.
		expect(await questionsOf('2')).toEqual(expected);
		expect(await questionsOf(byId('3'))).toEqual([]);
		const reads = requestsTo(/course/);
		expect(await questionsOf({ __rl: true, mode: 'list', value: '' })).toEqual([]);
		expect(requestsTo(/course/)).toBe(reads);
	});

	/** One student booked on course 2 (the course with questions), answering `answers`. */
	const bookOnCourse2 = async (answers: Array<{ code: unknown; values: string }>) =>
		await run({
			resource: 'booking',
			operation: 'book',
			courseId: byId('2'),
			studentsSource: 'list',
			studentList: { student: [{ first_name: 'Noor', last_name: 'Hendriks', email: 'noor@acme.example' }] },
			attributes: { attribute: answers },
		});

	test('a booking with the questions chosen from the dropdown is accepted', async () => {
		const [exam, extras] = await questionsOf(byId('2'));
		const before = sandboxes.planaday.bookings.length;
		const result = await bookOnCourse2([{ code: exam.value, values: 'nee' }, { code: extras.value, values: 'lunch, parking' }]);
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(sandboxes.planaday.bookings).toHaveLength(before + 1);
		expect(sandboxes.planaday.recentBodies.at(-1)!.body).toMatchObject({ attributes: [{ code: EXAM, values: ['nee'] }, { code: EXTRAS, values: ['lunch', 'parking'] }] });
	});

	test('leaving out a required question: Planaday’s refusal says what to do in the words of the panel', async () => {
		const [, extras] = await questionsOf(byId('2'));
		const result = await bookOnCourse2([{ code: extras.value, values: 'lunch' }]);
		expect(String(errorOf(result, 'Vendor')?.description)).toContain('Not every question the course requires is answered: add the missing ones under Course Questions');
	});
});
