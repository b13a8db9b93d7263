import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields a credential gives for the vendor's request limit (read by the node's pacer through
 * `rateLimitFromCredential`): requests allowed per window, the window, and how many n8n processes
 * share the key (each keeps to its share). They come last on each credential's form and are never
 * hidden behind a switch: n8n hands a node only the credential fields its form shows, so a hidden
 * limit or process count would silently become its default.
 */
export function rateLimitProperties(
	displayName: string,
	limit: number,
	windowSeconds: number,
	description: string,
	processesDescription: string,
): INodeProperties[] {
	return [
		{ displayName, name: 'rateLimitRequests', type: 'number', default: limit, description },
		{
			displayName: 'Period of the Limit (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: windowSeconds,
			description: 'The length of the period the limit above applies to',
		},
		rateLimitProcessesProperty(processesDescription),
	];
}

/**
 * How many n8n processes use the key at the same time (queue mode workers, or several n8n
 * installations): the vendor counts their requests together, so each keeps to its share.
 */
export function rateLimitProcessesProperty(description: string): INodeProperties {
	return {
		displayName: 'n8n Processes Sharing This Key',
		name: 'rateLimitProcesses',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description,
	};
}
