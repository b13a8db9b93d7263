import type { IDataObject } from 'n8n-workflow';

import { WRITES_SIDE_BY_SIDE, type OperationDefinition } from '../../../shared/operations/types';
import { vendorRequest } from '../../../shared/transport/request';
import { eduframeProfile } from '../../transport';

/**
 * User → Create or Update: the HR sync's main step. Finds the user by email, updates them when
 * found, creates them otherwise; the output's `outcome` says which happened.
 */
export function extraOperations(generated: OperationDefinition[]): OperationDefinition[] {
	const create = generated.find((operation) => operation.value === 'create');
	if (!create) return [];
	return [
		{
			...create,
			value: 'createOrUpdate',
			name: 'Create or Update',
			action: 'Create or update a user',
			description: 'Find the user by email; update them when found, create them otherwise',
			// Safe side by side: the same email never runs twice at once, and a repeat only updates.
			concurrency: WRITES_SIDE_BY_SIDE,
			concurrencyKey: (ctx, itemIndex) => String(ctx.getNodeParameter('email', itemIndex, '')).trim().toLowerCase(),
			run: async (ctx, itemIndex, { body }) => {
				const email = String(body.email ?? '').trim();
				const found = await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url: '/users', qs: { email, per_page: 1 }, itemIndex });
				const existing = Array.isArray(found.body) ? (found.body as IDataObject[])[0] : undefined;
				if (existing) {
					const updated = await vendorRequest.call(ctx, eduframeProfile, {
						method: 'PATCH',
						url: `/users/${String(existing.id)}`,
						body,
						idempotent: true,
						itemIndex,
					});
					return [{ ...(updated.body as IDataObject), outcome: 'updated' }];
				}
				const created = await vendorRequest.call(ctx, eduframeProfile, { method: 'POST', url: '/users', body, itemIndex });
				return [{ ...(created.body as IDataObject), outcome: 'created' }];
			},
		},
	];
}
