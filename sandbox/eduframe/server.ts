import http from 'node:http';

import {
	randomGenerator,
	SandboxServer,
	WindowLimiter,
	type SandboxRequest,
	type SandboxResponse,
	type VendorSandboxOptions,
} from '../common/server';
import { CITIES, COURSE_NAMES, FIRST_NAMES, LAST_NAMES, pick, slugify } from '../common/seed-data';
import { HR_EXAMPLE_EMPLOYEES, HR_EXAMPLE_LABELS, HR_EXAMPLE_TRAINER } from '../common/hr-example';
import { plusDays, vendorDay } from '../common/time';
import { checkValue, resolve, sample, spec, specOperations, validateBody, type SpecOperation } from './spec';

/** The API key the sandbox accepts by default, and the educator it belongs to. */
/** Eduframe keeps its educators' days in the Netherlands (their `time_zone`). */
export const EDUFRAME_TIME_ZONE = 'Europe/Amsterdam';
/** The seeded planned courses, and how many of them (the last ones) took place already. */
export const PLANNED_COURSES = 60;
export const PAST_PLANNED_COURSES = 10;

export const EDUFRAME_SANDBOX_KEY = 'eduframe-sandbox-key-0123456789';
/** A key of another educator (another tenant) for tests of "Only From This Educator". */
export const EDUFRAME_OTHER_KEY = 'eduframe-other-tenant-key-987654';
/** A key of the default educator made before Eduframe moved enrollments to their own scopes: no `enrollments:*`. */
export const EDUFRAME_LEGACY_SCOPES_KEY = 'eduframe-legacy-scopes-key-246810';
/** A key of an educator whose Eduframe has none of the optional features (Programs, Custom objects, ...). */
export const EDUFRAME_BASIC_KEY = 'eduframe-basic-educator-key-135790';

/** Eduframe's optional features (the file's "Feature flags"), as its badges name them. */
export const EDUFRAME_FEATURES = ['Programs', 'Custom_objects', 'Teacher_roles', 'Organizations', 'Meeting_requirements', 'Edition_Description_Sections'];

/** The scopes of a key made before the move: every scope of the older file, none of the newer ones. */
const LEGACY_SCOPES = [
	'authentications:destroy', 'authentications:modify', 'authentications:read', 'courses:destroy', 'courses:modify', 'courses:read', 'destroyable_payments:destroy',
	'destroyable_settings:destroy', 'invoices:modify', 'invoices:read', 'leads:destroy', 'leads:modify', 'leads:read', 'orders:destroy', 'orders:modify', 'orders:read',
	'payments:modify', 'payments:read', 'relations:destroy', 'relations:modify', 'relations:read', 'settings:modify', 'settings:read', 'teachers:modify', 'teachers:read',
];

type Rec = Record<string, unknown> & { id: number | string; created_at: string; updated_at: string };

const USER_ROLES = ['admin', 'teacher', 'customer', 'student'];
const ENROLLMENT_STATUSES = ['confirmed', 'active', 'canceled', 'completed'];
const INVOICE_STATUSES = ['concept', 'open', 'paid', 'expired'];
const LOCALES = ['nl', 'en'];

export interface EduframeSandboxOptions extends VendorSandboxOptions {
	users?: number;
	/** Published limit: 500 requests per 5 minutes per token. */
	rateLimit?: number;
	rateLimitWindowMs?: number;
	/** Multiplies the webhook retry delays (0.001 turns the 2-hour schedule into 9 seconds). */
	webhookRetryScale?: number;
}

function errorBody(status: number, message: string, errors: Record<string, string[]> = {}): SandboxResponse {
	return { status, body: { errors, code: status, message } };
}

/** Eduframe's opaque cursor: the position encoded, so clients cannot compute pages. */
const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
const decodeCursor = (cursor: string) => {
	const text = Buffer.from(cursor, 'base64url').toString('utf8');
	return text.startsWith('o:') ? Number(text.slice(2)) : NaN;
};

interface Webhook {
	id: string;
	url: string;
	active: boolean;
	events: string[];
	created_at: string;
	updated_at: string;
	tenant: number;
}

/** One send attempt of a notification (the spec's `send_attempts` item). */
interface SendAttempt {
	status_code: number;
	response: string;
	created_at: string;
}

/**
 * The body Eduframe POSTs to a webhook, as its reference and the newest OpenAPI file document it:
 * `tenant_id` the tenant's UUID and `educator` the educator's subdomain, both strings.
 */
export interface WebhookPayload {
	tenant_id: string;
	educator: string;
	event: string;
	event_data: Record<string, unknown>;
}

/**
 * The tenant UUID of each educator. Eduframe's API shows it nowhere but in webhook deliveries
 * (`GET /educators/current` has no such field), so the sandbox keeps it beside the educator.
 */
export const EDUFRAME_TENANT_UUIDS: Record<number, string> = {
	1: '3f1c2a9e-5b7d-4c1e-9a2f-6d8e0b1c0001',
	2: '8a4e6c1d-2f3b-4d5a-8e9f-1b2c3d4e0002',
	3: 'c7d9e1f3-a5b6-4c8d-9e0f-2a3b4c5d0003',
};

/**
 * A delivery of one event to one webhook, shaped as the spec's `WebhookNotificationWithIncludes`
 * (plus `webhook_id` and `created_at`, which `WebhookNotificationFailed` has): `data` is the body
 * POSTed to the receiver. `pending` until the first answer, `retry` while attempts are left,
 * then `succeeded` or `failed`.
 */
export interface Notification {
	id: string;
	event_id: string;
	webhook_id: string;
	data: WebhookPayload;
	status: 'pending' | 'retry' | 'succeeded' | 'failed';
	send_attempts: SendAttempt[];
	created_at: string;
}

/**
 * When Eduframe tries a failed delivery again (ms after the previous attempt). Eduframe does not
 * publish its schedule; this one (1 min, 5 min, 30 min, 2 h, then failed) is the sandbox's
 * assumption. Scaled by `webhookRetryScale`, or replaced with `POST /__sandbox/webhook-retries`.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000];

/**
 * A stateful imitation of the Eduframe API v1: bearer tokens per educator, cursor pagination in
 * the Link header, Eduframe's error shape, 500 requests per 5 minutes per token (scalable), and
 * webhooks delivered to registered URLs when records change.
 */
export class EduframeSandbox extends SandboxServer {
	readonly tables: Record<string, Rec[]> = {};
	readonly webhooks: Webhook[] = [];
	readonly notifications: Notification[] = [];
	/** How long each webhook receiver took to answer (ms), in delivery order. */
	readonly deliveryTimes: number[] = [];
	readonly limiter: WindowLimiter;
	readonly tokens = new Map<string, number>([
		[EDUFRAME_SANDBOX_KEY, 1],
		[EDUFRAME_OTHER_KEY, 2],
		[EDUFRAME_LEGACY_SCOPES_KEY, 1],
		[EDUFRAME_BASIC_KEY, 3],
	]);
	/** Scopes per key; a key not listed has every scope. */
	readonly scopes = new Map<string, string[]>([[EDUFRAME_LEGACY_SCOPES_KEY, LEGACY_SCOPES]]);
	/** The optional features switched on per educator (tenant). */
	readonly features: Record<number, string[]> = { 1: [...EDUFRAME_FEATURES], 2: [...EDUFRAME_FEATURES], 3: [] };
	readonly educators: Record<number, Rec> = {};
	private nextIds: Record<string, number> = {};
	private clock = Date.parse('2026-01-05T08:00:00Z');
	private readonly random: () => number;
	private readonly pendingDeliveries = new Set<Promise<void>>();
	private notificationId = 1;
	private eventId = 1;
	/** Delays between attempts; one more attempt than delays. */
	webhookRetryDelaysMs: number[];
	/** False: every delivery attempt fails as a refused connection, without calling the receiver. */
	receiversReachable = true;

	constructor(options: EduframeSandboxOptions = {}) {
		super('eduframe', '/api/v1', (kind) =>
			kind === 'rate-limit'
				? { status: 429, headers: { 'Retry-After': '1' }, body: { errors: {}, code: 429, message: 'Too many requests' } }
				: kind === 'unavailable'
					? { status: 503, body: { errors: {}, code: 503, message: 'Service unavailable' } }
					: { status: 500, body: { errors: {}, code: 500, message: 'Internal server error' } },
		);
		const scale = options.rateLimitScale ?? 1;
		this.limiter = new WindowLimiter(options.rateLimit ?? 500, Math.max(1, (options.rateLimitWindowMs ?? 300_000) * scale));
		this.latencyMs = options.latencyMs ?? 0;
		this.webhookRetryDelaysMs = WEBHOOK_RETRY_DELAYS_MS.map((ms) => Math.round(ms * (options.webhookRetryScale ?? 1)));
		this.random = randomGenerator(options.seed ?? 7);
		this.seed(options.users ?? 300);
		this.registerRoutes();
		this.registerSpecRoutes();
		this.registerAdmin();
	}

	// ---------------------------------------------------------------- data

	private now(): string {
		// A clock that moves forward a little on every change, so created_at values are ordered.
		this.clock = Math.max(this.clock + 1000, Date.now());
		return new Date(this.clock).toISOString();
	}

	private insert(table: string, record: Omit<Rec, 'id' | 'created_at' | 'updated_at'> & Partial<Rec>): Rec {
		const id = (this.nextIds[table] = (this.nextIds[table] ?? 0) + 1);
		const stamp = (record.created_at as string) ?? this.now();
		const full = { id, ...record, created_at: stamp, updated_at: (record.updated_at as string) ?? stamp } as Rec;
		(this.tables[table] ??= []).push(full);
		return full;
	}

	/** Adds a record to a table as Eduframe's own screens would (tests: a second catalog variant for a course). */
	insertRecord(table: string, record: Omit<Rec, 'id' | 'created_at' | 'updated_at'> & Partial<Rec>): Rec {
		return this.insert(table, record);
	}

	seed(userCount: number, enrollmentCount = 600): void {
		for (const key of Object.keys(this.tables)) delete this.tables[key];
		this.nextIds = {};
		this.educators[1] = this.educator(1, 'Sandbox Academy');
		this.educators[2] = this.educator(2, 'Other Training Institute');
		this.educators[3] = this.educator(3, 'Basic Training Company');
		// The seeded past and future are counted from the Dutch day the sandbox starts on, so the demo and
		// the tests meet upcoming and past courses on any day.
		const today = vendorDay(EDUFRAME_TIME_ZONE);
		const base = Date.parse(`${plusDays(today, -400)}T09:00:00Z`);
		for (const name of ['VIP', 'Newsletter', 'Company A', 'In-house', 'Alumni', HR_EXAMPLE_LABELS.employees, HR_EXAMPLE_LABELS.left]) {
			this.insert('labels', { name, color: '#3366ff', model_type: 'User', tenant: 1 });
		}
		this.addUsers(userCount, base);
		COURSE_NAMES.forEach((name, index) => {
			this.insert('courses', {
				name,
				code: `C${String(index + 1).padStart(3, '0')}`,
				slug: slugify(name),
				category_id: 1 + (index % 4),
				is_published: true,
				tenant: 1,
			});
		});
		// Fifty upcoming planned courses (from the day after tomorrow, every five days), then ten that
		// took place (the last ended three days ago). Places vary, so some fill up.
		for (let index = 0; index < PLANNED_COURSES; index++) {
			const upcoming = index < PLANNED_COURSES - PAST_PLANNED_COURSES;
			const start = upcoming ? plusDays(today, 2 + index * 5) : plusDays(today, -4 - (PLANNED_COURSES - 1 - index) * 5);
			this.insert('planned_courses', {
				course_id: 1 + (index % COURSE_NAMES.length),
				type: 'FixedPlannedCourse',
				start_date: start,
				end_date: plusDays(start, 1),
				status: upcoming ? 'planned' : 'completed',
				min_participants: 4,
				max_participants: [16, 12, 10, 20, 8, 14][index % 6],
				course_location_id: 1 + (index % 6),
				tenant: 1,
			});
		}
		// Each planned course is on sale as one catalog variant (with the same ID), as Eduframe's catalog sells it.
		for (const plannedCourse of this.tables.planned_courses) {
			const course = COURSE_NAMES[(Number(plannedCourse.course_id) - 1) % COURSE_NAMES.length];
			this.insert('catalog/variants', {
				product_id: 1 + ((Number(plannedCourse.course_id) - 1) % 6),
				name: `${course}, ${['classroom', 'in-company', 'evening course'][Number(plannedCourse.id) % 3]}`,
				sku: null,
				cost_scheme: 'student',
				cost: '395.00',
				currency: 'EUR',
				variantable_type: 'PlannedCourse',
				variantable_id: plannedCourse.id,
				is_published: true,
				show_on_website: true,
				properties: {},
				tenant: 1,
			});
		}
		this.addEnrollments(enrollmentCount);
		for (let index = 0; index < 200; index++) {
			const amount = (100 + Math.floor(this.random() * 2000)).toFixed(2);
			this.insert('invoices', {
				number: `F2026-${String(index + 1).padStart(4, '0')}`,
				account_id: 1 + (index % 50),
				status: pick(this.random, INVOICE_STATUSES),
				total_price_inc_vat: amount,
				total_price_ex_vat: (Number(amount) / 1.21).toFixed(2),
				outstanding_amount: amount,
				date: plusDays(today, index - 200),
				// The first invoices belong to the seeded orders (Invoice → Get Many filters on the order).
				order_id: index < 12 ? 1 + (index % 6) : null,
				tenant: 1,
			});
		}
		this.seedFromSpec();
	}

	/** Adds `count` enrollments spread over the planned courses and students, statuses in rotation. */
	addEnrollments(count: number, status?: string): void {
		const students = this.tables.users.filter((user) => (user.roles as string[]).includes('student'));
		for (let index = 0; index < count; index++) {
			const plannedCourse = this.tables.planned_courses[index % this.tables.planned_courses.length];
			this.insert('enrollments', {
				student_id: students[index % students.length].id,
				planned_course_id: plannedCourse.id,
				order_id: null,
				start_date: plannedCourse.start_date,
				end_date: plannedCourse.end_date,
				status: status ?? pick(this.random, ENROLLMENT_STATUSES),
				graduation_state: 'not_graduated',
				tenant: 1,
			});
		}
	}

	/** Adds `count` users with created_at a minute apart starting at `from`. */
	addUsers(count: number, from = Date.now()): void {
		for (let index = 0; index < count; index++) {
			const first = pick(this.random, FIRST_NAMES);
			const last = pick(this.random, LAST_NAMES);
			const id = (this.nextIds.users ?? 0) + 1;
			const stamp = new Date(from + index * 60_000).toISOString();
			const user = this.insert('users', {
				first_name: first,
				middle_name: null,
				last_name: last,
				email: `${slugify(first)}.${slugify(last)}.${id}@example.com`,
				avatar_url: null,
				description: null,
				locale: pick(this.random, LOCALES),
				label_ids: this.random() < 0.2 ? [1 + Math.floor(this.random() * 5)] : [],
				notes_user: null,
				roles: [index % 10 === 0 ? 'teacher' : index % 25 === 1 ? 'customer' : 'student'],
				slug: `${slugify(first)}-${slugify(last)}-${id}`,
				employee_number: `E${10000 + id}`,
				student_number: `S${20000 + id}`,
				wants_newsletter: this.random() < 0.5,
				teacher_headline: null,
				teacher_description: null,
				teacher_enrollments_count: 0,
				address: { addressee: `${first} ${last}`, address: 'Stationsplein 1', address_line2: null, postal_code: '1012 AB', city: pick(this.random, CITIES), country: 'NL', state_province: null },
				custom: {},
				tenant: 1,
				created_at: stamp,
				updated_at: stamp,
			});
			// Every user can log in with Eduframe's own log-in; every ninth also through their organisation's Azure AD.
			this.addLogin(user, 'eduframe');
			if (index % 9 === 4) this.addLogin(user, 'azure_active_directory');
		}
	}

	/** A log-in (Authentication) of a user, as Eduframe keeps one per way the user signs in. */
	addLogin(user: Rec, provider: 'eduframe' | 'azure_active_directory'): Rec {
		return this.insert('authentications', {
			user_id: user.id,
			authentication_provider_id: provider === 'eduframe' ? 1 : 2,
			uid: provider === 'eduframe' ? String(user.email) : `${String(user.id)}@acme-sso.example`,
			otp_enabled: false,
			tenant: user.tenant,
		});
	}

	/**
	 * The people of the HR sync example (sandbox/common/hr-example.ts): Acme Care's employees with the
	 * label "Employees", each with a log-in, and a trainer without it. Added once.
	 */
	addHrExample(): void {
		if (this.tables.users.some((user) => String(user.email).endsWith('@acme-care.example'))) return;
		const label = this.tables.labels.find((entry) => entry.name === HR_EXAMPLE_LABELS.employees)!;
		for (const [index, person] of [...HR_EXAMPLE_EMPLOYEES, HR_EXAMPLE_TRAINER].entries()) {
			const trainer = person === HR_EXAMPLE_TRAINER;
			const user = this.insert('users', {
				first_name: person.firstName,
				middle_name: null,
				last_name: person.lastName,
				email: person.email,
				avatar_url: null,
				description: null,
				locale: 'nl',
				label_ids: trainer ? [] : [label.id],
				notes_user: null,
				roles: [trainer ? 'teacher' : 'student'],
				slug: `${slugify(person.firstName)}-${slugify(person.lastName)}-hr${index + 1}`,
				employee_number: person.employeeNumber || null,
				student_number: null,
				wants_newsletter: false,
				teacher_headline: null,
				teacher_description: null,
				teacher_enrollments_count: 0,
				address: null,
				custom: {},
				tenant: 1,
			});
			this.addLogin(user, 'eduframe');
		}
	}

	private educator(id: number, name: string): Rec {
		return {
			id,
			name,
			slug: slugify(name),
			country: 'NL',
			currency: 'EUR',
			default_invoice_vat_multiplier: '1.21',
			email: `info@${slugify(name)}.example`,
			phone: '+31 20 123 4567',
			signup_contact_info: 'email',
			signup_default_account_type: 'personal',
			standard_planning_text: '',
			time_zone: 'Europe/Amsterdam',
			website_url: `https://${slugify(name)}.example`,
			locale: 'nl',
			created_at: '2020-01-01T00:00:00.000Z',
			updated_at: '2020-01-01T00:00:00.000Z',
		};
	}

	private present(record: Rec): Record<string, unknown> {
		const { tenant: _tenant, ...visible } = record;
		// Counts Eduframe works out when it answers: a planned course's participants and whether places
		// are left, a catalog variant's places left in what it sells.
		if ((this.tables.planned_courses ?? []).includes(record)) {
			const taken = this.participants(record);
			Object.assign(visible, { current_participants: taken, available_places: record.max_participants === null || record.max_participants === undefined || taken < Number(record.max_participants) });
		} else if ((this.tables['catalog/variants'] ?? []).includes(record) && variantType(record.variantable_type) === 'plannedcourse') {
			const plannedCourse = (this.tables.planned_courses ?? []).find((entry) => entry.id === record.variantable_id);
			if (plannedCourse && plannedCourse.max_participants !== null && plannedCourse.max_participants !== undefined) {
				const left = Math.max(0, Number(plannedCourse.max_participants) - this.participants(plannedCourse));
				Object.assign(visible, { available_places: left, availability: left === 0 ? 'not_available' : left <= 3 ? 'limited_availability' : 'available' });
			}
		}
		return visible;
	}

	/** The students enrolled in a planned course (enrollments not canceled). */
	private participants(plannedCourse: Rec): number {
		return (this.tables.enrollments ?? []).filter((enrollment) => enrollment.planned_course_id === plannedCourse.id && enrollment.status !== 'canceled').length;
	}

	/** The Dutch day, as Eduframe counts its days (`YYYY-MM-DD`). */
	today(offsetDays = 0): string {
		return plusDays(vendorDay(EDUFRAME_TIME_ZONE), offsetDays);
	}

	// ---------------------------------------------------------------- plumbing

	/** Authentication, the per-token rate limit, then the handler. */
	private readonly handRoutes = new Set<string>();

	private api(
		method: string,
		path: string,
		handler: (request: SandboxRequest, tenant: number) => SandboxResponse | Promise<SandboxResponse>,
		needs?: { scopes: string[]; feature?: string },
	) {
		if (!needs) this.handRoutes.add(`${method} ${path}`);
		this.route(method, path, async (request) => {
			const header = String(request.headers.authorization ?? '');
			const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
			const tenant = this.tokens.get(token);
			if (!tenant) return errorBody(401, 'Unauthorized: the API token is missing or invalid');
			const verdict = this.limiter.hit(token);
			if (!verdict.allowed) {
				const seconds = Math.max(1, Math.ceil((verdict.resetAt - Date.now()) / 1000));
				return { status: 429, headers: { 'Retry-After': String(seconds) }, body: { errors: {}, code: 429, message: 'Rate limit exceeded' } };
			}
			if (needs?.feature && !(this.features[tenant] ?? []).includes(needs.feature)) {
				const feature = needs.feature.replace(/_/g, ' ').toLowerCase();
				return errorBody(403, `Forbidden: the ${feature} feature is not enabled for this educator`, { feature: [`${feature} is not enabled`] });
			}
			const held = this.scopes.get(token);
			// Any one scope of the operation will do; `a+b` needs both.
			if (held && needs?.scopes.length && !needs.scopes.some((scope) => scope.split('+').every((part) => held.includes(part)))) {
				return errorBody(403, 'Forbidden: the API token lacks the scope this needs', { scope: [`${needs.scopes.join(' or ')} is required`] });
			}
			if (request.bodyError) return errorBody(400, `Invalid JSON: ${request.bodyError}`);
			return handler(request, tenant);
		});
	}

	private list(request: SandboxRequest, records: Rec[], unpaged = false): SandboxResponse {
		if (unpaged) return { status: 200, body: records.map((record) => this.present(record)) };
		const perPageRaw = request.query.get('per_page');
		const perPage = perPageRaw === null ? 25 : Number(perPageRaw);
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
			return errorBody(400, 'per_page must be an integer between 1 and 100', { per_page: ['must be between 1 and 100'] });
		}
		const cursor = request.query.get('cursor');
		const offset = cursor ? decodeCursor(cursor) : 0;
		if (!Number.isInteger(offset) || offset < 0) return errorBody(400, 'Invalid cursor', { cursor: ['is invalid'] });
		const page = records.slice(offset, offset + perPage);
		const headers: Record<string, string> = {};
		if (offset + perPage < records.length) {
			const next = new URLSearchParams(request.query);
			next.delete('page');
			next.set('cursor', encodeCursor(offset + perPage));
			next.set('per_page', String(perPage));
			headers.Link = `<${request.origin}${request.path}?${next.toString()}>; rel="next"`;
		}
		return { status: 200, headers, body: page.map((record) => this.present(record)) };
	}

	private find(table: string, id: string, tenant: number): Rec | undefined {
		return (this.tables[table] ?? []).find((record) => String(record.id) === id && record.tenant === tenant);
	}

	private notFound(what: string): SandboxResponse {
		return errorBody(404, `${what} not found`);
	}

	// ---------------------------------------------------------------- routes

	private registerRoutes() {
		this.api('GET', '/educators/current', (_request, tenant) => ({ status: 200, body: this.educators[tenant] }));

		this.api('GET', '/users', (request, tenant) => {
			let users = this.tables.users.filter((user) => user.tenant === tenant);
			const role = request.query.get('role');
			if (role) {
				if (!USER_ROLES.includes(role)) return errorBody(400, `Invalid role: ${role}`, { role: [`must be one of ${USER_ROLES.join(', ')}`] });
				users = users.filter((user) => (user.roles as string[]).includes(role));
			}
			const email = request.query.get('email');
			if (email) users = users.filter((user) => String(user.email).toLowerCase() === email.toLowerCase());
			const labels = request.query.getAll('label_id').concat(request.query.getAll('label_id[]'));
			if (labels.length) users = users.filter((user) => (user.label_ids as number[]).some((id) => labels.includes(String(id))));
			const sort = request.query.get('sort');
			if (sort && !['created_at:asc', 'created_at:desc'].includes(sort)) {
				return errorBody(400, `Invalid sort: ${sort}`, { sort: ['must be created_at:asc or created_at:desc'] });
			}
			users = [...users].sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
			if (sort === 'created_at:desc') users.reverse();
			return this.list(request, users);
		});

		this.api('GET', '/users/:id', (request, tenant) => {
			const user = this.find('users', request.params.id, tenant);
			return user ? { status: 200, body: this.present(user) } : this.notFound('User');
		});

		this.api('POST', '/users', (request, tenant) => {
			const body = (request.body ?? {}) as Record<string, unknown>;
			const errors = this.validateUser(body, tenant, true);
			// The OpenAPI file documents a 200 carrying the error shape for POST /users.
			if (Object.keys(errors).length) return { status: 200, body: { errors, code: 422, message: 'Validation failed' } };
			const user = this.insert('users', {
				first_name: body.first_name,
				middle_name: body.middle_name ?? null,
				last_name: body.last_name,
				email: body.email,
				locale: body.locale ?? 'nl',
				wants_newsletter: body.wants_newsletter ?? false,
				label_ids: body.label_ids ?? [],
				roles: ['student'],
				slug: slugify(`${body.first_name} ${body.last_name}`),
				custom: body.custom ?? {},
				address: body.address_attributes ?? null,
				tenant,
			});
			// "If the user should be able to login and thus receive login details by mail": a log-in of Eduframe's own.
			if (body.with_authentication === true) this.addLogin(user, 'eduframe');
			this.emit('user.created', user);
			return { status: 201, body: this.present(user) };
		});

		this.api('PATCH', '/users/:id', (request, tenant) => {
			const user = this.find('users', request.params.id, tenant);
			if (!user) return this.notFound('User');
			const body = (request.body ?? {}) as Record<string, unknown>;
			const errors = this.validateUser(body, tenant, false, user.id);
			if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
			for (const key of ['first_name', 'middle_name', 'last_name', 'email', 'locale', 'wants_newsletter', 'label_ids', 'custom']) {
				if (key in body) user[key] = body[key];
			}
			user.updated_at = this.now();
			this.emit('user.updated', user);
			return { status: 200, body: this.present(user) };
		});

		this.api('PUT', '/enrollments/:id/cancel', (request, tenant) => {
			const enrollment = this.find('enrollments', request.params.id, tenant);
			if (!enrollment) return this.notFound('Enrollment');
			if (enrollment.status === 'canceled') return errorBody(422, 'Enrollment is already canceled', { status: ['is already canceled'] });
			enrollment.status = 'canceled';
			enrollment.updated_at = this.now();
			this.emit('enrollment.updated', enrollment);
			return { status: 200, body: this.present(enrollment) };
		});

		// Webhooks
		this.api('GET', '/webhooks', (request, tenant) =>
			this.list(request, this.webhooks.filter((hook) => hook.tenant === tenant) as unknown as Rec[]),
		);
		this.api('POST', '/webhooks', (request, tenant) => {
			const body = (request.body ?? {}) as Record<string, unknown>;
			const errors = this.validateWebhook(body, true);
			if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
			const stamp = this.now();
			const hook: Webhook = {
				id: `wh_${Math.floor(this.random() * 1e12).toString(36)}${this.webhooks.length + 1}`,
				url: String(body.url),
				active: body.active === undefined ? true : Boolean(body.active),
				events: (body.events as string[] | undefined) ?? [],
				created_at: stamp,
				updated_at: stamp,
				tenant,
			};
			this.webhooks.push(hook);
			return { status: 201, body: this.presentHook(hook) };
		});
		this.api('GET', '/webhooks/:id', (request, tenant) => {
			const hook = this.ownHook(request.params.id, tenant);
			return hook ? { status: 200, body: this.presentHook(hook) } : this.notFound('Webhook');
		});
		this.api('PATCH', '/webhooks/:id', (request, tenant) => {
			const hook = this.ownHook(request.params.id, tenant);
			if (!hook) return this.notFound('Webhook');
			const body = (request.body ?? {}) as Record<string, unknown>;
			const errors = this.validateWebhook(body, false);
			if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
			if (body.url !== undefined) hook.url = String(body.url);
			if (body.active !== undefined) hook.active = Boolean(body.active);
			if (body.events !== undefined) hook.events = body.events as string[];
			hook.updated_at = this.now();
			return { status: 200, body: this.presentHook(hook) };
		});
		this.api('DELETE', '/webhooks/:id', (request, tenant) => {
			const index = this.webhooks.findIndex((h) => h.id === request.params.id && h.tenant === tenant);
			if (index === -1) return this.notFound('Webhook');
			const [removed] = this.webhooks.splice(index, 1);
			return { status: 200, body: this.presentHook(removed) };
		});
		// The delivery log; both need the settings:read scope, as the spec says.
		for (const route of ['/webhooks/:id/notifications/failed', '/webhooks/:id/notifications']) this.handRoutes.add(`GET ${route}`);
		this.api(
			'GET',
			'/webhooks/:id/notifications/failed',
			(request, tenant) => {
				const hook = this.ownHook(request.params.id, tenant);
				if (!hook) return this.notFound('Webhook');
				const errors: Record<string, string[]> = {};
				for (const name of ['start', 'end']) {
					const value = request.query.get(name);
					if (value !== null && Number.isNaN(Date.parse(value))) errors[name] = ['is not a valid date-time'];
				}
				if (Object.keys(errors).length) return errorBody(400, 'Invalid parameters', errors);
				const start = request.query.get('start');
				const end = request.query.get('end');
				const list = this.notifications
					.filter((n) => n.webhook_id === hook.id && n.status === 'failed')
					.filter((n) => (start === null || Date.parse(n.created_at) >= Date.parse(start)) && (end === null || Date.parse(n.created_at) < Date.parse(end)))
					.map(({ id, event_id, webhook_id, data, status, created_at }) => ({ id, event_id, webhook_id, data, status, created_at }));
				return this.list(request, list as unknown as Rec[]);
			},
			{ scopes: ['settings:read'] },
		);
		this.api(
			'GET',
			'/webhooks/:id/notifications',
			(request, tenant) => {
				const hook = this.ownHook(request.params.id, tenant);
				if (!hook) return this.notFound('Webhook');
				return this.list(request, this.notifications.filter((n) => n.webhook_id === hook.id) as unknown as Rec[]);
			},
			{ scopes: ['settings:read'] },
		);
	}

	/** The webhook with this id, when it belongs to the tenant. */
	private ownHook(id: string, tenant: number): Webhook | undefined {
		return this.webhooks.find((hook) => hook.id === id && hook.tenant === tenant);
	}

	private presentHook(hook: Webhook) {
		const { tenant: _tenant, ...visible } = hook;
		return visible;
	}

	private validateUser(body: Record<string, unknown>, tenant: number, creating: boolean, selfId?: number | string) {
		const errors: Record<string, string[]> = {};
		for (const field of ['first_name', 'last_name', 'email']) {
			if (creating ? !body[field] : field in body && !body[field]) errors[field] = ["can't be blank"];
		}
		if (body.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(body.email))) errors.email = ['is invalid'];
		else if (body.email) {
			const taken = this.tables.users.some(
				(user) => user.tenant === tenant && user.id !== selfId && String(user.email).toLowerCase() === String(body.email).toLowerCase(),
			);
			if (taken) errors.email = ['has already been taken'];
		}
		if (body.locale !== undefined && !['nl', 'en', 'de', 'fr', 'es'].includes(String(body.locale))) errors.locale = ['is not included in the list'];
		return errors;
	}

	private validateWebhook(body: Record<string, unknown>, creating: boolean) {
		const errors: Record<string, string[]> = {};
		if (creating || 'url' in body) {
			try {
				const url = new URL(String(body.url ?? ''));
				if (!/^https?:$/.test(url.protocol)) errors.url = ['is not a valid URL'];
			} catch {
				errors.url = [creating && !body.url ? "can't be blank" : 'is not a valid URL'];
			}
		}
		if (body.events !== undefined) {
			if (!Array.isArray(body.events)) errors.events = ['must be an array'];
			else {
				const unknown = (body.events as string[]).filter((event) => !WEBHOOK_EVENTS.includes(event));
				if (unknown.length) errors.events = [`contains unknown events: ${unknown.join(', ')}`];
			}
		}
		return errors;
	}

	// ---------------------------------------------------------------- every other documented operation

	/** Routes every operation of the OpenAPI file that has no hand-written handler above. */
	private registerSpecRoutes() {
		for (const operation of specOperations()) {
			if (this.handRoutes.has(`${operation.method} ${operation.route}`)) continue;
			const scopes: string[] = (operation.operation.security ?? []).flatMap((entry: Record<string, string[]>) => entry.Bearer ?? []);
			const feature = /badge\/Feature-([A-Za-z_]+)-/.exec(String(operation.operation.description ?? ''))?.[1];
			this.api(operation.method, operation.route, (request, tenant) => this.handleSpec(operation, request, tenant), { scopes, feature });
		}
	}

	private scoped(operation: SpecOperation, request: SandboxRequest, tenant: number): Rec[] {
		return (this.tables[operation.table] ?? []).filter(
			(record) =>
				record.tenant === tenant &&
				Object.entries(operation.scope).every(([param, field]) => record[field] === undefined || String(record[field]) === request.params[param]),
		);
	}

	private handleSpec(operation: SpecOperation, request: SandboxRequest, tenant: number): SandboxResponse {
		// Query parameters: documented types and values only.
		for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.name !== 'cursor')) {
			const values = [...request.query.getAll(parameter.name), ...request.query.getAll(`${parameter.name}[]`)];
			for (const value of values) {
				const schema = resolve(parameter.schema);
				const itemSchema = schema.type === 'array' ? resolve(schema.items) : schema;
				const typed = itemSchema.type === 'integer' || itemSchema.type === 'number' ? (value === '' ? NaN : Number(value)) : itemSchema.type === 'boolean' ? value === 'true' ? true : value === 'false' ? false : value : value;
				const problem = checkValue(typed, itemSchema);
				if (problem) return errorBody(400, `${parameter.name} ${problem}`, { [parameter.name]: [problem] });
			}
		}
		if (operation.scope.object_slug && !(this.tables['custom/objects'] ?? []).some((object) => object.slug === request.params.object_slug && object.tenant === tenant)) {
			return this.notFound('Custom object');
		}
		for (const [param, field] of Object.entries(operation.scope)) {
			const parentTable = field.replace(/_id$/, 's');
			const parents = this.tables[parentTable] ?? this.tables[`${field.replace(/_id$/, '')}es`];
			if (parents && param !== 'object_type' && !parents.some((parent) => String(parent.id) === request.params[param] && parent.tenant === tenant)) {
				return this.notFound(titleOf(parentTable));
			}
		}
		const records = this.scoped(operation, request, tenant);
		// Custom objects are addressed by their slug.
		const find = () =>
			operation.idParam
				? records.find((record) => String(/_slug$/.test(operation.idParam!) ? record.slug : record.id) === request.params[operation.idParam!])
				: undefined;
		const body = (request.body ?? {}) as Record<string, unknown>;
		const respond = (record?: Rec) =>
			operation.successStatus === 204 || !record ? { status: operation.successStatus === 201 ? 201 : operation.successStatus, body: operation.successStatus === 204 ? undefined : record && this.present(record) } : { status: operation.successStatus, body: this.present(record) };
		const invalid = (errors: Record<string, string[]>) =>
			DOCUMENTED_200_ERRORS.has(`${operation.method} ${operation.path}`)
				? { status: 200, body: { errors, code: 422, message: 'Validation failed' } }
				: errorBody(422, 'Validation failed', errors);
		const event = (action: string, record: Rec) => {
			const name = `${singularOf(operation.table)}.${action}`;
			if (WEBHOOK_EVENTS.includes(name)) this.emit(name, record);
		};

		switch (operation.kind) {
			case 'list':
				return this.list(request, filterRecords(records, request, operation), !operation.parameters.some((p) => p.name === 'per_page'));
			case 'get': {
				const record = find();
				return record ? { status: 200, body: this.present(record) } : this.notFound(titleOf(operation.table));
			}
			case 'create': {
				const errors = validateBody(body, operation.body);
				Object.assign(errors, this.checkReferences(body, tenant));
				if (Object.keys(errors).length) return invalid(errors);
				const scope = Object.fromEntries(Object.entries(operation.scope).map(([param, field]) => [field, /^\d+$/.test(request.params[param]) ? Number(request.params[param]) : request.params[param]]));
				const record = this.insert(operation.table, { ...this.defaultsFor(operation.table, body), ...body, ...scope, tenant });
				this.afterCreate(operation.table, record, body);
				event('created', record);
				return { status: operation.successStatus === 200 ? 201 : operation.successStatus, body: this.present(record) };
			}
			case 'update': {
				const record = find();
				if (!record) return this.notFound(titleOf(operation.table));
				const errors = validateBody(body, operation.body);
				Object.assign(errors, this.checkReferences(body, tenant));
				if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
				Object.assign(record, body);
				record.updated_at = this.now();
				event('updated', record);
				return respond(record);
			}
			case 'delete': {
				const record = find();
				if (!record) return this.notFound(titleOf(operation.table));
				this.tables[operation.table].splice(this.tables[operation.table].indexOf(record), 1);
				event('deleted', record);
				return respond(record);
			}
			default:
				return this.action(operation, request, tenant, find(), body, records);
		}
	}

	/** Ids of related records must exist (Eduframe answers 422 naming the field). */
	private checkReferences(body: Record<string, unknown>, tenant: number): Record<string, string[]> {
		const errors: Record<string, string[]> = {};
		const tables: Record<string, string> = {
			catalog_variant_id: 'catalog/variants',
			creator_id: 'users',
			user_id: 'users',
			student_id: 'users',
			account_id: 'accounts',
			course_id: 'courses',
			planned_course_id: 'planned_courses',
			category_id: 'categories',
			payment_method_id: 'payment_methods',
			course_location_id: 'course_locations',
			teacher_role_id: 'teacher_roles',
			material_group_id: 'material_groups',
			meeting_id: 'meetings',
			enrollment_id: 'enrollments',
		};
		for (const [field, table] of Object.entries(tables)) {
			if (body[field] === undefined || body[field] === null) continue;
			if (!(this.tables[table] ?? []).some((record) => String(record.id) === String(body[field]) && record.tenant === tenant)) {
				errors[field] = ['does not exist'];
			}
		}
		if (Array.isArray(body.student_ids)) {
			const missing = (body.student_ids as unknown[]).filter((id) => !this.tables.users.some((user) => String(user.id) === String(id) && user.tenant === tenant));
			if (missing.length) errors.student_ids = [`contains unknown users: ${missing.join(', ')}`];
		}
		return errors;
	}

	private defaultsFor(table: string, body: Record<string, unknown>): Record<string, unknown> {
		switch (table) {
			case 'orders':
				return { status: body.approve ? 'active' : 'requested', student_ids: [], label_ids: [] };
			case 'invoices':
				return { status: 'concept', number: null, total_price_inc_vat: '0.00', outstanding_amount: '0.00' };
			case 'planned_courses':
				return { status: 'planned' };
			case 'teachers':
				return { is_active: true };
			default:
				return {};
		}
	}

	private afterCreate(table: string, record: Rec, body: Record<string, unknown>) {
		if (table === 'orders') {
			// Eduframe lists an order's students as `order_items` (OrderWithIncludes).
			const students = Array.isArray(body.student_ids) ? (body.student_ids as unknown[]).map(Number) : [];
			record.number_of_students = students.length;
			record.order_items = students.map((student, index) => ({ id: Number(record.id) * 1000 + index + 1, order_id: record.id, student_id: student, created_at: record.created_at, updated_at: record.created_at }));
		}
		if (table === 'orders' && body.approve) {
			this.enrollStudents(record);
			this.emit('order.approved', record);
		}
		if (table === 'payments') this.applyPayment(record);
	}

	/** An approved order enrolls its students in the planned course (or program edition) its catalog variant sells. */
	private enrollStudents(order: Rec) {
		const variant = (this.tables['catalog/variants'] ?? []).find((v) => v.id === order.catalog_variant_id);
		if (variantType(variant?.variantable_type) === 'programedition' && !order.planned_course_id) {
			for (const studentId of (order.student_ids as number[]) ?? []) {
				const enrollment = this.insert('program/enrollments', {
					student_id: Number(studentId),
					edition_id: variant!.variantable_id,
					personal_program_id: null,
					label_ids: [],
					order_id: order.id,
					state: 'confirmed',
					graduation_state: 'not_graduated',
					graduation_date: null,
					tenant: order.tenant,
				});
				this.emit('program_enrollment.created', enrollment);
			}
			return;
		}
		const plannedCourseId = order.planned_course_id ?? variant?.variantable_id ?? 1;
		const plannedCourse = (this.tables.planned_courses ?? []).find((p) => p.id === plannedCourseId);
		for (const studentId of (order.student_ids as number[]) ?? []) {
			const enrollment = this.insert('enrollments', {
				student_id: Number(studentId),
				planned_course_id: plannedCourseId,
				order_id: order.id,
				start_date: plannedCourse?.start_date ?? null,
				end_date: plannedCourse?.end_date ?? null,
				status: 'confirmed',
				graduation_state: 'not_graduated',
				tenant: order.tenant,
			});
			this.emit('enrollment.created', enrollment);
		}
	}

	private applyPayment(payment: Rec) {
		const invoice = this.tables.invoices.find((i) => String(i.id) === String(payment.invoice_id));
		if (!invoice) return;
		const outstanding = Math.max(0, Number(invoice.outstanding_amount ?? 0) - Number(payment.amount ?? 0));
		invoice.outstanding_amount = outstanding.toFixed(2);
		if (outstanding === 0) invoice.status = 'paid';
		invoice.updated_at = this.now();
		this.emit('invoice.updated', invoice);
	}

	private action(operation: SpecOperation, request: SandboxRequest, tenant: number, record: Rec | undefined, body: Record<string, unknown>, records: Rec[]): SandboxResponse {
		const action = operation.action;
		if (action === 'upsert') {
			const errors = validateBody(body, operation.body);
			Object.assign(errors, this.checkReferences(body, tenant));
			if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
			const existing = records.find((r) => r.meeting_id === body.meeting_id && r.enrollment_id === body.enrollment_id);
			if (existing) {
				Object.assign(existing, body, { updated_at: this.now() });
				return { status: 200, body: this.present(existing) };
			}
			return { status: 200, body: this.present(this.insert(operation.table, { state: 'blanco', ...body, tenant })) };
		}
		if (!record) return this.notFound(titleOf(operation.table));
		const done = (event?: string) => {
			record.updated_at = this.now();
			if (event && WEBHOOK_EVENTS.includes(event)) this.emit(event, record);
			return operation.successStatus === 204 ? { status: 204 } : { status: operation.successStatus, body: this.present(record) };
		};
		const refuse = (message: string) => errorBody(422, message, { status: [message] });
		switch (action) {
			case 'pdf':
				return { status: 200, body: { data: Buffer.from(`%PDF-1.4\n% Eduframe sandbox invoice ${record.number ?? record.id}\n%%EOF\n`).toString('base64') } };
			case 'labels': {
				const errors = validateBody(body, operation.body);
				if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
				if (!this.tables.labels.some((label) => label.id === Number(body.label_id))) return errorBody(422, 'Validation failed', { label_id: ['does not exist'] });
				record.label_ids = [...new Set([...((record.label_ids as number[]) ?? []), Number(body.label_id)])];
				return done('order.updated');
			}
			case 'approve':
				if (record.status !== 'requested') return refuse(`Only a requested order can be approved (this one is ${record.status})`);
				record.status = 'active';
				this.enrollStudents(record);
				return done('order.approved');
			case 'deny':
				if (record.status !== 'requested') return refuse(`Only a requested order can be denied (this one is ${record.status})`);
				record.status = 'denied';
				return done('order.denied');
			case 'cancel':
				if (record.status === 'canceled') return refuse('It is already canceled');
				record.status = 'canceled';
				return done(`${singularOf(operation.table)}.${operation.table === 'planned_courses' || operation.table === 'orders' ? 'canceled' : 'updated'}`);
			case 'open':
				if (record.status === 'concept') {
					record.status = 'open';
					record.number = `F2026-${String(record.id).padStart(4, '0')}`;
				}
				return done('invoice.updated');
			case 'activate':
			case 'deactivate':
				record.is_active = action === 'activate';
				return done('teacher.updated');
			case 'award_certificate': {
				const errors = validateBody(body, operation.body);
				if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
				record.certificate = { template_id: body.certificate_template_id, awarded_at: this.now() };
				this.certificateAwarded('program_enrollment', record);
				return done('program_enrollment.pass');
			}
			case 'delete_certificate':
				record.certificate = null;
				this.certificateDeleted('program_enrollment', record);
				return done('program_enrollment.graduation_revoked');
			case 'elements_batch':
				return this.addElements(record, body, tenant);
			default:
				return done();
		}
	}

	/** A certificate for `record` (an enrollment), as Eduframe issues one when it is awarded. */
	private certificateAwarded(type: string, record: Rec) {
		const certificate = this.insert('certificates', { certifiable_id: record.id, certifiable_type: type, pdf_url: `https://certificates.example/${type}/${String(record.id)}.pdf`, tenant: record.tenant });
		this.emit('certificate.awarded', certificate);
	}

	private certificateDeleted(type: string, record: Rec) {
		const list = this.tables.certificates ?? [];
		const index = list.findIndex((certificate) => certificate.certifiable_type === type && certificate.certifiable_id === record.id);
		if (index === -1) return;
		const [certificate] = list.splice(index, 1);
		this.emit('certificate.deleted', certificate);
	}

	/** POST /program/editions/{id}/elements_batch: course elements and blocks of course elements, all checked first. */
	private addElements(edition: Rec, body: Record<string, unknown>, tenant: number): SandboxResponse {
		const elements = body.elements;
		if (!Array.isArray(elements) || !elements.length) return errorBody(422, 'Validation failed', { elements: ["can't be blank"] });
		const errors: Record<string, string[]> = {};
		const checkCourse = (entry: Record<string, unknown>, where: string) => {
			if (entry.type !== 'CourseElement') errors[`${where}.type`] = ['must be CourseElement'];
			if (!this.tables.courses.some((course) => String(course.id) === String(entry.course_id) && course.tenant === tenant)) errors[`${where}.course_id`] = ['does not exist'];
		};
		elements.forEach((raw, index) => {
			const entry = (raw ?? {}) as Record<string, unknown>;
			if (entry.type === 'BlockElement') {
				if (!entry.name) errors[`elements[${index}].name`] = ["can't be blank"];
				if (!Array.isArray(entry.elements)) errors[`elements[${index}].elements`] = ['must be an array'];
				else (entry.elements as Array<Record<string, unknown>>).forEach((inner, innerIndex) => checkCourse(inner ?? {}, `elements[${index}].elements[${innerIndex}]`));
			} else checkCourse(entry, `elements[${index}]`);
		});
		if (Object.keys(errors).length) return errorBody(422, 'Validation failed', errors);
		const created = (elements as Array<Record<string, unknown>>).map((entry) =>
			this.insert('program/elements', { ...entry, edition_id: edition.id, name: entry.name ?? COURSE_NAMES[(Number(entry.course_id) - 1) % COURSE_NAMES.length], tenant }),
		);
		return { status: 201, body: created.map((record) => this.present(record)) };
	}

	/** Seeds a few records for every table the OpenAPI file lists that has no hand-made seed. */
	private seedFromSpec() {
		const scopeValue = (field: string, index: number) =>
			field === 'object_type' ? 'users' : field === 'field_slug' ? 'shirt_size' : field === 'object_slug' ? CUSTOM_OBJECTS[index % 2][2] : 1 + (index % 2);
		for (const operation of specOperations()) {
			if (operation.kind !== 'list' || (this.tables[operation.table]?.length ?? 0) > 0) continue;
			if (['webhooks', 'notifications', 'notifications/failed'].includes(operation.table)) continue;
			const itemSchema = resolve(operation.successSchema?.items);
			for (let index = 0; index < 6; index++) {
				const record: Record<string, unknown> = { tenant: 1 };
				for (const [name, schema] of Object.entries<Record<string, unknown>>(itemSchema.properties ?? {})) {
					if (['id', 'created_at', 'updated_at'].includes(name)) continue;
					record[name] = sample(schema, name, index);
				}
				for (const field of Object.values(operation.scope)) record[field] = scopeValue(field, index);
				const names = SAMPLE_NAMES[operation.table];
				if (names && 'name' in record) record.name = names[index % names.length];
				if (operation.table === 'orders') record.status = ['requested', 'active', 'requested', 'canceled', 'requested', 'denied'][index];
				if (operation.table === 'catalog/variants') Object.assign(record, { variantable_type: 'PlannedCourse', variantable_id: 1 + index, is_published: true });
				if (operation.table === 'custom/objects') {
					const [singular, plural, slug] = CUSTOM_OBJECTS[index % CUSTOM_OBJECTS.length];
					Object.assign(record, { name_singular: singular, name_plural: plural, slug });
				}
				if (operation.table === 'records') Object.assign(record, { display_name: `${CUSTOM_OBJECTS[index % 2][0]} ${index + 1}`, active: true, properties: {} });
				if (operation.table === 'certificates') record.pdf_url = `https://certificates.example/${String(record.certifiable_type)}/${index + 1}.pdf`;
				this.insert(operation.table, record);
			}
		}
		for (const invoice of this.tables.invoices) if (invoice.status === 'paid') invoice.outstanding_amount = '0.00';
	}

	// ---------------------------------------------------------------- webhooks

	/**
	 * Delivers `event` for `record` to every active webhook of its tenant subscribed to it. The POST
	 * carries the documented payload `{tenant_id, educator, event, event_data}` (the tenant's UUID and
	 * the educator's slug, as strings) and nothing else (no notification or event id); the log keeps
	 * that payload as `data`.
	 */
	emit(event: string, record: Rec): void {
		const tenant = Number(record.tenant ?? 1);
		const eventId = `ev_${this.eventId++}`;
		for (const hook of this.webhooks) {
			if (hook.tenant !== tenant || !hook.active) continue;
			if (hook.events.length && !hook.events.includes(event)) continue;
			const data: WebhookPayload = { tenant_id: EDUFRAME_TENANT_UUIDS[tenant], educator: String(this.educators[tenant]?.slug), event, event_data: this.present(record) };
			const notification: Notification = {
				id: `wn_${this.notificationId++}`,
				event_id: eventId,
				webhook_id: hook.id,
				data,
				status: 'pending',
				send_attempts: [],
				created_at: new Date().toISOString(),
			};
			this.notifications.push(notification);
			const delivery = this.deliver(hook.url, notification).finally(() => this.pendingDeliveries.delete(delivery));
			this.pendingDeliveries.add(delivery);
		}
	}

	/**
	 * The first attempt at once, then one after each delay of `webhookRetryDelaysMs` while the
	 * receiver does not answer 2xx within 10 s (Eduframe's answer limit); `failed` after the last.
	 * Only loopback receivers are ever called.
	 */
	private async deliver(url: string, notification: Notification): Promise<void> {
		const delays = [...this.webhookRetryDelaysMs];
		for (let attempt = 0; ; attempt++) {
			const started = Date.now();
			const answer = !isLoopback(url)
				? // The sandbox never sends traffic off this machine.
					{ status: 0, response: 'not delivered: the sandbox only calls receivers on this machine' }
				: !this.receiversReachable
					? { status: 0, response: 'connect ECONNREFUSED' }
					: await postJson(url, notification.data, 10_000);
			notification.send_attempts.push({ status_code: answer.status, response: answer.response, created_at: new Date(started).toISOString() });
			if (answer.status !== 0) this.deliveryTimes.push(Date.now() - started);
			if (answer.status >= 200 && answer.status < 300) {
				notification.status = 'succeeded';
				return;
			}
			if (attempt >= delays.length || !isLoopback(url)) {
				notification.status = 'failed';
				return;
			}
			notification.status = 'retry';
			const stopped = await new Promise<boolean>((resolve) => {
				const cancel = () => {
					clearTimeout(timer);
					resolve(true);
				};
				const timer = setTimeout(() => {
					this.cancelRetries.delete(cancel);
					resolve(false);
				}, delays[attempt]);
				this.cancelRetries.add(cancel);
			});
			if (stopped) return;
		}
	}

	/** Waiting retries, cancelled when the sandbox stops (the process can end). */
	private readonly cancelRetries = new Set<() => void>();

	async stop(): Promise<void> {
		for (const cancel of this.cancelRetries) cancel();
		this.cancelRetries.clear();
		await super.stop();
	}

	/**
	 * A burst of `event` for `records`, delivered `concurrency` at a time (each batch answered
	 * before the next starts). Returns the receivers' answer times.
	 */
	async burst(event: string, records: Rec[], concurrency: number): Promise<number[]> {
		const start = this.deliveryTimes.length;
		for (let index = 0; index < records.length; index += concurrency) {
			for (const record of records.slice(index, index + concurrency)) {
				record.updated_at = this.now();
				this.emit(event, record);
			}
			await this.settled();
		}
		return this.deliveryTimes.slice(start);
	}

	/** Resolves when every delivery under way has finished. */
	async settled(): Promise<void> {
		while (this.pendingDeliveries.size) await Promise.all([...this.pendingDeliveries]);
	}

	private registerAdmin() {
		this.admin('POST', '/seed', (request) => {
			const body = (request.body ?? {}) as { users?: number; enrollments?: number };
			this.seed(Number(body.users ?? 300), Number(body.enrollments ?? 600));
			return { status: 200, body: { users: this.tables.users.length } };
		});
		this.rateLimitAdmin(this.limiter);
		this.admin('GET', '/webhooks', () => ({ status: 200, body: this.webhooks }));
		this.admin('GET', '/notifications', () => ({ status: 200, body: this.notifications }));
		// Makes every webhook receiver unreachable ({"reachable": false}) or reachable again.
		this.admin('POST', '/receivers', (request) => {
			const body = (request.body ?? {}) as { reachable?: boolean };
			this.receiversReachable = body.reachable !== false;
			return { status: 200, body: { reachable: this.receiversReachable } };
		});
		// Sets the delays between delivery attempts: {"delaysMs": [100, 200]} (three attempts).
		this.admin('POST', '/webhook-retries', (request) => {
			const body = (request.body ?? {}) as { delaysMs?: number[] };
			if (!Array.isArray(body.delaysMs) || body.delaysMs.some((ms) => !Number.isFinite(ms) || ms < 0)) return { status: 400, body: { message: 'delaysMs must be a list of milliseconds' } };
			this.webhookRetryDelaysMs = body.delaysMs;
			return { status: 200, body: { delaysMs: this.webhookRetryDelaysMs } };
		});
		this.admin('GET', '/delivery-times', () => ({ status: 200, body: this.deliveryTimes }));
		this.admin('POST', '/settled', async () => {
			await this.settled();
			return { status: 200, body: { ok: true } };
		});
		// Changes a record as a user of Eduframe would, so webhooks fire: {table, id, changes, event}.
		this.admin('POST', '/change', (request) => {
			const body = (request.body ?? {}) as { table: string; id: number; changes?: Record<string, unknown>; event?: string };
			const record = (this.tables[body.table] ?? []).find((r) => Number(r.id) === Number(body.id));
			if (!record) return { status: 404, body: { message: 'no such record' } };
			Object.assign(record, body.changes ?? {});
			record.updated_at = this.now();
			this.emit(body.event ?? `${body.table.replace(/s$/, '')}.updated`, record);
			return { status: 200, body: this.present(record) };
		});
	}
}


function isLoopback(url: string): boolean {
	try {
		const { hostname, protocol } = new URL(url);
		return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
	} catch {
		return false;
	}
}

/** POSTs the payload; the answer's status and body (status 0 with the reason when none came). */
function postJson(url: string, payload: unknown, timeoutMs: number): Promise<{ status: number; response: string }> {
	return new Promise((resolve) => {
		const data = JSON.stringify(payload);
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), 'User-Agent': 'Eduframe-Webhooks' }, timeout: timeoutMs },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, response: Buffer.concat(chunks).toString('utf8').slice(0, 1000) }));
				response.on('error', (error) => resolve({ status: 0, response: error.message }));
			},
		);
		request.on('timeout', () => request.destroy(new Error('no answer within 10 seconds')));
		request.on('error', (error) => resolve({ status: 0, response: error.message }));
		request.end(data);
	});
}

/** The event names of the OpenAPI file's WebhookEvent schema. */
export const WEBHOOK_EVENTS: string[] = resolve(spec.components.schemas.WebhookEvent).enum;

/** Readable names for the short lists people pick from in the editor. */
const SAMPLE_NAMES: Record<string, string[]> = {
	payment_methods: ['iDEAL', 'Bank transfer', 'Credit card', 'Invoice', 'PayPal', 'Direct debit'],
	payment_options: ['Pay at once', 'Pay in 2 terms', 'Pay in 3 terms', 'Employer pays', 'Voucher', 'Free'],
	categories: ['Health & Safety', 'Leadership', 'IT & Data', 'Logistics', 'Care', 'Languages'],
	course_locations: ['Amsterdam Centraal', 'Utrecht Papendorp', 'Rotterdam Zuid', 'Eindhoven', 'Zwolle', 'Online'],
	teacher_roles: ['Lead trainer', 'Co-trainer', 'Assessor', 'Guest speaker', 'Coach', 'Examiner'],
	course_variants: ['Classroom', 'Online', 'Blended', 'In-company', 'Evening', 'Weekend'],
	material_groups: ['Books', 'Equipment', 'E-learning', 'Certificates', 'Catering', 'Rooms'],
	invoice_vats: ['21% (high)', '9% (low)', '0% (exempt)', 'Reverse charge', 'Outside EU', 'No VAT'],
	meeting_locations: ['Room 1.01', 'Room 1.02', 'Training hall', 'Workshop', 'Lab', 'Online room'],
	'catalog/variants': ['First Aid at Work, spring intake', 'Fire Warden, spring intake', 'Manual Handling, online', 'Forklift Safety, May', 'Leadership Essentials, autumn', 'GDPR Awareness, online'],
	organizations: ['Acme Logistics', 'Zorggroep Noord', 'Gemeente Zwolle', 'BouwCombinatie Oost', 'Retail Partners', 'Tech Campus'],
	edition_description_sections: ['Learning goals', 'Who it is for', 'Programme', 'Assessment', 'Certificate', 'Practical information'],
};

/** The custom objects an educator defined: singular, plural, slug. */
const CUSTOM_OBJECTS: Array<[string, string, string]> = [
	['Trainer profile', 'Trainer profiles', 'trainer_profiles'],
	['Equipment item', 'Equipment', 'equipment'],
	['Accreditation', 'Accreditations', 'accreditations'],
	['Venue room', 'Venue rooms', 'venue_rooms'],
	['Funding scheme', 'Funding schemes', 'funding_schemes'],
	['Partner', 'Partners', 'partners'],
];

/** POST endpoints the OpenAPI file documents as answering 200 with the error shape. */
const DOCUMENTED_200_ERRORS = new Set(['POST /users', 'POST /orders', 'POST /leads']);

function singularOf(table: string): string {
	const last = table.split('/').at(-1) ?? table;
	const map: Record<string, string> = { 'catalog/variants': 'catalog_variant', 'catalog/products': 'product', 'program/editions': 'program_edition', 'program/programs': 'program', 'program/enrollments': 'program_enrollment', 'planning/events': 'planning_event' };
	return map[table] ?? last.replace(/ies$/, 'y').replace(/s$/, '');
}

function titleOf(table: string): string {
	const text = singularOf(table).replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Applies the documented filters of a list to records (search, ranges, ids, enums, sort). */
/** A catalog variant's type in either of Eduframe's spellings (`PlannedCourse`, `planned_course`): `plannedcourse` or `programedition`. */
function variantType(value: unknown): string {
	return String(value ?? '').toLowerCase().replace(/[^a-z]/g, '');
}

function filterRecords(records: Rec[], request: SandboxRequest, operation: SpecOperation): Rec[] {
	let result = [...records];
	for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
		const name = parameter.name as string;
		if (['cursor', 'per_page'].includes(name)) continue;
		const values = [...request.query.getAll(name), ...request.query.getAll(`${name}[]`)];
		if (!values.length) continue;
		if (name === 'sort') {
			const [field, direction] = values[0].split(':');
			result.sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')) || Number(a.id) - Number(b.id));
			if (direction === 'desc') result.reverse();
			continue;
		}
		if (name === 'search') {
			const needle = values[0].toLowerCase();
			result = result.filter((record) => Object.values(record).some((value) => typeof value === 'string' && value.toLowerCase().includes(needle)));
			continue;
		}
		const range = /^(.*)_(from|until|after|before)$/.exec(name);
		if (range) {
			const field = range[1];
			result = result.filter((record) => {
				if (record[field] === undefined || record[field] === null) return true;
				const left = String(record[field]);
				return range[2] === 'from' || range[2] === 'after' ? left >= values[0] : left <= values[0];
			});
			continue;
		}
		if (name === 'with_canceled') {
			if (values[0] === 'false') result = result.filter((record) => record.status !== 'canceled');
			continue;
		}
		if (name === 'variantable_type') {
			// The filter says `planned_course` / `program_edition`; the record says `PlannedCourse` / `Program::Edition`.
			result = result.filter((record) => values.some((value) => variantType(value) === variantType(record.variantable_type)));
			continue;
		}
		if (['published', 'published_public', 'parents_published'].includes(name)) {
			result = result.filter((record) => record.is_published === undefined || record.is_published === true);
			continue;
		}
		result = result.filter((record) => {
			const value = record[name];
			if (value === undefined) return true;
			if (Array.isArray(value)) return value.some((entry) => values.includes(String(entry)));
			return values.includes(String(value));
		});
	}
	return result;
}
