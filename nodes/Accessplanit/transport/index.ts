import type { IDataObject } from 'n8n-workflow';

import { odataPagination, PAGES_SIDE_BY_SIDE } from '../../shared/transport/paginate';
import { rateLimitFromCredential } from '../../shared/transport/pacer';
import type { VendorErrorDetails, VendorProfile } from '../../shared/transport/types';

/** accessplanit's errors: `{"Message": "...", "ModelState": {"model.Field": ["..."]}}`. */
function parseAccessplanitError(body: unknown, statusCode: number): VendorErrorDetails | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return typeof body === 'string' && body.trim() && statusCode >= 400 ? { message: body.trim().slice(0, 300) } : undefined;
	}
	const error = body as { Message?: unknown; ModelState?: unknown; error_description?: unknown; error?: unknown };
	const message = error.Message ?? error.error_description ?? error.error;
	if (message === undefined) return undefined;
	if (error.error === 'invalid_grant') {
		return { message: String(message), hint: 'Open the "accessplanit API" credential and check the user name and password, then test it.' };
	}
	const fields: Record<string, string[]> = {};
	if (error.ModelState && typeof error.ModelState === 'object') {
		for (const [field, messages] of Object.entries(error.ModelState as IDataObject)) {
			fields[field.replace(/^model\./, '')] = (Array.isArray(messages) ? messages : [messages]).map(String);
		}
	}
	return { message: String(message), fields: Object.keys(fields).length ? fields : undefined };
}

export function accessplanitRoot(credentials: IDataObject): string {
	return String(credentials.systemUrl ?? '').trim().replace(/\/+$/, '');
}

/**
 * accessplanit's course times are the platform's wall clock in the UK (course dates carry the zone
 * "GMT Standard Time": London, with summer time), written without a zone.
 */
export const ACCESSPLANIT_TIME_ZONE = 'Europe/London';

/** The keys of accessplanit's (ASP.NET Web API's) error body; a body with nothing else is an error, whatever its status. */
const ERROR_KEYS = new Set(['Message', 'MessageDetail', 'ModelState', 'ExceptionMessage', 'ExceptionType', 'StackTrace', 'InnerException', 'error', 'error_description']);

export const accessplanitProfile: VendorProfile = {
	name: 'accessplanit',
	credentialType: 'accessplanitApi',
	baseUrl: (credentials) => `${accessplanitRoot(credentials)}/api/v2`,
	// 5,000 requests per hour for each endpoint (unless the credential says otherwise); the API sends no headers to read.
	rateLimit: (credentials) => rateLimitFromCredential(credentials, { limit: 5000, windowSeconds: 3600, scope: 'endpoint' }),
	// `user:password` too: a vendor echoing an HTTP Basic header shows it in base64.
	secrets: (credentials) => [
		String(credentials.password ?? ''),
		String(credentials.apiKey ?? ''),
		String(credentials.sessionToken ?? ''),
		credentials.password ? `${String(credentials.username ?? '')}:${String(credentials.password)}` : '',
	],
	// The hourly limit belongs to the system and account, not to the token of the moment.
	identity: (credentials) => [String(credentials.username ?? ''), String(credentials.apiKey ?? '')],
	parseError: parseAccessplanitError,
	// `{"Message": "An error has occurred."}` on a success status is still an error.
	isErrorBody: (body) =>
		!!body && typeof body === 'object' && !Array.isArray(body) && ('Message' in body || 'error' in body) && Object.keys(body).every((key) => ERROR_KEYS.has(key)),
	renewOn401: true,
	hints: {
		400: 'accessplanit rejected the values: correct the fields named above.',
		401: 'accessplanit refused the sign-in. Open the "accessplanit API" credential, check the system address and the user name and password (or API key), then test it.',
		404: 'accessplanit has no record with this ID (or the system address is wrong).',
		429: 'accessplanit allows 5,000 requests per hour for each endpoint. Run again later or process fewer items.',
	},
};

/** OData `$top`/`$skip` over `{"results": [...]}`, 500 records a page; later pages read side by side by `$skip`. */
export const accessplanitPagination = odataPagination(500, PAGES_SIDE_BY_SIDE);

/** The records of a `{"results": [...]}` answer. */
export function resultsOf(body: unknown): IDataObject[] {
	const results = (body as { results?: unknown } | undefined)?.results;
	return Array.isArray(results) ? (results as IDataObject[]) : [];
}
