import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { courseFilters } from './methods/fields';
import { getCourseTemplates, getLabels } from './methods/loadOptions';
import { addDays, dayIn } from '../shared/time';
import { exclusivePoll } from '../shared/polling/cursor';
import { choicesSubtitle } from '../shared/operations/subtitles';
import { addNames } from '../shared/operations/names';
import { paginate } from '../shared/transport/paginate';
import { vendorRequest } from '../shared/transport/request';
import { PLANADAY_TIME_ZONE, planadayPagination, planadayProfile } from './transport';
import { planadayNames } from './actions/names';
import { planadayDay, readablePlanaday } from './methods/readable';
import { compare, EVENT_DESCRIPTIONS, EVENT_NAMES, stateOf, type Change, type CourseState, type PlanadayEvent, type Snapshot } from './trigger/snapshot';

const EVENT_OPTIONS = (Object.keys(EVENT_NAMES) as PlanadayEvent[]).map((value) => ({ name: EVENT_NAMES[value], value, description: EVENT_DESCRIPTIONS[value] }));

/** What the course was at the poll before, in words (the trigger keeps it in short keys). */
function readableState(state: CourseState): IDataObject {
	return {
		status: state.s,
		start_date: planadayDay(state.d) as string,
		places_left: state.a,
		places_max: state.m,
		dayparts: state.p ? state.p.split(',').map((part) => planadayDay(part) as string) : [],
	};
}

interface TriggerState extends IDataObject {
	snapshot?: Snapshot;
}

/**
 * Planaday has no webhooks and no change times, so this trigger keeps a compact snapshot of the
 * courses in a window of days ahead and reports what changed between two polls.
 */
export class PlanadayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planaday Trigger',
		name: 'planadayTrigger',
		icon: { light: 'file:planaday.svg', dark: 'file:planaday.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: choicesSubtitle('events', EVENT_OPTIONS),
		description: 'Planaday course planning: courses, bookings and students, and workflows that start when courses are planned, change, fill up or are cancelled',
		defaults: { name: 'Planaday Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'planadayApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['courseAdded'],
				options: EVENT_OPTIONS,
			},
			{
				displayName: 'Days Ahead',
				name: 'daysAhead',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 730 },
				default: 90,
				description: 'Watch the courses that start between today and this many days from now, in days as Planaday counts them (the Netherlands). A course that comes into this window as the days pass counts as new.',
			},
			courseFilters(),
		],
	};

	methods = { loadOptions: { getCourseTemplates, getLabels } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as PlanadayEvent[];
		const daysAhead = Math.max(1, Number(this.getNodeParameter('daysAhead', 90)));
		const filters = this.getNodeParameter('filters', {}) as { templateid?: number | string; label?: string[] };
		// The window is counted in Planaday's days (Europe/Amsterdam), on the calendar: from the day it is
		// there now (a course starting today is in it, also at 23:30 UTC when Amsterdam is a day ahead)
		// to the same date `daysAhead` later, whatever daylight saving does in between.
		const today = dayIn(PLANADAY_TIME_ZONE, Date.now());
		const start = today.replace(/-/g, '');
		const end = addDays(today, daysAhead).replace(/-/g, '');
		const qs: IDataObject = { start, end };
		if (filters.templateid) qs.templateid = filters.templateid;
		if (filters.label?.length) qs.label = filters.label.join(',');
		if (this.getMode() === 'manual') {
			// A test run shows what an event looks like (one course is enough) and leaves the snapshot as it was.
			const [sample] = await paginate.call(this, planadayProfile, planadayPagination, { url: '/course/list', qs, returnAll: false, limit: 1 });
			if (!sample) return null;
			const [course] = await namedCourses(this, [readablePlanaday(sample)]);
			return [[{ json: { event: events[0] ?? 'courseAdded', eventName: EVENT_NAMES[events[0] ?? 'courseAdded'], course } }]];
		}
		const state = this.getWorkflowStaticData('node') as TriggerState;
		// The snapshot is all the trigger knows, and n8n may hand an older one to a poll again (a
		// repeated task, or a poll that emitted nothing and was not saved): see polling/cursor.ts.
		return await exclusivePoll(state, async () => await pollChanges(this, state, qs, start, end, events));
	}
}

/** One poll after the test-mode branch: the baseline the first time, then the changes since the snapshot. */
async function pollChanges(ctx: IPollFunctions, state: TriggerState, qs: IDataObject, start: string, end: string, events: PlanadayEvent[]): Promise<INodeExecutionData[][] | null> {
	const courses = await paginate.call(ctx, planadayProfile, planadayPagination, { url: '/course/list', qs, returnAll: true });
	const { changes, next, missing } = compare(state.snapshot ?? {}, courses);
	if (!state.snapshot) {
		// First activation: today's courses are the baseline, not news.
		state.snapshot = next;
		return null;
	}
	for (const id of missing) {
		const before = state.snapshot[id];
		// A course that only left the window (started, or moved beyond it) is not "removed".
		if (before.d && (before.d < start || before.d > end)) continue;
		// Planaday's course IDs are whole numbers: anything else from a list answer is never put into a path.
		if (!/^\d+$/.test(id)) continue;
		const answer = await vendorRequest.call(ctx, planadayProfile, { method: 'GET', url: `/course/${encodeURIComponent(id)}`, allowStatuses: [404] });
		if (answer.statusCode === 404) {
			changes.push({ event: 'courseRemoved', courseId: id, previous: before });
			continue;
		}
		const course = answer.body as IDataObject;
		const current = stateOf(course);
		if (/^(cancel+ed|removed|deleted)$/i.test(current.s)) changes.push({ event: 'courseRemoved', courseId: id, course, previous: before });
		// Otherwise it moved out of the window (or out of the filters): forget it quietly.
	}
	state.snapshot = next;
	const wanted = changes.filter((change) => events.includes(change.event));
	if (!wanted.length) return null;
	// The courses with their template's name (the templates' list is read once for the poll).
	const named = await namedCourses(ctx, wanted.map((change) => (change.course ? readablePlanaday(change.course) : {})));
	return [
		wanted.map((change: Change, index) => ({
			json: {
				event: change.event,
				eventName: EVENT_NAMES[change.event],
				courseId: Number(change.courseId),
				course: change.course ? named[index] : null,
				previous: change.previous ? readableState(change.previous) : null,
				changed: change.changed ?? [],
			},
		})),
	];
}

/** Courses with their template named next to its ID; a name that cannot be read leaves the course as it is. */
async function namedCourses(ctx: IPollFunctions, courses: IDataObject[]): Promise<IDataObject[]> {
	return await addNames(ctx, courses, ['coursetemplate.id'], planadayNames);
}
