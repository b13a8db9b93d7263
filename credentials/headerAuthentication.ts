import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** The origin of a web address, or undefined when it is not one. */
function originOf(address: string | undefined): string | undefined {
	try {
		return address ? new URL(address).origin : undefined;
	} catch {
		return undefined;
	}
}

/** Where a request goes: its URL, or its URL below `baseURL` (credential tests). */
function targetOf(requestOptions: IHttpRequestOptions): string | undefined {
	const { url, baseURL } = requestOptions;
	if (/^[a-z][a-z0-9+.-]*:/i.test(url ?? '')) return url;
	if (!baseURL) return undefined;
	return `${baseURL.replace(/\/+$/, '')}/${(url ?? '').replace(/^\/+/, '')}`;
}

/**
 * A credential's `authenticate` that sets one header from the credential, and only on requests to the
 * credential's own origin (`home`: the vendor's address as the credential gives it): a request to any
 * other host is refused instead of carrying the key there (a link or address taken from an answer, or
 * another node using this credential type).
 *
 * A function rather than n8n's generic `{{$credentials…}}` form: n8n works that expression out for
 * every request, which in n8n 2.x means a trip into its expression sandbox each time, and bulk
 * writes send a request per item.
 */
export function headerAuthentication(
	header: string,
	value: (credentials: ICredentialDataDecryptedObject) => string,
	home: (credentials: ICredentialDataDecryptedObject) => string,
	/** Requests on the credential's own origin that carry no header (a sign-in that sends the user name and password itself). */
	without?: (target: string) => boolean,
) {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const own = originOf(home(credentials));
		const target = originOf(targetOf(requestOptions));
		if (!own || target !== own) {
			throw new Error(`This credential is sent only to ${own ?? 'the address in the credential'}, and this request goes to ${target ?? 'another address'}: nothing was sent`);
		}
		if (without?.(targetOf(requestOptions) ?? '')) return requestOptions;
		return { ...requestOptions, headers: { ...requestOptions.headers, [header]: value(credentials) } };
	};
}
