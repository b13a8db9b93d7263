import type { INode } from 'n8n-workflow';

import { eduframeProfile } from '../../nodes/Eduframe/transport';
import { planadayProfile } from '../../nodes/Planaday/transport';
import { bookingHints, deleteBookingHints, markPaidHints } from '../../nodes/Planaday/transport/errors';
import { networkApiError, redact, redactValue, vendorApiError } from '../../nodes/shared';

const node = { id: '1', name: 'Eduframe', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const secret = 'sk_live_abcdef123456';

describe('error shaping', () => {
	test('Eduframe validation errors name the field and keep the vendor message', () => {
		const error = vendorApiError(node, eduframeProfile, { statusCode: 422, headers: {}, body: { errors: { email: ['has already been taken'] }, code: 422, message: 'Validation failed' } }, []);
		expect(error.message).toBe('Eduframe: Validation failed (email: has already been taken)');
		expect(error.description).toContain('Correct the fields');
		expect(error.httpCode).toBe('422');
	});

	test('a Planaday code is explained by the operation it answered: 402 is missing students for a booking, a missing payment for Mark as Paid', () => {
		const answer = { statusCode: 400, headers: {}, body: { error: 402, message: 'Missing payment block' } };
		expect(vendorApiError(node, planadayProfile, answer, [], 0, markPaidHints).description).toBe('The payment is missing: give the payment party and transaction ID.');
		expect(vendorApiError(node, planadayProfile, { ...answer, body: { error: 402, message: 'missing students block' } }, [], 0, bookingHints).description).toBe('Add at least one student.');
		expect(vendorApiError(node, planadayProfile, { ...answer, body: { error: 404, message: 'Missing or empty reason' } }, [], 0, deleteBookingHints).description).toBe('Cancel Information: "Reason" is empty.');
		// Without an operation's words the status code's hint applies.
		expect(vendorApiError(node, planadayProfile, answer, []).description).toBe('Check the values in the node: the vendor rejected one of them.');
	});

	test('Eduframe says whether a feature is off or a scope is missing, and the operation names which', () => {
		const feature = { statusCode: 403, headers: {}, body: { errors: { feature: ['programs is not enabled'] }, code: 403, message: 'Forbidden' } };
		const scope = { statusCode: 403, headers: {}, body: { errors: {}, code: 403, message: 'The access token is missing the required scopes' } };
		const hints = { feature: 'Programs is off.', scope: 'Needs enrollments:read.', '403': 'Either.' };
		expect(vendorApiError(node, eduframeProfile, feature, [], 0, hints).description).toBe('Programs is off.');
		expect(vendorApiError(node, eduframeProfile, scope, [], 0, hints).description).toBe('Needs enrollments:read.');
		expect(vendorApiError(node, eduframeProfile, { ...scope, body: { errors: {}, code: 403, message: 'Forbidden' } }, [], 0, hints).description).toBe('Either.');
		expect(vendorApiError(node, eduframeProfile, feature, []).description).toContain('a feature of Eduframe that is not switched on');
	});

	test('several fields are listed one per line', () => {
		const error = vendorApiError(node, eduframeProfile, { statusCode: 422, headers: {}, body: { errors: { email: ["can't be blank"], last_name: ["can't be blank"] }, code: 422, message: 'Validation failed' } }, []);
		expect(error.description).toContain("email: can't be blank\nlast_name: can't be blank");
	});

	test('secrets are removed from messages and from the kept response', () => {
		const error = vendorApiError(node, eduframeProfile, { statusCode: 401, headers: {}, body: { errors: {}, code: 401, message: `token ${secret} is invalid` } }, [secret]);
		expect(error.message).not.toContain(secret);
		expect(JSON.stringify(error)).not.toContain(secret);
		expect(error.message).toContain('***');
	});

	test('a garbled body gets a clear message', () => {
		const error = vendorApiError(node, eduframeProfile, { statusCode: 200, headers: {}, body: '{"x": tru', malformed: true }, []);
		expect(error.message).toBe('Eduframe: Eduframe sent an answer that is not valid JSON (HTTP 200)');
	});

	test('a lost connection on a write says it was not repeated', () => {
		const error = networkApiError(node, eduframeProfile, { kind: 'dropped', code: 'ECONNRESET', message: 'socket hang up' }, [], undefined, true);
		expect(error.message).toBe('Eduframe: the connection to Eduframe was lost before it answered (ECONNRESET)');
		expect(error.description).toContain('not repeated');
	});

	test('redact handles URL-encoded secrets and nested values', () => {
		expect(redact(`a=${encodeURIComponent('p@ss word!')}`, ['p@ss word!'])).toBe('a=***');
		expect(redactValue({ a: [{ b: `x${secret}y` }] }, [secret])).toEqual({ a: [{ b: 'x***y' }] });
	});

	test('Eduframe 200 answers with the error shape are errors', () => {
		expect(eduframeProfile.isErrorBody!({ errors: { email: ['x'] }, code: 422, message: 'Validation failed' }, 200)).toBe(true);
		expect(eduframeProfile.isErrorBody!({ id: 1, email: 'a@b.c' }, 200)).toBe(false);
	});
});
