#!/usr/bin/env node
/*
 * `npm run test:hostile`: the hostile-vendor layer (test/hostile, harness test/harness/hostile.ts), then
 * its count: cases, safety checks and unsafe outcomes (a check that did not hold). `npm test` runs the
 * same layer and prints the same count (scripts/test.js).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.test-results', 'hostile');

/** Empties the record of outcomes before a run. */
function clearOutcomes() {
	fs.rmSync(dir, { recursive: true, force: true });
}

/** Cases, checks and unsafe outcomes recorded by the last run. */
function summary() {
	const lines = fs.existsSync(dir)
		? fs.readdirSync(dir).flatMap((file) => fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)))
		: [];
	const cases = new Set(lines.map((line) => `${line.file}::${line.test}`));
	const unsafe = lines.filter((line) => !line.safe);
	return { cases: cases.size, checks: lines.length, unsafe };
}

function report() {
	const { cases, checks, unsafe } = summary();
	let text = `Hostile-vendor layer: ${cases} cases, ${checks} safety checks, ${unsafe.length} unsafe outcomes\n`;
	for (const line of unsafe) text += `  unsafe: ${line.file} › ${line.test}: ${line.check}${line.detail ? ` (${line.detail})` : ''}\n`;
	return text;
}

module.exports = { clearOutcomes, summary, report };

if (require.main === module) {
	clearOutcomes();
	const started = Date.now();
	const result = spawnSync(path.join(root, 'node_modules', '.bin', 'jest'), ['--selectProjects', 'hostile', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
	process.stdout.write(`\n${report()}Time: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	process.exit(result.status ?? 1);
}
