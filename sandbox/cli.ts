/* Starts the three vendor sandboxes and prints their URLs: `npm run sandbox`.
   Options: --scale=0.01 (rate-limit windows), --latency=20 (ms per request), --users=300,
   --ports=4101,4102,4103, --json (print one JSON line, for scripts). */
import { startSandboxes } from './index';
import { ACCESSPLANIT_API_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from './accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from './eduframe/server';
import { PLANADAY_SANDBOX_KEY } from './planaday/server';

function argument(name: string, fallback: string): string {
	const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return found ? found.slice(name.length + 3) : fallback;
}

async function main() {
	const scale = Number(argument('scale', '1'));
	const latencyMs = Number(argument('latency', '0'));
	const users = Number(argument('users', '300'));
	const ports = argument('ports', '4101,4102,4103').split(',').map(Number);
	const sandboxes = await startSandboxes({
		eduframe: { rateLimitScale: scale, latencyMs, users },
		planaday: { rateLimitScale: scale, latencyMs },
		accessplanit: { rateLimitScale: scale, latencyMs, users },
		ports: { eduframe: ports[0], planaday: ports[1], accessplanit: ports[2] },
	});
	const info = {
		eduframe: { baseUrl: sandboxes.eduframe.baseUrl, apiKey: EDUFRAME_SANDBOX_KEY },
		planaday: { baseUrl: sandboxes.planaday.baseUrl, apiKey: PLANADAY_SANDBOX_KEY },
		accessplanit: { baseUrl: sandboxes.accessplanit.baseUrl, username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD, apiKey: ACCESSPLANIT_API_KEY },
	};
	if (process.argv.includes('--json')) {
		process.stdout.write(`${JSON.stringify(info)}\n`);
	} else {
		process.stdout.write('Vendor sandboxes (127.0.0.1 only; Ctrl+C stops them)\n');
		process.stdout.write(`  Eduframe      ${info.eduframe.baseUrl}   API key: ${info.eduframe.apiKey}\n`);
		process.stdout.write(`  Planaday      ${info.planaday.baseUrl}   X-Api-Key: ${info.planaday.apiKey}\n`);
		process.stdout.write(`  accessplanit  ${info.accessplanit.baseUrl}   user: ${info.accessplanit.username} / ${info.accessplanit.password}\n`);
		process.stdout.write('  Control: POST <origin>/__sandbox/faults {"rate":0.1,"kinds":["rate-limit","drop"]}, /__sandbox/latency {"ms":20}, GET /__sandbox/stats\n');
	}
	const stop = () => void sandboxes.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
