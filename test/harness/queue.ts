/**
 * n8n in queue mode, for real: a Postgres and a Redis of their own (Debian's `postgresql` and
 * `redis-server`, installed with apt-get when the machine has none; started on 127.0.0.1 with their
 * own ports and data folders, stopped and removed afterwards), a main process (`n8n start`: editor,
 * activations, polling triggers), two `n8n worker` processes (every production execution) and one
 * `n8n webhook` process (production webhooks; `WEBHOOK_URL` points at it, so triggers register
 * its URL with the vendor). Every process has its own user folder with this package installed, the
 * same encryption key and the same database. Executions are read from Postgres.
 *
 * `QueueN8n` extends `RealN8n`: the CLI (import, publish), `rest()`, `setupOwner()` and
 * `waitForExecutions()` work as they do there, against Postgres instead of SQLite.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ensureN8nInstalled, freePort, installPackageInto, RealN8n, type ExecutionRow } from './real-n8n';

const POSTGRES_BIN_ROOT = '/usr/lib/postgresql';

/** The folder with Debian's Postgres server binaries (`initdb`, `pg_ctl`), newest version first. */
function postgresBin(): string | undefined {
	if (!fs.existsSync(POSTGRES_BIN_ROOT)) return undefined;
	const versions = fs
		.readdirSync(POSTGRES_BIN_ROOT)
		.filter((version) => fs.existsSync(path.join(POSTGRES_BIN_ROOT, version, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(POSTGRES_BIN_ROOT, versions[0], 'bin') : undefined;
}

function redisBin(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((candidate) => fs.existsSync(candidate));
}

/**
 * Installs Debian's `postgresql` and `redis-server` when either is missing. Their packages would start
 * the system's own services; a temporary policy-rc.d (Debian's switch for that) keeps them stopped, so
 * nothing is left running on the standard ports. Returns the seconds it took (0 when nothing was needed).
 */
export function ensureQueueServices(log: (message: string) => void = (message) => process.stderr.write(`${message}\n`)): number {
	if (postgresBin() && redisBin()) return 0;
	const started = Date.now();
	log('Installing Postgres and Redis from Debian (apt-get install postgresql redis-server)...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const run = (args: string[]) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy) run(['sh', '-c', `printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`]);
	try {
		run(['apt-get', 'update', '-qq']);
		run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'postgresql', 'redis-server']);
	} finally {
		if (ownPolicy) run(['rm', '-f', policy]);
	}
	if (!postgresBin() || !redisBin()) throw new Error('apt-get could not install postgresql and redis-server');
	const seconds = (Date.now() - started) / 1000;
	log(`Installed Postgres and Redis in ${seconds.toFixed(1)} s`);
	return seconds;
}

/**
 * Last resort when the test process ends without `shutdown()` (a crash, a killed jest): Postgres runs
 * detached (pg_ctl), so it is stopped here, and every child process is killed.
 */
const onExit = new Set<() => void>();
process.once('exit', () => {
	for (const hook of onExit) {
		try {
			hook();
		} catch {
			// best effort
		}
	}
});

/** A throwaway Postgres cluster: its own data folder and port on 127.0.0.1, trust authentication. */
class Postgres {
	readonly dataDir: string;
	port = 0;
	private readonly bin: string;
	private readonly asRoot = process.getuid?.() === 0;

	constructor() {
		const bin = postgresBin();
		if (!bin) throw new Error('Postgres is not installed (ensureQueueServices installs it)');
		this.bin = bin;
		// Postgres refuses to run as root: as root, the cluster belongs to Debian's `postgres` user.
		this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pg-'));
		if (this.asRoot) execFileSync('chown', ['-R', 'postgres:postgres', this.dataDir]);
	}

	private run(command: string, args: string[]) {
		const full = path.join(this.bin, command);
		return this.asRoot
			? execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', cwd: '/' })
			: execFileSync(full, args, { stdio: 'pipe' });
	}

	async start(): Promise<void> {
		this.port = await freePort();
		const data = path.join(this.dataDir, 'data');
		this.run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
		const options = `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
		onExit.add(this.stopHook);
		this.run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(this.dataDir, 'postgres.log'), '-w', '-t', '60', 'start']);
	}

	private readonly stopHook = () => this.stop();

	stop(): void {
		onExit.delete(this.stopHook);
		const data = path.join(this.dataDir, 'data');
		if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
			try {
				this.run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
			} catch {
				// already stopped
			}
		}
		fs.rmSync(this.dataDir, { recursive: true, force: true });
	}
}

/** A Redis of its own: own port on 127.0.0.1, own folder, nothing saved to disk. */
class Redis {
	readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	port = 0;
	private child?: ChildProcess;
	log = '';

	async start(): Promise<void> {
		const bin = redisBin();
		if (!bin) throw new Error('redis-server is not installed (ensureQueueServices installs it)');
		this.port = await freePort();
		const child = spawn(bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
		this.child = child;
		killOnExit(child);
		child.stdout.on('data', (chunk) => (this.log += chunk));
		child.stderr.on('data', (chunk) => (this.log += chunk));
		const deadline = Date.now() + 20_000;
		while (!/Ready to accept connections/.test(this.log)) {
			if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${this.log}`);
			if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${this.log}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	async stop(): Promise<void> {
		await stopChild(this.child);
		this.child = undefined;
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Kills `child` when the test process ends without stopping it. */
function killOnExit(child: ChildProcess): void {
	const hook = () => child.kill('SIGKILL');
	onExit.add(hook);
	child.once('exit', () => onExit.delete(hook));
}

async function stopChild(child: ChildProcess | undefined, graceMs = 20_000): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	await new Promise<void>((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** One n8n process of the set-up beside main: a worker or the webhook process. */
export interface QueueProcess {
	kind: 'worker' | 'webhook';
	name: string;
	userFolder: string;
	port: number;
	child?: ChildProcess;
	log: string;
}

export interface QueueOptions {
	/** Workers (default 2). */
	workers?: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`; default n8n's 10). */
	workerConcurrency?: number;
	/** Main's port (default: any free port). */
	port?: number;
	/** The webhook process's port (default: any free port). */
	webhookPort?: number;
	/** n8n's log level for every process (default info). */
	logLevel?: string;
	/** More environment for every process. */
	extraEnv?: NodeJS.ProcessEnv;
}

/** The part of n8n's own `pg` the harness uses. */
interface PgPool {
	query(text: string, params?: unknown[]): Promise<{ rows: IDataObject[] }>;
	end(): Promise<void>;
}

export class QueueN8n extends RealN8n {
	readonly postgres = new Postgres();
	readonly redis = new Redis();
	readonly workers: QueueProcess[] = [];
	readonly webhook: QueueProcess;
	private servicesStarted = false;
	private pool?: PgPool;

	constructor(
		version: string,
		n8nFolder: string,
		readonly options: QueueOptions = {},
		userFolder?: string,
	) {
		super(version, n8nFolder, userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-main-${version}-`)));
		const extraFolder = (name: string) => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${name}-`));
			installPackageInto(folder);
			return folder;
		};
		for (let index = 1; index <= (options.workers ?? 2); index++) {
			this.workers.push({ kind: 'worker', name: `worker-${index}`, userFolder: extraFolder(`worker${index}`), port: 0, log: '' });
		}
		this.webhook = { kind: 'webhook', name: 'webhook', userFolder: extraFolder('webhook'), port: 0, log: '' };
	}

	/** Installs n8n (cache), Postgres and Redis (apt) when missing, then starts Postgres and Redis. */
	static async createQueue(version = '2.40.7', options: QueueOptions = {}, userFolder?: string): Promise<QueueN8n> {
		if (Number(version.split('.')[0]) < 2) throw new Error('The queue-mode harness runs n8n 2.x');
		const folder = await ensureN8nInstalled(version);
		ensureQueueServices();
		const n8n = new QueueN8n(version, folder, options, userFolder);
		try {
			await n8n.startServices();
		} catch (error) {
			await n8n.shutdown();
			throw error;
		}
		return n8n;
	}

	private async startServices() {
		await this.postgres.start();
		await this.redis.start();
		this.servicesStarted = true;
		this.port = this.options.port ?? (await freePort());
		this.webhook.port = this.options.webhookPort ?? (await freePort());
		for (const worker of this.workers) worker.port = await freePort();
	}

	get webhookUrl(): string {
		return `http://127.0.0.1:${this.webhook.port}`;
	}

	/** What every process shares: the database, the queue, the encryption key; `WEBHOOK_URL` is the webhook process. */
	override async env(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
		return await super.env({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			WEBHOOK_URL: `${this.webhookUrl}/`,
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'info',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...this.options.extraEnv,
			...extra,
		});
	}

	/**
	 * Starts the workers and the webhook process, then main (which activates the workflows and
	 * registers webhooks with the vendors); waits until each is ready.
	 */
	override async start(timeoutMs = 240_000, port?: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
		if (port) this.port = port;
		const deadline = Date.now() + timeoutMs;
		const others = [...this.workers, this.webhook];
		await Promise.all(others.map((proc) => this.startProcess(proc, deadline, extraEnv)));
		// Main: production webhooks only through the webhook process.
		await super.start(Math.max(1_000, deadline - Date.now()), this.port, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', WEBHOOK_URL: `${this.webhookUrl}/`, ...extraEnv });
	}

	private async startProcess(proc: QueueProcess, deadline: number, extraEnv: NodeJS.ProcessEnv): Promise<void> {
		const isWorker = proc.kind === 'worker';
		const env = await this.env({
			N8N_USER_FOLDER: proc.userFolder,
			N8N_PORT: String(proc.port),
			...(isWorker ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(proc.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
			...extraEnv,
		});
		const args = isWorker ? ['worker', ...(this.options.workerConcurrency ? [`--concurrency=${this.options.workerConcurrency}`] : [])] : ['webhook'];
		proc.log = '';
		const child = spawn(this.nodeBinary, [this.bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		proc.child = child;
		killOnExit(child);
		child.stdout.on('data', (chunk) => (proc.log += chunk));
		child.stderr.on('data', (chunk) => (proc.log += chunk));
		const ready = isWorker ? /n8n worker is now ready/ : /Webhook listener waiting for requests/;
		const probe = isWorker ? '/healthz/readiness' : '/healthz';
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n ${proc.name} exited with ${child.exitCode}:\n${proc.log}`);
			if (ready.test(proc.log)) {
				try {
					if ((await fetch(`http://127.0.0.1:${proc.port}${probe}`)).ok) return;
				} catch {
					// not listening yet
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`n8n ${proc.name} did not become ready:\n${proc.log}`);
	}

	/** Stops main, the webhook process and the workers (Postgres and Redis keep running: `shutdown()` ends them). */
	override async stop(): Promise<void> {
		await super.stop();
		await Promise.all([this.webhook, ...this.workers].map(async (proc) => {
			await stopChild(proc.child);
			proc.child = undefined;
		}));
	}

	/** Stops every process of the set-up, Postgres and Redis included, and removes their folders. */
	async shutdown(): Promise<void> {
		try {
			await this.stop();
		} finally {
			await this.pool?.end().catch(() => undefined);
			this.pool = undefined;
			if (this.servicesStarted || this.redis.port) await this.redis.stop();
			this.postgres.stop();
			this.servicesStarted = false;
			this.cleanup();
		}
	}

	override cleanup(): void {
		super.cleanup();
		for (const proc of [...this.workers, this.webhook]) fs.rmSync(proc.userFolder, { recursive: true, force: true });
	}

	/** Waits until the webhook process serves a production webhook path (a GET never starts an execution). */
	override async waitForWebhook(webhookPath: string, timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const response = await fetch(`${this.webhookUrl}/webhook/${webhookPath}`, { method: 'GET' });
			const text = await response.text();
			if (response.status !== 404 || /Did you mean/i.test(text)) return;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`Webhook ${webhookPath} was not served by the webhook process in ${timeoutMs} ms\n${this.webhook.log.slice(-3000)}`);
	}

	/** One statement on n8n's Postgres database (with n8n's own `pg`); `flattedColumn` is parsed as n8n stores run data. */
	override async sql(statement: string, params: unknown[] = [], options: { write?: boolean; flattedColumn?: string } = {}): Promise<IDataObject[]> {
		if (!this.pool) {
			const { Pool } = require(path.join(this.n8nFolder, 'node_modules', 'pg')) as { Pool: new (config: IDataObject) => PgPool };
			this.pool = new Pool({ host: '127.0.0.1', port: this.postgres.port, user: 'postgres', database: 'postgres', max: 2 });
		}
		const { rows } = await this.pool.query(statement, params);
		const column = options.flattedColumn;
		if (!column) return rows;
		const { parse } = require(path.join(this.n8nFolder, 'node_modules', 'flatted')) as { parse: (text: string) => unknown };
		return rows.map((row) => (row[column] ? { ...row, [column]: parse(String(row[column])) as IDataObject } : row));
	}

	override async executions(workflowId: string, withData = false): Promise<ExecutionRow[]> {
		const rows = await this.sql(
			`select e.id, e."workflowId", e.status, e.mode, ${withData ? 'd.data' : 'null as data'} from execution_entity e left join execution_data d on d."executionId" = e.id where e."workflowId" = $1 order by e.id`,
			[workflowId],
			{ flattedColumn: 'data' },
		);
		return rows.map((row) => ({ ...row, id: Number(row.id) })) as unknown as ExecutionRow[];
	}

	/** Which worker ran each execution, from the workers' own log lines ("Worker started execution 12 (job 3)"). */
	workerOf(executionId: number | string): string | undefined {
		const line = new RegExp(`Worker started execution ${executionId} \\(`);
		return this.workers.find((worker) => line.test(worker.log))?.name;
	}
}
