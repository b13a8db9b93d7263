import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { networkApiError, vendorApiError } from './errors';
import { credentialKey, sharedPacer, steadyNow } from './pacer';
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
	if (/^https?:\/\//i.test(url)) return url;
	return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function firstSegment(baseUrl: string, url: string): string {
	const path = absoluteUrl(baseUrl, url).slice(baseUrl.replace(/\/+$/, '').length);
	return (path.split('?')[0].split('/').filter(Boolean)[0] ?? '').toLowerCase();
}

function toResponse(raw: unknown, binary: boolean): VendorResponse {
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
	if (text.trim() === '') {
		response.body = undefined;
		return response;
	}
	const looksJson = contentType.includes('json') || /^[[{]/.test(text.trim());
	if (!looksJson) {
		response.body = text;
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

/** The vendor's answer carried by an error n8n's helper threw (axios keeps it as `response`), if any. */
function responseFromError(error: unknown, binary: boolean): VendorResponse | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { response?: { status?: number; headers?: Record<string, string>; data?: unknown }; cause?: unknown };
		if (candidate.response?.status) {
			return toResponse({ statusCode: candidate.response.status, headers: candidate.response.headers, body: candidate.response.data }, binary);
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
		return toResponse(raw, binary);
	} catch (error) {
		// The renewed request failed too: report the vendor's answer when there is one.
		return responseFromError(error, binary) ?? { statusCode: 401, headers: {}, body: { Message: 'Authorization has been denied for this request.' } };
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
			const repeated = toResponse(raw, binary);
			if (repeated.statusCode !== 401) return repeated;
		} catch (error) {
			const answered = responseFromError(error, binary);
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
 * throws a NodeApiError otherwise.
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
	const scopeKey = policy.scope === 'endpoint' ? (options.endpointKey ?? firstSegment(baseUrl, options.url)) : '';
	const account = `${profile.name}:${credentialKey(baseUrl, ...(profile.identity?.(credentials) ?? secrets))}`;
	const pacerKey = `${account}:${scopeKey}`;
	const settings = transportSettings.retry;
	const url = absoluteUrl(baseUrl, options.url);
	const idempotent = options.idempotent === true;

	const request: IHttpRequestOptions = {
		method: options.method,
		url,
		qs: options.qs,
		headers: { ...profile.defaultHeaders, ...options.headers },
		json: true,
		encoding: options.binary ? 'arraybuffer' : 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		arrayFormat: 'repeat',
	};
	if (options.body !== undefined && !isRead(options.method)) request.body = options.body;

	let sentOnce = false;
	let lastFailure: { response?: VendorResponse; failure?: NetworkFailure } = {};
	for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
		await sharedPacer.acquire(pacerKey, policy);
		const grant = sharedPacer.granted(pacerKey);
		transportSettings.onRequest?.({ url, attempt });
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
			response = toResponse(raw, options.binary === true);
		} catch (error) {
			sharedPacer.settled(pacerKey, grant);
			// An error that carries an HTTP answer (e.g. the credential's token request was refused) is the vendor's word.
			const answered = responseFromError(error, options.binary === true);
			if (answered) throw vendorApiError(this.getNode(), profile, answered, secrets, options.itemIndex, options.hints);
			failure = classifyNetworkError(error);
			if (failure.kind === 'other' && !sentOnce) {
				// Not a network problem (bad credential configuration, invalid URL...): no point retrying.
				throw networkApiError(this.getNode(), profile, failure, secrets, options.itemIndex);
			}
		}
		sharedPacer.settled(pacerKey, grant);
		if (failure?.kind !== 'not-sent') sentOnce = true;
		lastFailure = { response, failure };

		if (response?.statusCode === 401 && profile.renewOn401) {
			// n8n renews an expirable token only when the request throws a 401: send it once more that
			// way (every n8n version honours this form), and take its answer.
			response = await renewOnce.call(this, profile, account, request, options.binary === true, sentAt);
			lastFailure = { response };
			// The renewed token is a secret too.
			const renewed = await credentialsOf(this, profile.credentialType, true).catch(() => undefined);
			if (renewed) secrets = [...secrets, ...profile.secrets(renewed)];
		}
		const vendorWait = response ? waitUntilFromHeaders(response, Date.now()) : undefined;
		if (response) {
			const count = accountCountFromHeaders(response, Date.now());
			// The vendor's count for the whole account (other processes' requests lower it too).
			if (count) sharedPacer.observe(pacerKey, grant, { remaining: count.remaining, resetAt: steadyNow() + count.resetAt - Date.now() });
			const overLimit = response.statusCode === 429 || (response.statusCode === 503 && vendorWait !== undefined);
			if (overLimit) sharedPacer.refused(pacerKey, policy);
			if (vendorWait !== undefined && (overLimit || Number(response.headers['x-ratelimit-remaining']) <= 0)) {
				// The vendor's time is on the wall clock; the pacer counts on its own steady one.
				sharedPacer.blockFor(pacerKey, vendorWait - Date.now());
			}
			const ok = response.statusCode >= 200 && response.statusCode < 300 && !response.malformed &&
				!profile.isErrorBody?.(response.body, response.statusCode);
			if (ok || options.allowStatuses?.includes(response.statusCode)) return response;
		}

		const retry = attempt < settings.maxAttempts && mayRetry(profile, options.method, idempotent, lastFailure);
		if (!retry) break;
		if (vendorWait !== undefined && vendorWait - Date.now() > settings.maxWaitMs) break;
		if (vendorWait === undefined) await sleep(backoffDelay(attempt, settings));
		// With a vendor wait the pacer holds the next attempt until the vendor's time has come.
	}

	if (lastFailure.response) {
		throw vendorApiError(this.getNode(), profile, lastFailure.response, secrets, options.itemIndex, options.hints);
	}
	throw networkApiError(
		this.getNode(),
		profile,
		lastFailure.failure ?? { kind: 'other', message: 'no answer' },
		secrets,
		options.itemIndex,
		sentOnce && !isRead(options.method) && !idempotent,
	);
}
