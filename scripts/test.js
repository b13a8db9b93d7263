#!/usr/bin/env node
/*
 * `npm test`: lint, type-check, build, then the test layers: unit, workflow, hostile (hostile and broken
 * vendors, forged input: scripts/test-hostile.js), clock (unit and workflow
 * again at chosen instants), e2e (a real n8n) and browser (the editor in Debian's Chromium, which it
 * installs with apt when the machine has none).
 * Prints a table of tests and durations per layer and a closing "N passed, N failed" line.
 * Environment: E2E_N8N_VERSIONS (default "2.40.7,1.123.5"), E2E_PACKAGES_N8N_VERSIONS (the n8n lines the
 * single-vendor packages' examples run in, default "2.41.1,1.123.5"), SKIP_E2E=1 to leave out the real-n8n layer,
 * SKIP_CLOCK=1 to leave out the clock layer, SKIP_BROWSER=1 to leave out the browser layer, BROWSER_N8N_VERSIONS
 * (default "2.40.7,2.41.1": the editor is walked on each; the docs' screenshots come from the first).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const hostile = require('./test-hostile');

const root = path.resolve(__dirname, '..');
const results = path.join(root, '.test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const rows = [];
let failed = false;

function step(name, command, args, env = {}) {
	process.stdout.write(`\n=== ${name} ===\n`);
	const started = Date.now();
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	const seconds = (Date.now() - started) / 1000;
	return { ok: result.status === 0, seconds };
}

for (const [name, command, args] of [
	['lint', bin('eslint'), ['nodes', 'credentials', 'package.json']],
	['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
	['build', 'npm', ['run', 'build', '--silent']],
	// The published packages (scripts/packages.js): packages/ up to date with its sources, each built with
	// n8n-node and packed into dist-packages/, then n8n's checks: `n8n-node lint` (strict) and n8n's scanner on
	// the committed source and on each tarball (0 findings each).
	['packages up to date', process.execPath, [path.join(root, 'scripts', 'packages.js'), 'check']],
	['packages built and packed', process.execPath, [path.join(root, 'scripts', 'packages.js'), 'pack']],
	["n8n's checks", process.execPath, [path.join(root, 'scripts', 'packages.js'), 'verify']],
]) {
	const { ok, seconds } = step(name, command, args);
	rows.push({ layer: name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds, checks: true });
	if (!ok) failed = true;
}

const layers = ['unit', 'workflow', 'hostile'];
if (!process.env.SKIP_CLOCK) layers.push('clock');
if (!process.env.SKIP_E2E) layers.push('e2e');
if (!process.env.SKIP_BROWSER) layers.push('browser');

/**
 * The clock layer (scripts/test-clock.js: unit and workflow again at chosen instants) keeps the CPU
 * busy, while the e2e layer mostly waits on real n8n processes (start-up, poll intervals, rate-limit
 * windows). So the clock layer runs beside the e2e layer, its output kept in .test-results/clock.log
 * and printed when it ends; its result is taken after the e2e layer.
 */
function startClock() {
	const report = path.join(results, 'clock.json');
	const log = path.join(results, 'clock.log');
	fs.rmSync(report, { force: true });
	const out = fs.openSync(log, 'w');
	const started = Date.now();
	process.stdout.write(`\n=== unit and workflow tests at chosen instants (beside the next layers; output in ${path.relative(root, log)}) ===\n`);
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'test-clock.js')], { cwd: root, stdio: ['ignore', out, out], env: process.env });
	const done = new Promise((resolve) => child.on('close', (code) => resolve({ ok: code === 0, seconds: (Date.now() - started) / 1000 })));
	return async () => {
		const { ok, seconds: waited } = await done;
		fs.closeSync(out);
		process.stdout.write(`\n=== unit and workflow tests at chosen instants: output ===\n${fs.readFileSync(log, 'utf8')}`);
		const runs = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : [];
		const passed = runs.reduce((sum, run) => sum + run.passed, 0);
		const failures = runs.reduce((sum, run) => sum + run.failed, 0) + (ok ? 0 : runs.length ? 0 : 1);
		// Its own running time: the instants' durations (its end is only seen once the e2e layer is done).
		const seconds = runs.length ? runs.reduce((sum, run) => sum + Number(run.seconds ?? 0), 0) : waited;
		rows.push({ layer: `clock (${runs.length} instants)`, passed, failed: failures, seconds });
		if (!ok || failures) failed = true;
	};
}

/**
 * One jest layer. The browser layer runs once per n8n line in BROWSER_N8N_VERSIONS (default
 * "2.40.7,2.41.1"); the docs' screenshots are taken on the first line only.
 */
function jestLayer(layer, browserVersion, firstBrowserRun = true) {
	const name = browserVersion ? `${layer} (${browserVersion})` : layer;
	const output = path.join(results, `${browserVersion ? `${layer}-${browserVersion}` : layer}.json`);
	fs.rmSync(output, { force: true });
	const args = ['--selectProjects', layer, '--json', `--outputFile=${output}`];
	if (layer === 'hostile') hostile.clearOutcomes();
	if (layer === 'e2e' || layer === 'browser') args.push('--runInBand');
	const env =
		layer === 'e2e'
			? { E2E_N8N_VERSIONS: process.env.E2E_N8N_VERSIONS ?? '2.40.7,1.123.5', E2E_PACKAGES_N8N_VERSIONS: process.env.E2E_PACKAGES_N8N_VERSIONS ?? '2.41.1,1.123.5' }
			: browserVersion
				? { BROWSER_N8N_VERSION: browserVersion, ...(firstBrowserRun ? {} : { BROWSER_SCREENSHOTS: 'off' }) }
				: {};
	const { ok, seconds } = step(`${name} tests`, bin('jest'), args, env);
	let passed = 0;
	let failures = ok ? 0 : 1;
	if (fs.existsSync(output)) {
		const report = JSON.parse(fs.readFileSync(output, 'utf8'));
		passed = report.numPassedTests;
		failures = report.numFailedTests + report.numRuntimeErrorTestSuites + (ok ? 0 : report.numFailedTests ? 0 : 1);
		if (report.numTotalTests === 0) failures += 1;
	}
	rows.push({ layer: name, passed, failed: failures, seconds });
	if (!ok || failures) failed = true;
	if (layer === 'hostile') process.stdout.write(`\n${hostile.report()}`);
}

async function main() {
	if (failed) return;
	let clockResult;
	for (const layer of layers) {
		if (layer === 'clock') {
			clockResult = startClock();
			continue;
		}
		// The browser layer measures nothing in time, but it drives n8n's editor: it waits for the clock layer.
		if (layer === 'browser' && clockResult) {
			await clockResult();
			clockResult = undefined;
		}
		if (layer === 'browser') {
			const versions = (process.env.BROWSER_N8N_VERSIONS ?? '2.40.7,2.41.1').split(',').map((version) => version.trim()).filter(Boolean);
			versions.forEach((version, index) => jestLayer(layer, version, index === 0));
			continue;
		}
		jestLayer(layer);
	}
	if (clockResult) await clockResult();
}

void main().then(() => {
	process.stdout.write('\nLayer                     Tests passed  Failed  Duration\n');
	for (const row of rows) {
		const label = row.checks ? `${row.layer} (step)` : `${row.layer} tests`;
		process.stdout.write(`${label.padEnd(26)}${String(row.passed).padStart(12)}${String(row.failed).padStart(8)}${`${row.seconds.toFixed(1)} s`.padStart(10)}\n`);
	}
	const tests = rows.filter((row) => !row.checks);
	const passed = tests.reduce((sum, row) => sum + row.passed, 0);
	const failures = rows.reduce((sum, row) => sum + row.failed, 0);
	fs.writeFileSync(path.join(results, 'summary.json'), JSON.stringify(rows, null, 2));
	process.stdout.write(`\nTotal: ${passed} passed, ${failures} failed\n`);
	process.exit(failed || failures ? 1 : 0);
});
