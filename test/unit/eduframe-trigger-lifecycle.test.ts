/** The Eduframe Trigger's webhook lifecycle against the sandbox, through a minimal hook context. */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
import { deliverySecret } from '../../nodes/Eduframe/trigger/secret';
import { sharedPacer } from '../../nodes/shared';
import { EDUFRAME_SANDBOX_KEY, EduframeSandbox } from '../../sandbox/eduframe/server';
import { fakeContext } from '../harness/fake-context';

/** A second key of the same educator: the key after a rotation. */
const ROTATED_KEY = 'eduframe-rotated-key-of-educator-1';

let sandbox: EduframeSandbox;
beforeAll(async () => {
	sandbox = await new EduframeSandbox({ users: 5 }).start();
	sandbox.tokens.set(ROTATED_KEY, 1);
});
afterAll(async () => sandbox.stop());
beforeEach(() => sharedPacer.reset());

const WEBHOOK_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const WEBHOOK_ID = 'abc';
const addressFor = (key: string) => `${WEBHOOK_URL}?token=${deliverySecret(key, WEBHOOK_ID)}`;

function hookContext(staticData: IDataObject, events: string[], key = EDUFRAME_SANDBOX_KEY): IHookFunctions {
	const base = fakeContext('eduframeApi', { apiKey: key, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${key}` };
	});
	return Object.assign(base, {
		getNode: () => ({ id: 'node-1', name: 'Eduframe Trigger', type: 'eduframeTrigger', typeVersion: 1, position: [0, 0], parameters: {}, webhookId: WEBHOOK_ID }),
		getWorkflow: () => ({ id: 'wf-1', active: true }),
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => WEBHOOK_URL,
		getNodeParameter: (name: string) => (name === 'events' ? events : {}),
	}) as unknown as IHookFunctions;
}

const methods = new EduframeTrigger().webhookMethods.default;

test('create registers the URL with the secret and the chosen events, and remembers the educator', async () => {
	const state: IDataObject = {};
	const ctx = hookContext(state, ['order.approved']);
	expect(await methods.checkExists.call(ctx)).toBe(false);
	expect(await methods.create.call(ctx)).toBe(true);
	const hook = sandbox.webhooks.find((h) => h.id === state.webhookId)!;
	expect(hook).toMatchObject({ url: addressFor(EDUFRAME_SANDBOX_KEY), events: ['order.approved'], active: true });
	// The secret: 256 bits, not the key, and another one for another key.
	const token = new URL(hook.url).searchParams.get('token')!;
	expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
	expect(hook.url).not.toContain(EDUFRAME_SANDBOX_KEY);
	expect(addressFor(ROTATED_KEY)).not.toBe(hook.url);
	expect(state.educatorId).toBe(1);
	expect(state.educatorSlug).toBe('sandbox-academy');
	expect(await methods.checkExists.call(ctx)).toBe(true);
	expect(await methods.delete.call(ctx)).toBe(true);
	expect(sandbox.webhooks.some((h) => h.id === hook.id)).toBe(false);
});

test('a registration deleted in Eduframe is found missing on activation and created again', async () => {
	const state: IDataObject = {};
	const ctx = hookContext(state, ['*']);
	await methods.create.call(ctx);
	const first = state.webhookId as string;
	expect(sandbox.webhooks.find((h) => h.id === first)?.events).toHaveLength(93);
	expect(sandbox.webhooks.find((h) => h.id === first)?.events).toEqual(expect.arrayContaining(['certificate.awarded', 'certificate.deleted']));
	sandbox.webhooks.splice(sandbox.webhooks.findIndex((h) => h.id === first), 1);
	expect(await methods.checkExists.call(ctx)).toBe(false);
	expect(state.webhookId).toBeUndefined();
	await methods.create.call(ctx);
	expect(state.webhookId).not.toBe(first);
	expect(sandbox.webhooks.some((h) => h.id === state.webhookId)).toBe(true);
	// Deleting what Eduframe already removed is not an error.
	sandbox.webhooks.splice(0, sandbox.webhooks.length);
	expect(await methods.delete.call(ctx)).toBe(true);
});

test('a registration whose saved id was lost (an execution wrote back an older copy of the static data) is taken over, not registered twice', async () => {
	const state: IDataObject = {};
	await methods.create.call(hookContext(state, ['order.approved']));
	const first = state.webhookId as string;
	const registrations = sandbox.webhooks.length;

	// The next activation finds no id in the static data; the registration for this URL is still in Eduframe.
	const lost: IDataObject = {};
	expect(await methods.checkExists.call(hookContext(lost, ['order.approved']))).toBe(true);
	expect(lost.webhookId).toBe(first);
	expect(sandbox.webhooks).toHaveLength(registrations);

	// Taken over with other events chosen meanwhile: the registration is changed to the chosen events.
	const changed: IDataObject = {};
	expect(await methods.checkExists.call(hookContext(changed, ['order.approved', 'user.updated']))).toBe(true);
	expect(changed.webhookId).toBe(first);
	expect(sandbox.webhooks.find((h) => h.id === first)?.events).toEqual(['order.approved', 'user.updated']);

	// Another URL's registration is never taken over.
	const other = Object.assign(hookContext({}, ['order.approved']), { getNodeWebhookUrl: () => 'http://127.0.0.1:5678/webhook/other/webhook' });
	expect(await methods.checkExists.call(other)).toBe(false);
	await methods.delete.call(hookContext(lost, ['order.approved']));
});

describe('a registration whose address lacks today’s secret is brought up to date, not registered a second time', () => {
	beforeEach(() => sandbox.webhooks.splice(0, sandbox.webhooks.length));
	const addRegistration = async (url: string, events: string[]) => {
		const response = await fetch(`${sandbox.baseUrl}/webhooks`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ url, active: true, events }),
		});
		return String(((await response.json()) as IDataObject).id);
	};

	test('one made before the trigger used a secret (its id kept in the static data): its URL gets the secret on the next activation', async () => {
		const id = await addRegistration(WEBHOOK_URL, ['user.updated']);
		const state: IDataObject = { webhookId: id, educatorId: 1 };
		expect(await methods.checkExists.call(hookContext(state, ['user.updated']))).toBe(true);
		expect(state.webhookId).toBe(id);
		expect(sandbox.webhooks).toHaveLength(1);
		expect(sandbox.webhooks[0]).toMatchObject({ id, url: addressFor(EDUFRAME_SANDBOX_KEY), events: ['user.updated'] });
		// Up to date: the next activation changes nothing.
		sandbox.resetStats();
		expect(await methods.checkExists.call(hookContext(state, ['user.updated']))).toBe(true);
		expect(sandbox.stats.byRoute['PATCH /api/v1/webhooks/:id']).toBeUndefined();
	});

	test('one made before the trigger used a secret, its id lost: taken over and given the secret', async () => {
		const id = await addRegistration(WEBHOOK_URL, ['user.updated']);
		const state: IDataObject = {};
		expect(await methods.checkExists.call(hookContext(state, ['user.updated', 'order.approved']))).toBe(true);
		expect(state.webhookId).toBe(id);
		expect(sandbox.webhooks).toHaveLength(1);
		expect(sandbox.webhooks[0]).toMatchObject({ id, url: addressFor(EDUFRAME_SANDBOX_KEY), events: ['user.updated', 'order.approved'] });
	});

	test('after the API key was replaced by another key of the same educator, the registration gets the new key’s secret', async () => {
		const state: IDataObject = {};
		await methods.create.call(hookContext(state, ['user.updated']));
		const id = state.webhookId;
		expect(await methods.checkExists.call(hookContext(state, ['user.updated'], ROTATED_KEY))).toBe(true);
		expect(sandbox.webhooks).toHaveLength(1);
		expect(sandbox.webhooks[0]).toMatchObject({ id, url: addressFor(ROTATED_KEY) });
		// The same with the id lost.
		const lost: IDataObject = {};
		expect(await methods.checkExists.call(hookContext(lost, ['user.updated'], EDUFRAME_SANDBOX_KEY))).toBe(true);
		expect(lost.webhookId).toBe(id);
		expect(sandbox.webhooks).toHaveLength(1);
		expect(sandbox.webhooks[0].url).toBe(addressFor(EDUFRAME_SANDBOX_KEY));
	});

	test('a registration with another address (another path, or other query parameters) is not taken over', async () => {
		await addRegistration('http://127.0.0.1:5678/webhook/abcd/webhook', ['user.updated']);
		await addRegistration(`${WEBHOOK_URL}?other=1`, ['user.updated']);
		const state: IDataObject = {};
		expect(await methods.checkExists.call(hookContext(state, ['user.updated']))).toBe(false);
		expect(state.webhookId).toBeUndefined();
	});
});
