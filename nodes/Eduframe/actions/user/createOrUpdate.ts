import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pickMatch, requireKey, type MatchKey } from '../../../shared/operations/match';
import { WRITES_SIDE_BY_SIDE, type OperationDefinition } from '../../../shared/operations/types';
import { paginate } from '../../../shared/transport/paginate';
import { vendorRequest } from '../../../shared/transport/request';
import { eduframePagination, eduframeProfile } from '../../transport';

/** Users are matched on their email (Eduframe keeps one user per email, without regard to capitals). */
const BY_EMAIL: MatchKey = { vendor: 'Eduframe', noun: 'user', plural: 'users', label: 'Email', field: 'email', idField: 'id', email: true };

/**
 * The one Eduframe user with this email (trimmed, without regard to capitals), or undefined when none
 * has it; a blank email is refused before any request, two users with it are refused (`input` names the
 * field the user filled in). Eduframe's file does not say whether its `email` filter is exact, so the
 * look-up reads a full page (100) and every email is compared here: one request.
 */
export async function findUserByEmail(ctx: IExecuteFunctions, itemIndex: number, value: unknown, input = 'Email'): Promise<{ record: IDataObject; id: string; email: string } | undefined> {
	const key = { ...BY_EMAIL, input };
	const email = requireKey(ctx, itemIndex, value, key);
	const candidates = await paginate.call(ctx, eduframeProfile, eduframePagination, { url: '/users', qs: { email }, returnAll: false, limit: eduframePagination.maxPageSize, itemIndex });
	const match = pickMatch(ctx, itemIndex, candidates, email, key, candidates.length < eduframePagination.maxPageSize);
	return match ? { ...match, email } : undefined;
}

/**
 * User → Create or Update: the HR sync's main step. Finds the user by email, updates them when
 * exactly one user has that email, creates them when none has; the output's `outcome` says which
 * happened (the look-up: `findUserByEmail`).
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
			description: 'Find the user by email; update them when exactly one has it, create them when none has',
			// Safe side by side: the same email never runs twice at once, and a repeat only updates.
			concurrency: WRITES_SIDE_BY_SIDE,
			concurrencyKey: (ctx, itemIndex) => String(ctx.getNodeParameter('email', itemIndex, '')).trim().toLowerCase(),
			run: async (ctx, itemIndex, { body }) => {
				const email = requireKey(ctx, itemIndex, body.email, BY_EMAIL);
				const match = await findUserByEmail(ctx, itemIndex, email);
				const values = { ...body, email };
				if (match) {
					const updated = await vendorRequest.call(ctx, eduframeProfile, {
						method: 'PATCH',
						url: `/users/${encodeURIComponent(match.id)}`,
						body: values,
						idempotent: true,
						itemIndex,
					});
					return [{ ...(updated.body as IDataObject), outcome: 'updated' }];
				}
				const created = await vendorRequest.call(ctx, eduframeProfile, { method: 'POST', url: '/users', body: values, itemIndex });
				return [{ ...(created.body as IDataObject), outcome: 'created' }];
			},
		},
	];
}
