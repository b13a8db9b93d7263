/**
 * A minimal node context for testing the shared transport directly against a sandbox. Its
 * `httpRequestWithAuthentication` does what n8n's does for these options (axios, query arrays
 * repeated, every status returned), adding the credential's bearer token.
 */
import http from 'node:http';
import https from 'node:https';

import axios from 'axios';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

/**
 * A connection per request: Node's default agent keeps sockets, and a socket the sandbox closes as
 * idle (after 5 s) while a test reuses it fails the test with ECONNRESET on a busy machine.
 */
const httpAgent = new http.Agent({ keepAlive: false });
const httpsAgent = new https.Agent({ keepAlive: false });

export function fakeContext(credentialType: string, credentials: IDataObject, authenticate: (options: IHttpRequestOptions) => void): IExecuteFunctions {
	const node: INode = { id: 'n', name: 'Vendor', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
	return {
		getNode: () => node,
		getCredentials: async (type: string) => {
			if (type !== credentialType) throw new Error(`no credential ${type}`);
			return credentials;
		},
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				authenticate(options);
				const params = new URLSearchParams();
				for (const [key, value] of Object.entries(options.qs ?? {})) {
					for (const entry of Array.isArray(value) ? value : [value]) params.append(key, String(entry));
				}
				try {
					const response = await axios.request({
						method: options.method,
						url: options.url,
						params,
						data: options.body,
						headers: options.headers as Record<string, string>,
						responseType: options.encoding === 'arraybuffer' ? 'arraybuffer' : 'text',
						transformResponse: (data: unknown) => data,
						validateStatus: () => true,
						// As n8n's helper does with these options.
						maxRedirects: options.disableFollowRedirect ? 0 : 5,
						timeout: options.timeout,
						httpAgent,
						httpsAgent,
					});
					return { statusCode: response.status, headers: response.headers, body: response.data };
				} catch (error) {
					// n8n wraps transport failures; the original error travels as the cause.
					throw Object.assign(new Error('request failed'), { cause: error });
				}
			},
		},
	} as unknown as IExecuteFunctions;
}
