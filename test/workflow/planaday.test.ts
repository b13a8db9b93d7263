/** The Planaday node through n8n's engine against the Planaday sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { planadayResources } from '../../nodes/Planaday/actions/resources';
import { sharedPacer, transportSettings } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { credentialsHelper, errorOf, itemsOf, outputOf, runWorkflow } from '../harness/engine';
import { badPlanadayCredential, planadayCredential, withSandboxes } from '../harness/sandboxes';
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
	sandboxes.planaday.setFaults({ rate: 0, kinds: [] });
	sandboxes.planaday.limiter.reset();
});

/** Operations some test ran to success (the last test fails when an operation of the node has none). */
const covered = new Set<string>();
const run = async (parameters: IDataObject, input?: IDataObject[], credentials = planadayCredential) => {
	const result = await runWorkflow(singleNodeWorkflow('planaday', parameters, credentials), input ? { input } : {});
	if (!errorOf(result, 'Vendor')) covered.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
	return result;
};
const course = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });
const bookings = () => sandboxes.planaday.bookings.length;
const bookingRequests = () => Object.entries(sandboxes.planaday.stats.byRoute).filter(([route]) => route.startsWith('POST /v1/booking/:id')).reduce((sum, [, count]) => sum + count, 0);

describe('reading', () => {
	test('Course → Get Many lists a date range page by page to the end', async () => {
		const first = String(sandboxes.planaday.courses[0].start_date);
		const from = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6, 8)}T00:00:00`;
		const to = new Date(Date.parse(`${from}Z`) + 40 * 86_400_000).toISOString().slice(0, 19);
		// The templates' names are read too (test/workflow/readable-names.test.ts): one list, after the pages.
		const items = outputOf(await run({ resource: 'course', operation: 'getAll', start: from, end: to, returnAll: true }), 'Vendor');
		const last = to.slice(0, 10).replace(/-/g, '');
		const expected = sandboxes.planaday.courses.filter((c) => String(c.start_date) >= first && String(c.start_date) <= last);
		expect(expected.length).toBeGreaterThan(100);
		expect(items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
		expect(sandboxes.planaday.stats.requests).toBe(Math.ceil(expected.length / 100) + 1);
		expect(sandboxes.planaday.recent.filter((line) => line.includes('/coursetemplate/'))).toHaveLength(1);
	});

	test('Course → Get Many puts out days as people write them and each course\'s places left; "Only Courses With Places Left" leaves the full ones out', async () => {
		const today = sandboxes.planaday.today();
		const from = `${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6, 8)}T00:00:00`;
		const to = new Date(Date.parse(`${from}Z`) + 60 * 86_400_000).toISOString().slice(0, 19);
		const all = outputOf(await run({ resource: 'course', operation: 'getAll', start: from, end: to, returnAll: true }), 'Vendor');
		const day = (compact: unknown) => String(compact).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
		for (const item of all) {
			const course = sandboxes.planaday.courses.find((entry) => entry.id === item.id)!;
			const left = (course.users as { available: number }).available;
			expect(item).toMatchObject({ start_date: day(course.start_date), places_left: Math.max(0, left), full: left <= 0 });
			// Planaday's VAT code has its rate beside it, as Planaday's document lists the codes.
			const code = (course.costs as { vat_code: number }).vat_code;
			expect(item.costs).toMatchObject({ vat_code: code, vat_rate: ({ 0: '0% (none)', 1: '9% (low)', 2: '21% (high)' } as Record<number, string>)[code] });
			expect(Object.keys(item.costs as object).indexOf('vat_rate')).toBe(Object.keys(item.costs as object).indexOf('vat_code') + 1);
		}
		// Some courses of the period are full (a booking fills one up if none is).
		if (!all.some((item) => item.full)) (sandboxes.planaday.courses.find((entry) => entry.id === all[0].id)!.users as { available: number }).available = 0;
		const full = sandboxes.planaday.courses.filter((entry) => all.some((item) => item.id === entry.id) && (entry.users as { available: number }).available <= 0).map((entry) => entry.id);
		expect(full.length).toBeGreaterThan(0);
		const withRoom = outputOf(await run({ resource: 'course', operation: 'getAll', start: from, end: to, withPlacesLeft: true, limit: 5 }), 'Vendor');
		expect(withRoom).toHaveLength(5);
		expect(withRoom.every((item) => item.full === false && Number(item.places_left) > 0)).toBe(true);
		expect(withRoom.map((item) => item.id)).toEqual(all.filter((item) => !full.includes(item.id as number)).slice(0, 5).map((item) => item.id));
	});

	test('Course → Get Many with template and labels', async () => {
		const template = sandboxes.planaday.templates[0];
		const items = outputOf(
			await run({ resource: 'course', operation: 'getAll', start: '2020-01-01T00:00:00', end: '2030-12-31T00:00:00', returnAll: true, filters: { templateid: template.id, label: template.labels } }),
			'Vendor',
		);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((c) => (c.coursetemplate as IDataObject).id === template.id)).toBe(true);
	});

	test.each([
		['course', 'get', { courseId: course(3) }],
		['course', 'getDayparts', { courseId: course(3), returnAll: true }],
		['course', 'getMaterials', { courseId: course(3), returnAll: true }],
		['courseTemplate', 'getAll', { returnAll: true }],
		['courseTemplate', 'get', { courseTemplateId: 101 }],
		['daypart', 'get', { daypartId: '2' }],
		['daypart', 'getMaterials', { daypartId: '2', returnAll: true }],
		['label', 'getAll', { returnAll: true }],
		['location', 'get', { locationId: '1' }],
		['instructor', 'getAll', { returnAll: true }],
	])('%s → %s', async (resource, operation, parameters) => {
		const result = await run({ resource, operation, ...parameters });
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(outputOf(result, 'Vendor').length).toBeGreaterThan(0);
	});

	test('an unknown course fails with Planaday’s message and a hint', async () => {
		const error = errorOf(await run({ resource: 'course', operation: 'get', courseId: course(99999) }), 'Vendor');
		expect(error?.message).toBe('Planaday: Course not found');
		expect(String(error?.description)).toContain('Planaday has no record with this ID');
	});

	test('a wrong API key: a hint, and the key appears nowhere', async () => {
		const result = await run({ resource: 'label', operation: 'getAll', returnAll: true }, undefined, badPlanadayCredential);
		expect(errorOf(result, 'Vendor')?.message).toBe('Planaday: No Access Right');
		expect(JSON.stringify(result.data.resultData)).not.toContain('wrong-planaday-key-secret');
	});
});

describe('newer endpoints', () => {
	// Who is planned, as Planaday answers it: a daypart lists its instructors as {id, href}.
	const plannedOn = async (daypartId: number) => {
		const [part] = outputOf(await run({ resource: 'daypart', operation: 'get', daypartId: String(daypartId) }), 'Vendor');
		return (part.instructors as IDataObject[]).map((instructor) => instructor.id);
	};
	const plannedOnCourse = async (courseId: number) => {
		const parts = outputOf(await run({ resource: 'course', operation: 'getDayparts', courseId: course(courseId), returnAll: true }), 'Vendor');
		expect(parts.length).toBeGreaterThan(0);
		return parts.map((part) => (part.instructors as IDataObject[]).map((instructor) => instructor.id));
	};
	test.each([
		['assignToDaypart', { daypart_id: '2' }, async () => (await plannedOn(2)).includes(15)],
		['removeFromDaypart', { daypart_id: '2' }, async () => !(await plannedOn(2)).includes(15)],
		['assignToCourse', { course_id: '4' }, async () => (await plannedOnCourse(4)).every((ids) => ids.includes(15))],
		['removeFromCourse', { course_id: '4' }, async () => (await plannedOnCourse(4)).every((ids) => !ids.includes(15))],
	])('Instructor → %s', async (operation, parameters, check) => {
		const result = await run({ resource: 'instructor', operation, instructorId: '15', ...parameters });
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(await check()).toBe(true);
	});

	test('Student → Create', async () => {
		const [answer] = outputOf(await run({ resource: 'student', operation: 'create', first_name: 'Ilse', last_name: 'de Boer', email: 'ilse@example.com', more: { gender: 'f', date_of_birth: '1990-04-02' } }), 'Vendor');
		expect(answer.result).toBe('OK');
		expect(sandboxes.planaday.students.at(-1)).toMatchObject({ first_name: 'Ilse', gender: 'f', date_of_birth: '19900402' });
	});
});

const bookFromItems = (parameters: IDataObject = {}) => ({
	resource: 'booking',
	operation: 'book',
	courseId: course(5),
	studentsSource: 'items',
	grouping: 'perItem',
	first_name: '={{ $json.first }}',
	last_name: '={{ $json.last }}',
	email: '={{ $json.email }}',
	more: { gender: '={{ $json.gender }}', employeeId: '={{ $json.employeeId }}' },
	...parameters,
});
const employees = [
	{ first: 'Anna', last: 'Visser', email: 'anna@acme.example', gender: 'f', employeeId: 'E1' },
	{ first: 'Bram', last: 'Smit', email: 'bram@acme.example', gender: 'm', employeeId: 'E2' },
	{ first: 'Cor', last: 'Bos', email: '', gender: 'u', employeeId: 'E3' },
];

describe('Booking → Book', () => {
	test('one booking per input item, each output paired with its item', async () => {
		const before = bookings();
		const result = await run(bookFromItems({ company: { name: 'Acme Logistics', address: 'Havenweg', house_number: '12', postal_code: '1234AB', city: 'Zwolle' } }), employees);
		const items = itemsOf(result, 'Vendor');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.every((item) => String(item.json.booking_id).startsWith('API'))).toBe(true);
		expect(items[0].json.company).toMatchObject({ action: 'created', name: 'Acme Logistics' });
		expect(items[0].json.students).toEqual([expect.objectContaining({ action: 'created', name: 'Visser, Anna' })]);
		expect(bookings()).toBe(before + 3);
		expect(sandboxes.planaday.bookings.at(-1)!.students).toEqual([expect.objectContaining({ first_name: 'Cor', email: null, employeeId: 'E3' })]);
	});

	test('items for different courses are booked side by side, items for the same course in their order', async () => {
		sandboxes.planaday.latencyMs = 30;
		try {
			const people = Array.from({ length: 24 }, (_, index) => ({ course: String(10 + (index % 6)), first: 'Side', last: `By Side ${index}`, email: `side.${index}@acme.example` }));
			const before = sandboxes.planaday.bookings.length;
			const reads = credentialsHelper.decryptedReads;
			const items = itemsOf(await run(bookFromItems({ courseId: { __rl: true, mode: 'id', value: '={{ $json.course }}' }, more: {} }), people), 'Vendor');
			// The credential is read for each request by n8n's authenticated request helper, and once more
			// by the node for the whole run (not once more per request).
			expect(credentialsHelper.decryptedReads - reads).toBe(people.length + 1);
			expect(items.map((item) => item.pairedItem)).toEqual(people.map((_person, item) => ({ item })));
			expect(items.every((item, index) => item.json.course_id === Number(people[index].course))).toBe(true);
			expect(sandboxes.planaday.stats.mostAtOnce).toBeGreaterThan(1);
			const made = sandboxes.planaday.bookings.slice(before);
			expect(made).toHaveLength(24);
			// Per course, the bookings were made in the items' order.
			for (const courseId of new Set(people.map((person) => person.course))) {
				const order = made.filter((booking) => String(booking.course_id) === courseId).map((booking) => (booking.students as IDataObject[])[0].email);
				expect(order).toEqual(people.filter((person) => person.course === courseId).map((person) => person.email));
			}
		} finally {
			sandboxes.planaday.latencyMs = 0;
		}
	});

	test('all input items in one booking, paired with every item', async () => {
		const before = bookings();
		const items = itemsOf(await run(bookFromItems({ grouping: 'allInOne' }), employees), 'Vendor');
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect((items[0].json.students as IDataObject[]).map((s) => s.name)).toEqual(['Visser, Anna', 'Smit, Bram', 'Bos, Cor']);
		expect(bookings()).toBe(before + 1);
	});

	test('a list of students entered in the node, chosen dayparts and materials, paid', async () => {
		const target = sandboxes.planaday.courses[6];
		const part = (target.dayparts as number[])[0];
		const material = sandboxes.planaday.materials.find((m) => m.course_id === target.id)!.id;
		const [answer] = outputOf(
			await run({
				resource: 'booking',
				operation: 'book',
				courseId: course(target.id),
				studentsSource: 'list',
				studentList: { student: [{ first_name: 'Dirk', last_name: 'Mulder', email: 'dirk@example.com', more: { language: 'ENG', date_of_birth: '1985-12-31T00:00:00' } }] },
				dayparts: [part],
				materials: [material],
				isPaid: true,
				paymentParty: 'ideal',
				transactionId: 'TX-991',
				options: { label: 'Group-1' },
			}),
			'Vendor',
		);
		expect(answer.course_id).toBe(target.id);
		expect(sandboxes.planaday.bookings.at(-1)).toMatchObject({ dayparts: [part], is_payed: true, label: 'Group-1' });
		expect((sandboxes.planaday.bookings.at(-1)!.students as IDataObject[])[0]).toMatchObject({ language: 'ENG', date_of_birth: '19851231' });
	});

	test('a course’s attributes are sent for a single student', async () => {
		const result = await run(
			bookFromItems({ courseId: course(2), attributes: { attribute: [{ code: '{182BF814-FAA4-1C3C-941A-FCD180A78033}', values: 'ja' }, { code: '{E27A0D46-AAF1-BDB8-A667-D3C0510F0A5E}', values: 'lunch, parking' }] } }),
			[employees[0]],
		);
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(String(outputOf(result, 'Vendor')[0].booking_id)).toMatch(/^API/);
	});
});

/** Codes the node refuses before sending (the field is named), and codes only Planaday can find. */
describe('every booking error code says what to fix', () => {
	const attr = (code: string, values: string) => ({ attribute: [{ code, values }] });
	const EXAM = '{182BF814-FAA4-1C3C-941A-FCD180A78033}';
	const EXTRAS = '{E27A0D46-AAF1-BDB8-A667-D3C0510F0A5E}';
	const before: Array<[number, IDataObject, IDataObject[], RegExp]> = [
		[400, { courseId: { __rl: true, mode: 'id', value: '={{ $json.none }}' } }, [employees[0]], /courseId|Course/],
		[402, { studentsSource: 'list', studentList: {} }, [{}], /No students/],
		[403, {}, [{ ...employees[0], gender: 'x' }], /"Gender" must be one of/],
		[404, {}, [{ ...employees[0], first: '' }], /"First Name" is empty/],
		[405, {}, [{ ...employees[0], last: '' }], /"Last Name" is empty/],
		[406, {}, [{ ...employees[0], email: 'not-an-email' }], /"Email" \(not-an-email\) is not a valid email address/],
		[408, { company: { address: 'a', house_number: '1', postal_code: '1', city: 'c' } }, [employees[0]], /"Name" is required/],
		[409, { company: { name: 'n', house_number: '1', postal_code: '1', city: 'c' } }, [employees[0]], /"Address" is required/],
		[410, { company: { name: 'n', address: 'a', postal_code: '1', city: 'c' } }, [employees[0]], /"House Number" is required/],
		[411, { company: { name: 'n', address: 'a', house_number: '1', city: 'c' } }, [employees[0]], /"Postal Code" is required/],
		[412, { company: { name: 'n', address: 'a', house_number: '1', postal_code: '1' } }, [employees[0]], /"City" is required/],
		[418, { isPaid: true, paymentParty: 'ideal', transactionId: '={{ $json.none }}' }, [employees[0]], /"Payment Party" and "Transaction ID" are both required/],
		[420, { grouping: 'allInOne', courseId: course(2), attributes: attr(EXAM, 'ja') }, employees, /can hold only one student/],
		[421, { courseId: course(2), attributes: attr('', 'ja') }, [employees[0]], /Course Questions, answer 1: "Question" is empty: choose the question from the list/],
		[422, { courseId: course(2), attributes: attr(EXAM, '') }, [employees[0]], /Course Questions, answer 1: "Answer" is empty/],
		[426, { more: { language: 'XX' } }, [employees[0]], /"Language" must be one of/],
		[430, { more: { date_of_birth: '2027-02-29' } }, [employees[0]], /"Input item 1: Date of Birth" needs a date, e\.g\. 2026-03-31 \(got "2027-02-29"\)/],
	];
	test.each(before)('%i is caught before sending', async (_code, parameters, input, message) => {
		const result = await run(bookFromItems(parameters), input);
		expect(errorOf(result, 'Vendor')?.message).toMatch(message);
		expect(bookingRequests()).toBe(0);
	});

	const last = () => sandboxes.planaday.courses[sandboxes.planaday.courses.length - 1].id;
	const otherCoursePart = () => (sandboxes.planaday.courses[10].dayparts as number[])[0];
	const otherCourseMaterial = () => sandboxes.planaday.materials.find((m) => m.course_id === sandboxes.planaday.courses[10].id)!.id;
	const fromPlanaday: Array<[number, () => IDataObject, IDataObject | undefined, RegExp]> = [
		[401, () => ({}), { error: 401, message: 'unable to parse posted json' }, /check values entered with expressions/],
		[407, () => ({}), { error: 407, message: 'course_id missing or not the same as url parameter' }, /choose the course again/],
		[413, () => ({ courseId: course(last()) }), undefined, /plan its dayparts in Planaday first/],
		[414, () => ({ courseId: course(987654) }), undefined, /Planaday does not know this course/],
		[415, () => ({}), { error: 415, message: 'course selected without dayparts' }, /plan its dayparts in Planaday first/],
		[416, () => ({ dayparts: [otherCoursePart()] }), undefined, /does not belong to this course/],
		[417, () => ({ materials: [otherCourseMaterial()] }), undefined, /A chosen material does not belong to this course/],
		[419, () => ({ courseId: course(2) }), undefined, /This course asks questions at booking: answer them under Course Questions/],
		[423, () => ({ courseId: course(2), attributes: attr('{NOPE}', 'ja') }), undefined, /not one this course asks: choose the question from the list/],
		[424, () => ({ courseId: course(2), attributes: attr(EXTRAS, 'lunch') }), undefined, /Not every question the course requires is answered/],
		[425, () => ({ courseId: course(2), attributes: attr(EXAM, 'maybe') }), undefined, /not one the question allows/],
		[427, () => ({ courseId: course(3), attributes: attr(EXAM, 'ja') }), undefined, /This course asks no questions at booking/],
		[428, () => ({ courseId: course(2), attributes: { attribute: [{ code: EXAM, values: 'ja, nee' }] } }), undefined, /allows only one answer/],
		[429, () => ({}), { error: 429, message: 'attribute:Value required, but non given' }, /requires an answer/],
		[431, () => ({ courseId: course(8) }), undefined, /STAP course: every student needs a date of birth/],
		[432, () => ({ courseId: course(8), more: { date_of_birth: '1990-01-02' } }), undefined, /STAP course: every student needs an address/],
		[433, () => ({ courseId: course(9), more: { date_of_birth: '1990-01-02', address: 'Dorpsstraat' } }), undefined, /STAP course: every student needs a house number/],
		[434, () => ({ courseId: course(9), more: { date_of_birth: '1990-01-02', address: 'Dorpsstraat', house_number: '3' } }), undefined, /STAP course: every student needs a postal code/],
		[435, () => ({ courseId: course(8), more: { date_of_birth: '1990-01-02', address: 'Dorpsstraat', house_number: '3', postal_code: '8011AB' } }), undefined, /STAP course: every student needs a city/],
		[436, () => ({}), { error: 436, message: 'Non STAP booking is not allowed on STAP only course' }, /takes STAP bookings only/],
	];
	test.each(fromPlanaday)('%i from Planaday', async (code, parameters, injected, hint) => {
		if (injected) sandboxes.planaday.nextBookingError = { status: 400, body: injected };
		const result = await run(bookFromItems(parameters()), [employees[0]]);
		const error = errorOf(result, 'Vendor');
		// Planaday's own words, then what to fix.
		expect(error?.message).toMatch(/^Planaday: /);
		expect(error?.description).toMatch(hint);
		expect((error as unknown as { httpCode?: string })?.httpCode).toBe('400');
		expect(bookingRequests()).toBe(1);
		void code;
	});
});

describe('a booking is never made twice', () => {
	test('the rate-limit 503 (nothing booked) is waited out and sent again: one booking', async () => {
		const before = bookings();
		const limiter = sandboxes.planaday.limiter;
		limiter.limit = 1;
		limiter.windowMs = 1500;
		limiter.reset();
		try {
			await fetch(`${sandboxes.planaday.baseUrl}/label/list`, { headers: { 'X-Api-Key': '5113F6314DC7A397323EA383B0D65B39CD03FC9F77F30CDA6E0C9523543DF8B8', 'Content-Type': 'application/json', Accept: 'application/json' } });
			const result = await run(bookFromItems(), [employees[0]]);
			expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
			expect(sandboxes.planaday.stats.byStatus['503']).toBeGreaterThanOrEqual(1);
			expect(bookings()).toBe(before + 1);
		} finally {
			limiter.limit = 720_000;
			limiter.windowMs = 3_600_000;
			limiter.reset();
		}
	});

	test('a dropped connection after Planaday booked is not repeated: one booking, and the error says so', async () => {
		const before = bookings();
		sandboxes.planaday.setFaults({ rate: 1, kinds: ['drop'], match: '^POST /v1/booking/\\d+$' });
		const error = errorOf(await run(bookFromItems(), [employees[0]]), 'Vendor');
		expect(error?.message).toContain('connection to Planaday was lost');
		expect(String(error?.description)).toContain('may have been carried out');
		expect(bookings()).toBe(before + 1);
		expect(bookingRequests()).toBe(1);
	});
});

describe('Booking → Mark as Paid and Delete', () => {
	test('marks a booking paid, deletes another, and refuses to delete a planned one', async () => {
		const made = itemsOf(await run(bookFromItems(), employees.slice(0, 2)), 'Vendor').map((item) => String(item.json.booking_id));
		const paid = outputOf(await run({ resource: 'booking', operation: 'markAsPaid', bookingId: made[0], paymentParty: 'ideal', transactionId: 'TX-1' }), 'Vendor');
		expect(paid[0]).toMatchObject({ result: 'OK', bookingId: made[0] });
		expect(sandboxes.planaday.bookings.find((b) => b.booking_id === made[0])).toMatchObject({ is_payed: true, payment: { party: 'ideal', transaction_id: 'TX-1' } });
		sandboxes.planaday.bookings.find((b) => b.booking_id === made[1])!.planned = true;
		const refused = errorOf(await run({ resource: 'booking', operation: 'delete', bookingId: made[1] }), 'Vendor');
		expect(refused?.message).toMatch(/planned students/);
		const deleted = outputOf(await run({ resource: 'booking', operation: 'delete', bookingId: made[0] }), 'Vendor');
		expect(deleted[0]).toMatchObject({ result: 'OK' });
		expect(sandboxes.planaday.bookings.some((b) => b.booking_id === made[0])).toBe(false);
		const missing = errorOf(await run({ resource: 'booking', operation: 'delete', bookingId: 'API0000000000000.00000000' }), 'Vendor');
		expect(missing?.message).toBe('Planaday: Booking not found');
	});
});

describe('the operations of the client generated from Planaday’s swagger', () => {
	test('Extra Field → Get Many lists every field with its category', async () => {
		const fields = outputOf(await run({ resource: 'extraField', operation: 'getAll' }), 'Vendor');
		expect(fields.map((field) => `${String(field.category)}/${String(field.name)}`)).toEqual(['Personal/Shirt size', 'Personal/Dietary needs', 'Employer/Cost centre note']);
		expect(fields[0]).toMatchObject({ id: 11, category_id: 1 });
	});

	test('Course → Get Images lists a course’s images; Image → Download puts one out as a file', async () => {
		const images = outputOf(await run({ resource: 'course', operation: 'getImages', courseId: course(2), returnAll: true }), 'Vendor');
		expect(images.map((image) => image.id)).toEqual(sandboxes.planaday.images.filter((image) => image.course_id === 2).map((image) => image.id));
		const [item] = itemsOf(await run({ resource: 'image', operation: 'download', imageId: String(images[0].id) }), 'Vendor');
		expect(item.json).toMatchObject({ fileName: `planaday-image-${String(images[0].id)}.png`, mimeType: 'image/png' });
		const bytes = Buffer.from(item.binary!.data.data, 'base64');
		expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect(bytes.toString('latin1')).toContain(String(images[0].id));
		// Asking for JSON, as every other call does, is refused: the node asks for the image.
		expect(sandboxes.planaday.stats.byStatus['406']).toBeUndefined();
		const missing = errorOf(await run({ resource: 'image', operation: 'download', imageId: 'img-nope' }), 'Vendor');
		expect(missing?.message).toBe('Planaday: Image not found');
	});

	test('Connection → Check pings Planaday with the key; a wrong key is refused', async () => {
		const [answer] = outputOf(await run({ resource: 'connection', operation: 'check' }), 'Vendor');
		expect(answer).toEqual({ ok: true, answer: { result: 'pong' } });
		expect(sandboxes.planaday.recent.at(-1)).toBe('GET /v1/ping');
		expect(errorOf(await run({ resource: 'connection', operation: 'check' }, undefined, badPlanadayCredential), 'Vendor')?.message).toBe('Planaday: No Access Right');
	});
});

describe('booking bodies keep Planaday’s rules', () => {
	const student = (booking: Record<string, unknown> | undefined, index = 0) => ((booking?.students ?? []) as IDataObject[])[index];

	test('email and phonenumber are always sent: null when unknown, never left out or empty', async () => {
		outputOf(await run(bookFromItems({ phonenumber: '={{ $json.phone }}' }), [{ ...employees[2], phone: '' }, { ...employees[0], phone: '06-12345678' }]), 'Vendor');
		const [unknown, known] = sandboxes.planaday.bookings.slice(-2);
		expect(student(unknown)).toMatchObject({ email: null, phonenumber: null });
		expect(student(known)).toMatchObject({ email: 'anna@acme.example', phonenumber: '06-12345678' });
		const refused = await fetch(`${sandboxes.planaday.baseUrl}/booking/5`, {
			method: 'POST',
			headers: { 'X-Api-Key': '5113F6314DC7A397323EA383B0D65B39CD03FC9F77F30CDA6E0C9523543DF8B8', 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ course_id: 5, students: [{ first_name: 'A', last_name: 'B', email: null }] }),
		});
		expect(refused.status).toBe(400);
	});

	test('extra fields go out keyed by field ID, several values joined with "|"', async () => {
		const more = { extrafields: { field: [{ id: '11', value: 'L' }, { id: '12', value: 'Vegetarian, Halal' }] } };
		outputOf(await run(bookFromItems({ more }), [employees[0]]), 'Vendor');
		expect(student(sandboxes.planaday.bookings.at(-1))?.extrafields).toEqual({ '11': 'L', '12': 'Vegetarian|Halal' });
		const requests = bookingRequests();
		const error = errorOf(await run(bookFromItems({ more: { extrafields: { field: [{ id: '', value: 'L' }] } } }), [employees[0]]), 'Vendor');
		expect(error?.message).toBe('Input item 1: Extra Field 1 has no field: choose one from the list.');
		expect(bookingRequests()).toBe(requests);
	});

	test('a STAP course is booked when every student has a date of birth and an address', async () => {
		const more = { date_of_birth: '1990-01-02', address: 'Dorpsstraat', house_number: '3', postal_code: '8011AB', city: 'Zwolle' };
		const [answer] = outputOf(await run(bookFromItems({ courseId: course(9), more }), [employees[0]]), 'Vendor');
		expect(String(answer.booking_id)).toMatch(/^API/);
		expect(student(sandboxes.planaday.bookings.at(-1))).toMatchObject({ date_of_birth: '19900102', city: 'Zwolle' });
	});

	test('a company can carry an invoice and a mailing address; without the company they are refused before sending', async () => {
		const company = {
			name: 'Acme Logistics', address: 'Havenweg', house_number: '12', postal_code: '1234AB', city: 'Zwolle',
			invoice: { address: { email: 'invoices@acme.example', addressee: 'Finance', address: 'Postbus', house_number: '100', postal_code: '1000AA', city: 'Amsterdam' } },
			mailing: { address: { address: 'Havenweg', house_number: '12', city: 'Zwolle' } },
		};
		outputOf(await run(bookFromItems({ company }), [employees[0]]), 'Vendor');
		expect(sandboxes.planaday.bookings.at(-1)?.company).toMatchObject({ name: 'Acme Logistics', invoice: { email: 'invoices@acme.example', addressee: 'Finance' }, mailing: { city: 'Zwolle' } });
		const error = errorOf(await run(bookFromItems({ company: { invoice: company.invoice } }), [employees[0]]), 'Vendor');
		expect(error?.message).toBe('Company: an invoice or mailing address needs the company itself (name, address, house number, postal code and city).');
	});

	test('Delete finds a booking by its cancel information when the ID is unknown, and says what to fill in when it cannot', async () => {
		outputOf(await run(bookFromItems({ more: { internal_reference: 'HR-7781' } }), [employees[1]]), 'Vendor');
		const booking = sandboxes.planaday.bookings.at(-1)!;
		const cancelled = outputOf(await run({ resource: 'booking', operation: 'delete', bookingId: 'API5ce597c40e0fc6.00000000', cancelInformation: { internal_reference: 'HR-7781', reason: 'Left the company', deleting_source: 'HR system' } }), 'Vendor');
		expect(cancelled[0]).toMatchObject({ result: 'OK', bookingId: booking.booking_id });
		const unknown = errorOf(await run({ resource: 'booking', operation: 'delete', bookingId: 'API5ce597c40e0fc6.00000000', cancelInformation: { internal_reference: 'HR-0000', reason: 'Left', deleting_source: 'HR' } }), 'Vendor');
		expect(unknown?.message).toBe('Planaday: Unkown bookingid and no or invalid cancel information given');
		expect(unknown?.description).toContain('fill in Cancel Information');
		const incomplete = errorOf(await run({ resource: 'booking', operation: 'delete', bookingId: 'API5ce597c40e0fc6.00000000', cancelInformation: { internal_reference: 'HR-7781' } }), 'Vendor');
		expect(incomplete?.message).toBe('Planaday: Missing or empty deleting_source');
		expect(incomplete?.description).toBe('Cancel Information: "Source" is empty.');
	});
});

test('every operation of the node ran to success in a test above', () => {
	const all = planadayResources.flatMap((resource) => resource.operations.map((operation) => `${resource.value}.${operation.value}`));
	expect(all.filter((name) => !covered.has(name))).toEqual([]);
});
