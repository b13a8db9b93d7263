/**
 * The hostile-vendor layer's harness (`npm run test:hostile`).
 *
 * - The stand-in vendor is a sandbox with a `tamper` hook (sandbox/common/server.ts): a test replaces
 *   the vendor's answer to chosen requests with a hostile or broken one (a next link or redirect to
 *   another host, a huge Retry-After, a web page on 200, a body that never ends…).
 * - `OtherOrigin` is a second origin on another loopback address (127.0.0.2) that records whatever
 *   reaches it: no credential, no body of ours may ever arrive there.
 * - `safe(check, ok)` records every safety check of every case in `.test-results/hostile/` and fails
 *   the test when it does not hold; `scripts/hostile-summary.js` counts cases, checks and unsafe outcomes.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { IRun } from 'n8n-workflow';

import type { SandboxServer, Tamper } from '../../sandbox';

/** What reached the other origin. */
export interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A second origin (another loopback address, another port) that records every request and answers `answer`. */
export class OtherOrigin {
	readonly received: Received[] = [];
	answer: (request: Received) => { status: number; headers?: Record<string, string>; body?: unknown } = () => ({ status: 200, body: [] });
	private server?: http.Server;
	private readonly sockets = new Set<import('node:net').Socket>();
	port = 0;

	constructor(readonly host = '127.0.0.2') {}

	get origin(): string {
		return `http://${this.host}:${this.port}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const received: Received = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
				this.received.push(received);
				const answer = this.answer(received);
				const headers: Record<string, string> = { ...answer.headers };
				let payload = '';
				if (answer.body !== undefined) {
					payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
					if (typeof answer.body !== 'string') headers['Content-Type'] ??= 'application/json';
				}
				res.writeHead(answer.status, headers);
				res.end(payload);
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(0, this.host, () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	reset(): void {
		this.received.length = 0;
		this.answer = () => ({ status: 200, body: [] });
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}
}

/** Sets a sandbox's tamper hooks for one case (cleared by `untamper`). */
export function tamper(sandbox: SandboxServer, hooks: { before?: Tamper; after?: Tamper }): void {
	sandbox.tamper = hooks;
}

export function untamper(...sandboxes: SandboxServer[]): void {
	for (const sandbox of sandboxes) sandbox.tamper = {};
}

/**
 * The forms in which a secret could be read in a text: as it is, URL-encoded, base64 (alone, as HTTP
 * Basic `user:secret`, and inside any base64 text), and any 8 characters of it in a row with a letter and a digit (an echo cut short).
 */
export function secretForms(secret: string, others: string[] = []): string[] {
	const forms = new Set<string>([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, '')]);
	for (const other of others) forms.add(Buffer.from(`${other}:${secret}`).toString('base64').replace(/=+$/, ''));
	// Inside any base64 text: the characters only the secret decides, at each of the three alignments.
	for (const shift of [0, 1, 2]) {
		const encoded = Buffer.from(`${'\u0000'.repeat(shift)}${secret}`).toString('base64');
		const core = encoded.slice(shift === 0 ? 0 : 4, encoded.length - 4);
		if (core.length >= 8) forms.add(core);
	}
	// Runs of letters alone may be words the secret shares with any text ("eduframe"): only key material counts.
	if (secret.length > 8) {
		for (let start = 0; start + 8 <= secret.length; start++) {
			const run = secret.slice(start, start + 8);
			if (/[0-9]/.test(run) && /[A-Za-z]/.test(run)) forms.add(run);
		}
	}
	return [...forms].filter((form) => form.length >= Math.min(4, secret.length));
}

/** The secrets among `secrets` that can be read in `text`, in any of their forms. */
export function secretsIn(text: string, secrets: string[]): string[] {
	return secrets.filter((secret) => secretForms(secret).some((form) => text.includes(form)));
}

/** Everything n8n keeps of a run (output, errors, run data) as one text, for secret scans. */
export function runText(run: IRun): string {
	return JSON.stringify(run.data, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack, description: (value as { description?: unknown }).description } : value));
}

const outcomeDir = path.resolve(__dirname, '../../.test-results/hostile');

/** The test's name and file, from jest's state. */
function currentTest(): { file: string; name: string } {
	const state = (expect as unknown as { getState(): { testPath?: string; currentTestName?: string } }).getState();
	return { file: path.basename(state.testPath ?? 'unknown'), name: state.currentTestName ?? 'unknown' };
}

/**
 * One safety check of a hostile case: recorded (safe or unsafe) for the layer's count, and the test
 * fails when it does not hold, with `detail` saying what was seen.
 */
export function safe(check: string, ok: boolean, detail = ''): void {
	const { file, name } = currentTest();
	fs.mkdirSync(outcomeDir, { recursive: true });
	fs.appendFileSync(path.join(outcomeDir, `${file}.jsonl`), `${JSON.stringify({ file, test: name, check, safe: ok, detail: ok ? undefined : detail })}\n`);
	if (!ok) throw new Error(`Unsafe: ${check}${detail ? ` (${detail})` : ''}`);
}

/** The common checks after a hostile run: nothing reached the other origin, no secret anywhere n8n keeps. */
export function checkNoLeak(other: OtherOrigin, run: IRun | undefined, secrets: string[]): void {
	const reached = other.received.map((request) => `${request.method} ${request.url}`);
	safe('nothing of ours reaches another origin', other.received.length === 0, reached.join(', '));
	if (run) {
		const found = secretsIn(runText(run), secrets);
		safe('no secret in output, errors or run data', found.length === 0, `${found.length} secret(s) found`);
	}
}
