/**
 * The accessplanit Trigger's soak: four triggers (users created and updated, delegates registered
 * and changing status) poll while the sandbox writes records in bursts, many sharing one time
 * stamp (also across a poll), with faults injected and one restart in the middle (the triggers'
 * static data goes through JSON, as n8n stores it, and new node instances take over). Every
 * change the driver makes is the ground truth the events are checked against.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import type { AccessplanitEvent } from '../../nodes/Accessplanit/trigger/events';
import { sharedPacer } from '../../nodes/shared';
import { randomGenerator } from '../../sandbox/common/server';
import { ACCESSPLANIT_API_KEY, type AccessplanitSandbox } from '../../sandbox/accessplanit/server';
import { fakeContext } from './fake-context';

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

export interface AccessplanitSoakResult {
	changes: number;
	polls: number;
	failedPolls: number;
	sharedStampRecords: number;
	expected: Record<string, number>;
	emitted: Record<string, number>;
	missed: number;
	duplicated: number;
	invented: number;
	idleRequestsPerPoll: number;
}

const EVENTS: AccessplanitEvent[] = ['userCreated', 'userUpdated', 'delegateRegistered', 'delegateUpdated'];

export async function runAccessplanitSoak(
	sandbox: AccessplanitSandbox,
	options: { changes: number; faultRate: number; seed?: number; restart?: boolean },
): Promise<AccessplanitSoakResult> {
	const random = randomGenerator(options.seed ?? 41);
	let trigger = new AccessplanitTrigger();
	let states: Record<string, IDataObject> = Object.fromEntries(EVENTS.map((event) => [event, {}]));
	const poll = async (event: AccessplanitEvent) =>
		(await trigger.poll.call(accessplanitPollContext(sandbox, states[event], { event, filters: {} })))?.[0] ?? [];

	sharedPacer.reset();
	for (const event of EVENTS) await poll(event); // baselines
	const result: AccessplanitSoakResult = {
		changes: 0,
		polls: 0,
		failedPolls: 0,
		sharedStampRecords: 0,
		expected: {},
		emitted: {},
		missed: 0,
		duplicated: 0,
		invented: 0,
		idleRequestsPerPoll: 0,
	};

	// Ground truth.
	const created = new Set<string>();
	const registered = new Set<string>();
	const updateStamps = new Map<string, Set<string>>(); // user -> every DateUpdated an update gave it
	const statusChanges = new Map<string, { from: string; to: string }>(); // delegate -> its one change
	const seen: Record<string, Map<string, number>> = Object.fromEntries(EVENTS.map((event) => [event, new Map<string, number>()]));
	const originalDelegates = sandbox.modules.UserCourseDate.filter((d) => ['Booked', 'Provisional', 'InProgress'].includes(String(d.Status)));
	const record = (event: AccessplanitEvent, items: INodeExecutionData[]) => {
		for (const item of items) {
			const json = item.json;
			const key = event === 'userUpdated' ? `${String(json.ID)}@${String(json.DateUpdated)}` : event === 'delegateUpdated' ? `${String(json.ID)}:${String(json.PreviousStatus)}>${String(json.Status)}` : String(json.ID);
			seen[event].set(key, (seen[event].get(key) ?? 0) + 1);
		}
	};

	sandbox.setFaults({ rate: options.faultRate, kinds: ['unavailable', 'server-error', 'drop', 'malformed', 'rate-limit'], match: '^GET ' });
	let restarted = !options.restart;
	let frozenFor = 0;
	while (result.changes < options.changes) {
		// A burst of 0-40 changes; about half of the bursts share one stamp, kept across the next poll now and then.
		if (frozenFor <= 0) {
			sandbox.frozenStamp = random() < 0.5 ? sandbox.stamp() : undefined;
			frozenFor = random() < 0.3 ? 2 : 1;
		}
		const burst = Math.min(options.changes - result.changes, Math.floor(random() * 41));
		for (let n = 0; n < burst; n++) {
			const kind = random();
			if (kind < 0.35) {
				const [user] = sandbox.addUsers(1, sandbox.frozenStamp);
				created.add(String(user.ID));
			} else if (kind < 0.7) {
				// Under a shared stamp only records older than it are changed, so stamps never go backwards.
				const users = sandbox.frozenStamp ? sandbox.modules.User.filter((u) => String(u.DateUpdated) < sandbox.frozenStamp!) : sandbox.modules.User;
				const user = users[Math.floor(random() * users.length)];
				sandbox.update(user, { JobTitle: `Role ${result.changes}` });
				const stamps = updateStamps.get(String(user.ID)) ?? new Set<string>();
				stamps.add(String(user.DateUpdated));
				updateStamps.set(String(user.ID), stamps);
			} else if (kind < 0.85) {
				const user = sandbox.modules.User[Math.floor(random() * sandbox.modules.User.length)];
				const open = sandbox.modules.CourseDate.filter((c) => !sandbox.modules.UserCourseDate.some((d) => d.ID === `${String(user.ID)}~${String(c.ID)}`));
				const courseDate = open[Math.floor(random() * open.length)];
				const delegate = sandbox.create('UserCourseDate', sandbox.delegateFields(user, courseDate, 'Booked'));
				registered.add(String(delegate.ID));
			} else {
				const candidates = originalDelegates.filter((d) => !statusChanges.has(String(d.ID)));
				if (!candidates.length) continue;
				const delegate = candidates[Math.floor(random() * candidates.length)];
				const to = delegate.Status === 'Booked' ? (random() < 0.5 ? 'Cancelled' : 'Completed') : 'Booked';
				statusChanges.set(String(delegate.ID), { from: String(delegate.Status), to });
				sandbox.update(delegate, { Status: to });
			}
			if (sandbox.frozenStamp) result.sharedStampRecords++;
			result.changes++;
		}
		frozenFor--;
		if (!restarted && result.changes >= options.changes / 2) {
			// The restart: n8n keeps static data as JSON; new node instances and a fresh pacer take over
			// after some changes were made while nothing polled.
			states = JSON.parse(JSON.stringify(states)) as Record<string, IDataObject>;
			trigger = new AccessplanitTrigger();
			sharedPacer.reset();
			restarted = true;
			continue;
		}
		for (const event of EVENTS) {
			result.polls++;
			try {
				record(event, await poll(event));
			} catch {
				result.failedPolls++;
			}
		}
	}
	sandbox.frozenStamp = undefined;
	sandbox.setFaults({ rate: 0, kinds: [] });
	for (let i = 0; i < 2; i++) for (const event of EVENTS) record(event, await poll(event));
	sandbox.resetStats();
	for (const event of EVENTS) record(event, await poll(event));
	result.idleRequestsPerPoll = sandbox.stats.requests / EVENTS.length;

	// Compare with the ground truth.
	const expected: Record<string, Set<string>> = {
		userCreated: created,
		delegateRegistered: registered,
		// The latest stamp of every updated user must be reported (earlier ones may be folded into it).
		userUpdated: new Set([...updateStamps.keys()].map((id) => `${id}@${String(sandbox.modules.User.find((u) => String(u.ID) === id)!.DateUpdated)}`)),
		delegateUpdated: new Set([...statusChanges].map(([id, change]) => `${id}:${change.from}>${change.to}`)),
	};
	for (const event of EVENTS) {
		result.expected[event] = expected[event].size;
		result.emitted[event] = [...seen[event].values()].reduce((sum, n) => sum + n, 0);
		for (const key of expected[event]) if (!seen[event].has(key)) result.missed++;
		for (const [key, count] of seen[event]) {
			if (count > 1) result.duplicated += count - 1;
			if (expected[event].has(key)) continue;
			// An earlier update of a user updated again later is a real event too; anything else is invented.
			const [id, stamp] = key.split('@');
			if (event === 'userUpdated' && updateStamps.get(id)?.has(stamp)) continue;
			result.invented++;
		}
	}
	return result;
}
