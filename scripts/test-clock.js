#!/usr/bin/env node
/*
 * `npm run test:clock`: the unit and workflow layers with the clock placed at chosen instants,
 * each under a different machine time zone, so no test depends on the hour, the day or the zone it
 * runs in. Every test file starts at the instant (TEST_CLOCK, see test/harness/clock-setup.js)
 * and the clock runs on from there; instants a few seconds before a boundary cross it while the
 * files run.
 *
 *   npm run test:clock                        every instant below
 *   npm run test:clock -- 2026-10-25T00:59:57Z[@Europe/London] ...   the instants given
 *
 * Prints a row per instant and a closing "N passed, N failed" line; writes .test-results/clock.json.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const INSTANTS = [
	['2026-01-15T22:59:57Z', 'UTC', 'just before midnight in Amsterdam (winter); UTC still on the 15th'],
	['2026-01-15T23:05:00Z', 'UTC', 'the hour CI failed in: Amsterdam a day ahead of UTC'],
	['2026-07-15T21:59:57Z', 'Europe/Amsterdam', 'just before midnight in Amsterdam (summer)'],
	['2026-07-15T23:59:57Z', 'America/New_York', 'just before midnight UTC (Amsterdam and London already on the 16th)'],
	['2026-03-28T22:59:57Z', 'Europe/London', 'midnight in Amsterdam into the 23-hour day'],
	['2026-03-29T00:59:57Z', 'Europe/Amsterdam', 'summer time starts in Amsterdam and London'],
	['2026-10-24T21:59:57Z', 'Pacific/Kiritimati', 'midnight in Amsterdam into the 25-hour day; machine at UTC+14'],
	['2026-10-25T00:59:57Z', 'Europe/London', 'summer time ends in Amsterdam and London'],
	['2028-02-28T22:59:57Z', 'Asia/Kolkata', '29 February begins in Amsterdam'],
	['2028-02-29T22:59:57Z', 'UTC', '29 February ends in Amsterdam'],
	['2026-12-31T22:59:57Z', 'America/Los_Angeles', 'New Year in Amsterdam'],
];

const root = path.resolve(__dirname, '..');
const results = path.join(root, '.test-results');
fs.mkdirSync(results, { recursive: true });
const jest = path.join(root, 'node_modules', '.bin', 'jest');

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const runs = asked.length
	? asked.map((arg) => {
			const [instant, zone = 'UTC'] = arg.split('@');
			return [instant, zone, 'asked for'];
		})
	: INSTANTS;

const rows = [];
for (const [instant, zone, why] of runs) {
	if (Number.isNaN(Date.parse(instant))) {
		process.stderr.write(`Not an instant: ${instant}\n`);
		process.exit(2);
	}
	process.stdout.write(`\n=== clock at ${instant} (machine zone ${zone}): ${why} ===\n`);
	const output = path.join(results, 'clock-run.json');
	fs.rmSync(output, { force: true });
	const started = Date.now();
	const result = spawnSync(jest, ['--selectProjects', 'unit', 'workflow', '--silent', '--json', `--outputFile=${output}`], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, TEST_CLOCK: instant, TZ: zone },
	});
	const seconds = (Date.now() - started) / 1000;
	let passed = 0;
	let failed = result.status === 0 ? 0 : 1;
	if (fs.existsSync(output)) {
		const report = JSON.parse(fs.readFileSync(output, 'utf8'));
		passed = report.numPassedTests;
		failed = report.numFailedTests + report.numRuntimeErrorTestSuites + (result.status !== 0 && !report.numFailedTests ? 1 : 0);
		if (report.numTotalTests === 0) failed += 1;
	}
	rows.push({ instant, zone, why, passed, failed, seconds });
}

process.stdout.write('\nClock at                Machine zone          Passed  Failed  Duration  Why\n');
for (const row of rows) {
	process.stdout.write(
		`${row.instant.padEnd(24)}${row.zone.padEnd(20)}${String(row.passed).padStart(8)}${String(row.failed).padStart(8)}${`${row.seconds.toFixed(1)} s`.padStart(10)}  ${row.why}\n`,
	);
}
fs.writeFileSync(path.join(results, 'clock.json'), JSON.stringify(rows, null, 2));
const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
process.stdout.write(`\nClock: ${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
