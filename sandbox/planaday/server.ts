import {
	randomGenerator,
	SandboxServer,
	WindowLimiter,
	type SandboxRequest,
	type SandboxResponse,
	type VendorSandboxOptions,
} from '../common/server';
import { CITIES, COURSE_NAMES, pick } from '../common/seed-data';
import { plusDays, vendorDay } from '../common/time';

export const PLANADAY_SANDBOX_KEY = '5113F6314DC7A397323EA383B0D65B39CD03FC9F77F30CDA6E0C9523543DF8B8';

type Rec = Record<string, unknown> & { id: number };

export interface PlanadaySandboxOptions extends VendorSandboxOptions {
	courses?: number;
	/** Calls per hour (the document's example header shows 720000). */
	rateLimit?: number;
	rateLimitWindowMs?: number;
}

const GENDERS = ['m', 'f', 'nvt', 'u', 'nr'];
const LANGUAGES = ['NL', 'ENG', 'FR', 'DU', 'PL'];

const fail = (code: number, message: string, status = 400): SandboxResponse => ({ status, body: { error: code, message } });
/** A 1x1 PNG followed by the image's ID (after the end chunk, where readers ignore it), so downloads can be told apart. */
function pngOf(name: string): Buffer {
	const pixel = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b8c9a40000000049454e44ae426082', 'hex');
	return Buffer.concat([pixel, Buffer.from(name)]);
}

/** Planaday keeps its dates in Europe/Amsterdam (the document's "Representation of Date and Time"). */
export const PLANADAY_ZONE = 'Europe/Amsterdam';
/** A Planaday day (`YYYY-MM-DD`) from a day as written (`20261124`, `2026-11-24`) or an instant (its day in Amsterdam). */
function dayOf(when: Date | string): string {
	if (typeof when === 'string') {
		const written = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(when.trim());
		if (written) return `${written[1]}-${written[2]}-${written[3]}`;
		return vendorDay(PLANADAY_ZONE, Date.parse(when));
	}
	return vendorDay(PLANADAY_ZONE, when.getTime());
}
const ymd = (day: string) => day.replace(/-/g, '');
/** `YYYYMMDD` that names a day on the calendar (20280229 does, 20270229 does not). */
const isPlanadayDay = (text: string) => plusDays(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`, 0) === `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;

/**
 * A stateful imitation of Planaday's public API v1: X-Api-Key, 415 without JSON headers,
 * X-RateLimit-* headers and 503 when the hourly budget is spent, offset pagination with
 * `meta`/`links` (first page linked as offset=1), and the booking rules with error codes 400-429.
 */
export class PlanadaySandbox extends SandboxServer {
	readonly courses: Rec[] = [];
	readonly templates: Rec[] = [];
	readonly dayparts: Rec[] = [];
	readonly materials: Rec[] = [];
	readonly locations: Rec[] = [];
	readonly labels: string[] = ['EHBO', 'BHV', 'CODE95', 'LOGISTIEK', 'VCA', 'LEADERSHIP'];
	readonly bookings: Array<Record<string, unknown>> = [];
	readonly instructors: Rec[] = [];
	readonly students: Array<Record<string, unknown>> = [];
	/** Images of courses (`GET /course/{id}/images`, `GET /image/{id}`). */
	readonly images: Array<{ id: string; course_id: number; name: string; type: string }> = [];
	/** Extra fields per category (`GET /extrafields/list`); students take values by field id. */
	readonly extraFieldGroups = [
		{ id: 1, name: 'Personal', extrafields: [{ id: 11, name: 'Shirt size', type: 'select', values: ['S', 'M', 'L', 'XL'], multiple: false }, { id: 12, name: 'Dietary needs', type: 'select', values: ['Vegetarian', 'Vegan', 'Halal', 'Gluten-free'], multiple: true }] },
		{ id: 2, name: 'Employer', extrafields: [{ id: 21, name: 'Cost centre note', type: 'text', values: [], multiple: false }] },
	];
	/** The next valid booking is answered with this instead (tests of error codes the node cannot cause). */
	nextBookingError?: SandboxResponse;
	readonly limiter: WindowLimiter;
	private readonly random: () => number;
	private bookingSeq = 1;
	private companySeq = 50;
	private studentSeq = 12312300;

	constructor(options: PlanadaySandboxOptions = {}) {
		super('planaday', '/v1', (kind) =>
			kind === 'unavailable' || kind === 'rate-limit'
				? { status: 503, headers: this.rateHeaders(0, Date.now() + 1000), body: { error: 503, message: 'Rate Limit Reached' } }
				: { status: 500, body: { error: 500, message: 'Something went really wrong' } },
		);
		this.limiter = new WindowLimiter(options.rateLimit ?? 720_000, Math.max(1, (options.rateLimitWindowMs ?? 3_600_000) * (options.rateLimitScale ?? 1)));
		this.latencyMs = options.latencyMs ?? 0;
		this.random = randomGenerator(options.seed ?? 11);
		this.seed(options.courses ?? 200);
		this.registerRoutes();
		this.rateLimitAdmin(this.limiter);
		this.admin('POST', '/seed', (request) => {
			this.seed(Number((request.body as { courses?: number })?.courses ?? 200));
			return { status: 200, body: { courses: this.courses.length } };
		});
		this.admin('GET', '/bookings', () => ({ status: 200, body: this.bookings }));
		// Course changes as a planner would make them: {id, changes} or {add: {...}} or {remove: id}.
		this.admin('POST', '/course', (request) => {
			const body = (request.body ?? {}) as { id?: number; changes?: Record<string, unknown>; add?: Record<string, unknown>; remove?: number };
			if (body.add) return { status: 200, body: this.addCourse(body.add.start === undefined ? this.today() : String(body.add.start), body.add) };
			if (body.remove) {
				const index = this.courses.findIndex((c) => c.id === body.remove);
				if (index >= 0) this.courses.splice(index, 1);
				return { status: 200, body: { removed: index >= 0 } };
			}
			const course = this.courses.find((c) => c.id === body.id);
			if (!course) return { status: 404, body: { message: 'no such course' } };
			Object.assign(course, body.changes ?? {});
			return { status: 200, body: course };
		});
		// Turns a booking into planned students, after which it can no longer be deleted.
		this.admin('POST', '/plan-booking', (request) => {
			const booking = this.bookings.find((b) => b.booking_id === (request.body as { id?: string })?.id);
			if (!booking) return { status: 404, body: { message: 'no such booking' } };
			booking.planned = true;
			return { status: 200, body: booking };
		});
	}

	seed(count: number): void {
		for (const list of [this.courses, this.templates, this.dayparts, this.materials, this.locations]) list.length = 0;
		this.bookings.length = 0;
		CITIES.forEach((city, index) => this.locations.push({ id: index + 1, name: `Training centre ${city}`, address: 'Industrieweg', house_number: String(10 + index), postal_code: '1234AB', city, country: 'NL' }));
		COURSE_NAMES.forEach((name, index) => this.templates.push({ id: 100 + index, name, code: name.slice(0, 3).toUpperCase(), description: `${name} (template)`, labels: [pick(this.random, this.labels)], attributes: {} }));
		// Courses start today (Planaday's day, in Amsterdam) and run on, four a day, so a window of days
		// ahead always holds some.
		const today = this.today();
		for (let index = 0; index < count; index++) this.addCourse(this.today(Math.floor(index / 4), today));
		this.instructors.length = 0;
		// As GET /instructor/list gives them (the client generated from Planaday's swagger): the name in
		// parts, a Dutch prefix ("de", "van") apart; initials and prefix may be null.
		const people: Array<[string, string | null, string, string | null]> = [['Jan', 'de', 'Vries', 'J.'], ['Petra', null, 'Smit', 'P.'], ['Ahmed', null, 'Bakker', null], ['Lisa', 'van', 'Jansen', 'L.M.']];
		people.forEach(([first_name, prefix, last_name, initials], index) => this.instructors.push({ id: 15 + index, last_name, first_name, initials, prefix }));
		// Course 2 asks for attributes (one required); the last course has no dayparts yet.
		if (this.courses[1]) {
			this.courses[1].attributes = {
				'Take exam': { code: '{182BF814-FAA4-1C3C-941A-FCD180A78033}', values: { ja: { value: '50', description: 'Exam included' }, nee: { value: '0', description: 'No exam' } }, is_required: true, multiple_values_allowed: false, is_financial: true },
				Extras: { code: '{E27A0D46-AAF1-BDB8-A667-D3C0510F0A5E}', values: { lunch: { value: '15', description: 'Lunch' }, parking: { value: '5', description: 'Parking' } }, is_required: false, multiple_values_allowed: true, is_financial: true },
			};
		}
		const last = this.courses[this.courses.length - 1];
		if (last) {
			last.dayparts = [];
			last.daypart_amount = 0;
		}
		// Course 8 can be booked as STAP (subsidy) training, course 9 only as STAP: students then need
		// a date of birth and an address (codes 431-435 of the client generated from Planaday's swagger).
		if (this.courses[7]) this.courses[7].has_stap = 1;
		if (this.courses[8]) Object.assign(this.courses[8], { has_stap: 1, stap_only: 1 });
		this.images.length = 0;
		for (const course of this.courses.slice(0, 20)) {
			for (let n = 0; n < 1 + (course.id % 3); n++) {
				const id = `img${String(course.id).padStart(4, '0')}${n}`;
				this.images.push({ id, course_id: course.id, name: `${String(course.name)} ${n + 1}.png`, type: 'image/png' });
			}
		}
	}

	/** Planaday's day (`YYYYMMDD`, Europe/Amsterdam) now, or `days` calendar days after it (or after `from`). */
	today(days = 0, from?: string): string {
		return ymd(plusDays(from ? dayOf(from) : vendorDay(PLANADAY_ZONE), days));
	}

	/** Adds a course starting on `when`: a Planaday day (`20261124`) or an instant (its day in Amsterdam). */
	addCourse(when: Date | string, overrides: Record<string, unknown> = {}): Rec {
		const day = dayOf(when);
		const template = pick(this.random, this.templates);
		const id = (this.courses.at(-1)?.id ?? 0) + 1;
		const partIds: number[] = [];
		const parts = 1 + Math.floor(this.random() * 3);
		for (let part = 0; part < parts; part++) {
			const daypartId = this.dayparts.length + 1;
			partIds.push(daypartId);
			this.dayparts.push({ id: daypartId, course_id: id, name: `Dag ${part + 1}`, date: ymd(plusDays(day, part)), start_time: '09:00', end_time: '16:30', locations: [1 + (id % this.locations.length)], instructors: [] });
		}
		const materialIds = [this.materials.length + 1, this.materials.length + 2];
		materialIds.forEach((mid, i) => this.materials.push({ id: mid, course_id: id, name: i ? 'Workbook' : 'Certificate', price: i ? 25 : 0, vat_code: 2 }));
		const max = 8 + Math.floor(this.random() * 10);
		const course: Rec = {
			id,
			code: `${String(template.code).toLowerCase()}-${ymd(day).slice(0, 6)}-${String(id).padStart(3, '0')}`,
			name: template.name,
			description: null,
			type: 'open',
			status: 'active',
			daypart_amount: partIds.length,
			dayparts: partIds,
			users: { min: 4, max, available: max - Math.floor(this.random() * max), options: 0 },
			costs: { user: 150 + Math.floor(this.random() * 500), course: 2500, vat: 21, vat_code: 2, remark: null },
			coursetemplate: { id: template.id },
			start_date: ymd(day),
			start_guaranteed: false,
			moneyback_guaranteed: false,
			has_elearning: false,
			has_code95: this.random() < 0.3,
			has_soob: false,
			has_stap: 0,
			stap_only: 0,
			labels: [...(template.labels as string[])],
			attributes: {},
			language: 'NL',
			...overrides,
		};
		if (overrides.start) course.start_date = ymd(dayOf(String(overrides.start)));
		delete course.start;
		this.courses.push(course);
		return course;
	}

	rateHeaders(remaining: number, resetAt: number): Record<string, string> {
		return { 'X-RateLimit-Limit': String(this.limiter.limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)) };
	}

	private api(method: string, path: string, handler: (request: SandboxRequest) => SandboxResponse, options: { acceptsAny?: boolean } = {}) {
		this.route(method, path, (request) => {
			const key = String(request.headers['x-api-key'] ?? '');
			if (key !== PLANADAY_SANDBOX_KEY) return fail(401, 'No Access Right', 401);
			const verdict = this.limiter.hit(key);
			const headers = this.rateHeaders(verdict.remaining, verdict.resetAt);
			if (!verdict.allowed) return { status: 503, headers, body: { error: 503, message: 'Rate Limit Reached' } };
			const accept = String(request.headers.accept ?? '');
			const type = String(request.headers['content-type'] ?? '');
			if (!type.includes('application/json') || !(options.acceptsAny || accept.includes('application/json') || accept.includes('*/*'))) {
				return { status: 415, headers, body: { error: 415, message: 'Unsupported Media Type' } };
			}
			const answer = handler(request);
			return { ...answer, headers: { ...headers, ...answer.headers } };
		});
	}

	private href(request: SandboxRequest, path: string) {
		return `${request.origin}/v1${path}`;
	}

	/** The document's paging: offset 0 and 1 both mean the first record; links say offset=1 for the first page. */
	private page(request: SandboxRequest, path: string, records: unknown[], extraQuery: Record<string, string> = {}): SandboxResponse {
		const limitRaw = request.query.get('limit');
		const limit = limitRaw === null ? 30 : Number(limitRaw);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, 'limit must be between 1 and 100');
		const offsetRaw = Number(request.query.get('offset') ?? 0);
		const start = offsetRaw <= 1 ? 0 : offsetRaw;
		const total = Math.max(1, Math.ceil(records.length / limit));
		const link = (offset: number) => {
			const query = new URLSearchParams({ ...extraQuery, limit: String(limit), offset: String(offset) });
			return `${this.href(request, path)}?${query.toString()}`;
		};
		const lastOffset = Math.max(1, (total - 1) * limit);
		return {
			status: 200,
			body: {
				meta: { page: { current: Math.floor(start / limit) + 1, offset: offsetRaw, limit, total }, records: records.length },
				data: records.slice(start, start + limit),
				links: {
					self: link(offsetRaw),
					first: link(1),
					last: link(lastOffset),
					previous: start > 0 ? link(Math.max(1, start - limit)) : '',
					next: start + limit < records.length ? link(start + limit) : '',
				},
			},
		};
	}

	private presentCourse(request: SandboxRequest, course: Rec) {
		return {
			...course,
			href: this.href(request, `/course/${course.id}`),
			dayparts: (course.dayparts as number[]).map((id) => ({ id, href: this.href(request, `/daypart/${id}`), visible: true })),
			coursetemplate: { id: (course.coursetemplate as Rec).id, href: this.href(request, `/coursetemplate/${(course.coursetemplate as Rec).id}`) },
		};
	}

	/**
	 * A daypart as GET /daypart/{id} (and GET /course/{id}/dayparts) gives it: its own href, and its
	 * locations and instructors as `{id, href}` (kept here as their IDs).
	 */
	private presentDaypart(request: SandboxRequest, part: Rec) {
		return {
			...part,
			href: this.href(request, `/daypart/${part.id}`),
			locations: (part.locations as number[]).map((id) => ({ id, href: this.href(request, `/location/${id}`) })),
			instructors: (part.instructors as number[]).map((id) => ({ id, href: this.href(request, `/instructor/${id}`) })),
		};
	}

	private registerRoutes() {
		this.api('GET', '/ping', () => ({ status: 200, body: { result: 'pong' } }));
		this.api('GET', '/course/list', (request) => {
			const startText = request.query.get('start') ?? '';
			const endText = request.query.get('end') ?? '';
			if (!/^\d{8}$/.test(startText) || !/^\d{8}$/.test(endText)) return fail(400, 'Bad Request: start and end are required as YYYYMMDD');
			if (![startText, endText].every(isPlanadayDay)) return fail(400, 'Bad Request: start and end must be days on the calendar');
			const template = request.query.get('templateid');
			const labels = (request.query.get('label') ?? '').split(',').filter(Boolean);
			const courses = this.courses.filter((course) => {
				const date = String(course.start_date);
				if (date < startText || date > endText) return false;
				if (template && String((course.coursetemplate as Rec).id) !== template) return false;
				return labels.every((label) => (course.labels as string[]).includes(label));
			});
			const extra: Record<string, string> = { start: startText, end: endText };
			if (template) extra.templateid = template;
			if (labels.length) extra.label = labels.join(',');
			return this.page(request, '/course/list', courses.map((c) => this.presentCourse(request, c)), extra);
		});
		this.api('GET', '/course/:id', (request) => {
			const course = this.courses.find((c) => String(c.id) === request.params.id);
			return course ? { status: 200, body: this.presentCourse(request, course) } : fail(404, 'Course not found', 404);
		});
		this.api('GET', '/course/:id/dayparts', (request) => {
			const course = this.courses.find((c) => String(c.id) === request.params.id);
			if (!course) return fail(404, 'Course not found', 404);
			return this.page(request, `/course/${course.id}/dayparts`, this.dayparts.filter((d) => d.course_id === course.id).map((part) => this.presentDaypart(request, part)));
		});
		this.api('GET', '/course/:id/materials', (request) => {
			const course = this.courses.find((c) => String(c.id) === request.params.id);
			if (!course) return fail(404, 'Course not found', 404);
			return this.page(request, `/course/${course.id}/materials`, this.materials.filter((m) => m.course_id === course.id));
		});
		this.api('GET', '/course/:id/images', (request) => {
			const course = this.courses.find((c) => String(c.id) === request.params.id);
			if (!course) return fail(404, 'Course not found', 404);
			const images = this.images.filter((image) => image.course_id === course.id).map((image) => ({ ...image, href: this.href(request, `/image/${image.id}`) }));
			return this.page(request, `/course/${course.id}/images`, images);
		});
		this.api('GET', '/image/:id', (request) => {
			// The image itself, not JSON: a client that accepts only JSON is refused.
			const accept = String(request.headers.accept ?? '');
			if (!/image\/|\*\/\*/.test(accept)) return { status: 406, body: { error: 406, message: 'Not Acceptable: request the image as image/*' } };
			const image = this.images.find((entry) => entry.id === request.params.id);
			if (!image) return fail(404, 'Image not found', 404);
			return { status: 200, headers: { 'Content-Type': image.type }, body: pngOf(image.id) };
		}, { acceptsAny: true });
		this.api('GET', '/extrafields/list', () => ({ status: 200, body: { data: this.extraFieldGroups } }));
		this.api('GET', '/coursetemplate/list', (request) => this.page(request, '/coursetemplate/list', this.templates));
		this.api('GET', '/coursetemplate/:id', (request) => {
			const template = this.templates.find((t) => String(t.id) === request.params.id);
			return template ? { status: 200, body: template } : fail(404, 'Coursetemplate not found', 404);
		});
		this.api('GET', '/daypart/:id', (request) => {
			const part = this.dayparts.find((d) => String(d.id) === request.params.id);
			return part ? { status: 200, body: this.presentDaypart(request, part) } : fail(404, 'Daypart not found', 404);
		});
		this.api('GET', '/daypart/:id/materials', (request) => {
			const part = this.dayparts.find((d) => String(d.id) === request.params.id);
			if (!part) return fail(404, 'Daypart not found', 404);
			return this.page(request, `/daypart/${part.id}/materials`, this.materials.filter((m) => m.course_id === part.course_id));
		});
		this.api('GET', '/label/list', (request) => this.page(request, '/label/list', this.labels.map((name, i) => ({ id: i + 1, name }))));
		this.api('GET', '/location/:id', (request) => {
			const location = this.locations.find((l) => String(l.id) === request.params.id);
			return location ? { status: 200, body: location } : fail(404, 'Location not found', 404);
		});
		this.api('POST', '/booking/:courseId', (request) => this.book(request));
		// Newer endpoints, as the vendor's own client uses them.
		this.api('GET', '/instructor/list', (request) => this.page(request, '/instructor/list', this.instructors.map((instructor) => ({ ...instructor, href: this.href(request, `/instructor/${instructor.id}`) }))));
		for (const target of ['daypart', 'course'] as const) {
			for (const method of ['POST', 'DELETE'] as const) {
				this.api(method, `/instructor/:id/${target}`, (request) => {
					const instructor = this.instructors.find((i) => String(i.id) === request.params.id);
					if (!instructor) return { status: 404, body: { message: 'Instructor not found' } };
					const body = (request.body ?? {}) as Record<string, unknown>;
					const targetId = Number(body[`${target}_id`]);
					const parts = target === 'daypart' ? this.dayparts.filter((d) => d.id === targetId) : this.dayparts.filter((d) => d.course_id === targetId);
					if (!parts.length) return fail(400, `${target}_id missing or unknown`);
					for (const part of parts) {
						const list = part.instructors as number[];
						if (method === 'POST' && !list.includes(instructor.id)) list.push(instructor.id);
						if (method === 'DELETE' && list.includes(instructor.id)) list.splice(list.indexOf(instructor.id), 1);
					}
					return { status: 200, body: { result: 'OK' } };
				});
			}
		}
		this.api('POST', '/student', (request) => {
			const student = (request.body ?? {}) as Record<string, unknown>;
			if (!student.first_name) return fail(404, 'students:first_name missing or empty');
			if (!student.last_name) return fail(405, 'students:last_name missing or empty');
			const id = this.studentSeq++;
			this.students.push({ id, ...student });
			return { status: 200, body: { result: 'OK', student_id: id } };
		});
		this.api('POST', '/booking/payed/:bookingId', (request) => {
			if (request.bodyError) return fail(401, 'Unable to parse posted json');
			const booking = this.bookings.find((b) => b.booking_id === request.params.bookingId);
			if (!booking) return { status: 404, body: { message: 'Booking not found' } };
			const payment = (request.body as { payment?: Record<string, unknown> })?.payment;
			if (!payment) return fail(402, 'Missing payment block');
			if (!payment.party) return fail(403, 'Missing party');
			if (!payment.transaction_id) return fail(404, 'Missing transaction_id');
			booking.is_payed = true;
			booking.payment = payment;
			return { status: 200, body: { result: 'OK', bookingId: booking.booking_id } };
		});
		this.api('DELETE', '/booking/:bookingId', (request) => {
			let index = this.bookings.findIndex((b) => b.booking_id === request.params.bookingId);
			const cancel = (request.body ?? {}) as Record<string, unknown>;
			if (index === -1 && Object.keys(cancel).length) {
				// Unknown ID: Planaday looks the booking up by the cancel information (the generated client's rules).
				if (!cancel.internal_reference) return fail(402, 'Missing or empty internal_reference');
				if (!cancel.deleting_source) return fail(403, 'Missing or empty deleting_source');
				if (!cancel.reason) return fail(404, 'Missing or empty reason');
				index = this.bookings.findIndex((b) => (b.students as Array<Record<string, unknown>>).some((student) => student.internal_reference === cancel.internal_reference));
				if (index === -1) return fail(401, 'Unkown bookingid and no or invalid cancel information given');
			}
			if (index === -1) return { status: 404, body: { message: 'Booking not found' } };
			if (this.bookings[index].planned) return fail(400, 'Booking already processed into planned students and can not be deleted');
			const [removed] = this.bookings.splice(index, 1);
			const course = this.courses.find((c) => c.id === removed.course_id);
			if (course) (course.users as { available: number }).available += (removed.students as unknown[]).length;
			return { status: 200, body: { result: 'OK', bookingId: removed.booking_id } };
		});
	}

	/** Planaday's attribute rules (codes 419-429) for a course's configured attributes. */
	private checkAttributes(course: Rec, given: unknown, studentCount: number): SandboxResponse | undefined {
		const configured = (course.attributes ?? {}) as Record<string, { code: string; values: Record<string, unknown>; is_required: boolean; multiple_values_allowed: boolean }>;
		const byCode = new Map(Object.values(configured).map((attribute) => [attribute.code, attribute]));
		const required = Object.values(configured).filter((attribute) => attribute.is_required);
		if (given === undefined) return required.length ? fail(419, 'attribute:attributes block is missing') : undefined;
		if (studentCount > 1) return fail(420, 'attribute:only 1 student allowed when attributes block is set');
		if (byCode.size === 0) return fail(427, 'attribute:Attributes given, but none required/configured');
		const list = Array.isArray(given) ? (given as Array<{ code?: string; values?: unknown }>) : [];
		for (const entry of list) {
			if (!entry.code) return fail(421, 'attribute:code is missing');
			if (entry.values === undefined) return fail(422, 'attribute:value is missing');
			const attribute = byCode.get(entry.code);
			if (!attribute) return fail(423, `attribute:unknown attribute code given for this course/daypart: ${entry.code}. Allowed codes: [${[...byCode.keys()].join(', ')}]`);
			const values = Array.isArray(entry.values) ? entry.values.map(String) : [String(entry.values)];
			if (values.length === 0) return attribute.is_required ? fail(429, 'attribute:Value required, but non given') : undefined;
			if (values.length > 1 && !attribute.multiple_values_allowed) return fail(428, `attribute:Multiple item given for attribute ${entry.code}. Only 1 allowed`);
			const unknown = values.find((value) => !(value in attribute.values));
			if (unknown) return fail(425, `attribute:unkown value given for attribute ${entry.code}: ${unknown}, Allowed values: [${Object.keys(attribute.values).join(', ')}]`);
		}
		const missing = required.filter((attribute) => !list.some((entry) => entry.code === attribute.code));
		if (missing.length) return fail(424, `attribute:not all required attributes are posted. Missing attributes: [${missing.map((m) => m.code).join(', ')}]`);
		return undefined;
	}

	private book(request: SandboxRequest): SandboxResponse {
		if (!request.params.courseId) return fail(400, 'parameters missing: id');
		if (request.bodyError) return fail(401, 'unable to parse posted json');
		const body = (request.body ?? {}) as Record<string, unknown>;
		const students = body.students as Array<Record<string, unknown>> | undefined;
		if (!Array.isArray(students) || students.length === 0) return fail(402, 'missing students block');
		for (const student of students) {
			// No gender field (or null) means unknown; an empty or other value is refused.
			if (student.gender !== undefined && student.gender !== null && !GENDERS.includes(String(student.gender))) {
				return fail(403, 'students:gender missing, empty or invalid value (m/f/nvt/u/nr allowed)');
			}
			if (!student.first_name) return fail(404, 'students:first_name missing or empty');
			if (!student.last_name) return fail(405, 'students:last_name missing or empty');
			// email and phonenumber are required keys that may be null: left out or empty is refused.
			if (student.email === undefined || (student.email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(student.email)))) {
				return fail(406, `students:email contains invalid value (${student.email ?? ''})`);
			}
			if (student.phonenumber === undefined || student.phonenumber === '') return fail(400, 'parameters missing: students:phonenumber (send null when unknown)');
			if (student.date_of_birth !== undefined && student.date_of_birth !== null && !isPlanadayDay(String(student.date_of_birth))) {
				return fail(430, 'students:Bad date of birth given');
			}
			if (student.extrafields !== undefined) {
				const known = new Set(this.extraFieldGroups.flatMap((group) => group.extrafields.map((field) => String(field.id))));
				const fields = student.extrafields as Record<string, unknown>;
				if (!fields || typeof fields !== 'object' || Array.isArray(fields) || Object.entries(fields).some(([id, value]) => !known.has(id) || typeof value !== 'string')) {
					return fail(400, 'students:extrafields must map known extra field ids to text values');
				}
			}
			if (student.language !== undefined && !LANGUAGES.includes(String(student.language))) {
				return fail(426, `students:unknown language given (${student.language}), allowed: [${LANGUAGES.join(',')}]`);
			}
		}
		if (String(body.course_id ?? '') !== request.params.courseId) return fail(407, 'course_id missing or not the same as url parameter');
		const company = body.company as Record<string, unknown> | undefined;
		if (company) {
			const checks: Array<[string, number]> = [['name', 408], ['address', 409], ['house_number', 410], ['postal_code', 411], ['city', 412]];
			for (const [field, code] of checks) if (!company[field]) return fail(code, `company:${field} missing or empty`);
		}
		const course = this.courses.find((c) => String(c.id) === request.params.courseId);
		if (!course) return fail(414, 'unknown course selected');
		const courseParts = course.dayparts as number[];
		if (courseParts.length === 0) return fail(413, 'course selected without dayparts');
		if (Number(course.has_stap) || Number(course.stap_only)) {
			const stap: Array<[string, number]> = [['date_of_birth', 431], ['address', 432], ['house_number', 433], ['postal_code', 434], ['city', 435]];
			for (const student of students) {
				for (const [field, code] of stap) if (!student[field]) return fail(code, `students:${field === 'date_of_birth' ? 'date of birth' : field} is required for STAP courses`);
			}
		}
		if (this.nextBookingError) {
			const injected = this.nextBookingError;
			this.nextBookingError = undefined;
			return injected;
		}
		const parts = (body.dayparts as number[] | undefined) ?? courseParts;
		if (parts.some((id) => !courseParts.includes(Number(id)))) return fail(416, 'dayparts includes id not present in given course');
		const courseMaterials = this.materials.filter((m) => m.course_id === course.id).map((m) => m.id);
		if (((body.materials as number[] | undefined) ?? []).some((id) => !courseMaterials.includes(Number(id)))) return fail(417, 'material includes id not present in given course');
		if (body.is_payed === true && !body.payment) return fail(418, 'payment block is missing');
		const attributeProblem = this.checkAttributes(course, body.attributes, students.length);
		if (attributeProblem) return attributeProblem;
		const users = course.users as { available: number; options: number };
		const booking = {
			booking_id: `API${Date.now().toString(16)}${(this.bookingSeq++).toString(16).padStart(4, '0')}.${Math.floor(this.random() * 1e8)}`,
			course_id: course.id,
			students,
			company: company ?? null,
			dayparts: parts,
			is_payed: body.is_payed === true,
			label: body.label ?? null,
			planned: false,
		};
		this.bookings.push(booking);
		users.available = Math.max(0, users.available - students.length);
		users.options += students.length;
		return {
			status: 200,
			body: {
				result: 'OK',
				booking_id: booking.booking_id,
				details: {
					company: company ? { action: 'created', id: this.companySeq++, name: company.name } : null,
					students: students.map((student) => ({
						action: student.id ? 'reused' : 'created',
						type: 'employee',
						id: Number(student.id ?? this.studentSeq++),
						name: `${student.last_name}, ${student.first_name}`,
						option_ids: parts,
					})),
				},
			},
		};
	}
}

