/** The Planaday node through n8n's engine against the Planaday sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { sharedPacer, transportSettings } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { errorOf, itemsOf, outputOf, runWorkflow } from '../harness/engine';
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

const run = (parameters: IDataObject, input?: IDataObject[], credentials = planadayCredential) =>
	runWorkflow(singleNodeWorkflow('planaday', parameters, credentials), input ? { input } : {});
const course = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });
const bookings = () => sandboxes.planaday.bookings.length;
const bookingRequests = () => Object.entries(sandboxes.planaday.stats.byRoute).filter(([route]) => route.startsWith('POST /v1/booking/:id')).reduce((sum, [, count]) => sum + count, 0);

describe('reading', () => {
	test('Course → Get Many lists a date range page by page to the end', async () => {
		const first = String(sandboxes.planaday.courses[0].start_date);
		const from = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6, 8)}T00:00:00`;
		const to = new Date(Date.parse(`${from}Z`) + 40 * 86_400_000).toISOString().slice(0, 19);
		const items = outputOf(await run({ resource: 'course', operation: 'getAll', start: from, end: to, returnAll: true }), 'Vendor');
		const last = to.slice(0, 10).replace(/-/g, '');
		const expected = sandboxes.planaday.courses.filter((c) => String(c.start_date) >= first && String(c.start_date) <= last);
		expect(expected.length).toBeGreaterThan(100);
		expect(items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
		expect(sandboxes.planaday.stats.requests).toBe(Math.ceil(expected.length / 100));
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
	test.each([
		['assignToDaypart', { daypart_id: '2' }, (parts: IDataObject[]) => (parts.find((d) => d.id === 2)!.instructors as number[]).includes(15)],
		['removeFromDaypart', { daypart_id: '2' }, (parts: IDataObject[]) => !(parts.find((d) => d.id === 2)!.instructors as number[]).includes(15)],
		['assignToCourse', { course_id: '4' }, (parts: IDataObject[]) => parts.filter((d) => d.course_id === 4).every((d) => (d.instructors as number[]).includes(15))],
		['removeFromCourse', { course_id: '4' }, (parts: IDataObject[]) => parts.filter((d) => d.course_id === 4).every((d) => !(d.instructors as number[]).includes(15))],
	])('Instructor → %s', async (operation, parameters, check) => {
		const result = await run({ resource: 'instructor', operation, instructorId: '15', ...parameters });
		expect(errorOf(result, 'Vendor')?.message).toBeUndefined();
		expect(check(sandboxes.planaday.dayparts as IDataObject[])).toBe(true);
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
		[421, { courseId: course(2), attributes: attr('', 'ja') }, [employees[0]], /"Code" is empty/],
		[422, { courseId: course(2), attributes: attr(EXAM, '') }, [employees[0]], /"Values" is empty/],
		[426, { more: { language: 'XX' } }, [employees[0]], /"Language" must be one of/],
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
		[419, () => ({ courseId: course(2) }), undefined, /This course requires attributes/],
		[423, () => ({ courseId: course(2), attributes: attr('{NOPE}', 'ja') }), undefined, /An attribute code does not exist/],
		[424, () => ({ courseId: course(2), attributes: attr(EXTRAS, 'lunch') }), undefined, /Not all attributes the course requires/],
		[425, () => ({ courseId: course(2), attributes: attr(EXAM, 'maybe') }), undefined, /not one the course allows/],
		[427, () => ({ courseId: course(3), attributes: attr(EXAM, 'ja') }), undefined, /This course takes no attributes/],
		[428, () => ({ courseId: course(2), attributes: { attribute: [{ code: EXAM, values: 'ja, nee' }] } }), undefined, /allows only one value/],
		[429, () => ({}), { error: 429, message: 'attribute:Value required, but non given' }, /requires a value/],
	];
	test.each(fromPlanaday)('%i from Planaday', async (code, parameters, injected, hint) => {
		if (injected) sandboxes.planaday.nextBookingError = { status: 400, body: injected };
		const result = await run(bookFromItems(parameters()), [employees[0]]);
		const error = errorOf(result, 'Vendor');
		expect(error?.message).toMatch(hint);
		expect(error?.message).toMatch(/^Planaday: /);
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
		const missing = errorOf(await run({ resource: 'booking', operation: 'delete', bookingId: 'API-nope' }), 'Vendor');
		expect(missing?.message).toBe('Planaday: Booking not found');
	});
});
