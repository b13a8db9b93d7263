/**
 * `npm run bench -- --jobs=twice-run`: the accessplanit and Planaday soaks with every poll exposed
 * to what n8n's durable scheduler with durable poll cursors may do (test/harness/repeat-polls.ts):
 * half the polls run twice from the same state (the first run's result and state thrown away), half
 * run again after their state was kept, and a poll that emits nothing loses its state. The
 * baselines are kept, as n8n keeps them. Prints missed / duplicated per vendor (goal 0 / 0).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandboxes } from '../sandbox';
import { runAccessplanitSoak } from '../test/harness/accessplanit-soak';
import { runPlanadaySoak } from '../test/harness/planaday-soak';
import { DURABLE_SCHEDULER_REPEATS } from '../test/harness/repeat-polls';

const REPEAT = DURABLE_SCHEDULER_REPEATS;

export async function twiceRunSoaks(sandboxes: Sandboxes): Promise<IDataObject> {
	process.stdout.write(
		`\nTwice-run polls (durable scheduler with durable cursors: ${REPEAT.rate * 100} % of polls run twice from one state, ${REPEAT.rate * 100} % run again after commit, states of polls that emitted nothing dropped; 10 % faults):\n`,
	);
	sandboxes.accessplanit.seed(1_000);
	const accessplanit = await runAccessplanitSoak(sandboxes.accessplanit, { changes: 800, faultRate: 0.1, restart: true, seed: 2027, repeat: REPEAT });
	process.stdout.write(
		`  accessplanit: missed ${accessplanit.missed} / duplicated ${accessplanit.duplicated} (invented ${accessplanit.invented}); ${accessplanit.changes} changes, ${accessplanit.polls} polls, ${accessplanit.repeats.reruns} run twice, ${accessplanit.repeats.again} run again, ${accessplanit.repeats.dropped} states dropped\n`,
	);
	const planaday = await runPlanadaySoak(sandboxes.planaday, { polls: 500, faultRate: 0.1, seed: 2027, repeat: REPEAT });
	process.stdout.write(
		`  Planaday: missed ${planaday.missed} / duplicated ${planaday.duplicated} (false ${planaday.falseEvents}); ${planaday.expected} events, ${planaday.polls} polls, ${planaday.repeats.reruns} run twice, ${planaday.repeats.again} run again, ${planaday.repeats.dropped} states dropped\n`,
	);
	return { accessplanit: accessplanit as unknown as IDataObject, planaday: planaday as unknown as IDataObject };
}
