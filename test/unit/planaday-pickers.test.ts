/** What the Planaday pickers show, from records as Planaday's document and client write them (no sandbox). */
import type { INodeProperties } from 'n8n-workflow';

import { planadayResources } from '../../nodes/Planaday/actions/resources';
import { courseQuestions, daypartChoices, instructorName } from '../../nodes/Planaday/methods/readable';

describe('instructorName', () => {
	test.each([
		[{ id: 15, first_name: 'Jan', prefix: 'de', last_name: 'Vries', initials: 'J.' }, 'Jan de Vries'],
		[{ id: 16, first_name: 'Petra', prefix: null, last_name: 'Smit', initials: null }, 'Petra Smit'],
		[{ id: 17, first_name: '', prefix: 'van der', last_name: 'Berg', initials: 'K.' }, 'K. van der Berg'],
		[{ id: 18, first_name: ' Lisa ', last_name: ' Jansen ' }, 'Lisa Jansen'],
		[{ id: 19 }, 'Instructor 19'],
	])('%j reads "%s"', (record, name) => expect(instructorName(record)).toBe(name));
});

describe('daypartChoices', () => {
	const course = { id: 7, name: 'First Aid at Work', code: 'ehb-202612-007', start_date: '20261212', daypart_amount: 3 };

	test('each daypart of a course by the course, its first day and its place in the course; the value is the daypart’s ID', () => {
		const dayparts = [76, 77, 78].map((id) => ({ id, href: `https://x.api.planaday.nl/v1/daypart/${id}`, visible: true }));
		expect(daypartChoices({ ...course, dayparts })).toEqual([
			{ name: 'First Aid at Work, daypart 1 of 3 (ehb-202612-007, starts Sat 12 Dec 2026)', value: '76', searchText: 'First Aid at Work ehb-202612-007' },
			{ name: 'First Aid at Work, daypart 2 of 3 (ehb-202612-007, starts Sat 12 Dec 2026)', value: '77', searchText: 'First Aid at Work ehb-202612-007' },
			{ name: 'First Aid at Work, daypart 3 of 3 (ehb-202612-007, starts Sat 12 Dec 2026)', value: '78', searchText: 'First Aid at Work ehb-202612-007' },
		]);
	});

	test('a course list that gives only the first daypart (as Planaday’s client says it may) still counts the course’s dayparts', () => {
		expect(daypartChoices({ ...course, dayparts: [{ id: 76, href: '', visible: true }] }).map((choice) => choice.name)).toEqual([
			'First Aid at Work, daypart 1 of 3 (ehb-202612-007, starts Sat 12 Dec 2026)',
		]);
	});

	test('without a start day, code or count, and with dayparts as bare IDs; entries that are no ID are left out', () => {
		expect(daypartChoices({ id: 8, name: 'VCA Basis', dayparts: [5, 'x', { href: '' }, '6'] }).map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'VCA Basis, daypart 1 of 4', value: '5' },
			{ name: 'VCA Basis, daypart 4 of 4', value: '6' },
		]);
		expect(daypartChoices({ ...course, dayparts: [] })).toEqual([]);
		expect(daypartChoices({ ...course, dayparts: null })).toEqual([]);
	});
});

describe('courseQuestions', () => {
	test('a course’s attributes as questions: name, "(required)", the code as value, the answers it takes as description', () => {
		const attributes = {
			'Take exam': { code: '{182BF814}', values: { ja: { value: '50', description: 'Exam included' }, nee: { value: '0', description: null } }, is_required: true, multiple_values_allowed: false, is_financial: true },
			'Mogelijke opties': { code: '{E27A0D46}', values: { EPT: { value: null, description: 'Text #1' }, Anders: [], Heftruck: { value: '25', description: 'Heftruck' } }, is_required: 0, multiple_values_allowed: 1 },
		};
		expect(courseQuestions(attributes)).toEqual([
			{ name: 'Take exam (required)', value: '{182BF814}', description: 'Answer with one of these: ja (Exam included), nee' },
			{ name: 'Mogelijke opties', value: '{E27A0D46}', description: 'Answer with one or more of these, separated by commas: EPT (Text #1), Anders, Heftruck' },
		]);
	});

	test('answers given as a list, no answers, a question without a code, and no attributes at all', () => {
		expect(courseQuestions({ Taal: { code: 'T1', values: ['NL', 'EN'], is_required: 1 }, Opmerking: { code: 'O1', values: {} }, Kapot: { values: {} }, Raar: 'text' })).toEqual([
			{ name: 'Taal (required)', value: 'T1', description: 'Answer with one of these: NL, EN' },
			{ name: 'Opmerking', value: 'O1', description: 'Planaday lists no answers for this question' },
		]);
		for (const none of [undefined, null, {}, [], 'x']) expect(courseQuestions(none)).toEqual([]);
	});
});

test('the instructor actions pick instructor, daypart and course from lists (or take an ID), under the names saved workflows use', () => {
	const instructor = planadayResources.find((resource) => resource.value === 'instructor')!;
	const daypart = planadayResources.find((resource) => resource.value === 'daypart')!;
	const pickers = [...instructor.operations, ...daypart.operations].flatMap((operation) => (operation.properties ?? []).map((property) => [operation.value, property] as [string, INodeProperties]));
	expect(pickers.map(([operation, property]) => `${operation}.${property.name}`)).toEqual([
		'assignToDaypart.instructorId',
		'assignToDaypart.daypart_id',
		'removeFromDaypart.instructorId',
		'removeFromDaypart.daypart_id',
		'assignToCourse.instructorId',
		'assignToCourse.course_id',
		'removeFromCourse.instructorId',
		'removeFromCourse.course_id',
		'get.daypartId',
		'getMaterials.daypartId',
	]);
	const method = { instructorId: 'searchInstructors', daypart_id: 'searchDayparts', daypartId: 'searchDayparts', course_id: 'searchCourses' } as Record<string, string>;
	for (const [, property] of pickers) {
		expect(property.type).toBe('resourceLocator');
		expect(property.modes?.map((mode) => mode.displayName)).toEqual(['From List', 'By ID']);
		expect(property.modes?.[0].typeOptions?.searchListMethod).toBe(method[property.name]);
		expect(property.modes?.[1].validation).toEqual([{ type: 'regex', properties: expect.objectContaining({ regex: '^[0-9]+$' }) }]);
	}
});
