import type { IDataObject } from 'n8n-workflow';

import type { ResourceDefinition } from '../../../shared/operations/types';

export const connectionResource: ResourceDefinition = {
	value: 'connection',
	name: 'Connection',
	operations: [
		{
			value: 'check',
			name: 'Check',
			action: 'Check the connection to Planaday',
			description: 'Ask Planaday whether it answers and accepts the API key; useful at the start of a scheduled sync',
			method: 'GET',
			path: '/ping',
			output: (body) => [{ ok: true, answer: (body ?? null) as IDataObject[string] }],
		},
	],
};
