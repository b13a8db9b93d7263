import type {
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { planadayBaseUrl } from '../nodes/Planaday/transport';
import { headerAuthentication } from './headerAuthentication';
import { rateLimitProcessesProperty } from './rateLimit';

export class PlanadayApi implements ICredentialType {
	name = 'planadayApi';

	displayName = 'Planaday API';

	icon: Icon = { light: 'file:../nodes/Planaday/planaday.svg', dark: 'file:../nodes/Planaday/planaday.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-training-systems/n8n-nodes-training-systems/blob/main/docs/planaday.md#the-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'A Planaday administrator makes the API key in Planaday (Beheer → API), as Planaday’s “Handleiding Publieke API” describes. The company code is the first part of your Planaday address.',
			name: 'keyNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Company Code',
			name: 'companyCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. mycompany',
			description: 'The first part of your Planaday address: for https://mycompany.planaday.nl enter mycompany. The API address https://mycompany.api.planaday.nl/v1 is built from it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mycompany.api.planaday.nl/v1',
			description: 'Only when Planaday gave you another API address (or for a proxy or test server); it replaces the one built from the company code',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from Planaday (Beheer → API)',
		},
		rateLimitProcessesProperty(
			'If several n8n processes use this key at the same time (queue mode workers, or two n8n installations), enter how many. With every answer Planaday says how many requests are left for the key until its limit resets; each process stops early enough to leave room for the others, and all of them wait for the reset. Leave 1 when one n8n uses the key. If the number is too low, the node still sees the others in Planaday’s count and keeps room for them.',
		),
	];

	authenticate = headerAuthentication('X-Api-Key', (credentials) => String(credentials.apiKey ?? ''), planadayBaseUrl);

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || ("https://" + $credentials.companyCode + ".api.planaday.nl/v1")).replace(/\\/+$/, "") }}',
			// Planaday's ping: the cheapest call that still checks the X-Api-Key.
			url: '/ping',
			// A redirect is not followed: it could carry the key to another host.
			disableFollowRedirect: true,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'n8n-nodes-training-systems (n8n community node)' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Planaday refused this API key: check the key (Beheer → API in Planaday) and that the company code is the one of your Planaday address.' },
			},
		],
	};
}
