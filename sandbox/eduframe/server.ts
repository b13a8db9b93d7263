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

/** The API key the sandbox accepts by default, and the educator it belongs to. */
export const EDUFRAME_SANDBOX_KEY = 'eduframe-sandbox-key-0123456789';
/** A key of another educator (another tenant) for tests of "Only From This Educator". */
export const EDUFRAME_OTHER_KEY = 'eduframe-other-tenant-key-987654';

type Rec = Record<string, unknown> & { id: number | string; created_at: string; updated_at: string };

const USER_ROLES = ['admin', 'teacher', 'customer', 'student'];
const ENROLLMENT_STATUSES = ['confirmed', 'active', 'canceled', 'completed'];
const INVOICE_STATUSES = ['concept', 'open', 'paid', 'expired'];
const LOCALES = ['nl', 'en'];
const EVENTS_PER_RESOURCE = ['created', 'updated', 'deleted'];

export interface EduframeSandboxOptions extends VendorSandboxOptions {
	users?: number;
	/** Published limit: 500 requests per 5 minutes per token. */
	rateLimit?: number;
	rateLimitWindowMs?: number;
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

interface Notification {
	id: number;
	webhook_id: string;
	event: string;
	status: 'success' | 'failed' | 'pending';
	attempts: number;
	response_code: number | null;
	created_at: string;
	payload: unknown;
}

/**
 * A stateful imitation of the Eduframe API v1: bearer tokens per educator, cursor pagination in
 * the Link header, Eduframe's error shape, 500 requests per 5 minutes per token (scalable), and
 * webhooks delivered to registered URLs when records change.
 */
export class EduframeSandbox extends SandboxServer {
	readonly tables: Record<string, Rec[]> = {};
	readonly webhooks: Webhook[] = [];
	readonly notifications: Notification[] = [];
	readonly limiter: WindowLimiter;
	readonly tokens = new Map<string, number>([
		[EDUFRAME_SANDBOX_KEY, 1],
		[EDUFRAME_OTHER_KEY, 2],
	]);
	readonly educators: Record<number, Rec> = {};
	private nextIds: Record<string, number> = {};
	private clock = Date.parse('2026-01-05T08:00:00Z');
	private readonly random: () => number;
	private readonly pendingDeliveries = new Set<Promise<void>>();
	private notificationId = 1;

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
		this.random = randomGenerator(options.seed ?? 7);
		this.seed(options.users ?? 300);
		this.registerRoutes();
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

	seed(userCount: number): void {
		for (const key of Object.keys(this.tables)) delete this.tables[key];
		this.nextIds = {};
		this.educators[1] = this.educator(1, 'Sandbox Academy');
		this.educators[2] = this.educator(2, 'Other Training Institute');
		const base = Date.parse('2024-01-01T09:00:00Z');
		for (const name of ['VIP', 'Newsletter', 'Company A', 'In-house', 'Alumni']) {
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
		for (let index = 0; index < 60; index++) {
			const start = new Date(base + index * 5 * 86_400_000);
			this.insert('planned_courses', {
				course_id: 1 + (index % COURSE_NAMES.length),
				start_date: start.toISOString().slice(0, 10),
				end_date: new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10),
				status: 'planned',
				min_participants: 4,
				max_participants: 16,
				course_location_id: 1 + (index % CITIES.length),
				tenant: 1,
			});
		}
		const students = this.tables.users.filter((user) => (user.roles as string[]).includes('student'));
		for (let index = 0; index < 600; index++) {
			const plannedCourse = this.tables.planned_courses[index % 60];
			this.insert('enrollments', {
				student_id: students[index % students.length].id,
				planned_course_id: plannedCourse.id,
				order_id: null,
				start_date: plannedCourse.start_date,
				end_date: plannedCourse.end_date,
				status: pick(this.random, ENROLLMENT_STATUSES),
				graduation_state: 'not_graduated',
				tenant: 1,
			});
		}
		for (let index = 0; index < 200; index++) {
			const amount = (100 + Math.floor(this.random() * 2000)).toFixed(2);
			this.insert('invoices', {
				number: `F2026-${String(index + 1).padStart(4, '0')}`,
				account_id: 1 + (index % 50),
				status: pick(this.random, INVOICE_STATUSES),
				total_price_inc_vat: amount,
				total_price_ex_vat: (Number(amount) / 1.21).toFixed(2),
				outstanding_amount: amount,
				date: new Date(base + index * 86_400_000).toISOString().slice(0, 10),
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
			this.insert('users', {
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
		return visible;
	}

	// ---------------------------------------------------------------- plumbing

	/** Authentication, the per-token rate limit, then the handler. */
	private api(method: string, path: string, handler: (request: SandboxRequest, tenant: number) => SandboxResponse | Promise<SandboxResponse>) {
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
			if (request.bodyError) return errorBody(400, `Invalid JSON: ${request.bodyError}`);
			return handler(request, tenant);
		});
	}

	private list(request: SandboxRequest, records: Rec[]): SandboxResponse {
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

		for (const table of ['courses', 'planned_courses', 'invoices']) {
			this.api('GET', `/${table}`, (request, tenant) => this.list(request, this.tables[table].filter((r) => r.tenant === tenant)));
			this.api('GET', `/${table}/:id`, (request, tenant) => {
				const record = this.find(table, request.params.id, tenant);
				return record ? { status: 200, body: this.present(record) } : this.notFound(table);
			});
		}

		this.api('GET', '/enrollments', (request, tenant) => {
			let records = this.tables.enrollments.filter((r) => r.tenant === tenant);
			const status = request.query.get('status');
			if (status) {
				if (!ENROLLMENT_STATUSES.includes(status)) return errorBody(400, `Invalid status: ${status}`, { status: [`must be one of ${ENROLLMENT_STATUSES.join(', ')}`] });
				records = records.filter((r) => r.status === status);
			}
			for (const key of ['student_id', 'planned_course_id']) {
				const value = request.query.get(key);
				if (value) records = records.filter((r) => String(r[key]) === value);
			}
			return this.list(request, records);
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
			const hook = this.webhooks.find((h) => h.id === request.params.id && h.tenant === tenant);
			return hook ? { status: 200, body: this.presentHook(hook) } : this.notFound('Webhook');
		});
		this.api('PATCH', '/webhooks/:id', (request, tenant) => {
			const hook = this.webhooks.find((h) => h.id === request.params.id && h.tenant === tenant);
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
			this.webhooks.splice(index, 1);
			return { status: 204 };
		});
		this.api('GET', '/webhooks/:id/notifications', (request, tenant) => {
			const hook = this.webhooks.find((h) => h.id === request.params.id && h.tenant === tenant);
			if (!hook) return this.notFound('Webhook');
			const list = this.notifications.filter((n) => n.webhook_id === hook.id).map((n) => ({ ...n, updated_at: n.created_at }));
			return this.list(request, list as unknown as Rec[]);
		});
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

	// ---------------------------------------------------------------- webhooks

	/** Delivers `event` for `record` to every active webhook of its tenant subscribed to it. */
	emit(event: string, record: Rec): void {
		const tenant = Number(record.tenant ?? 1);
		for (const hook of this.webhooks) {
			if (hook.tenant !== tenant || !hook.active) continue;
			if (hook.events.length && !hook.events.includes(event)) continue;
			const payload = { tenant_id: tenant, educator: { id: tenant, slug: this.educators[tenant]?.slug }, event, event_data: this.present(record) };
			const notification: Notification = {
				id: this.notificationId++,
				webhook_id: hook.id,
				event,
				status: 'pending',
				attempts: 0,
				response_code: null,
				created_at: new Date().toISOString(),
				payload,
			};
			this.notifications.push(notification);
			const delivery = this.deliver(hook.url, notification).finally(() => this.pendingDeliveries.delete(delivery));
			this.pendingDeliveries.add(delivery);
		}
	}

	/** Up to 3 attempts, 10 s each (Eduframe's answer limit). */
	private async deliver(url: string, notification: Notification): Promise<void> {
		for (let attempt = 1; attempt <= 3; attempt++) {
			notification.attempts = attempt;
			const started = Date.now();
			const status = await postJson(url, notification.payload, 10_000);
			notification.response_code = status;
			deliveryTimes.push(Date.now() - started);
			if (status >= 200 && status < 300) {
				notification.status = 'success';
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
		}
		notification.status = 'failed';
	}

	/** Resolves when every delivery under way has finished. */
	async settled(): Promise<void> {
		while (this.pendingDeliveries.size) await Promise.all([...this.pendingDeliveries]);
	}

	private registerAdmin() {
		this.admin('POST', '/seed', (request) => {
			const body = (request.body ?? {}) as { users?: number };
			this.seed(Number(body.users ?? 300));
			return { status: 200, body: { users: this.tables.users.length } };
		});
		this.admin('POST', '/rate-limit', (request) => {
			const body = (request.body ?? {}) as { limit?: number; windowMs?: number };
			if (body.limit) this.limiter.limit = body.limit;
			if (body.windowMs) this.limiter.windowMs = body.windowMs;
			this.limiter.reset();
			return { status: 200, body: { limit: this.limiter.limit, windowMs: this.limiter.windowMs } };
		});
		this.admin('GET', '/webhooks', () => ({ status: 200, body: this.webhooks }));
		this.admin('GET', '/notifications', () => ({ status: 200, body: this.notifications }));
		this.admin('GET', '/delivery-times', () => ({ status: 200, body: deliveryTimes }));
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

const deliveryTimes: number[] = [];

function postJson(url: string, payload: unknown, timeoutMs: number): Promise<number> {
	return new Promise((resolve) => {
		const data = JSON.stringify(payload);
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), 'User-Agent': 'Eduframe-Webhooks' }, timeout: timeoutMs },
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			},
		);
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', () => resolve(0));
		request.end(data);
	});
}

/** The 91 event names of the OpenAPI file's WebhookEvent schema. */
export const WEBHOOK_EVENTS: string[] = [
	...['account', 'catalog_variant', 'category', 'course', 'course_location', 'course_variant', 'custom_field_option', 'custom_record', 'educator', 'enrollment', 'invoice', 'invoice_vat', 'label', 'lead', 'meeting_location', 'payment', 'product', 'program', 'program_edition', 'teacher', 'teacher_role']
		.flatMap((resource) => EVENTS_PER_RESOURCE.map((action) => `${resource}.${action}`)),
	'meeting.created', 'meeting.deleted', 'meeting.teacher_attendees_changed', 'meeting.updated',
	'order.approved', 'order.canceled', 'order.created', 'order.deleted', 'order.denied', 'order.updated',
	'planned_course.canceled', 'planned_course.created', 'planned_course.deleted', 'planned_course.teacher_attendees_changed', 'planned_course.updated',
	'planning_event.created', 'planning_event.deleted', 'planning_event.teacher_attendees_changed', 'planning_event.updated',
	'program_enrollment.cancel', 'program_enrollment.created', 'program_enrollment.graduation_revoked', 'program_enrollment.pass', 'program_enrollment.updated',
	'user.created', 'user.deleted', 'user.merged', 'user.updated',
];
