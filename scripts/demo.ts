/*
 * `npm run demo`: the three vendor sandboxes, plus a real n8n with this package installed,
 * credentials for the sandboxes already created, the example workflows imported (tagged per vendor),
 * and a local owner account set up, so the editor opens on the examples after signing in.
 * Prints the editor URL and the login. The first run installs n8n (about 3 GB, several minutes).
 *
 * Options: --port=5678 (n8n), --latency=0 (ms added per sandbox request), --scale=1 (rate-limit windows),
 * --n8n=2.40.7, --dev (rebuild on every change and reload the package in n8n without a restart:
 * `npm run dev`).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxes } from '../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../sandbox/planaday/server';
import { RealN8n } from '../test/harness/real-n8n';

/** The local owner the demo signs up, so nobody has to fill in n8n's owner form. */
export const DEMO_OWNER = { email: 'demo@example.com', password: 'Demo-Password-1', firstName: 'Demo', lastName: 'Owner' };

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

	log('starting the vendor sandboxes');
	const scale = Number(argument('scale', '1'));
	const latencyMs = Number(argument('latency', '0'));
	const sandboxes = await startSandboxes({
		eduframe: { rateLimitScale: scale, latencyMs },
		planaday: { rateLimitScale: scale, latencyMs },
		accessplanit: { rateLimitScale: scale, latencyMs },
		ports: { eduframe: 4101, planaday: 4102, accessplanit: 4103 },
	});

	const userFolder = path.join(os.homedir(), '.cache', 'n8n-nodes-training-systems', `demo-${version}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	log(`preparing n8n ${version} (installs on the first run: several minutes, progress below)`);
	const n8n = await RealN8n.create(version, userFolder);

	log('creating credentials for the sandboxes');
	await n8n.importCredentials([
		{ id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
		{ id: 'tsPlanadaySandbox', name: 'Planaday (sandbox)', type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
		{
			id: 'tsAccessplanitSbx',
			name: 'accessplanit (sandbox)',
			type: 'accessplanitApi',
			data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD },
		},
	]);
	const examplesDir = path.join(root, 'examples');
	const examples = fs
		.readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as IDataObject);
	log(`importing ${examples.length} example workflows`);
	await n8n.importWorkflows(examples);

	const dev = process.argv.includes('--dev');
	log(dev ? 'starting n8n (reloading the package on every change)' : 'starting n8n');
	const port = Number(argument('port', '5678'));
	await n8n.start(180_000, port, dev ? { N8N_DEV_RELOAD: 'true' } : {});
	await n8n.setupOwner(DEMO_OWNER);
	if (dev) watchAndReload(root, n8n.userFolder);

	process.stdout.write(`
n8n editor:   ${n8n.baseUrl}/signin?redirect=%2Fhome%2Fworkflows
Sign in:      ${DEMO_OWNER.email} / ${DEMO_OWNER.password}   (a local owner made for the demo)
Examples:     the workflows list, tagged Eduframe, Planaday and accessplanit
Sandboxes:    Eduframe ${sandboxes.eduframe.baseUrl}  (API key ${EDUFRAME_SANDBOX_KEY})
              Planaday ${sandboxes.planaday.baseUrl}  (X-Api-Key ${PLANADAY_SANDBOX_KEY.slice(0, 8)}…)
              accessplanit ${sandboxes.accessplanit.baseUrl}  (${ACCESSPLANIT_USER} / ${ACCESSPLANIT_PASSWORD})
Credentials:  "Eduframe (sandbox)", "Planaday (sandbox)" and "accessplanit (sandbox)" are ready; the example workflows use them.
Stop with Ctrl+C.
`);

	const stop = async () => {
		log('stopping');
		await n8n.stop();
		await sandboxes.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

/**
 * `--dev`: TypeScript rebuilds on every change; each rebuild is copied into the package n8n runs, and
 * n8n (started with N8N_DEV_RELOAD) reloads the nodes without a restart.
 */
function watchAndReload(root: string, userFolder: string) {
	const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-training-systems', 'dist');
	const compiler = spawn(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
	compiler.stdout.on('data', (chunk: Buffer) => {
		const text = chunk.toString();
		if (/Found \d+ errors?\. Watching for file changes/.test(text)) {
			if (!/Found 0 errors/.test(text)) {
				log('TypeScript found errors: n8n keeps the last good build');
				return;
			}
			execFileSync('npx', ['gulp', 'build:icons'], { cwd: root, stdio: 'ignore' });
			fs.cpSync(path.join(root, 'dist'), installed, { recursive: true });
			log('rebuilt: n8n reloads the nodes (refresh the editor to see changed fields)');
		}
	});
	process.on('exit', () => compiler.kill());
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
