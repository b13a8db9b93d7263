/**
 * The Planaday Trigger's soak: many polls while the sandbox adds, changes, fills, opens, cancels
 * and removes courses at random, with faults injected. Every change the driver makes is the
 * ground truth the events are checked against.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';
import type { PlanadayEvent } from '../../nodes/Planaday/trigger/snapshot';
import { sharedPacer } from '../../nodes/shared';
import { randomGenerator } from '../../sandbox/common/server';
import { PLANADAY_SANDBOX_KEY, type PlanadaySandbox } from '../../sandbox/planaday/server';
import { fakeContext } from './fake-context';
import { newRepeatCounts, repeatablePoll, type RepeatCounts, type RepeatOptions } from './repeat-polls';

const ALL_EVENTS: PlanadayEvent[] = ['courseAdded', 'courseChanged', 'courseFull', 'placesOpened', 'courseRemoved'];

export interface SoakResult {
	polls: number;
	failedPolls: number;
	expected: number;
	emitted: number;
	missed: number;
	duplicated: number;
	falseEvents: number;
	requestsPerPoll: number;
	/** Polls run twice or whose state was thrown away (with `repeat`). */
	repeats: RepeatCounts;
}

export function pollContext(sandbox: PlanadaySandbox, staticData: IDataObject, parameters: IDataObject, mode = 'trigger'): IPollFunctions {
	const base = fakeContext('planadayApi', { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandbox.baseUrl }, (options) => {
		options.headers = { ...options.headers, 'X-Api-Key': PLANADAY_SANDBOX_KEY };
	});
	return Object.assign(base, {
		getWorkflowStaticData: () => staticData,
		getMode: () => mode,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
	}) as unknown as IPollFunctions;
}

/**
 * `repeat` runs the polls as n8n's durable scheduler may (test/harness/repeat-polls.ts); the baseline
 * poll is always kept, as n8n keeps it (saved with the activation, or committed by durable cursors).
 */
export async function runPlanadaySoak(
	sandbox: PlanadaySandbox,
	options: { polls: number; faultRate: number; seed?: number; repeat?: Omit<RepeatOptions, 'random'> },
): Promise<SoakResult> {
	const random = randomGenerator(options.seed ?? 99);
	const trigger = new PlanadayTrigger();
	const holder: { state: IDataObject } = { state: {} };
	const parameters = { events: ALL_EVENTS, daysAhead: 60, filters: {} };
	const repeat = options.repeat && { ...options.repeat, random: randomGenerator((options.seed ?? 99) + 1) };
	const repeats = newRepeatCounts();
	const pollOnce = async () =>
		await repeatablePoll(holder, async (staticData) => (await trigger.poll.call(pollContext(sandbox, staticData, parameters)))?.[0] ?? null, repeat, repeats);
	// Days as Planaday counts them (Europe/Amsterdam), from the day the soak starts.
	const today = sandbox.today();
	const day = (offset: number) => sandbox.today(offset, today);

	sharedPacer.reset();
	await trigger.poll.call(pollContext(sandbox, holder.state, parameters)); // baseline, always kept
	sandbox.setFaults({ rate: options.faultRate, kinds: ['unavailable', 'server-error', 'drop', 'malformed', 'rate-limit'] });
	sandbox.resetStats();

	const pending = new Map<string, number>(); // expected "event:courseId" -> count since the last successful poll
	const touched = new Set<number>(); // courses changed since the last successful poll (one change each)
	const gone = new Set<number>();
	const result: SoakResult = { polls: 0, failedPolls: 0, expected: 0, emitted: 0, missed: 0, duplicated: 0, falseEvents: 0, requestsPerPoll: 0, repeats };
	const expect = (event: PlanadayEvent, id: number) => pending.set(`${event}:${id}`, (pending.get(`${event}:${id}`) ?? 0) + 1);

	for (let poll = 0; poll < options.polls; poll++) {
		// 0-3 random changes between polls, each on a course untouched since the last successful poll.
		const changes = Math.floor(random() * 4);
		for (let n = 0; n < changes; n++) {
			const kind = Math.floor(random() * 6);
			if (kind === 0) {
				const course = sandbox.addCourse(day(1 + Math.floor(random() * 50)));
				touched.add(course.id);
				expect('courseAdded', course.id);
				continue;
			}
			const candidates = sandbox.courses.filter(
				(c) => !touched.has(c.id) && !gone.has(c.id) && String(c.start_date) >= day(1) && String(c.start_date) <= day(55) && (c.dayparts as number[]).length > 0,
			);
			if (!candidates.length) continue;
			const course = candidates[Math.floor(random() * candidates.length)];
			const users = course.users as { available: number; max: number };
			touched.add(course.id);
			if (kind === 1) {
				course.status = course.status === 'active' ? 'concept' : 'active';
				expect('courseChanged', course.id);
			} else if (kind === 2 && users.available > 0) {
				users.available = 0;
				expect('courseChanged', course.id);
				expect('courseFull', course.id);
			} else if (kind === 3 && users.available === 0) {
				users.available = 2;
				expect('courseChanged', course.id);
				expect('placesOpened', course.id);
			} else if (kind === 4) {
				course.status = 'cancelled';
				gone.add(course.id);
				expect('courseRemoved', course.id);
			} else if (kind === 5) {
				sandbox.courses.splice(sandbox.courses.indexOf(course), 1);
				gone.add(course.id);
				expect('courseRemoved', course.id);
			} else {
				users.max += 1;
				expect('courseChanged', course.id);
			}
		}
		result.polls++;
		let emitted: IDataObject[] = [];
		try {
			emitted = ((await pollOnce()) ?? []).map((item) => item.json);
		} catch {
			result.failedPolls++;
			continue; // the changes stay pending: the next poll must report them
		}
		const seen = new Map<string, number>();
		for (const event of emitted) {
			const key = `${String(event.event)}:${String(event.courseId)}`;
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		for (const [key, count] of pending) {
			const got = seen.get(key) ?? 0;
			result.expected += count;
			result.missed += Math.max(0, count - got);
		}
		for (const [key, count] of seen) {
			const wanted = pending.get(key) ?? 0;
			result.emitted += count;
			if (wanted === 0) result.falseEvents += count;
			else result.duplicated += Math.max(0, count - wanted);
		}
		pending.clear();
		touched.clear();
	}
	sandbox.setFaults({ rate: 0, kinds: [] });
	result.requestsPerPoll = Number((sandbox.stats.requests / result.polls).toFixed(2));
	return result;
}
