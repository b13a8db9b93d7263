import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields a credential gives for the vendor's request limit (read by the node's pacer through
 * `rateLimitFromCredential`): requests allowed per window, the window, and how many n8n processes
 * share the key (each keeps to its share).
 */
export function rateLimitProperties(
	displayName: string,
	limit: number,
	windowSeconds: number,
	description: string,
	processesDescription: string,
): INodeProperties[] {
	return [
		showLimitsProperty,
		{ displayName, name: 'rateLimitRequests', type: 'number', default: limit, description, displayOptions: shownWithLimits },
		{
			displayName: 'Period of the Limit (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: windowSeconds,
			description: 'The length of the period the limit above applies to',
			displayOptions: shownWithLimits,
		},
		...rateLimitProcessesProperty(processesDescription, false),
	];
}

/**
 * The request limit's fields are for the rare set-up that needs them (another limit, several n8n
 * processes on one key): they stay out of sight until asked for. Hiding them changes nothing: the
 * values kept with the credential still count.
 */
const showLimitsProperty: INodeProperties = {
	displayName: 'Change Request Limits',
	name: 'showRateLimits',
	type: 'boolean',
	default: false,
	description: 'Whether to show the request limit settings. Leave off: the node keeps under the vendor’s limit on its own. Only needed for another limit, or when several n8n processes use this key.',
};

const shownWithLimits = { show: { showRateLimits: [true] } };

/**
 * How many n8n processes use the key at the same time (queue mode workers, or several n8n
 * installations): the vendor counts their requests together, so each keeps to its share.
 */
export function rateLimitProcessesProperty(description: string, withToggle = true): INodeProperties[] {
	const processes: INodeProperties = {
		displayName: 'n8n Processes Sharing This Key',
		name: 'rateLimitProcesses',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description,
		displayOptions: shownWithLimits,
	};
	return withToggle ? [showLimitsProperty, processes] : [processes];
}
