import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A credential's `authenticate` that sets one header from the credential.
 *
 * A function rather than n8n's generic `{{$credentials…}}` form: n8n works that expression out for
 * every request, which in n8n 2.x means a trip into its expression sandbox each time, and bulk
 * writes send a request per item.
 */
export function headerAuthentication(header: string, value: (credentials: ICredentialDataDecryptedObject) => string) {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, [header]: value(credentials) },
	});
}
