import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { drainSince, exclusivePoll, pollBudget, readCursor, writeCursor } from '../shared/polling/cursor';
import { wallClockIn } from '../shared/time';
import { paginate } from '../shared/transport/paginate';
import { vendorRequest } from '../shared/transport/request';
import { choiceSubtitle } from '../shared/operations/subtitles';
import { DELEGATE_STATUSES } from './actions/delegate';
import { USER_STATUSES } from './actions/user';
import { odataLiteral, splitWords } from './methods/filter';
import { loadOptions } from './methods';
import { searchModules } from './methods/modules';
import { showInPounds } from './methods/money';
import { ACCESSPLANIT_TIME_ZONE, accessplanitPagination, accessplanitProfile, resultsOf } from './transport';
import { checkedModule, moduleEntry, moduleLocator } from './actions/otherModule/catalogue';
import { plainValue } from '../shared/operations/execute';
import { EVENTS, type AccessplanitEvent, type EventSpec } from './trigger/events';

const PAGE = 500;
/** The statuses the Statuses filter may name, per module. */
const STATUSES_OF: Record<string, string[]> = { User: USER_STATUSES, UserCourseDate: DELEGATE_STATUSES };
/** Before anything was ever written, the bound is the beginning of time. */
const EARLIEST = '1900-01-01T00:00:00';

interface Narrowing {
	company?: string;
	trainingProvider?: string;
	courseTemplate?: string;
	statuses?: string[];
}

/**
 * Now as accessplanit writes course times: the wall clock of its platform (UK; course dates carry
 * "GMT Standard Time", which is London time with summer time), without a zone.
 */
function vendorNow(): string {
	return wallClockIn(ACCESSPLANIT_TIME_ZONE, Date.now());
}

const EVENT_OPTIONS = (Object.keys(EVENTS) as AccessplanitEvent[]).map((value) => ({ name: EVENTS[value].name, value, description: EVENTS[value].description }));

/**
 * accessplanit has no usable webhooks: this trigger polls the module of the chosen event on
 * DateCreated or DateUpdated with an inclusive cursor and the IDs already reported at its exact
 * time, so records that share a time stamp are reported once and none is missed.
 */
export class AccessplanitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'accessplanit Trigger',
		name: 'accessplanitTrigger',
		icon: { light: 'file:accessplanit.svg', dark: 'file:accessplanit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: choiceSubtitle('event', EVENT_OPTIONS),
		description: 'accessplanit training management: users, delegates, course dates, awards and finance, and workflows that start when they change',
		defaults: { name: 'accessplanit Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'accessplanitApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				default: 'userCreated',
				options: EVENT_OPTIONS,
			},
			{ ...moduleLocator('The kind of record to watch'), displayOptions: { show: { event: ['recordCreated', 'recordUpdated'] } } },
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Company Name or ID',
						name: 'company',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCompanies' },
						default: '',
						description: 'Only records of this company (account). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Training Provider Name or ID',
						name: 'trainingProvider',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTrainingProviders' },
						default: '',
						description: 'Only delegates and course dates of this training provider. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Course Template Name or ID',
						name: 'courseTemplate',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCourseTemplates' },
						default: '',
						description: 'Only delegates and course dates of this course. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: [...new Set(Object.values(STATUSES_OF).flat())].map((value) => ({ name: splitWords(value), value })),
						default: [],
						description:
							'Only records with one of these statuses (users: Enabled, New, Disabled; delegates: Provisional to Transferred). Left empty: users Enabled or New, registrations Booked, Provisional, In Progress or Completed.',
					},
				],
			},
		],
	};

	methods = { loadOptions, listSearch: { searchModules } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const eventName = this.getNodeParameter('event') as AccessplanitEvent;
		const known = EVENTS[eventName];
		if (!known) throw new NodeOperationError(this.getNode(), `Unknown event "${eventName}"`, { description: 'Pick an event from the list.' });
		const event = known.anyModule ? { ...known, module: chosenModule(this) } : known;
		const narrowing = this.getNodeParameter('filters', {}) as Narrowing;
		for (const [key, label] of [['company', 'Company'], ['trainingProvider', 'Training Provider'], ['courseTemplate', 'Course Template']] as const) {
			if (narrowing[key] && !event.filters[key]) {
				throw new NodeOperationError(this.getNode(), `The filter "${label}" does not apply to the event "${event.name}"`, { description: `Remove "${label}" from Filters.` });
			}
		}
		const conditions = [...(event.filter?.(vendorNow()) ?? [])];
		for (const key of ['company', 'trainingProvider', 'courseTemplate'] as const) {
			const field = event.filters[key];
			if (field && narrowing[key]) conditions.push(`${field} eq ${odataLiteral(narrowing[key])}`);
		}
		const allowed = STATUSES_OF[event.module] ?? [];
		const strange = (narrowing.statuses ?? []).filter((status) => !allowed.includes(status));
		if (strange.length) {
			throw new NodeOperationError(this.getNode(), `The status filter ${strange.map((status) => `"${status}"`).join(', ')} does not apply to the event "${event.name}"`, {
				description: allowed.length ? `Pick from ${allowed.join(', ')}, or leave Statuses empty.` : 'Remove Statuses from Filters.',
			});
		}
		const statuses = narrowing.statuses?.length ? narrowing.statuses : event.defaultStatuses;
		const keep = (record: IDataObject) => (event.keep?.(record) ?? true) && (!statuses || !('Status' in record) || statuses.includes(String(record.Status)));
		const shape = (record: IDataObject): INodeExecutionData => ({ json: { ...(event.money ? showInPounds(record, event.money) : record), event: eventName } });

		const url = `/${event.module}`;
		const read = async (query: IDataObject) => {
			const qs = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
			try {
				return resultsOf((await vendorRequest.call(this, accessplanitProfile, { method: 'GET', url, qs })).body);
			} catch (error) {
				// A module whose records carry no such time cannot be watched: say so, not the query's fault.
				if (known.anyModule && error instanceof NodeApiError && error.httpCode === '400' && error.message.includes(event.time)) {
					throw new NodeOperationError(this.getNode(), `${moduleEntry(event.module)?.label ?? event.module} records carry no ${event.time}, so this trigger cannot watch them`, {
						description: `Choose a module whose records have ${event.time}${event.time === 'DateUpdated' ? '' : ' (or the event Record Created or Updated)'}.`,
					});
				}
				throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
			}
		};
		const withConditions = (extra: string[]) => [...conditions, ...extra].join(' and ') || undefined;
		const accessors = { time: (record: IDataObject) => record[event.time] as string | undefined, id: (record: IDataObject) => String(record.ID) };

		if (this.getMode() === 'manual') {
			// A sample for the editor: the newest matching record, or when none matches yet the module's
			// newest record, so its fields can be mapped. The cursor is left alone.
			const newest = await read({ $filter: withConditions([]), $orderby: `${event.time} desc`, $top: 20 });
			let sample = newest.filter(keep).slice(0, 1);
			if (!sample.length) sample = await read({ $orderby: `${event.time} desc`, $top: 1 });
			if (!sample.length) {
				throw new NodeOperationError(this.getNode(), `accessplanit has no ${event.module} records yet`, { description: 'Add one in accessplanit, then fetch again.' });
			}
			return [sample.map(shape)];
		}

		const state = this.getWorkflowStaticData('node');
		// Everything the trigger knows is in this static data, which n8n may hand to a poll again (a
		// repeated task, or a poll that emitted nothing and was not saved): see polling/cursor.ts.
		return await exclusivePoll(state, async () => await drainEvents(this, eventName, event, read, state, conditions, withConditions, accessors, keep, shape));
	}
}

/** One poll after the test-mode branch: the baseline the first time, then everything new since the cursor. */
async function drainEvents(
	ctx: IPollFunctions,
	eventName: AccessplanitEvent,
	event: EventSpec,
	read: (qs: IDataObject) => Promise<IDataObject[]>,
	state: IDataObject,
	conditions: string[],
	withConditions: (extra: string[]) => string | undefined,
	accessors: { time: (record: IDataObject) => string | undefined; id: (record: IDataObject) => string },
	keep: (record: IDataObject) => boolean,
	shape: (record: IDataObject) => INodeExecutionData,
): Promise<INodeExecutionData[][] | null> {
	const known = EVENTS[eventName];
	// The cursor belongs to its event and filters: changing them starts again from now.
	const key = `cursor:${eventName}:${known.anyModule ? `${event.module}:` : ''}${conditions.filter((c) => !c.startsWith('CourseDateStartDate')).join('|')}`;
	const cursor = readCursor(state, key);
	if (cursor.since === undefined) {
		await baseline(ctx, eventName, event, read, state, key, withConditions);
		return null;
	}
	const drained = await drainSince({ since: cursor.since, boundaryIds: cursor.boundaryIds }, {
		pageSize: PAGE,
		accessors,
		shouldStop: pollBudget(ctx),
		fetchPage: async (since, skip) =>
			await read({ $filter: withConditions([`${event.time} ge ${odataLiteral(since)}`]), $orderby: `${event.time} asc,ID asc`, $top: PAGE, $skip: skip }),
	});
	if (drained.error !== undefined && drained.records.length === 0) {
		// Nothing read: the poll fails as a whole (n8n shows it) and the cursor stays where it was.
		throw drained.error instanceof NodeApiError || drained.error instanceof NodeOperationError
			? drained.error
			: new NodeOperationError(ctx.getNode(), drained.error as Error);
	}
	let records = drained.records;
	if (event.statusMemory) records = rememberStatuses(state, eventName, event, records);
	writeCursor(state, drained.cursor, key);
	const emitted = records.filter(keep);
	return emitted.length ? [emitted.map(shape)] : null;
}

/** The module Record Created / Record Updated watch, checked before any request. */
function chosenModule(ctx: IPollFunctions): string {
	try {
		return checkedModule(plainValue(ctx.getNodeParameter('module', ''))).name;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { description: (error as { description?: string }).description ?? 'Pick the module to watch from the list.' });
	}
}

/** Static data of the trigger: a cursor per event (and filters), and remembered statuses. */
type State = IDataObject;

function memoryOf(state: State, eventName: string): Record<string, string> {
	const memory = (state[`statuses:${eventName}`] ??= {}) as Record<string, string>;
	return memory;
}

/**
 * Status events: `changed` keeps every delegate's last status and reports a record only when it
 * differs (with PreviousStatus); `reached` reports a record the first time it has the status.
 */
function rememberStatuses(state: State, eventName: string, event: EventSpec, records: IDataObject[]): IDataObject[] {
	const memory = memoryOf(state, eventName);
	const reported: IDataObject[] = [];
	for (const record of records) {
		const id = String(record.ID);
		const status = String(record.Status ?? '');
		const before = memory[id];
		if (event.statusMemory?.mode === 'reached') {
			if (before === undefined) reported.push(record);
			memory[id] = '1';
			continue;
		}
		memory[id] = status;
		if (before === undefined) {
			// First seen after activation: a change only when it was changed after it was created.
			if (record.DateUpdated !== record.DateCreated) reported.push({ ...record, PreviousStatus: null });
		} else if (before !== status) {
			reported.push({ ...record, PreviousStatus: before });
		}
	}
	return reported;
}

/**
 * The first activation: statuses are remembered first (for status events), then the newest time
 * in the module becomes the bound, with the records already at that time marked as reported.
 * Nothing is emitted; everything written after it is.
 */
async function baseline(
	ctx: IPollFunctions,
	eventName: string,
	event: EventSpec,
	read: (qs: IDataObject) => Promise<IDataObject[]>,
	state: State,
	key: string,
	withConditions: (extra: string[]) => string | undefined,
): Promise<void> {
	const url = `/${event.module}`;
	// A new event or new filters start afresh: what was kept for the earlier ones goes.
	for (const stale of Object.keys(state)) {
		if ((stale.startsWith('cursor:') && stale !== key) || (stale.startsWith('statuses:') && stale !== `statuses:${eventName}`)) delete state[stale];
	}
	if (event.statusMemory) {
		const memory = memoryOf(state, eventName);
		const known = await paginate.call(ctx, accessplanitProfile, accessplanitPagination, {
			url,
			qs: { ...(withConditions([]) ? { $filter: withConditions([]) } : {}), $select: 'ID,Status', $orderby: 'ID asc' },
			returnAll: true,
		});
		for (const record of known) memory[String(record.ID)] = event.statusMemory.mode === 'reached' ? '1' : String(record.Status ?? '');
	}
	const newest = await read({ $orderby: `${event.time} desc`, $top: 1, $select: `ID,${event.time}` });
	const since = (newest[0]?.[event.time] as string | undefined) ?? EARLIEST;
	const atSince = newest.length
		? await paginate.call(ctx, accessplanitProfile, accessplanitPagination, {
				url,
				qs: { $filter: `${event.time} eq ${odataLiteral(since)}`, $select: 'ID', $orderby: 'ID asc' },
				returnAll: true,
			})
		: [];
	writeCursor(state, { since, boundaryIds: atSince.map((record) => String(record.ID)) }, key);
}
