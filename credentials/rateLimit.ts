import type { INodeProperties } from 'n8n-workflow';

/**
 * The two fields a credential gives for the vendor's request limit (read by the node's pacer
 * through `rateLimitFromCredential`): requests allowed per window, and the window.
 */
export function rateLimitProperties(displayName: string, limit: number, windowSeconds: number, description: string): INodeProperties[] {
	return [
		{ displayName, name: 'rateLimitRequests', type: 'number', default: limit, description },
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: windowSeconds,
			description: 'The length of the window the limit above applies to',
		},
	];
}
