import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestHelper,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import { accessplanitRoot } from '../nodes/Accessplanit/transport';
import { headerAuthentication } from './headerAuthentication';
import { rateLimitProperties } from './rateLimit';

export class AccessplanitApi implements ICredentialType {
	name = 'accessplanitApi';

	// n8n lists credentials in title case (its rule for credential names): the vendor writes "accessplanit".
	displayName = 'Accessplanit API';

	icon: Icon = { light: 'file:../nodes/Accessplanit/accessplanit.svg', dark: 'file:../nodes/Accessplanit/accessplanit.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-training-systems/n8n-nodes-training-systems/blob/main/docs/accessplanit.md#the-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'API access is an extra module of accessplanit. accessplanit gives you an API user name and password (a user with the roles your workflows need), or you make an API key when signed in to your platform.',
			name: 'accessNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'System Address',
			name: 'systemUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://mycompany.accessplanit.com/accessplan',
			description: 'Your accessplanit address up to /accessplan (a sandbox system ends in /accessplansandbox)',
		},
		{
			displayName: 'Sign In With',
			name: 'authType',
			type: 'options',
			default: 'password',
			options: [
				{ name: 'User Name and Password', value: 'password' },
				{ name: 'API Key', value: 'apiKey' },
			],
		},
		// Required as shown: the form marks the sign-in it needs (only the chosen way's fields are shown).
		{ displayName: 'User Name', name: 'username', type: 'string', default: '', required: true, displayOptions: { show: { authType: ['password'] } } },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['password'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['apiKey'] } },
			description: 'A key issued in accessplanit, sent as the bearer token',
		},
		...rateLimitProperties(
			'Requests Allowed per Endpoint',
			5000,
			3600,
			'accessplanit allows 5,000 requests per hour to each endpoint (User, UserCourseDate...). The node paces itself to stay under it. Change only if your platform runs on a dedicated server with another limit.',
			'If several n8n processes use this login or key at the same time (queue mode workers, or two n8n installations), enter how many. accessplanit counts their requests together, so each then uses only its share of the limit above (for two: 2,500 an hour to each endpoint each). Leave 1 when one n8n uses it. If the number is too low and accessplanit says the limit is reached, the node waits, sends the request again and slows down to what got through.',
		),
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Gets a token (password grant) when none is kept or the kept one has expired. The sign-in is sent
	 * once, to the system address only: a redirect is not followed (it would re-post the user name and
	 * password to wherever it points), and an answer without a token is refused.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// An API key is sent as typed (`authenticate`): nothing to get or keep. Keeping it as the session
		// token would let a key tried in the credential's test (n8n renews after a 401) replace the token
		// of the saved credential.
		if (credentials.authType === 'apiKey') return {};
		const root = accessplanitRoot(credentials);
		const answer = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${root}/api/v2/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'password', username: String(credentials.username ?? ''), password: String(credentials.password ?? '') }).toString(),
			json: true,
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body?: { access_token?: unknown } | string };
		if (answer.statusCode >= 300 && answer.statusCode < 400) {
			throw new Error('accessplanit sent the sign-in on to another address, which the node does not follow with your password: check the system address in the credential');
		}
		const token = typeof answer.body === 'object' && answer.body ? answer.body.access_token : undefined;
		if (answer.statusCode === 400 || answer.statusCode === 401) {
			// The platform's answer travels with the error, as n8n's own request helper would send it.
			throw Object.assign(new Error('accessplanit refused the sign-in: check the user name and password in the credential'), { response: { status: answer.statusCode, data: answer.body } });
		}
		if (answer.statusCode >= 300 || typeof token !== 'string' || !token) {
			throw new Error(`accessplanit did not give a sign-in token (HTTP ${answer.statusCode}): check the system address in the credential`);
		}
		return { sessionToken: token };
	}

	/**
	 * An API key is sent as it is typed (a token kept from an earlier sign-in never stands in for it);
	 * otherwise the token from the sign-in. The sign-in itself carries no token.
	 */
	authenticate = headerAuthentication(
		'Authorization',
		(credentials) => `Bearer ${String((credentials.authType === 'apiKey' ? credentials.apiKey : credentials.sessionToken) ?? '')}`,
		accessplanitRoot,
		(target) => /\/api\/v2\/token$/i.test(target.split(/[?#]/)[0].replace(/\/+$/, '')),
	);

	/**
	 * Checks what the user typed, never a token kept from an earlier sign-in (n8n reuses a kept token
	 * for a test request): with a user name and password the test is the sign-in itself, so a wrong
	 * password is refused while an earlier token still works; with an API key, a read of one user with
	 * that key (`authenticate` sends the key as typed).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.systemUrl.replace(/\\/+$/, "")}}/api/v2',
			url: '={{$credentials.authType === "apiKey" ? "/User?$top=1" : "/token"}}',
			method: '={{$credentials.authType === "apiKey" ? "GET" : "POST"}}' as IHttpRequestMethods,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: '={{$credentials.authType === "apiKey" ? "" : "grant_type=password&username=" + encodeURIComponent($credentials.username || "") + "&password=" + encodeURIComponent($credentials.password || "")}}',
			// A redirect is not followed: it could carry the password or the key to another host.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				// The sign-in answers 400 (invalid_grant) to a wrong user name or password.
				properties: { value: 400, message: 'accessplanit refused the sign-in: check the user name and password in the credential.' },
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: 'accessplanit refused the credential: check the user name and password (or the API key), and that the system address ends in /accessplan.' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'accessplanit answered "not found": the system address should end in /accessplan (or /accessplansandbox), without /api.' },
			},
		],
	};
}
