import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NetworkFailure } from './retry';
import type { VendorErrorDetails, VendorProfile, VendorResponse } from './types';

const GENERIC_HINTS: Record<number, string> = {
	400: 'Check the values in the node: the vendor rejected one of them.',
	401: 'The credential was refused. Open the credential, check the API key (or user name and password) and the base URL, then test it.',
	403: 'The credential is valid but may not do this. Ask the vendor or your administrator for the permission this operation needs.',
	404: 'Nothing exists at this ID. Check the ID (or pick the record from the list) and that the credential belongs to the right account.',
	409: 'The record changed or already exists. Fetch it again and retry with current values.',
	415: 'The request was sent in a format the vendor does not accept.',
	422: 'The vendor rejected the values. Correct the fields named above.',
	429: 'The vendor is limiting how fast requests are sent. Wait a few minutes or process fewer items per run.',
	500: 'The vendor had an internal error. Try again later; if it persists, contact the vendor with the time of the error.',
	502: 'The vendor could not be reached through its gateway. Try again later.',
	503: 'The vendor is unavailable or limiting requests. Try again later.',
	504: 'The vendor took too long to answer. Try again later or request less data at once.',
};

/** Keys whose values are credentials wherever they appear in an answer (a vendor echoing a request's headers). */
const SECRET_KEYS = /^(authorization|proxy-authorization|x-api-key|api[-_]?key|password|passwd|access[-_]?token|refresh[-_]?token|session[-_]?token|client[-_]?secret|token)$/i;
/** A bearer or basic credential written out in a text (`Authorization: Bearer …`). */
const AUTHORIZATION_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi;
/** The shortest run of a secret's characters that counts as the secret cut short. */
const FRAGMENT = 8;

function escapeForPattern(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The base64 characters that only the secret decides, wherever it stands in an encoded text (after
 * `Bearer `, or as `user:password` in HTTP Basic): one run for each of the three alignments to base64's
 * 3-byte groups, without the groups it shares with what comes before or after.
 */
function base64Cores(secret: string): string[] {
	const cores: string[] = [];
	for (const shift of [0, 1, 2]) {
		const encoded = Buffer.from(`${'\u0000'.repeat(shift)}${secret}`, 'utf8').toString('base64');
		const core = encoded.slice(shift === 0 ? 0 : 4, encoded.length - 4);
		if (core.length >= FRAGMENT) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/** The forms a secret may be echoed in: as it is, URL-encoded, and base64 (alone or inside an encoded text, standard or URL-safe). */
function secretForms(secret: string): string[] {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const forms = [secret, encodeURIComponent(secret), base64, base64.replace(/=+$/, ''), base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), ...base64Cores(secret)];
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * Ranges of `text` that hold at least `FRAGMENT` characters of `secret` in a row (an echo cut short,
 * or one inside other text), found with the secret's runs of `FRAGMENT` characters. Only runs with
 * both a letter and a digit count: they are key material, where a run of letters may be a word the
 * secret happens to share with a message ("password", "educator").
 */
function fragmentRanges(text: string, secret: string): Array<[number, number]> {
	if (secret.length <= FRAGMENT || text.length < FRAGMENT) return [];
	const runs = new Set<string>();
	for (let start = 0; start + FRAGMENT <= secret.length; start++) {
		const run = secret.slice(start, start + FRAGMENT);
		if (/[0-9]/.test(run) && /[A-Za-z]/.test(run)) runs.add(run);
	}
	if (runs.size === 0) return [];
	const ranges: Array<[number, number]> = [];
	for (let start = 0; start + FRAGMENT <= text.length; start++) {
		if (!runs.has(text.slice(start, start + FRAGMENT))) continue;
		const last = ranges[ranges.length - 1];
		if (last && start <= last[1]) last[1] = start + FRAGMENT;
		else ranges.push([start, start + FRAGMENT]);
	}
	return ranges;
}

/**
 * Replaces every secret in `text` with `***`: as it is, URL-encoded, in base64, cut short (any
 * `FRAGMENT` characters of it in a row), and any bearer or basic credential written out. A secret
 * too short to search for inside words (under 4 characters) is replaced where it stands alone.
 */
export function redact(text: string, secrets: string[]): string {
	let result = text.replace(AUTHORIZATION_VALUE, (_match, scheme: string) => `${scheme} ***`);
	for (const secret of secrets) {
		if (!secret) continue;
		if (secret.length < 4) {
			result = result.replace(new RegExp(`(^|[^A-Za-z0-9])${escapeForPattern(secret)}(?=$|[^A-Za-z0-9])`, 'g'), '$1***');
			continue;
		}
		for (const form of secretForms(secret)) result = result.split(form).join('***');
		const ranges = fragmentRanges(result, secret);
		for (const [start, end] of ranges.reverse()) result = `${result.slice(0, start)}***${result.slice(end)}`;
	}
	return result;
}

/**
 * Deep copy of a JSON value with every string redacted and, with `keys` (error bodies), the values of
 * credential-named keys (`Authorization`, `password`, `access_token`…) hidden.
 */
export function redactValue<T>(value: T, secrets: string[], keys = true): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets, keys)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) {
			copy[key] = keys && SECRET_KEYS.test(key) && entry !== null && entry !== undefined && entry !== '' ? '***' : redactValue(entry, secrets, keys);
		}
		return copy as T;
	}
	return value;
}

/**
 * Whether a vendor's successful answer repeats a secret as it is, URL-encoded or in base64 (checked on
 * every answer before it becomes output; cheap, because a string search over the text is all it takes).
 */
export function mentionsSecret(value: unknown, secrets: string[]): boolean {
	if (value === undefined || value === null || Buffer.isBuffer(value)) return false;
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	if (AUTHORIZATION_VALUE.test(text)) {
		AUTHORIZATION_VALUE.lastIndex = 0;
		return true;
	}
	return secrets.some((secret) => secret.length >= 4 && secretForms(secret).some((form) => text.includes(form)));
}

function fieldLines(details: VendorErrorDetails): string[] {
	if (!details.fields) return [];
	return Object.entries(details.fields).map(([field, messages]) => `${field}: ${messages.join('; ')}`);
}

/** What the answer was instead of data, when it was not data. */
function notDataMessage(profile: VendorProfile, response: VendorResponse): string | undefined {
	if (response.statusCode >= 300 && response.statusCode < 400) {
		return `${profile.name} sent this request on to another address (HTTP ${response.statusCode}), which the node does not follow here`;
	}
	if (response.malformed) return `${profile.name} sent an answer that is not valid JSON (HTTP ${response.statusCode})`;
	if (!response.notJson) return undefined;
	const page = /<\s*(!doctype|html|head|body)\b/i.test(String(response.body ?? ''));
	return `${profile.name} answered with ${page ? 'a web page' : 'text'} instead of data (HTTP ${response.statusCode})`;
}

const NOT_DATA_HINT =
	'The vendor may be down for maintenance, or the base URL in the credential may point at a website instead of the API. Check the base URL, or try again later.';

const REDIRECT_HINT =
	'The node follows a redirect only on the address in the credential, up to 5 times, and for a change only when the vendor asks for it to be sent again unchanged (307, 308). Check the base URL in the credential.';

/** What a write whose answer says nothing certain adds to its hint. */
export const MAY_HAVE_BEEN_DONE = 'The change may have been made: check in the vendor before running the workflow again.';

/**
 * Turns a vendor's error answer into an n8n error with the vendor's words and a hint. `uncertainWrite`:
 * the request was a write and the answer does not say whether it was carried out (a web page or garbled
 * body on a success status), so the error says it may have been.
 */
export function vendorApiError(
	node: INode,
	profile: VendorProfile,
	response: VendorResponse,
	secrets: string[],
	itemIndex?: number,
	hints: Record<string, string> = {},
	uncertainWrite = false,
): NodeApiError {
	const notData = notDataMessage(profile, response);
	const details: VendorErrorDetails = (notData ? undefined : profile.parseError(response.body, response.statusCode)) ?? {
		message: notData ?? `${profile.name} answered HTTP ${response.statusCode}`,
	};
	const fields = fieldLines(details);
	let message = `${profile.name}: ${details.message}`;
	if (fields.length === 1 && !details.message.includes(fields[0])) message += ` (${fields[0]})`;
	// The operation's words for the cause the vendor gave come first, then the vendor profile's own.
	const redirect = response.statusCode >= 300 && response.statusCode < 400;
	const hint =
		(redirect ? REDIRECT_HINT : undefined) ??
		(notData ? NOT_DATA_HINT : undefined) ??
		(details.reason ? hints[details.reason] : undefined) ??
		details.hint ??
		hints[String(response.statusCode)] ??
		profile.hints?.[response.statusCode] ??
		GENERIC_HINTS[response.statusCode] ??
		'';
	// The vendor's words are redacted; the hints are ours.
	const description = [fields.length > 1 ? redact(fields.join('\n'), secrets) : '', hint, uncertainWrite ? MAY_HAVE_BEEN_DONE : ''].filter(Boolean).join('\n');
	const error = new NodeApiError(
		node,
		redactValue(
			{ statusCode: response.statusCode, body: (response.body ?? null) as JsonObject } as JsonObject,
			secrets,
		),
		{
			message: redact(message, secrets),
			description,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
	// Keep the message we built: NodeApiError may replace it with a generic text per status code.
	error.message = redact(message, secrets);
	error.description = description || null;
	return error;
}

/** An error for a request that never got an answer. */
export function networkApiError(
	node: INode,
	profile: VendorProfile,
	failure: NetworkFailure,
	secrets: string[],
	itemIndex?: number,
	sentOnce = false,
): NodeApiError {
	const what =
		failure.kind === 'not-sent'
			? `could not connect to ${profile.name}`
			: failure.kind === 'timeout'
				? `${profile.name} stopped answering (nothing arrived for ${Math.round((failure.afterMs ?? 0) / 1000)} s)`
				: failure.kind === 'dropped'
					? `the connection to ${profile.name} was lost before it answered`
					: `the request could not be sent (${failure.message || 'unknown reason'})`;
	const hint =
		failure.kind === 'not-sent' || failure.kind === 'other'
			? 'Check the base URL in the credential and that this n8n can reach it.'
			: sentOnce
				? 'The request may have been carried out. It was not repeated so nothing is done twice: check in the vendor before running again.'
				: 'Try again later.';
	const message = redact(`${profile.name}: ${what}${failure.code ? ` (${failure.code})` : ''}`, secrets);
	const error = new NodeApiError(
		node,
		{ message: redact(failure.message, secrets), code: failure.code ?? null } as JsonObject,
		{ message, description: hint, itemIndex },
	);
	error.message = message;
	error.description = hint;
	return error;
}
