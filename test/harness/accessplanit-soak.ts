/**
 * The accessplanit Trigger's soak: four triggers (users created and updated, delegates registered
 * and changing status) poll while the sandbox writes records in bursts, many sharing one time
 * stamp (also across a poll), with faults injected and one restart in the middle. Every change
 * the driver makes is the ground truth the events are checked against. The same driver serves the
 * in-process soak (`runAccessplanitSoak`) and the one in a real n8n (`npm run bench`).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import type { AccessplanitEvent } from '../../nodes/Accessplanit/trigger/events';
import { sharedPacer } from '../../nodes/shared';
import { randomGenerator } from '../../sandbox/common/server';
import { ACCESSPLANIT_API_KEY, type AccessplanitSandbox } from '../../sandbox/accessplanit/server';
import { fakeContext } from './fake-context';
import { newRepeatCounts, repeatablePoll, type RepeatCounts, type RepeatOptions } from './repeat-polls';

export function accessplanitPollContext(sandbox: AccessplanitSandbox, staticData: IDataObject, parameters: IDataObject, mode = 'trigger'): IPollFunctions {
	const base = fakeContext('accessplanitApi', { systemUrl: sandbox.baseUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY, sessionToken: ACCESSPLANIT_API_KEY }, (options) => {
		options.headers = { ...options.headers, Authorization: `Bearer ${ACCESSPLANIT_API_KEY}` };
	});
	return Object.assign(base, {
		getWorkflowStaticData: () => staticData,
		getMode: () => mode,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
	}) as unknown as IPollFunctions;
}

export const SOAK_EVENTS: AccessplanitEvent[] = ['userCreated', 'userUpdated', 'delegateRegistered', 'delegateUpdated'];

export interface SoakCheck {
	expected: Record<string, number>;
	emitted: Record<string, number>;
	missed: number;
	duplicated: number;
	invented: number;
}

/** Makes random changes in the sandbox and remembers them; checks what the triggers reported. */
export class AccessplanitChangeDriver {
	changes = 0;
	sharedStampRecords = 0;
	private readonly random: () => number;
	private readonly created = new Set<string>();
	private readonly registered = new Set<string>();
	/** User -> every DateUpdated an update gave it. */
	private readonly updateStamps = new Map<string, Set<string>>();
	/** Delegate -> its one status change. */
	private readonly statusChanges = new Map<string, { from: string; to: string }>();
	private readonly originalDelegates: AccessplanitSandbox['modules'][string];
	private frozenFor = 0;

	constructor(
		private readonly sandbox: AccessplanitSandbox,
		seed: number,
	) {
		this.random = randomGenerator(seed);
		this.originalDelegates = sandbox.modules.UserCourseDate.filter((d) => ['Booked', 'Provisional', 'InProgress'].includes(String(d.Status)));
	}

	/**
	 * Up to `max` changes: users created and updated, delegates registered, delegate statuses changed.
	 * About half of the bursts share one stamp, now and then kept for the next burst too (so records
	 * arrive at a stamp a poll has already read).
	 */
	burst(max: number): void {
		const { sandbox, random } = this;
		if (this.frozenFor <= 0) {
			sandbox.frozenStamp = random() < 0.5 ? sandbox.stamp() : undefined;
			this.frozenFor = random() < 0.3 ? 2 : 1;
		}
		for (let n = 0; n < max; n++) {
			const kind = random();
			if (kind < 0.35) {
				const [user] = sandbox.addUsers(1, sandbox.frozenStamp);
				this.created.add(String(user.ID));
			} else if (kind < 0.7) {
				// Under a shared stamp only records older than it are changed, so stamps never go backwards.
				const users = sandbox.frozenStamp ? sandbox.modules.User.filter((u) => String(u.DateUpdated) < sandbox.frozenStamp!) : sandbox.modules.User;
				const user = users[Math.floor(random() * users.length)];
				sandbox.update(user, { JobTitle: `Role ${this.changes}` });
				const stamps = this.updateStamps.get(String(user.ID)) ?? new Set<string>();
				stamps.add(String(user.DateUpdated));
				this.updateStamps.set(String(user.ID), stamps);
			} else if (kind < 0.85) {
				const user = sandbox.modules.User[Math.floor(random() * sandbox.modules.User.length)];
				const open = sandbox.modules.CourseDate.filter((c) => !sandbox.modules.UserCourseDate.some((d) => d.ID === `${String(user.ID)}~${String(c.ID)}`));
				const courseDate = open[Math.floor(random() * open.length)];
				const delegate = sandbox.create('UserCourseDate', sandbox.delegateFields(user, courseDate, 'Booked'));
				this.registered.add(String(delegate.ID));
			} else {
				const candidates = this.originalDelegates.filter((d) => !this.statusChanges.has(String(d.ID)));
				if (!candidates.length) continue;
				const delegate = candidates[Math.floor(random() * candidates.length)];
				const to = delegate.Status === 'Booked' ? (random() < 0.5 ? 'Cancelled' : 'Completed') : 'Booked';
				this.statusChanges.set(String(delegate.ID), { from: String(delegate.Status), to });
				sandbox.update(delegate, { Status: to });
			}
			if (sandbox.frozenStamp) this.sharedStampRecords++;
			this.changes++;
		}
		this.frozenFor--;
	}

	/** A random burst size from 0 to `max`. */
	burstSize(max: number): number {
		return Math.floor(this.random() * (max + 1));
	}

	/** Ends the shared stamp, so the final polls see a settled sandbox. */
	settle(): void {
		this.sandbox.frozenStamp = undefined;
		this.frozenFor = 0;
	}

	/** What the triggers reported (the items of every poll, per event) against what was changed. */
	check(reported: Record<string, IDataObject[]>): SoakCheck {
		const keyOf = (event: string, json: IDataObject) =>
			event === 'userUpdated'
				? `${String(json.ID)}@${String(json.DateUpdated)}`
				: event === 'delegateUpdated'
					? `${String(json.ID)}:${String(json.PreviousStatus)}>${String(json.Status)}`
					: String(json.ID);
		const expected: Record<string, Set<string>> = {
			userCreated: this.created,
			delegateRegistered: this.registered,
			// The latest stamp of every updated user must be reported (earlier ones may be folded into it).
			userUpdated: new Set([...this.updateStamps.keys()].map((id) => `${id}@${String(this.sandbox.modules.User.find((u) => String(u.ID) === id)!.DateUpdated)}`)),
			delegateUpdated: new Set([...this.statusChanges].map(([id, change]) => `${id}:${change.from}>${change.to}`)),
		};
		const result: SoakCheck = { expected: {}, emitted: {}, missed: 0, duplicated: 0, invented: 0 };
		for (const event of SOAK_EVENTS) {
			const seen = new Map<string, number>();
			for (const json of reported[event] ?? []) seen.set(keyOf(event, json), (seen.get(keyOf(event, json)) ?? 0) + 1);
			result.expected[event] = expected[event].size;
			result.emitted[event] = (reported[event] ?? []).length;
			for (const key of expected[event]) if (!seen.has(key)) result.missed++;
			for (const [key, count] of seen) {
				if (count > 1) result.duplicated += count - 1;
				if (expected[event].has(key)) continue;
				// An earlier update of a user updated again later is a real event too; anything else is invented.
				const [id, stamp] = key.split('@');
				if (event === 'userUpdated' && this.updateStamps.get(id)?.has(stamp)) continue;
				result.invented++;
			}
		}
		return result;
	}
}

export interface AccessplanitSoakResult extends SoakCheck {
	changes: number;
	polls: number;
	failedPolls: number;
	sharedStampRecords: number;
	idleRequestsPerPoll: number;
	/** Polls run twice or whose state was thrown away (with `repeat`). */
	repeats: RepeatCounts;
}

/**
 * The soak in-process: the trigger's poll called directly, the restart done by a JSON round trip of
 * its static data. `repeat` runs the polls as n8n's durable scheduler may (test/harness/repeat-polls.ts);
 * the baselines are always kept, as n8n keeps them (saved with the activation, or committed by
 * durable cursors).
 */
export async function runAccessplanitSoak(
	sandbox: AccessplanitSandbox,
	options: { changes: number; faultRate: number; seed?: number; restart?: boolean; repeat?: Omit<RepeatOptions, 'random'> },
): Promise<AccessplanitSoakResult> {
	const driver = new AccessplanitChangeDriver(sandbox, options.seed ?? 41);
	let trigger = new AccessplanitTrigger();
	let states: Record<string, { state: IDataObject }> = Object.fromEntries(SOAK_EVENTS.map((event) => [event, { state: {} }]));
	const reported: Record<string, IDataObject[]> = Object.fromEntries(SOAK_EVENTS.map((event) => [event, []]));
	const repeat = options.repeat && { ...options.repeat, random: randomGenerator((options.seed ?? 41) + 1) };
	const repeats = newRepeatCounts();
	const pollWith = async (event: AccessplanitEvent, staticData: IDataObject) => (await trigger.poll.call(accessplanitPollContext(sandbox, staticData, { event, filters: {} })))?.[0] ?? null;
	const poll = async (event: AccessplanitEvent) => {
		const items = (await repeatablePoll(states[event], async (staticData) => await pollWith(event, staticData), repeat, repeats)) ?? [];
		reported[event].push(...items.map((item) => item.json));
	};

	sharedPacer.reset();
	for (const event of SOAK_EVENTS) await pollWith(event, states[event].state); // baselines, always kept
	let polls = 0;
	let failedPolls = 0;
	sandbox.setFaults({ rate: options.faultRate, kinds: ['unavailable', 'server-error', 'drop', 'malformed', 'rate-limit'], match: '^GET ' });
	let restarted = !options.restart;
	while (driver.changes < options.changes) {
		driver.burst(Math.min(options.changes - driver.changes, driver.burstSize(40)));
		if (!restarted && driver.changes >= options.changes / 2) {
			// The restart: n8n keeps static data as JSON; new node instances and a fresh pacer take over
			// after some changes were made while nothing polled.
			states = JSON.parse(JSON.stringify(states)) as Record<string, { state: IDataObject }>;
			trigger = new AccessplanitTrigger();
			sharedPacer.reset();
			restarted = true;
			continue;
		}
		for (const event of SOAK_EVENTS) {
			polls++;
			try {
				await poll(event);
			} catch {
				failedPolls++;
			}
		}
	}
	driver.settle();
	sandbox.setFaults({ rate: 0, kinds: [] });
	for (let i = 0; i < 2; i++) for (const event of SOAK_EVENTS) await poll(event);
	sandbox.resetStats();
	for (const event of SOAK_EVENTS) await poll(event);
	const idleRequestsPerPoll = sandbox.stats.requests / SOAK_EVENTS.length;
	return { ...driver.check(reported), changes: driver.changes, polls, failedPolls, sharedStampRecords: driver.sharedStampRecords, idleRequestsPerPoll, repeats };
}
