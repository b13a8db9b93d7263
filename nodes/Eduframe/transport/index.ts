import type { IDataObject } from 'n8n-workflow';

import { linkHeaderPagination } from '../../shared/transport/paginate';
import { rateLimitFromCredential } from '../../shared/transport/pacer';
import type { VendorErrorDetails, VendorProfile } from '../../shared/transport/types';

/** Eduframe's error body: `{"errors": {...}, "code": <status>, "message": "..."}`. */
function parseEduframeError(body: unknown, statusCode: number): VendorErrorDetails | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return typeof body === 'string' && body.trim() && statusCode >= 400
			? { message: body.trim().slice(0, 300) }
			: undefined;
	}
	const error = body as { errors?: unknown; code?: unknown; message?: unknown };
	if (error.message === undefined && error.errors === undefined) return undefined;
	const fields: Record<string, string[]> = {};
	if (error.errors && typeof error.errors === 'object' && !Array.isArray(error.errors)) {
		for (const [field, messages] of Object.entries(error.errors as IDataObject)) {
			fields[field] = (Array.isArray(messages) ? messages : [messages]).map(String);
		}
	}
	const message = typeof error.message === 'string' && error.message ? error.message : `HTTP ${statusCode}`;
	return {
		message,
		fields: Object.keys(fields).length ? fields : undefined,
		code: typeof error.code === 'number' ? error.code : undefined,
		...refusal(statusCode, message, fields),
	};
}

/**
 * Why Eduframe refused, when its answer says: a feature of Eduframe that is not switched on for
 * this account, or a scope the API key lacks. Operations explain each in their own words.
 */
function refusal(statusCode: number, message: string, fields: Record<string, string[]>): Pick<VendorErrorDetails, 'reason' | 'hint'> {
	if (statusCode !== 403 && statusCode !== 404) return {};
	const text = [message, ...Object.keys(fields), ...Object.values(fields).flat()].join(' ');
	if ('feature' in fields || /feature[^.]*\b(not|isn'?t)\s+(enabled|active|available)|feature[^.]*disabled/i.test(text)) {
		return { reason: 'feature', hint: 'This needs a feature of Eduframe that is not switched on for your Eduframe. Ask Eduframe support (support@eduframe.nl) to enable it.' };
	}
	if (statusCode === 403 && ('scope' in fields || /\bscopes?\b|insufficient[_ ]scope/i.test(text))) {
		return { reason: 'scope', hint: 'Your Eduframe API key lacks a permission (scope) this needs. An Eduframe administrator can give the key that scope, or make a new key with it; then paste it into the "Eduframe API" credential.' };
	}
	return {};
}

/** The zone of Eduframe's days (a Dutch platform; its educators' `time_zone` is Europe/Amsterdam). */
export const EDUFRAME_TIME_ZONE = 'Europe/Amsterdam';

export const eduframeProfile: VendorProfile = {
	name: 'Eduframe',
	credentialType: 'eduframeApi',
	baseUrl: (credentials) =>
		String(credentials.baseUrl || 'https://api.eduframe.nl/api/v1').trim().replace(/\/+$/, ''),
	rateLimit: (credentials) => rateLimitFromCredential(credentials, { limit: 500, windowSeconds: 300, scope: 'token' }),
	secrets: (credentials) => [String(credentials.apiKey ?? '')],
	parseError: parseEduframeError,
	// The OpenAPI file documents 200 answers whose body is the error shape (POST /users, /orders, /leads).
	isErrorBody: (body) =>
		!!body &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		'errors' in body &&
		'message' in body &&
		'code' in body &&
		Number((body as IDataObject).code) >= 400,
	hints: {
		401: 'Eduframe refused the API key. Open the "Eduframe API" credential, paste a valid API token and test it.',
		403: 'The API token lacks the permission (scope) this operation needs. Ask your Eduframe administrator to grant it.',
		404: 'No Eduframe record has this ID. Pick the record from the list, or check the ID.',
		422: 'Eduframe rejected the values. Correct the fields named above and run again.',
		429: 'Eduframe allows a limited number of requests per 5 minutes for each API key, and kept refusing after the node waited as long as Eduframe asked. Run the workflow again later, or process fewer items per run.',
	},
};

/** Eduframe pages with `per_page` (max 100) and a `Link: <...>; rel="next"` header. */
export const eduframePagination = linkHeaderPagination('per_page', 100);
