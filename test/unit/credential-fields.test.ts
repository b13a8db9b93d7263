/**
 * What a node receives of a stored credential: n8n's credentials helper passes the stored data through
 * NodeHelpers.getNodeParameters(properties, data, true, false, …) before a node reads it, which keeps
 * only the fields the credential's form shows. A field hidden behind a switch would silently fall back
 * to its default: a key shared by two queue-mode workers would be paced as if one used it.
 */
import { NodeHelpers, type ICredentialType, type INodeParameters } from 'n8n-workflow';

import { AccessplanitApi } from '../../credentials/AccessplanitApi.credentials';
import { EduframeApi } from '../../credentials/EduframeApi.credentials';
import { PlanadayApi } from '../../credentials/PlanadayApi.credentials';

/** The data a node gets, as n8n's applyDefaultsAndOverwrites works it out. */
const asNodeReadsIt = (credential: ICredentialType, stored: INodeParameters) =>
	NodeHelpers.getNodeParameters(credential.properties, stored, true, false, null, null) ?? {};

describe('the request limits a user set on a credential reach the node', () => {
	test.each([
		['Eduframe', new EduframeApi(), { apiKey: 'k', baseUrl: 'https://api.example', rateLimitRequests: 120, rateLimitWindowSeconds: 60, rateLimitProcesses: 3 }],
		['accessplanit, user name and password', new AccessplanitApi(), { systemUrl: 'https://x.example', authType: 'password', username: 'u', password: 'p', rateLimitRequests: 900, rateLimitWindowSeconds: 1800, rateLimitProcesses: 2 }],
		['accessplanit, API key', new AccessplanitApi(), { systemUrl: 'https://x.example', authType: 'apiKey', apiKey: 'k', rateLimitRequests: 900, rateLimitWindowSeconds: 1800, rateLimitProcesses: 2 }],
		['Planaday', new PlanadayApi(), { companyCode: 'acme', apiKey: 'k', rateLimitProcesses: 4 }],
	] as Array<[string, ICredentialType, INodeParameters]>)('%s', (_name, credential, stored) => {
		const read = asNodeReadsIt(credential, stored);
		for (const field of ['rateLimitRequests', 'rateLimitWindowSeconds', 'rateLimitProcesses'].filter((name) => name in stored)) {
			expect([field, read[field]]).toEqual([field, stored[field]]);
		}
	});
});
