/** The Eduframe Trigger's webhook lifecycle against the sandbox, through a minimal hook context. */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
import { sharedPacer } from '../../nodes/shared';
import { EDUFRAME_SANDBOX_KEY, EduframeSandbox } from '../../sandbox/eduframe/server';
import { fakeContext } from '../harness/fake-context';

let sandbox: EduframeSandbox;
beforeAll(async () => {
	sandbox = await new EduframeSandbox({ users: 5 }).start();
});
afterAll(async () => sandbox.stop());
beforeEach(() => sharedPacer.reset());

function hookContext(staticData: IDataObject, events: string[]): IHookFunctions {
	const base = fakeContext('eduframeApi', { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` };
	});
	return Object.assign(base, {
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => 'http://127.0.0.1:5678/webhook/abc/webhook',
		getNodeParameter: (name: string) => (name === 'events' ? events : {}),
	}) as unknown as IHookFunctions;
}

const methods = new EduframeTrigger().webhookMethods.default;

test('create registers the URL with the chosen events and remembers the educator', async () => {
	const state: IDataObject = {};
	const ctx = hookContext(state, ['order.approved']);
	expect(await methods.checkExists.call(ctx)).toBe(false);
	expect(await methods.create.call(ctx)).toBe(true);
	const hook = sandbox.webhooks.find((h) => h.id === state.webhookId)!;
	expect(hook).toMatchObject({ url: 'http://127.0.0.1:5678/webhook/abc/webhook', events: ['order.approved'], active: true });
	expect(state.educatorId).toBe(1);
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
