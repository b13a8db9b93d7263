import type { IDataObject } from 'n8n-workflow';

import { processesFromCredential } from '../../shared/transport/pacer';
import { metaLinksPagination, PAGES_SIDE_BY_SIDE } from '../../shared/transport/paginate';
import type { VendorErrorDetails, VendorProfile, VendorResponse } from '../../shared/transport/types';

/** Planaday's error body: `{"error": <code>, "message": "..."}` (404s may carry only a message). */
function parsePlanadayError(body: unknown, statusCode: number): VendorErrorDetails | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const error = body as { error?: unknown; message?: unknown };
		if (error.message === undefined && error.error === undefined) return undefined;
		const code = typeof error.error === 'number' ? error.error : undefined;
		const message = typeof error.message === 'string' && error.message ? error.message : `HTTP ${statusCode}`;
		// A 400's code means something per operation (402 is "missing students" for a booking, "missing
		// payment" for Mark as Paid): each operation explains it (`code:402` in its hints).
		return { message, code, reason: code !== undefined && statusCode === 400 ? `code:${code}` : undefined };
	}
	if (typeof body === 'string' && body.trim() && statusCode >= 400) return { message: body.trim().slice(0, 300) };
	return undefined;
}

export function planadayBaseUrl(credentials: IDataObject): string {
	const explicit = String(credentials.baseUrl ?? '').trim();
	if (explicit) return explicit.replace(/\/+$/, '');
	const code = String(credentials.companyCode ?? '').trim().toLowerCase();
	return `https://${code}.api.planaday.nl/v1`;
}

/** Planaday keeps its dates and times in Europe/Amsterdam (the document: "Representation of Date and Time"). */
export const PLANADAY_TIME_ZONE = 'Europe/Amsterdam';

export const PLANADAY_USER_AGENT = 'n8n-nodes-training-systems (n8n community node)';

export const planadayProfile: VendorProfile = {
	name: 'Planaday',
	credentialType: 'planadayApi',
	baseUrl: planadayBaseUrl,
	// Planaday publishes its budget in X-RateLimit-* headers (the document shows 720,000 per hour);
	// the pacer follows the count they give for the whole key, shared by every process using it.
	rateLimit: (credentials) => ({ limit: 720_000, windowMs: 3_600_000, scope: 'token', processes: processesFromCredential(credentials) }),
	secrets: (credentials) => [String(credentials.apiKey ?? '')],
	defaultHeaders: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': PLANADAY_USER_AGENT },
	parseError: parsePlanadayError,
	// Planaday's error shape on a success status (`{"error": 402, "message": …}` with HTTP 200) is an error:
	// its answers to writes are `{result, …}` and its lists `{data, meta}`, never an `error` key.
	isErrorBody: (body) =>
		!!body && typeof body === 'object' && !Array.isArray(body) && 'error' in body && !('data' in body) && !('result' in body) && !('id' in body),
	// Planaday answers 503 when the rate limit is reached: the request was refused, not carried out.
	rejectedWithoutEffect: (response: VendorResponse) =>
		response.statusCode === 503 && String(response.headers['x-ratelimit-remaining'] ?? '') === '0',
	hints: {
		401: 'Planaday refused the API key. Open the "Planaday API" credential, check the key and the company code, then test it.',
		404: 'Planaday has no record with this ID. Pick it from the list, or check the ID.',
		415: 'Planaday only accepts JSON requests; this is a fault in the node, please report it.',
		503: 'Planaday is unavailable, or its hourly request limit for this key is used up. Run the workflow again later.',
	},
};

/** Planaday lists: `meta`/`links`, at most 100 per page; later pages read side by side by offset. */
export const planadayPagination = metaLinksPagination(100, PAGES_SIDE_BY_SIDE);
