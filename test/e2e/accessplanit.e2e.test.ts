import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { nodeItems, RealN8n } from '../harness/real-n8n';

const examples = path.resolve(__dirname, '../../examples');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as IDataObject;
const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);

describe.each(versions)('accessplanit in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ accessplanit: { users: 700 } });
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)', type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } },
		]);
		await n8n.importWorkflows([load('accessplanit-list-users.json')]);
	}, 1_200_000);

	afterAll(async () => {
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	test('the token is obtained through the credential, kept, and renewed once it has expired', async () => {
		const enabled = sandboxes.accessplanit.modules.User.filter((user) => user.Status === 'Enabled');
		const first = await n8n.execute('tsAccessUsers001');
		expect(first.data.resultData.error).toBeUndefined();
		const users = nodeItems(first.data, 'Enabled users');
		expect(users).toHaveLength(enabled.length);
		expect(users.map((user) => user.Surname)).toEqual([...users.map((user) => String(user.Surname))].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		expect(sandboxes.accessplanit.tokensIssued).toBe(1);
		// The kept token expires; the next run is refused once, renews it and succeeds.
		sandboxes.accessplanit.tokenLifetimeMs = 1;
		await new Promise((resolve) => setTimeout(resolve, 50));
		sandboxes.accessplanit.tokenLifetimeMs = 3_600_000;
		for (const token of sandboxes.accessplanit.tokens.keys()) sandboxes.accessplanit.tokens.set(token, Date.now() - 1);
		const second = await n8n.execute('tsAccessUsers001');
		expect(second.data.resultData.error).toBeUndefined();
		expect(nodeItems(second.data, 'Enabled users')).toHaveLength(enabled.length);
		expect(sandboxes.accessplanit.tokensIssued).toBe(2);
	}, 180_000);
});
