import type { ResourceDefinition } from '../../../shared/operations/types';

export const labelResource: ResourceDefinition = {
	value: 'label',
	name: 'Label',
	operations: [{ value: 'getAll', name: 'Get Many', action: 'Get many labels', description: 'List the labels courses can carry', method: 'GET', path: '/label/list', list: true }],
};
