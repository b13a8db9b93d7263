import type {
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { eduframeProfile } from '../nodes/Eduframe/transport';
import { headerAuthentication } from './headerAuthentication';
import { rateLimitProperties } from './rateLimit';

export class EduframeApi implements ICredentialType {
	name = 'eduframeApi';

	displayName = 'Eduframe API';

	icon: Icon = { light: 'file:../nodes/Eduframe/eduframe.svg', dark: 'file:../nodes/Eduframe/eduframe.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-training-systems/n8n-nodes-training-systems/blob/main/docs/eduframe.md#the-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'An Eduframe administrator makes the API key in Eduframe (Settings → API keys) and ticks what your workflows may read and change: people, enrollments, orders (to book) and, for the Eduframe Trigger, settings. Each key belongs to one Eduframe account. The docs list the exact permissions.',
			name: 'keyNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from Eduframe (Settings → API keys). It also selects your Eduframe account.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.eduframe.nl/api/v1',
			description: 'Change only to go through a proxy or to a test server',
		},
		...rateLimitProperties(
			'Requests Allowed per Period',
			500,
			300,
			'Eduframe allows 500 requests per 5 minutes per API key. The node paces itself to stay under it. Change only if Eduframe gave your account another limit.',
			'If several n8n processes use this key at the same time (queue mode workers, or two n8n installations), enter how many. Eduframe counts their requests together, so each then uses only its share of the limit above (for two: 250 every 5 minutes each). Leave 1 when one n8n uses the key. If the number is too low and Eduframe says the limit is reached, the node waits as long as Eduframe asks, sends the request again and slows down to what got through.',
		),
	];

	authenticate = headerAuthentication('Authorization', (credentials) => `Bearer ${String(credentials.apiKey ?? '')}`, eduframeProfile.baseUrl);

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/educators/current',
			// A redirect is not followed: it could carry the key to another host.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Eduframe refused this API key: copy the key again from Eduframe (Settings → API keys), or ask an Eduframe administrator for a new one.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Eduframe knows this API key but refuses it for this educator: ask an Eduframe administrator whether the key is still active, and for which Eduframe account it was made.' },
			},
		],
	};
}
