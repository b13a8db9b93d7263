/**
 * The Eduframe Trigger's catch-up in a real n8n (`n8n start`): changes made while n8n is stopped
 * (Eduframe tries, retries, gives up) run the workflow once each, in order, marked as replayed, when
 * n8n starts again; changes made while the receiver is unreachable for a running n8n run at the next
 * periodic check; nothing runs twice, across restarts and when a delivery arrives again; a
 * registration made before the trigger put a secret in its address gets the secret at the next start.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { EDUFRAME_SANDBOX_KEY, EDUFRAME_TENANT_UUIDS } from '../../sandbox/eduframe/server';
import { nodeItems, RealN8n } from '../harness/real-n8n';
import { eduframeReplayWorkflow } from '../harness/workflows';
import { waitFor } from '../harness/wait';

const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);
const WORKFLOW = 'tsEduframeReplay';

describe.each(versions)('in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;
	let port = 0;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 50 } });
		// Eduframe's retries, shortened: three attempts 0.3 s apart, then failed.
		sandboxes.eduframe.webhookRetryDelaysMs = [300, 300];
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
		]);
		await n8n.importWorkflows([eduframeReplayWorkflow(WORKFLOW, 'Eduframe replay', '6d0f3c1a-replay-4b7e-9c1d-000000000001', { id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)' })]);
		await n8n.activate(WORKFLOW);
		await n8n.start();
		port = n8n.port;
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	const ours = () => sandboxes.eduframe.webhooks.filter((hook) => hook.url.startsWith(`${n8n.baseUrl}/webhook/`));
	const auth = { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' };
	const change = async (ids: number[]) => {
		for (const id of ids) {
			const response = await fetch(`${sandboxes.eduframe.baseUrl}/users/${id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ first_name: `Changed ${id}` }) });
			expect(response.status).toBe(200);
		}
	};
	const items = async (count: number, timeoutMs = 120_000) =>
		(await n8n.waitForExecutions(WORKFLOW, count, timeoutMs)).map((execution) => ({ status: execution.status, ...nodeItems(execution.data, 'Eduframe Trigger')[0] }) as IDataObject);

	test('changes made while n8n was stopped run once each, in order, marked as replayed, when it starts again', async () => {
		await waitFor(() => ours().length === 1, 'the trigger registered with Eduframe', 60_000);
		await change([1, 2, 3]);
		await sandboxes.eduframe.settled();
		// Live deliveries are sent side by side, so their executions may start in any order.
		const live = await items(3);
		expect(live.map((item) => [item.replayed, (item.event_data as IDataObject).id]).sort()).toEqual([
			[false, 1],
			[false, 2],
			[false, 3],
		]);

		await n8n.stop();
		await change([4, 5, 6, 7, 8]);
		await sandboxes.eduframe.settled();
		const missed = sandboxes.eduframe.notifications.filter((n) => n.webhook_id === ours()[0].id && n.status === 'failed');
		expect(missed).toHaveLength(5);
		expect(missed.every((n) => n.send_attempts.length === 3)).toBe(true);

		await n8n.start(180_000, port);
		const all = await items(8);
		expect(all.slice(0, 3).every((item) => item.replayed === false)).toBe(true);
		// The replays, one after the other in the order the changes happened.
		expect(all.slice(3).map((item) => [item.replayed, (item.event_data as IDataObject).id])).toEqual([
			[true, 4],
			[true, 5],
			[true, 6],
			[true, 7],
			[true, 8],
		]);
		expect(all.every((item) => item.status === 'success')).toBe(true);
		expect(all[3]).toMatchObject({ event: 'user.updated', tenant_id: EDUFRAME_TENANT_UUIDS[1], educator: 'sandbox-academy', event_data: missed[0].data.event_data, notification: { id: missed[0].id, event_id: missed[0].event_id } });
		// The registration stayed the same one (its failed list is where the missed changes are).
		expect(ours()).toHaveLength(1);
	}, 600_000);

	test('nothing runs twice: not after another restart, not when a replayed delivery arrives late', async () => {
		await n8n.stop();
		await n8n.start(180_000, port);
		const replayed = sandboxes.eduframe.notifications.find((n) => n.webhook_id === ours()[0].id && n.status === 'failed')!;
		const late = await fetch(ours()[0].url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(replayed.data) });
		expect(late.status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		expect(await n8n.executions(WORKFLOW)).toHaveLength(8);
	}, 600_000);

	test('while n8n runs but Eduframe cannot reach it, the missed change runs at the next periodic check', async () => {
		sandboxes.eduframe.receiversReachable = false;
		await change([9]);
		await sandboxes.eduframe.settled();
		sandboxes.eduframe.receiversReachable = true;
		expect(sandboxes.eduframe.notifications.at(-1)!.status).toBe('failed');
		// Check Every (Minutes) is 1: within about a minute.
		const all = await items(9, 90_000);
		expect(all[8]).toMatchObject({ replayed: true, event_data: expect.objectContaining({ id: 9 }) });
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		expect(await n8n.executions(WORKFLOW)).toHaveLength(9);
	}, 600_000);

	test('a registration made before the trigger used a secret gets it at the next start, the same registration, nothing lost', async () => {
		const hook = ours()[0];
		const secured = hook.url;
		expect(new URL(secured).searchParams.get('token')).toBeTruthy();
		await n8n.stop();
		// As an earlier version of the trigger registered it: n8n's address without a secret.
		const bare = new URL(secured);
		bare.searchParams.delete('token');
		hook.url = bare.toString();
		await change([10, 11]);
		await sandboxes.eduframe.settled();

		await n8n.start(180_000, port);
		await waitFor(() => ours()[0]?.url === secured, 'the registration given the secret', 60_000);
		expect(ours().map((entry) => entry.id)).toEqual([hook.id]);
		// What changed meanwhile is caught up from that registration's failed list.
		const caughtUp = await items(11);
		expect(caughtUp.slice(9).map((item) => [item.replayed, (item.event_data as IDataObject).id])).toEqual([
			[true, 10],
			[true, 11],
		]);
		// Live deliveries now come with the secret and run.
		await change([12]);
		await sandboxes.eduframe.settled();
		const live = await items(12);
		expect(live[11]).toMatchObject({ replayed: false, event_data: expect.objectContaining({ id: 12 }) });
		expect(sandboxes.eduframe.notifications.at(-1)!.status).toBe('succeeded');
	}, 600_000);
});

