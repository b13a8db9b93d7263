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
	return {
		message: typeof error.message === 'string' && error.message ? error.message : `HTTP ${statusCode}`,
		fields: Object.keys(fields).length ? fields : undefined,
		code: typeof error.code === 'number' ? error.code : undefined,
	};
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
		429: 'Eduframe allows a limited number of requests per 5 minutes. The node waited and retried; run again later or process fewer items.',
	},
};

/** Eduframe pages with `per_page` (max 100) and a `Link: <...>; rel="next"` header. */
export const eduframePagination = linkHeaderPagination('per_page', 100);
