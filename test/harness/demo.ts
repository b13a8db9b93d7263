/**
 * The demo's setup, shared by `npm run demo` and the browser test: the three vendor sandboxes, a
 * real n8n with this package installed, credentials for the sandboxes, the example workflows
 * (tagged per vendor) and a local owner account, so the editor opens on the examples after signing in.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { QueueN8n } from './queue';
import { RealN8n } from './real-n8n';

/** The local owner the demo signs up, so nobody has to fill in n8n's owner form. */
export const DEMO_OWNER = { email: 'demo@example.com', password: 'Demo-Password-1', firstName: 'Demo', lastName: 'Owner' };

/** The credentials the demo creates, by vendor (their IDs are the ones the examples use). */
export const DEMO_CREDENTIALS = {
	eduframe: { id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)', type: 'eduframeApi' },
	planaday: { id: 'tsPlanadaySandbox', name: 'Planaday (sandbox)', type: 'planadayApi' },
	accessplanit: { id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)', type: 'accessplanitApi' },
};

export interface DemoOptions {
	version?: string;
	/** n8n's port (default: any free port). */
	port?: number;
	/** Fixed sandbox ports (default: any free ports). */
	sandboxPorts?: { eduframe?: number; planaday?: number; accessplanit?: number };
	rateLimitScale?: number;
	latencyMs?: number;
	/** n8n's user folder (default: a new temporary one). Emptied first. */
	userFolder?: string;
	extraEnv?: NodeJS.ProcessEnv;
	log?: (message: string) => void;
	/** Queue mode (test/harness/queue.ts): Postgres, Redis, main, two workers and a webhook process. */
	queue?: boolean;
	/** The webhook process's port in queue mode (default: any free port). */
	webhookPort?: number;
}

export interface Demo {
	n8n: RealN8n;
	sandboxes: Sandboxes;
	examples: IDataObject[];
	stop(): Promise<void>;
}

export function loadExamples(root = path.resolve(__dirname, '../..')): IDataObject[] {
	const examplesDir = path.join(root, 'examples');
	return fs
		.readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as IDataObject);
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
	const log = options.log ?? (() => undefined);
	const version = options.version ?? '2.40.7';
	log('starting the vendor sandboxes');
	const scale = options.rateLimitScale ?? 1;
	const latencyMs = options.latencyMs ?? 0;
	const sandboxes = await startSandboxes({
		eduframe: { rateLimitScale: scale, latencyMs },
		planaday: { rateLimitScale: scale, latencyMs },
		accessplanit: { rateLimitScale: scale, latencyMs },
		ports: options.sandboxPorts,
	});
	// The people of the HR sync examples (sandbox/common/hr-example.ts).
	sandboxes.eduframe.addHrExample();
	sandboxes.accessplanit.addHrExample();
	try {
		if (options.userFolder) {
			fs.rmSync(options.userFolder, { recursive: true, force: true });
			fs.mkdirSync(options.userFolder, { recursive: true });
		}
		log(`preparing n8n ${version}${options.queue ? ' in queue mode, with Postgres and Redis' : ''} (installs on the first run: several minutes)`);
		const n8n = options.queue
			? await QueueN8n.createQueue(version, { port: options.port, webhookPort: options.webhookPort }, options.userFolder)
			: await RealN8n.create(version, options.userFolder);
		const stopN8n = async () => (n8n instanceof QueueN8n ? await n8n.shutdown() : await n8n.stop());

		const examples = loadExamples();
		try {
			log('creating credentials for the sandboxes');
			await n8n.importCredentials([
				{ ...DEMO_CREDENTIALS.eduframe, data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
				{ ...DEMO_CREDENTIALS.planaday, data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
				{
					...DEMO_CREDENTIALS.accessplanit,
					data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD },
				},
			]);
			log(`importing ${examples.length} example workflows`);
			await n8n.importWorkflows(examples);

			log(options.queue ? 'starting n8n: two workers, the webhook process, then main' : 'starting n8n');
			await n8n.start(options.queue ? 300_000 : 180_000, options.port, options.extraEnv ?? {});
			await n8n.setupOwner(DEMO_OWNER);
		} catch (error) {
			await stopN8n();
			throw error;
		}
		return {
			n8n,
			sandboxes,
			examples,
			stop: async () => {
				await stopN8n();
				await sandboxes.stop();
			},
		};
	} catch (error) {
		await sandboxes.stop();
		throw error;
	}
}
