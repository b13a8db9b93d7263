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

/** Replaces every secret (and its URL-encoded form) in `text` with `***`. */
export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			result = result.split(form).join('***');
		}
	}
	return result;
}

/** Deep copy of a JSON value with every string redacted. */
export function redactValue<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactValue(entry, secrets);
		return copy as T;
	}
	return value;
}

function fieldLines(details: VendorErrorDetails): string[] {
	if (!details.fields) return [];
	return Object.entries(details.fields).map(([field, messages]) => `${field}: ${messages.join('; ')}`);
}

/** Turns a vendor's error answer into an n8n error with the vendor's words and a hint. */
export function vendorApiError(
	node: INode,
	profile: VendorProfile,
	response: VendorResponse,
	secrets: string[],
	itemIndex?: number,
	hints: Record<string, string> = {},
): NodeApiError {
	const details: VendorErrorDetails = profile.parseError(response.body, response.statusCode) ?? {
		message: response.malformed
			? `${profile.name} sent an answer that is not valid JSON (HTTP ${response.statusCode})`
			: `${profile.name} answered HTTP ${response.statusCode}`,
	};
	const fields = fieldLines(details);
	let message = `${profile.name}: ${details.message}`;
	if (fields.length === 1 && !details.message.includes(fields[0])) message += ` (${fields[0]})`;
	// The operation's words for the cause the vendor gave come first, then the vendor profile's own.
	const hint =
		(details.reason ? hints[details.reason] : undefined) ??
		details.hint ??
		hints[String(response.statusCode)] ??
		profile.hints?.[response.statusCode] ??
		GENERIC_HINTS[response.statusCode] ??
		'';
	const description = [fields.length > 1 ? fields.join('\n') : '', hint].filter(Boolean).join('\n');
	const error = new NodeApiError(
		node,
		redactValue(
			{ statusCode: response.statusCode, body: (response.body ?? null) as JsonObject } as JsonObject,
			secrets,
		),
		{
			message: redact(message, secrets),
			description: redact(description, secrets),
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
	// Keep the message we built: NodeApiError may replace it with a generic text per status code.
	error.message = redact(message, secrets);
	error.description = redact(description, secrets) || null;
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
			: `the connection to ${profile.name} was lost before it answered`;
	const hint =
		failure.kind === 'not-sent'
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
