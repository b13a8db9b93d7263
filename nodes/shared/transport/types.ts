import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** A rate limit published by a vendor: `limit` requests per `windowMs`. */
export interface RateLimitPolicy {
	limit: number;
	windowMs: number;
	/** `token`: one budget for the whole credential; `endpoint`: one budget per first path segment. */
	scope: 'token' | 'endpoint';
	/** n8n processes sharing the credential's key (default 1): each keeps to `limit / processes`. */
	processes?: number;
}

/** The answer to one HTTP request, whatever its status. */
export interface VendorResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON when the body is JSON, else the raw text (or Buffer for binary requests). */
	body: unknown;
	/** True when the vendor said the body is JSON but it could not be parsed. */
	malformed?: boolean;
	/** True when data was asked for and the body is text that is not JSON (a web page, a maintenance notice). */
	notJson?: boolean;
}

/** What a vendor's error body tells us. */
export interface VendorErrorDetails {
	message: string;
	/** Field-by-field messages, when the vendor names fields. */
	fields?: Record<string, string[]>;
	/** A vendor-specific error code, when the vendor sends one. */
	code?: string | number;
	/** What to do about it, when the vendor's answer says more than its status code. */
	hint?: string;
	/**
	 * A cause the vendor profile recognised in the answer (e.g. `feature`: not switched on for this
	 * account; `scope`: the key lacks a permission), which an operation may explain in its own words.
	 */
	reason?: string;
}

/** Everything the shared transport needs to know about a vendor. */
export interface VendorProfile {
	/** Display name, used in messages ("Eduframe"). */
	name: string;
	/** n8n credential type name. */
	credentialType: string;
	/** Base URL (no trailing slash) from the decrypted credential. */
	baseUrl(credentials: IDataObject): string;
	/** The vendor's published rate limit for this credential. */
	rateLimit(credentials: IDataObject): RateLimitPolicy;
	/** Values from the credential that must never appear in output or errors. */
	secrets(credentials: IDataObject): string[];
	/**
	 * What identifies the account the vendor counts requests against (hashed, never shown).
	 * Defaults to the secrets; a vendor whose token changes on renewal names the lasting values.
	 */
	identity?(credentials: IDataObject): string[];
	/** Headers every request carries (besides authentication, which the credential adds). */
	defaultHeaders?: Record<string, string>;
	/** Reads the vendor's error shape; undefined when the body is not an error. */
	parseError(body: unknown, statusCode: number): VendorErrorDetails | undefined;
	/** True when a successful status still carries the vendor's error shape (Eduframe's 200 + error body, Planaday's `{error, message}`). */
	isErrorBody?(body: unknown, statusCode: number): boolean;
	/**
	 * True when this answer proves the vendor did nothing with the request (it was rejected before
	 * being processed), so even a write may be sent again. 429 is always such an answer.
	 */
	rejectedWithoutEffect?(response: VendorResponse): boolean;
	/**
	 * The credential renews its token through n8n's pre-authentication: on a 401 the request is
	 * repeated once so that n8n renews the token and sends it again (a 401 was not carried out).
	 */
	renewOn401?: boolean;
	/** A hint per status code a non-developer can act on. */
	hints?: Partial<Record<number, string>>;
}

export interface VendorRequestOptions {
	method: IHttpRequestMethods;
	/** Path below the base URL (starting with `/`) or an absolute URL (a `next` link). */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: Record<string, string>;
	/**
	 * A write that is safe to repeat (PUT of the same state, DELETE). Reads are always safe.
	 * Leave false for anything that creates data, books, orders or pays.
	 */
	idempotent?: boolean;
	/** Key for the pacer when the vendor's limit is per endpoint. Defaults to the first path segment. */
	endpointKey?: string;
	/** Return the body as a Buffer (binary downloads). */
	binary?: boolean;
	/** Where n8n item-level errors should point. */
	itemIndex?: number;
	/** Treat these statuses as answers, not errors (e.g. 404 for "find"). */
	allowStatuses?: number[];
	/**
	 * What to do when this request is refused, by cause (`VendorErrorDetails.reason`) or status code;
	 * ahead of the profile's own hints.
	 */
	hints?: Record<string, string>;
}

/** Tunables of the retry loop; the defaults are what the nodes use. */
export interface RetrySettings {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * Longest wait we accept from a Retry-After / reset header: a longer one fails the request with a
	 * clear error at once and holds nothing after it. Also the most time one request may spend on retries.
	 */
	maxWaitMs: number;
	/** A connection that sends nothing for this long (no answer, or a body that stops) is given up. */
	timeoutMs: number;
	/** Redirects followed for one request (only on the credential's own origin). */
	maxRedirects: number;
}

export const DEFAULT_RETRY: RetrySettings = {
	maxAttempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxWaitMs: 5 * 60_000,
	timeoutMs: 60_000,
	maxRedirects: 5,
};
