import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Kinds of trouble the fault switch can inject. */
export type FaultKind = 'rate-limit' | 'unavailable' | 'server-error' | 'slow' | 'drop' | 'malformed';

export interface FaultConfig {
	/** Share of vendor requests (0..1) that get a fault. */
	rate: number;
	/** Which faults to draw from (equally likely). */
	kinds: FaultKind[];
	/** How long a `slow` answer is held back. */
	slowMs?: number;
	/** Only requests whose "METHOD /path" matches. */
	match?: string;
}

export interface SandboxRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** Parsed JSON or form body (undefined when empty or unparsable: see `bodyError`). */
	body: unknown;
	bodyError?: string;
	params: Record<string, string>;
	/** The sandbox's own base URL (for links). */
	origin: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/**
 * What a hostile test makes of a request (test/harness/hostile.ts): an answer of its own instead of
 * the vendor's (`before`: the vendor never sees the request; `after`: the vendor carried it out and
 * this replaces its answer), `'hang'` (headers and part of a body are sent, then nothing more), or
 * undefined to leave the vendor's own answer.
 */
export type Tamper = (request: SandboxRequest, answer?: SandboxResponse) => SandboxResponse | 'hang' | undefined | Promise<SandboxResponse | 'hang' | undefined>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export interface SandboxStats {
	requests: number;
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
	faults: Record<string, number>;
	rateLimited: number;
	/** The most API requests that were open at the same moment (pages read side by side show here). */
	mostAtOnce: number;
}

/** A deterministic pseudo-random generator (mulberry32), so seeds and faults repeat. */
export function randomGenerator(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A small HTTP server for one imitated vendor: routing, body parsing, request counting,
 * per-request latency and the fault switch. It listens on 127.0.0.1 only.
 * Control endpoints live under `/__sandbox/` and are not counted as vendor requests.
 */
export class SandboxServer {
	readonly stats: SandboxStats = { requests: 0, byRoute: {}, byStatus: {}, faults: {}, rateLimited: 0, mostAtOnce: 0 };
	/** The last 500 requests as "METHOD /path?query" (decoded), newest last. */
	readonly recent: string[] = [];
	/** The bodies of the last 100 requests that carried one, as sent, newest last (tests of what a node sends). */
	readonly recentBodies: Array<{ request: string; body: unknown }> = [];
	latencyMs = 0;
	/** API requests open now. */
	private open = 0;
	faults: FaultConfig = { rate: 0, kinds: [] };
	/** Hostile tests only: see `Tamper`. */
	tamper: { before?: Tamper; after?: Tamper } = {};
	private readonly routes: Route[] = [];
	private readonly adminRoutes: Route[] = [];
	private server?: http.Server;
	private faultRandom = randomGenerator(42);
	private readonly sockets = new Set<import('node:net').Socket>();
	port = 0;

	constructor(
		readonly name: string,
		/** Path prefix of the API below the origin (e.g. `/api/v1`). */
		readonly prefix: string,
		/** Builds the vendor's own answer for an injected fault. */
		private readonly faultAnswer: (kind: 'rate-limit' | 'unavailable' | 'server-error') => SandboxResponse,
	) {
		this.admin('GET', '/stats', () => ({ status: 200, body: this.stats }));
		this.admin('POST', '/stats/reset', () => {
			this.resetStats();
			return { status: 200, body: { ok: true } };
		});
		this.admin('POST', '/faults', (request) => {
			const body = (request.body ?? {}) as Partial<FaultConfig> & { seed?: number };
			this.setFaults({ rate: Number(body.rate ?? 0), kinds: body.kinds ?? [], slowMs: body.slowMs, match: body.match });
			if (body.seed !== undefined) this.faultRandom = randomGenerator(body.seed);
			return { status: 200, body: this.faults };
		});
		this.admin('POST', '/latency', (request) => {
			this.latencyMs = Number((request.body as { ms?: number })?.ms ?? 0);
			return { status: 200, body: { ms: this.latencyMs } };
		});
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The base URL a client configures (origin + API prefix). */
	get baseUrl(): string {
		return `${this.origin}${this.prefix}`;
	}

	route(method: string, path: string, handler: Handler): void {
		this.routes.push(compile(method, this.prefix + path, handler));
	}

	admin(method: string, path: string, handler: Handler): void {
		this.adminRoutes.push(compile(method, '/__sandbox' + path, handler));
	}

	/** `POST /__sandbox/rate-limit {limit?, windowMs?}`: sets the vendor's limit for a test and starts a fresh window. */
	rateLimitAdmin(limiter: WindowLimiter): void {
		this.admin('POST', '/rate-limit', (request) => {
			const body = (request.body ?? {}) as { limit?: number; windowMs?: number };
			if (body.limit) limiter.limit = body.limit;
			if (body.windowMs) limiter.windowMs = body.windowMs;
			limiter.reset();
			return { status: 200, body: { limit: limiter.limit, windowMs: limiter.windowMs } };
		});
	}

	setFaults(faults: FaultConfig): void {
		this.faults = { ...faults, kinds: [...faults.kinds] };
	}

	resetStats(): void {
		Object.assign(this.stats, { requests: 0, byRoute: {}, byStatus: {}, faults: {}, rateLimited: 0, mostAtOnce: 0 });
		this.recent.length = 0;
		this.recentBodies.length = 0;
	}

	async start(port = 0): Promise<this> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, '127.0.0.1', () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', this.origin);
		const method = (req.method ?? 'GET').toUpperCase();
		const request: SandboxRequest = {
			method,
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			body: undefined,
			params: {},
			origin: this.origin,
		};
		if (rawBody) {
			const type = String(req.headers['content-type'] ?? '');
			if (type.includes('application/x-www-form-urlencoded')) {
				request.body = Object.fromEntries(new URLSearchParams(rawBody));
			} else {
				try {
					request.body = JSON.parse(rawBody);
				} catch (error) {
					request.bodyError = (error as Error).message;
				}
			}
		}

		const admin = match(this.adminRoutes, method, url.pathname);
		if (admin) {
			request.params = admin.params;
			return send(res, await admin.route.handler(request));
		}

		this.stats.requests++;
		this.open++;
		this.stats.mostAtOnce = Math.max(this.stats.mostAtOnce, this.open);
		res.once('close', () => this.open--);
		this.recent.push(`${method} ${url.pathname}${url.search ? `?${[...url.searchParams].map(([key, value]) => `${key}=${value}`).join('&')}` : ''}`);
		if (this.recent.length > 500) this.recent.shift();
		if (request.body !== undefined) {
			this.recentBodies.push({ request: `${method} ${url.pathname}`, body: request.body });
			if (this.recentBodies.length > 100) this.recentBodies.shift();
		}
		const found = match(this.routes, method, url.pathname);
		const label = found ? `${method} ${found.label}` : `${method} ${url.pathname}`;
		this.stats.byRoute[label] = (this.stats.byRoute[label] ?? 0) + 1;
		if (this.latencyMs > 0) await delay(this.latencyMs);

		const fault = this.drawFault(`${method} ${url.pathname}`);
		if (fault) this.stats.faults[fault] = (this.stats.faults[fault] ?? 0) + 1;
		// Throttling and unavailability reject the request before it is processed.
		if (fault === 'rate-limit' || fault === 'unavailable') return this.finish(res, this.faultAnswer(fault));
		if (fault === 'slow') await delay(this.faults.slowMs ?? 1500);

		const early = await this.tamper.before?.(request);
		if (early) return this.finishTampered(res, early);
		let answer: SandboxResponse;
		if (!found) {
			answer = { status: 404, body: { message: `No route for ${method} ${url.pathname}` } };
		} else {
			request.params = found.params;
			try {
				answer = await found.route.handler(request);
			} catch (error) {
				answer = { status: 500, body: { message: (error as Error).message } };
			}
		}
		// The worst case for the other faults: the request was processed, but the answer is lost or garbled.
		if (fault === 'drop') {
			req.socket.destroy();
			return;
		}
		const late = await this.tamper.after?.(request, answer);
		if (late) return this.finishTampered(res, late);
		if (fault === 'server-error') return this.finish(res, this.faultAnswer(fault));
		if (fault === 'malformed') {
			res.writeHead(answer.status < 300 ? answer.status : 200, { 'Content-Type': 'application/json' });
			res.end('{"data": [{"id": 1, "name": "trunc');
			this.count(answer.status < 300 ? answer.status : 200);
			return;
		}
		return this.finish(res, answer);
	}

	private finishTampered(res: http.ServerResponse, answer: SandboxResponse | 'hang') {
		if (answer !== 'hang') return this.finish(res, answer);
		// An answer whose body never finishes: the status and the start of a body, then silence.
		this.count(200);
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.write('{"data": [');
	}

	private finish(res: http.ServerResponse, answer: SandboxResponse) {
		this.count(answer.status);
		send(res, answer);
	}

	private count(status: number) {
		this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
		if (status === 429) this.stats.rateLimited++;
	}

	private drawFault(signature: string): FaultKind | undefined {
		const { rate, kinds, match: only } = this.faults;
		if (!rate || kinds.length === 0) return undefined;
		if (only && !new RegExp(only).test(signature)) return undefined;
		if (this.faultRandom() >= rate) return undefined;
		return kinds[Math.floor(this.faultRandom() * kinds.length)];
	}
}

function compile(method: string, path: string, handler: Handler): Route {
	const keys: string[] = [];
	const source = path
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { method, pattern: new RegExp(`^${source}/?$`), keys, handler };
}

function match(routes: Route[], method: string, path: string) {
	for (const route of routes) {
		if (route.method !== method) continue;
		const found = route.pattern.exec(path);
		if (!found) continue;
		const params: Record<string, string> = {};
		route.keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
		const label = route.pattern.source.replace(/\(\[\^\/\]\+\)/g, ':id').replace(/\\/g, '').replace(/^\^|\/\?\$$/g, '');
		return { route, params, label };
	}
	return undefined;
}

function send(res: http.ServerResponse, answer: SandboxResponse) {
	const headers: Record<string, string> = { ...answer.headers };
	let payload = '';
	if (answer.body !== undefined) {
		if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) {
			payload = answer.body as string;
		} else {
			payload = JSON.stringify(answer.body);
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json; charset=utf-8';
		}
	}
	res.writeHead(answer.status, headers);
	res.end(payload);
}

/** A fixed-window counter per key: `limit` requests per `windowMs`. */
export class WindowLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(
		public limit: number,
		public windowMs: number,
	) {}

	/** Counts one request; tells whether it is allowed and when the window resets. */
	hit(key: string, now = Date.now()): { allowed: boolean; remaining: number; resetAt: number } {
		let window = this.windows.get(key);
		// A clock set back (a test placing it at another instant) starts a new window too.
		if (!window || now - window.start >= this.windowMs || now < window.start) {
			window = { start: now, count: 0 };
			this.windows.set(key, window);
		}
		const resetAt = window.start + this.windowMs;
		if (window.count >= this.limit) return { allowed: false, remaining: 0, resetAt };
		window.count++;
		return { allowed: true, remaining: this.limit - window.count, resetAt };
	}

	reset(): void {
		this.windows.clear();
	}
}

/** Options every vendor sandbox takes. */
export interface VendorSandboxOptions {
	/** Multiplies every rate-limit window (0.01 turns 5 minutes into 3 seconds). Default 1. */
	rateLimitScale?: number;
	latencyMs?: number;
	seed?: number;
}
