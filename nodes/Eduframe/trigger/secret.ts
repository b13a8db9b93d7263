import { createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * The secret in the address the Eduframe Trigger registers with Eduframe.
 *
 * Eduframe does not sign its deliveries and a webhook has no secret field: the URL is the only
 * thing the receiver controls. So the trigger registers `<n8n webhook URL>?token=<secret>` and
 * `webhook()` refuses every delivery that does not carry that secret.
 *
 * The secret is derived, never stored: HMAC-SHA256 keyed with the credential's API key over the
 * node's webhook id. Every n8n process that holds the credential (main, webhook processes in queue
 * mode, where `webhook()` runs with static data that may be an older copy) works out the same
 * secret without reading anything saved; nobody who knows the address without the token (it is
 * shown in n8n's editor and contains the webhook id) can work it out without the key; another
 * workflow (another webhook id) has another secret; and a new API key gives a new secret, which the
 * next activation puts into the registration (see `sameAddress`).
 */
export const TOKEN_PARAMETER = 'token';

/** The secret for one trigger node: base64url of HMAC-SHA256(API key, "eduframe-trigger|" + webhook id). */
export function deliverySecret(apiKey: string, webhookKey: string): string {
	return createHmac('sha256', apiKey).update(`eduframe-trigger|${webhookKey}`).digest('base64url');
}

/** The address to register: n8n's webhook URL with the secret added as `token`. */
export function addressWithSecret(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(TOKEN_PARAMETER, secret);
	return url.toString();
}

/**
 * Whether a registered address is n8n's webhook URL apart from its `token` (none, or one made with
 * another API key): the registration of this trigger, to be brought up to date rather than left
 * beside a new one.
 */
export function sameAddress(registered: unknown, webhookUrl: string): boolean {
	if (typeof registered !== 'string') return false;
	try {
		const url = new URL(registered);
		url.searchParams.delete(TOKEN_PARAMETER);
		return url.toString() === new URL(webhookUrl).toString();
	} catch {
		return false;
	}
}

/**
 * Whether a delivery's `token` is the secret, compared in constant time (both sides hashed first,
 * so their lengths match and the comparison takes as long whatever was sent).
 */
export function secretMatches(given: unknown, secret: string): boolean {
	if (typeof given !== 'string' || !given) return false;
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(given), digest(secret));
}
