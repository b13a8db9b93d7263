import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { mentionsSecret, networkApiError, redactValue, vendorApiError } from './errors';
import { credentialKey, sharedPacer, steadyNow, VendorHoldTooLong, windowWithMargin } from './pacer';
import {
	backoffDelay,
	classifyNetworkError,
	isRead,
	accountCountFromHeaders,
	mayRetry,
	waitUntilFromHeaders,
	type NetworkFailure,
} from './retry';
import {
	DEFAULT_RETRY,
	type RetrySettings,
	type VendorProfile,
	type VendorRequestOptions,
	type VendorResponse,
} from './types';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** Tunables for tests and benchmarks; nodes use the defaults. */
export const transportSettings: { retry: RetrySettings; onRequest?: (info: { url: string; attempt: number }) => void } =
	{ retry: { ...DEFAULT_RETRY } };

function absoluteUrl(baseUrl: string, url: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
	return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function firstSegment(baseUrl: string, url: string): string {
	const path = absoluteUrl(baseUrl, url).slice(baseUrl.replace(/\/+$/, '').length);
	return (path.split('?')[0].split('/').filter(Boolean)[0] ?? '').toLowerCase();
}

/** Statuses that send a request on to another address (`Location`). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Refused before anything was sent: the vendor's name, what is wrong, what to do. */
function refusedBeforeSending(context: RequestContext, message: string, description: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description, itemIndex });
}

/**
 * The address a request goes to, checked before anything is sent: on the credential's own origin (an
 * address taken from an answer, such as a next-page link, may point anywhere), and without `.` or `..`
 * path segments (an ID of `..` would reach another of the vendor's paths).
 * `from`: where the address came from, for the message.
 */
export function checkedUrl(context: RequestContext, profile: VendorProfile, baseUrl: string, url: string, from: string, itemIndex?: number): string {
	const written = absoluteUrl(baseUrl, url);
	let target: URL;
	let base: URL;
	try {
		base = new URL(`${baseUrl.replace(/\/+$/, '')}/`);
	} catch {
		throw refusedBeforeSending(context, `${profile.name}: the base URL in the credential is not a web address`, 'Open the credential and enter the address as the vendor gives it, starting with https://.', itemIndex);
	}
	try {
		target = new URL(written);
	} catch {
		throw refusedBeforeSending(context, `${profile.name}: ${from} is not a web address`, 'Nothing was sent.', itemIndex);
	}
	if (target.origin !== base.origin) {
		throw refusedBeforeSending(
			context,
			`${profile.name}: ${from} points to another host (${target.origin}), not to ${base.origin}`,
			`Nothing was sent there: the node sends your ${profile.name} credential and data only to the address in the credential. If the credential's base URL is right, ${profile.name}'s answer is at fault; try again later or contact ${profile.name}.`,
			itemIndex,
		);
	}
	// `.` and `..` segments would be resolved away, reaching another of the vendor's paths.
	const path = written.slice(written.indexOf('//') + 2).replace(/^[^/?#]*/, '').split(/[?#]/)[0];
	if (path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) {
		throw refusedBeforeSending(
			context,
			`${profile.name}: ${from} has "." or ".." where a name or ID belongs (${path})`,
			'Nothing was sent: it would have reached another of the vendor\'s addresses. Check the fields that name records: an ID or name cannot be "." or "..".',
			itemIndex,
		);
	}
	return target.href;
}

/** "3 minutes", "11 days": a wait as a person reads it. */
function readableWait(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
	const hours = Math.round(minutes / 60);
	if (hours < 48) return `${hours} hours`;
	return `${Math.round(hours / 24)} days`;
}

/** The vendor asked for a wait longer than the node waits: the request stops here, and says until when. */
function waitTooLongError(context: RequestContext, profile: VendorProfile, until: number, maxWaitMs: number, itemIndex?: number): NodeOperationError {
	const wait = Math.max(0, until - Date.now());
	return new NodeOperationError(context.getNode(), `${profile.name} asks to wait ${readableWait(wait)} (until ${new Date(until).toISOString()}) before more requests with this key`, {
		description: `The node waits at most ${readableWait(maxWaitMs)} when ${profile.name} asks it to, so this request was stopped and nothing was changed by it. Run the workflow again after that time, or process fewer items per run.`,
		itemIndex,
	});
}

function toResponse(raw: unknown, binary: boolean, method = 'GET'): VendorResponse {
	const full = raw as { statusCode: number; headers?: Record<string, string>; body: unknown };
	const headers: VendorResponse['headers'] = {};
	for (const [key, value] of Object.entries(full.headers ?? {})) headers[key.toLowerCase()] = value;
	const response: VendorResponse = { statusCode: full.statusCode, headers, body: full.body };
	const contentType = String(headers['content-type'] ?? '');
	if (binary && full.statusCode < 300) {
		response.body = Buffer.isBuffer(full.body) ? full.body : Buffer.from(full.body as ArrayBuffer);
		return response;
	}
	let text: string | undefined;
	if (Buffer.isBuffer(full.body)) text = full.body.toString('utf8');
	else if (full.body instanceof ArrayBuffer) text = Buffer.from(full.body).toString('utf8');
	else if (typeof full.body === 'string') text = full.body;
	if (text === undefined) return response;
	const success = full.statusCode >= 200 && full.statusCode < 300;
	if (text.trim() === '') {
		response.body = undefined;
		// A read that succeeded with nothing in it is not the data it claims to be.
		if (success && isRead(method)) response.notJson = true;
		return response;
	}
	const looksJson = contentType.includes('json') || /^[[{]/.test(text.trim());
	if (!looksJson) {
		response.body = text;
		// Data was asked for (every request but a file download): a web page or notice on 2xx is not data.
		if (success) response.notJson = true;
		return response;
	}
	try {
		response.body = JSON.parse(text);
	} catch {
		response.body = text;
		response.malformed = true;
	}
	return response;
}

/**
 * The vendor's answer carried by an error n8n's helper threw (axios keeps it as `response`), if any.
 * A connection that timed out or broke while the body arrived is no answer, even when its status came.
 */
function responseFromError(error: unknown, binary: boolean, method?: string): VendorResponse | undefined {
	if (classifyNetworkError(error).kind === 'timeout') return undefined;
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { response?: { status?: number; headers?: Record<string, string>; data?: unknown }; cause?: unknown };
		if (candidate.response?.status) {
			return toResponse({ statusCode: candidate.response.status, headers: candidate.response.headers, body: candidate.response.data }, binary, method);
		}
		current = candidate.cause;
	}
	return undefined;
}

/** Repeats a request that answered 401 so that n8n's helper renews the token and retries it. */
async function renewAndRepeat(
	this: RequestContext,
	profile: VendorProfile,
	request: IHttpRequestOptions,
	binary: boolean,
): Promise<VendorResponse> {
	try {
		const raw = await this.helpers.httpRequestWithAuthentication.call(this, profile.credentialType, {
			...request,
			headers: { ...request.headers },
			qs: request.qs ? { ...request.qs } : undefined,
			ignoreHttpStatusErrors: false,
		});
		return toResponse(raw, binary, request.method);
	} catch (error) {
		// The renewed request failed too: report the vendor's answer when there is one.
		return responseFromError(error, binary, request.method) ?? { statusCode: 401, headers: {}, body: { Message: 'Authorization has been denied for this request.' } };
	}
}

/** Token renewals in progress or done, per credential: when each started and its outcome. */
const renewals = new Map<string, { startedAt: number; done: Promise<void> }>();

/**
 * A 401 on a credential whose token n8n renews: when another request already started a renewal
 * after this one was sent, wait for it and send again with the new token; otherwise renew (n8n's
 * pre-authentication) and repeat. Requests running side by side thus renew a token once, not once each.
 */
async function renewOnce(
	this: RequestContext,
	profile: VendorProfile,
	credentialId: string,
	request: IHttpRequestOptions,
	binary: boolean,
	sentAt: number,
): Promise<VendorResponse> {
	const last = renewals.get(credentialId);
	if (last && last.startedAt >= sentAt) {
		await last.done;
		try {
			const raw = await this.helpers.httpRequestWithAuthentication.call(this, profile.credentialType, {
				...request,
				headers: { ...request.headers },
				qs: request.qs ? { ...request.qs } : undefined,
			});
			const repeated = toResponse(raw, binary, request.method);
			if (repeated.statusCode !== 401) return repeated;
		} catch (error) {
			const answered = responseFromError(error, binary, request.method);
			if (answered && answered.statusCode !== 401) return answered;
		}
	}
	let finish: () => void = () => undefined;
	renewals.set(credentialId, { startedAt: steadyNow(), done: new Promise<void>((resolve) => (finish = resolve)) });
	try {
		return await renewAndRepeat.call(this, profile, request, binary);
	} finally {
		finish();
	}
}

/** The credential each node run has read, per credential type (see `credentialOncePerRun`). */
const credentialsRead = new WeakMap<object, Map<string, Promise<IDataObject>>>();

/**
 * Requests made with `context` read the credential once: n8n reads it from its database and decrypts
 * it each time it is asked, and its authenticated request helper does so again for every request.
 * For a node's run (the item router's context), which lasts one execution. A polling trigger's
 * context lasts as long as the workflow is active, so it reads the credential every time and follows
 * a credential edited meanwhile.
 */
export function credentialOncePerRun(context: object): void {
	if (!credentialsRead.has(context)) credentialsRead.set(context, new Map());
}

/** The credential; within a run, read once (after a token renewal `fresh` reads it again, so the renewed token is kept out of errors too). */
async function credentialsOf(context: RequestContext, type: string, fresh = false): Promise<IDataObject> {
	const byType = credentialsRead.get(context);
	if (!byType) return (await context.getCredentials(type)) as IDataObject;
	const remembered = fresh ? undefined : byType.get(type);
	if (remembered) return await remembered;
	const pending = context.getCredentials(type) as Promise<IDataObject>;
	byType.set(type, pending);
	// A failed read is not remembered: the next request asks again.
	pending.catch(() => byType.get(type) === pending && byType.delete(type));
	return await pending;
}

/**
 * Sends one request to a vendor through n8n's authenticated request helper, with pacing,
 * retries and error shaping. Returns the answer when it is a success (or an allowed status);
 * throws a NodeApiError otherwise (a NodeOperationError when it refused to send: another origin,
 * a path outside the API, a wait the vendor asked for that is longer than the node waits).
 *
 * Trust rules kept here for every vendor: the address is checked before anything is sent; redirects
 * are followed by this code, not n8n's (which would send the credential anywhere), and only on the
 * credential's origin; a wait from the vendor's headers is honoured up to `maxWaitMs` and never set
 * for longer; one request spends at most `maxWaitMs` on retries; an answer that is not data on a
 * success status is never a success; secrets are kept out of errors and of what is put out.
 */
export async function vendorRequest(
	this: RequestContext,
	profile: VendorProfile,
	options: VendorRequestOptions,
): Promise<VendorResponse> {
	const credentials = await credentialsOf(this, profile.credentialType);
	const baseUrl = profile.baseUrl(credentials);
	let secrets = profile.secrets(credentials);
	const policy = profile.rateLimit(credentials);
	const settings = transportSettings.retry;
	const absolute = /^[a-z][a-z0-9+.-]*:/i.test(options.url);
	const url = checkedUrl(this, profile, baseUrl, options.url, absolute ? `an address in ${profile.name}'s answer` : 'the address of this request', options.itemIndex);
	const scopeKey = policy.scope === 'endpoint' ? (options.endpointKey ?? firstSegment(baseUrl, url)) : '';
	const account = `${profile.name}:${credentialKey(baseUrl, ...(profile.identity?.(credentials) ?? secrets))}`;
	const pacerKey = `${account}:${scopeKey}`;
	const idempotent = options.idempotent === true;
	const binary = options.binary === true;
	/**
	 * Every secret, the token n8n may have obtained meanwhile included (read when an error is shaped,
	 * for a credential whose token n8n obtains: the token read before the first request may not exist yet).
	 */
	const allSecrets = async () => {
		if (!profile.renewOn401) return secrets;
		const fresh = await credentialsOf(this, profile.credentialType, true).catch(() => undefined);
		return fresh ? [...new Set([...secrets, ...profile.secrets(fresh)])] : secrets;
	};

	const request: IHttpRequestOptions = {
		method: options.method,
		url,
		qs: options.qs,
		headers: { ...profile.defaultHeaders, ...options.headers },
		json: true,
		encoding: binary ? 'arraybuffer' : 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		arrayFormat: 'repeat',
		// Redirects are this code's to follow (below): n8n's would carry the credential to any host.
		disableFollowRedirect: true,
		timeout: settings.timeoutMs,
	};
	if (options.body !== undefined && !isRead(options.method)) request.body = options.body;

	const started = steadyNow();
	let sentOnce = false;
	let redirects = 0;
	let lastFailure: { response?: VendorResponse; failure?: NetworkFailure } = {};
	for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
		const held = await sharedPacer.acquire(pacerKey, policy, settings.maxWaitMs).then(
			() => undefined,
			(error: unknown) => error,
		);
		if (held instanceof VendorHoldTooLong) throw waitTooLongError(this, profile, held.until, settings.maxWaitMs, options.itemIndex);
		if (held) throw new NodeOperationError(this.getNode(), held as Error, { itemIndex: options.itemIndex });
		const grant = sharedPacer.granted(pacerKey);
		transportSettings.onRequest?.({ url: request.url, attempt });
		let response: VendorResponse | undefined;
		let failure: NetworkFailure | undefined;
		const sentAt = steadyNow();
		try {
			const raw = await this.helpers.httpRequestWithAuthentication.call(
				this,
				profile.credentialType,
				// Each attempt gets its own copy: n8n's helpers add authentication to the object.
				{ ...request, headers: { ...request.headers }, qs: request.qs ? { ...request.qs } : undefined },
			);
			response = toResponse(raw, binary, request.method);
		} catch (error) {
			sharedPacer.settled(pacerKey, grant);
			// An error that carries an HTTP answer (e.g. the credential's token request was refused) is the vendor's word.
			const answered = responseFromError(error, binary, request.method);
			if (answered) throw vendorApiError(this.getNode(), profile, answered, await allSecrets(), options.itemIndex, options.hints);
			failure = classifyNetworkError(error);
			if (failure.kind === 'timeout') failure.afterMs = settings.timeoutMs;
			if (failure.kind === 'other' && !sentOnce) {
				// Not a network problem (bad credential configuration, invalid URL...): no point retrying.
				throw networkApiError(this.getNode(), profile, failure, await allSecrets(), options.itemIndex);
			}
		}
		sharedPacer.settled(pacerKey, grant);
		if (failure?.kind !== 'not-sent') sentOnce = true;
		lastFailure = { response, failure };

		if (response?.statusCode === 401 && profile.renewOn401) {
			// n8n renews an expirable token only when the request throws a 401: send it once more that
			// way (every n8n version honours this form), and take its answer.
			response = await renewOnce.call(this, profile, account, request, binary, sentAt);
			lastFailure = { response };
			// The renewed token is a secret too.
			secrets = await allSecrets();
		}
		if (response && REDIRECTS.has(response.statusCode)) {
			// Followed only on the credential's own origin, a few times, and a change only where the
			// vendor says to send it again unchanged (307, 308): otherwise it may have been made already.
			const location = String(response.headers.location ?? '');
			if (!location) break;
			const next = checkedUrl(this, profile, baseUrl, new URL(location, request.url).href, `the address ${profile.name} redirected this request to`, options.itemIndex);
			if (++redirects > settings.maxRedirects) break;
			if (!isRead(String(request.method)) && response.statusCode !== 307 && response.statusCode !== 308) break;
			request.url = next;
			attempt--;
			continue;
		}
		const vendorWait = response ? waitUntilFromHeaders(response, Date.now()) : undefined;
		const waitMs = vendorWait === undefined ? undefined : vendorWait - Date.now();
		// A wait the vendor asks for is honoured only up to what the node waits: a longer one holds nothing.
		const honoured = waitMs !== undefined && waitMs <= settings.maxWaitMs;
		if (response) {
			const count = accountCountFromHeaders(response, Date.now());
			// The vendor's count for the whole account (other processes' requests lower it too); a reset
			// further away than the vendor's own window cannot be true, and is not followed.
			if (count && count.resetAt - Date.now() <= windowWithMargin(policy) + 1000) {
				sharedPacer.observe(pacerKey, grant, { remaining: count.remaining, resetAt: steadyNow() + count.resetAt - Date.now() });
			}
			const overLimit = response.statusCode === 429 || (response.statusCode === 503 && vendorWait !== undefined);
			if (overLimit) sharedPacer.refused(pacerKey, policy);
			if (honoured && (overLimit || Number(response.headers['x-ratelimit-remaining']) <= 0)) {
				// The vendor's time is on the wall clock; the pacer counts on its own steady one.
				sharedPacer.blockFor(pacerKey, waitMs);
			}
			const ok = response.statusCode >= 200 && response.statusCode < 300 && !response.malformed && !response.notJson &&
				!profile.isErrorBody?.(response.body, response.statusCode);
			if (ok || options.allowStatuses?.includes(response.statusCode)) {
				// An answer that repeats a secret is put out without it.
				if (!binary && mentionsSecret(response.body, secrets)) response.body = redactValue(response.body, secrets, false);
				return response;
			}
			if (overLimit && vendorWait !== undefined && !honoured) throw waitTooLongError(this, profile, vendorWait, settings.maxWaitMs, options.itemIndex);
		}

		const retry =
			attempt < settings.maxAttempts &&
			mayRetry(profile, request.method ?? options.method, idempotent, lastFailure) &&
			// One request spends at most what the node waits on its retries.
			steadyNow() - started < settings.maxWaitMs;
		if (!retry) break;
		if (vendorWait === undefined) await sleep(backoffDelay(attempt, settings));
		// With a vendor wait the pacer holds the next attempt until the vendor's time has come.
	}

	const write = !isRead(String(request.method)) && !idempotent;
	if (lastFailure.response) {
		const answer = lastFailure.response;
		// A redirect not followed, or a success status whose body is not data, does not say whether a change was made.
		const uncertain = !isRead(String(request.method)) && (REDIRECTS.has(answer.statusCode) || (answer.statusCode < 300 && (answer.malformed === true || answer.notJson === true)));
		throw vendorApiError(this.getNode(), profile, answer, await allSecrets(), options.itemIndex, options.hints, uncertain);
	}
	throw networkApiError(
		this.getNode(),
		profile,
		lastFailure.failure ?? { kind: 'other', message: 'no answer' },
		await allSecrets(),
		options.itemIndex,
		sentOnce && write,
	);
}
