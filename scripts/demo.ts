/*
 * `npm run demo`: the three vendor sandboxes, plus a real n8n with this package installed,
 * credentials for the sandboxes already created, the example workflows imported (tagged per vendor),
 * and a local owner account set up, so the editor opens on the examples after signing in.
 * Prints the editor URL and the login. The first run installs n8n (about 3 GB, several minutes).
 *
 * Options: --port=5678 (n8n), --latency=0 (ms added per sandbox request), --scale=1 (rate-limit windows),
 * --n8n=2.40.7, --dev (rebuild on every change and reload the package in n8n without a restart:
 * `npm run dev`), --queue (n8n in queue mode: Postgres and Redis of its own, installed with apt-get when
 * missing, a main process, two workers and a webhook process; --webhook-port=5680).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../sandbox/planaday/server';
import { DEMO_OWNER, startDemo } from '../test/harness/demo';
import { QueueN8n } from '../test/harness/queue';

function argument(name: string, fallback: string): string {
	const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return found ? found.slice(name.length + 3) : fallback;
}

const log = (message: string) => process.stdout.write(`[demo] ${message}\n`);

async function main() {
	const root = path.resolve(__dirname, '..');
	const version = argument('n8n', '2.40.7');
	log('building the package');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

	const dev = process.argv.includes('--dev');
	const queue = process.argv.includes('--queue');
	const { n8n, sandboxes, examples, stop: stopAll } = await startDemo({
		version,
		port: Number(argument('port', '5678')),
		sandboxPorts: { eduframe: 4101, planaday: 4102, accessplanit: 4103 },
		rateLimitScale: Number(argument('scale', '1')),
		latencyMs: Number(argument('latency', '0')),
		userFolder: path.join(os.homedir(), '.cache', 'n8n-nodes-training-systems', `demo-${queue ? 'queue-' : ''}${version}`),
		extraEnv: dev ? { N8N_DEV_RELOAD: 'true' } : {},
		log,
		queue,
		webhookPort: Number(argument('webhook-port', '5680')),
	});
	const processes = n8n instanceof QueueN8n ? [n8n.userFolder, ...n8n.workers.map((worker) => worker.userFolder), n8n.webhook.userFolder] : [n8n.userFolder];
	if (dev) watchAndReload(root, processes);
	const queueLines =
		n8n instanceof QueueN8n
			? `Queue mode:   main ${n8n.baseUrl} (editor, activations, polling triggers; no production webhooks)
              webhook process ${n8n.webhookUrl}/webhook/…  (production webhooks; WEBHOOK_URL, so triggers register it)
              ${n8n.workers.map((worker) => `${worker.name} http://127.0.0.1:${worker.port}/healthz`).join(', ')}  (every execution, manual ones too)
              Postgres 127.0.0.1:${n8n.postgres.port}, Redis 127.0.0.1:${n8n.redis.port}  (own data folders, removed on stop)
`
			: '';

	process.stdout.write(`
n8n editor:   ${n8n.baseUrl}/signin?redirect=%2Fhome%2Fworkflows
Sign in:      ${DEMO_OWNER.email} / ${DEMO_OWNER.password}   (a local owner made for the demo)
Examples:     ${examples.length} workflows in the list, tagged Eduframe, Planaday and accessplanit
Sandboxes:    Eduframe ${sandboxes.eduframe.baseUrl}  (API key ${EDUFRAME_SANDBOX_KEY})
              Planaday ${sandboxes.planaday.baseUrl}  (X-Api-Key ${PLANADAY_SANDBOX_KEY.slice(0, 8)}…)
              accessplanit ${sandboxes.accessplanit.baseUrl}  (${ACCESSPLANIT_USER} / ${ACCESSPLANIT_PASSWORD})
Credentials:  "Eduframe (sandbox)", "Planaday (sandbox)" and "accessplanit (sandbox)" are ready; the example workflows use them.
${queueLines}${dev ? 'Dev mode:     every saved change is rebuilt and reloaded into this n8n.\n' : ''}Stop with Ctrl+C.
`);

	const stop = async () => {
		log('stopping');
		await stopAll();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

/**
 * `--dev`: TypeScript rebuilds on every change; each rebuild is copied into the package n8n runs, and
 * n8n (started with N8N_DEV_RELOAD) reloads the nodes without a restart.
 */
function watchAndReload(root: string, userFolders: string[]) {
	const installed = userFolders.map((userFolder) => path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-training-systems', 'dist'));
	const compiler = spawn(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
	compiler.stdout.on('data', (chunk: Buffer) => {
		const text = chunk.toString();
		if (/Found \d+ errors?\. Watching for file changes/.test(text)) {
			if (!/Found 0 errors/.test(text)) {
				log('TypeScript found errors: n8n keeps the last good build');
				return;
			}
			execFileSync('npx', ['gulp', 'build:icons'], { cwd: root, stdio: 'ignore' });
			for (const target of installed) fs.cpSync(path.join(root, 'dist'), target, { recursive: true });
			log('rebuilt: n8n reloads the nodes (refresh the editor to see changed fields)');
		}
	});
	process.on('exit', () => compiler.kill());
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
