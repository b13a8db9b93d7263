/**
 * Bench job `shared-limit`: two n8n processes (regular mode, `n8n execute` each, own user folders)
 * writing under one credential at the same moment, with the credential saying 2 processes share
 * the key. Measures what the vendor refused (goal 0) and the rate reached as a share of the
 * vendor's limit (goal ≥ 0.9: requests accepted before the vendor's last, partly filled window, per
 * window length, over the limit), and, for comparison, the same with the credential left at 1.
 *
 * Eduframe sends no count of what is left, so the share is what paces: 20 requests per 3 s.
 * Planaday's X-RateLimit-Reset is in whole seconds, so a short window loses up to a second to
 * rounding each time; its job uses 100 requests per 30 s (the real window is an hour).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Sandboxes } from '../sandbox';
import { TwoProcesses, type SharedLimitOptions, type SharedLimitResult } from '../test/harness/two-processes';

const SCENARIOS: SharedLimitOptions[] = [
	{ vendor: 'eduframe', processesSetting: 2, limit: 20, windowMs: 3000, perProcess: 90 },
	{ vendor: 'planaday', processesSetting: 2, limit: 100, windowMs: 30_000, perProcess: 200 },
	{ vendor: 'eduframe', processesSetting: 1, limit: 20, windowMs: 3000, perProcess: 90 },
	{ vendor: 'planaday', processesSetting: 1, limit: 100, windowMs: 30_000, perProcess: 200 },
];

export async function sharedLimit(sandboxes: Sandboxes, version: string): Promise<SharedLimitResult[]> {
	const two = await TwoProcesses.create(sandboxes, version);
	const results: SharedLimitResult[] = [];
	try {
		for (const scenario of SCENARIOS) results.push(await two.run(scenario));
	} finally {
		two.cleanup();
	}
	process.stdout.write(`\nTwo n8n ${version} processes writing at once under one credential (one request per item; goal: 0 refused, ≥ 0.9 of the allowed rate):\n`);
	for (const r of results) {
		process.stdout.write(
			`  ${r.vendor}, "n8n Processes Sharing This Key" ${r.processesSetting}, limit ${r.limit} per ${r.windowSeconds} s: ` +
				`refused ${r.refused} (${r.vendor === 'planaday' ? '503' : '429'}); ${r.accepted} accepted in ${r.seconds} s, ${r.windows} windows; ${r.shareOfAllowedRate} of the allowed rate; ` +
				`busiest ${r.windowSeconds} s ${r.busiestWindow}; items ${r.items}, written ${r.written}, records made ${r.recordsMade}; starts ${r.startSpreadMs} ms apart (${r.lateStartMs} ms late)\n`,
		);
	}
	const out = path.resolve(__dirname, '..', '.test-results');
	fs.mkdirSync(out, { recursive: true });
	fs.writeFileSync(path.join(out, 'bench-shared-limit.json'), JSON.stringify({ version, results }, null, 2));
	return results;
}
