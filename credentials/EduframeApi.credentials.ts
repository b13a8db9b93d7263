import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { rateLimitProperties } from './rateLimit';

export class EduframeApi implements ICredentialType {
	name = 'eduframeApi';

	displayName = 'Eduframe API';

	icon: Icon = { light: 'file:../nodes/Eduframe/eduframe.svg', dark: 'file:../nodes/Eduframe/eduframe.dark.svg' };

	documentationUrl = 'https://developers.eduframe.nl/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API token from Eduframe (Settings → API). It also selects your Eduframe account.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.eduframe.nl/api/v1',
			description: 'Change only to go through a proxy or to a test server',
		},
		...rateLimitProperties(
			'Requests Allowed per Window',
			500,
			300,
			'Eduframe allows 500 requests per 5 minutes per API key. The node paces itself to stay under it. Change only if Eduframe gave your account another limit.',
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/educators/current',
		},
	};
}
