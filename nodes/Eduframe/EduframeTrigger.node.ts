import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

import { markRequired } from '../shared/operations/build';
import { addNames } from '../shared/operations/names';
import { choicesSubtitle } from '../shared/operations/subtitles';
import { paginate } from '../shared/transport/paginate';
import { vendorRequest, type RequestContext } from '../shared/transport/request';
import { EDUFRAME_NAMED_IDS, eduframeNames } from './actions/names';
import { eduframePagination, eduframeProfile } from './transport';
import { fromThisEducator, readDelivery, type Educator } from './trigger/delivery';
import { EDUFRAME_EVENTS } from './trigger/events';
import { eventLabel, RECORD_PATHS } from './trigger/records';
import { deliveryKey, HandledRecord, manualDeliveries, type TriggerState } from './trigger/replay';
import { addressWithSecret, deliverySecret, sameAddress, secretMatches, TOKEN_PARAMETER } from './trigger/secret';

type WebhookState = TriggerState;

interface TriggerOptions {
	includeFullRecord?: boolean;
	onlyFromThisEducator?: boolean;
	catchUp?: boolean;
	lookBackHours?: number;
	checkEveryMinutes?: number;
}

const DEFAULT_LOOK_BACK_HOURS = 24;
const DEFAULT_CHECK_EVERY_MINUTES = 5;
/** What a refused read of the failed deliveries tells the user (Eduframe names the scope, or answers a bare 403). */
const SCOPE_HINT =
	'Catching up on missed events needs the "settings:read" permission (scope) on the Eduframe API key. Give the key that permission, or switch off the trigger’s "Catch Up on Missed Events" option. Live events keep arriving either way.';
/** Longest wait, at activation, for the registration check to settle the webhook's id. */
const REGISTRATION_WAIT_MS = 30_000;
/** Longest wait for one replayed execution to finish before the next is started. */
const REPLAY_WAIT_MS = 60_000;

/** How long the record of handled deliveries keeps one: the look-back window and an hour for clocks that differ. */
const keepSeconds = (options: TriggerOptions) => Math.round((options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS) * 3600) + 3600;
const ownerOf = (context: IWebhookFunctions | ITriggerFunctions) => `${context.getWorkflow().id ?? ''}|${context.getNode().id ?? context.getNode().name}`;

/** What the secret is worked out over: the node's webhook id (part of its URL), the same in every n8n process. */
const webhookKeyOf = (context: IHookFunctions | IWebhookFunctions) => context.getNode().webhookId ?? `${context.getWorkflow().id ?? ''}|${context.getNode().name}`;

/** The secret of this trigger's address, from the credential's API key (see trigger/secret.ts). */
async function secretOf(context: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await context.getCredentials(eduframeProfile.credentialType);
	return deliverySecret(String(credentials.apiKey ?? ''), webhookKeyOf(context));
}

const EVENT_OPTIONS = [
	{ name: '[All Events]', value: '*', description: 'Any change Eduframe reports' },
	...EDUFRAME_EVENTS.map((event) => ({ name: eventLabel(event), value: event })),
];

/**
 * Starts a workflow when Eduframe reports a change. On activation it registers n8n's URL with
 * Eduframe, with a secret added (trigger/secret.ts; re-creating the registration when it was deleted
 * in Eduframe, bringing an existing one up to date) and removes it on deactivation. Each delivery
 * without that secret, or that is not an Eduframe event, is refused before any other work; the
 * others are answered at once, before any further work.
 *
 * Catch-up: the node has both `webhook()` (live deliveries) and `trigger()` (replay). n8n 1.123.5
 * and 2.40.7 both register a node's webhooks and start its trigger function on activation (their
 * ActiveWorkflowManager.add calls addWebhooks, then the trigger/poll activation, for the same
 * workflow), and in an execution both treat the node as a pass-through of the data it started with.
 * `trigger()` runs only where n8n runs triggers (the main process, the leader in multi-main);
 * `webhook()` runs wherever deliveries arrive (the webhook processes in queue mode). `trigger()`
 * reads the deliveries Eduframe lists as failed (`GET /webhooks/{id}/notifications/failed`) on
 * activation and every few minutes (`helpers.registerCron`, in both versions), and emits each one
 * not yet handled, one execution each, in the order the changes happened. The record of handled
 * deliveries lives in the workflow's static data (see trigger/replay.ts for when n8n saves it).
 */
export class EduframeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eduframe Trigger',
		name: 'eduframeTrigger',
		icon: { light: 'file:eduframe.svg', dark: 'file:eduframe.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: choicesSubtitle('events', EVENT_OPTIONS),
		description: 'Eduframe education management: users, courses, enrollments, orders and invoices, and workflows that start when they change',
		defaults: { name: 'Eduframe Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eduframeApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			markRequired({
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The changes that start the workflow',
				options: EVENT_OPTIONS,
			}),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Catch Up on Missed Events',
						name: 'catchUp',
						type: 'boolean',
						default: true,
						description:
							'Whether to run the workflow for changes that never reached it (n8n was stopped or could not be reached, and Eduframe gave up). When the workflow becomes active and every few minutes after, the trigger asks Eduframe for them and runs the workflow once for each, oldest first; their output says "replayed": true. A change the workflow already ran for never runs it again. The Eduframe API key needs the "settings:read" permission for this.',
					},
					{
						displayName: 'Check Every (Minutes)',
						name: 'checkEveryMinutes',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 60 },
						default: DEFAULT_CHECK_EVERY_MINUTES,
						description: 'How often to ask Eduframe for failed deliveries while the workflow is active (it also asks once when the workflow becomes active)',
						displayOptions: { hide: { catchUp: [false] } },
					},
					{
						displayName: 'Include Full Record',
						name: 'includeFullRecord',
						type: 'boolean',
						default: false,
						description: 'Whether to also read the whole record the event is about from Eduframe and add it to the output, with the names of the people, courses and other records it points to next to their IDs (one extra request per event, and one per name not yet read)',
					},
					{
						displayName: 'Look Back (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 720 },
						default: DEFAULT_LOOK_BACK_HOURS,
						description: 'How far back to look for failed deliveries. Changes that happened longer ago than this are not caught up.',
						displayOptions: { hide: { catchUp: [false] } },
					},
					{
						displayName: 'Only From This Educator',
						name: 'onlyFromThisEducator',
						type: 'boolean',
						default: true,
						description:
							'Whether to refuse events that name another Eduframe account (educator) than your API key’s. The secret in the address the trigger registers with Eduframe already proves who sent an event; this adds a check of the account the event names, for an address that got into the wrong hands. Leave it on.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as WebhookState;
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const address = addressWithSecret(webhookUrl, await secretOf(this));
				if (state.webhookId) {
					const response = await vendorRequest.call(this, eduframeProfile, {
						method: 'GET',
						url: `/webhooks/${encodeURIComponent(state.webhookId)}`,
						allowStatuses: [404],
					});
					const hook = response.body as IDataObject | undefined;
					if (response.statusCode === 200 && hook && hook.active !== false && sameAddress(hook.url, webhookUrl)) {
						await bringUpToDate(this, state.webhookId, hook, address);
						return true;
					}
					// Deleted or changed in Eduframe: register again.
					delete state.webhookId;
					return false;
				}
				// No saved id, although this URL may well be registered: n8n saves a workflow's static data
				// whole, so an execution that started before the registration was saved can write back a
				// copy without the id (n8n 2.x registers webhooks and starts triggers side by side and saves
				// once both are done). A second registration would deliver every change twice and leave the
				// catch-up reading the new registration's empty list, so the existing one is taken over:
				// the one with this address, else one for this URL with an older secret or none.
				const hooks = (await paginate.call(this, eduframeProfile, eduframePagination, { url: '/webhooks', returnAll: true })).filter((hook) => hook.active !== false);
				const existing = hooks.find((hook) => hook.url === address) ?? hooks.find((hook) => sameAddress(hook.url, webhookUrl));
				if (!existing) return false;
				state.webhookId = String(existing.id);
				await bringUpToDate(this, state.webhookId, existing, address);
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as WebhookState;
				const address = addressWithSecret(this.getNodeWebhookUrl('default') as string, await secretOf(this));
				const events = chosenEvents(this.getNodeParameter('events', []) as string[]);
				const response = await vendorRequest.call(this, eduframeProfile, {
					method: 'POST',
					url: '/webhooks',
					body: { url: address, active: true, events },
				});
				state.webhookId = String((response.body as IDataObject).id);
				const educator = await vendorRequest.call(this, eduframeProfile, { method: 'GET', url: '/educators/current' });
				rememberEducator(state, educator.body);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as WebhookState;
				if (state.webhookId) {
					await vendorRequest.call(this, eduframeProfile, {
						method: 'DELETE',
						url: `/webhooks/${encodeURIComponent(state.webhookId)}`,
						idempotent: true,
						allowStatuses: [404],
					});
				}
				delete state.webhookId;
				delete state.educatorId;
				delete state.educatorSlug;
				return true;
			},
		},
	};

	/**
	 * Catch-up of failed deliveries (see the class comment). In the editor's test ("Listen for test
	 * event"), n8n calls this in manual mode after the test delivery arrived, instead of passing the
	 * delivery on; it hands the delivery on itself.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		if (this.getMode() === 'manual') {
			const owner = ownerOf(this);
			return {
				manualTriggerFunction: async () => {
					const items = manualDeliveries.get(owner);
					manualDeliveries.delete(owner);
					if (!items) {
						throw new NodeOperationError(this.getNode(), 'The test delivery from Eduframe did not reach this step', {
							description: 'n8n ran the test in another process than the one that received the delivery. Send the test event again, or look at the workflow’s executions once it is active.',
						});
					}
					this.emit([items]);
				},
			};
		}

		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		let closed = false;
		if (options.catchUp === false) return { closeFunction: async () => {} };
		// n8n 2.x evaluates expressions (parameters, the credential, its Authorization header) in an
		// isolate it holds only while trigger() runs; the catch-up runs later (after activation, on
		// each tick), so everything it needs is read now. 1.x has no isolate; the same code works there.
		const chosen = this.getNodeParameter('events', []) as string[];
		const credentials = (await this.getCredentials(eduframeProfile.credentialType)) as IDataObject;
		const transport = readyContext(this, credentials);

		let running = false;
		let reported = false;
		// The first catch-up after activation also reads the whole delivery log (see replayFailed).
		let logRead = false;
		const catchUp = async () => {
			if (running || closed) return;
			running = true;
			try {
				await replayFailed.call(this, transport, chosen, options, () => closed, !logRead);
				logRead = true;
			} catch (error) {
				// Catch-up never stops live deliveries: the problem is reported and the next check tries again.
				if (!reported) {
					reported = true;
					reportCatchUpProblem.call(this, error as Error);
				}
			} finally {
				running = false;
			}
		};
		const minutes = Math.min(60, Math.max(1, Math.round(options.checkEveryMinutes ?? DEFAULT_CHECK_EVERY_MINUTES)));
		this.helpers.registerCron({ expression: `0 */${minutes} * * * *` as Parameters<ITriggerFunctions['helpers']['registerCron']>[0]['expression'] }, () => void catchUp());
		// On activation (n8n started, workflow activated again): catch up at once, without holding up the activation.
		void catchUp();
		return {
			closeFunction: async () => {
				closed = true;
			},
		};
	}

	/**
	 * A delivery. What is refused starts nothing, sends no request with the key and is answered with
	 * an error status, so Eduframe counts it as failed (and, for a genuine delivery, lists it for the
	 * catch-up, which reads it from Eduframe with the key): a request without the secret of the address
	 * the trigger registered (401), a body that is not an Eduframe event (400), an event that names
	 * another educator (403). An event Eduframe has but the workflow did not choose is answered 200
	 * and ignored. Everything else is answered 200 first, then handled.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			this.getResponseObject().status(status).json(body);
			return { noWebhookResponse: true };
		};
		const refuse = (status: number, message: string) => answer(status, { received: false, message });

		let secret: string;
		try {
			secret = await secretOf(this);
		} catch {
			return refuse(500, 'The Eduframe Trigger cannot read its Eduframe credential.');
		}
		if (!secretMatches((this.getQueryData() as IDataObject)[TOKEN_PARAMETER], secret)) {
			return refuse(401, 'This address takes only the events Eduframe sends to the address the Eduframe Trigger registered, with its secret.');
		}
		const read = readDelivery(this.getHeaderData()['content-type'], this.getBodyData());
		if ('refused' in read) return refuse(read.refused.status, read.refused.message);
		const payload = read.delivery;

		const chosen = this.getNodeParameter('events', []) as string[];
		if (!isChosen(chosen, payload.event)) return answer(200, TRIGGER_ANSWER);
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const state = this.getWorkflowStaticData('node') as WebhookState;
		if (options.onlyFromThisEducator !== false) {
			let educator: Educator;
			try {
				educator = await knownEducator(this, state);
			} catch {
				return refuse(503, 'The Eduframe Trigger could not check which Eduframe account this event is from; send it again later.');
			}
			if (!fromThisEducator(payload, educator)) {
				const named = typeof payload.educator === 'string' ? payload.educator : JSON.stringify(payload.educator ?? null);
				return refuse(403, `This event names the Eduframe account ${named.slice(0, 100)}, not "${educator.slug ?? ''}" (the account of the Eduframe Trigger’s API key). If that is your account, switch off the trigger’s "Only From This Educator" option.`);
			}
		}

		// Eduframe waits 10 seconds for an answer and builds a backlog when it waits: answer before any
		// further work. The catch-up recognises this answer in Eduframe's delivery log (answeredByTrigger).
		answer(200, TRIGGER_ANSWER);
		const manual = this.getMode() === 'manual';
		const key = deliveryKey(payload);
		// A delivery already handled (a retry that reached n8n twice, or one the catch-up already ran) starts nothing.
		const record = manual ? undefined : new HandledRecord(state, ownerOf(this), keepSeconds(options));
		if (record?.has(key)) return { noWebhookResponse: true };

		const item = await itemFor(this, payload, payload.event, options);
		item.replayed = false;
		if (manual) {
			manualDeliveries.set(ownerOf(this), [{ json: item }]);
		} else {
			// Kept in the workflow's static data, which n8n saves after this delivery.
			record!.add(key, Math.floor(Date.now() / 1000));
		}
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	}
}

const isChosen = (chosen: string[], event: string) => chosen.includes('*') || chosen.includes(event);

/** Keeps the educator of the key (from `GET /educators/current`) in the static data, and returns it. */
function rememberEducator(state: WebhookState, body: unknown): Educator {
	const educator = (body ?? {}) as IDataObject;
	state.educatorId = Number(educator.id);
	state.educatorSlug = typeof educator.slug === 'string' ? educator.slug : '';
	return { id: state.educatorId, slug: state.educatorSlug };
}

/**
 * The educator of the key: kept in the static data at registration, read once more when the static
 * data lacks it (a registration made before the slug was kept, or an older copy of the static data).
 */
async function knownEducator(context: RequestContext, state: WebhookState): Promise<Educator> {
	if (state.educatorId !== undefined && typeof state.educatorSlug === 'string') return { id: state.educatorId, slug: state.educatorSlug };
	const response = await vendorRequest.call(context, eduframeProfile, { method: 'GET', url: '/educators/current' });
	return rememberEducator(state, response.body);
}

/**
 * The item a replayed delivery puts out, or nothing when the trigger ignores it (an event not chosen).
 * It comes from the failed list of the trigger's own registration, read with the key, so it is this
 * educator's whatever its payload names: a live delivery refused because its `educator` did not read
 * as the key's slug (Eduframe documents the subdomain, which the trigger takes to be the slug) is run
 * here, a few minutes late, rather than lost.
 */
async function buildItem(context: RequestContext, payload: IDataObject, chosen: string[], options: TriggerOptions): Promise<IDataObject | undefined> {
	const event = typeof payload.event === 'string' ? payload.event : '';
	if (!event || !isChosen(chosen, event)) return undefined;
	return await itemFor(context, payload, event, options);
}

/**
 * The item of a delivery that starts the workflow. Shared by live deliveries and replays, so both
 * put out the same fields.
 */
async function itemFor(context: RequestContext, payload: IDataObject, event: string, options: TriggerOptions): Promise<IDataObject> {
	const item: IDataObject = {
		event,
		tenant_id: payload.tenant_id,
		educator: payload.educator,
		event_data: payload.event_data,
	};
	const [resource, action] = event.split('.');
	const recordId = (payload.event_data as IDataObject | undefined)?.id;
	const recordPath = RECORD_PATHS[resource];
	// Eduframe's ids are numbers; anything else is not read (it would become part of the request's path).
	const readable = (typeof recordId === 'number' && Number.isSafeInteger(recordId)) || (typeof recordId === 'string' && /^[0-9A-Za-z_-]+$/.test(recordId));
	if (options.includeFullRecord && recordPath && recordId !== undefined && action !== 'deleted') {
		if (!readable) {
			item.record = null;
			item.recordError = 'The event names no record ID the trigger can read the record with.';
			return item;
		}
		try {
			const record = await vendorRequest.call(context, eduframeProfile, {
				method: 'GET',
				url: recordPath.replace('{id}', encodeURIComponent(String(recordId))),
			});
			const full = record.body as IDataObject;
			// The people, courses and other records it points to, by name next to their IDs (each read once).
			const named = full && typeof full === 'object' && !Array.isArray(full) ? Object.keys(full).filter((column) => EDUFRAME_NAMED_IDS[column]) : [];
			item.record = named.length ? (await addNames(context, [full], named, eduframeNames))[0] : full;
		} catch (error) {
			// The event still starts the workflow; the reason the record is missing travels with it.
			item.record = null;
			item.recordError = (error as Error).message;
		}
	}
	return item;
}

/** The events to register: the chosen ones, or every event for "*". */
function chosenEvents(chosen: string[]): string[] {
	return chosen.includes('*') ? EDUFRAME_EVENTS : chosen;
}

/**
 * Makes an existing registration of this trigger send to `address` (the secret of today's API key:
 * a registration from before the trigger used a secret, or made with a key since replaced) and the
 * chosen events, in one PATCH and only when something differs. The registration stays the same one,
 * so its list of failed deliveries, which the catch-up reads, is kept.
 */
async function bringUpToDate(context: IHookFunctions, webhookId: string, hook: IDataObject, address: string): Promise<void> {
	const events = chosenEvents(context.getNodeParameter('events', []) as string[]);
	const registered = Array.isArray(hook.events) ? (hook.events as string[]) : [];
	const changes: IDataObject = {};
	if (hook.url !== address) changes.url = address;
	if (registered.length !== events.length || events.some((event) => !registered.includes(event))) changes.events = events;
	if (!Object.keys(changes).length) return;
	await vendorRequest.call(context, eduframeProfile, { method: 'PATCH', url: `/webhooks/${encodeURIComponent(webhookId)}`, body: changes, idempotent: true });
}

/** What `webhook()` answers every delivery with. */
const TRIGGER_ANSWER = { received: true };

/** Whether an answer Eduframe logged is the trigger's own (`TRIGGER_ANSWER`), so `webhook()` ran for it. */
function answeredByTrigger(response: unknown): boolean {
	if (typeof response !== 'string') return false;
	try {
		const body = JSON.parse(response) as unknown;
		return !!body && typeof body === 'object' && (body as IDataObject).received === TRIGGER_ANSWER.received;
	} catch {
		return false;
	}
}

/**
 * Deliveries Eduframe counts as delivered although the trigger never saw them: the successful
 * attempt was answered 2xx by something else than `webhook()`. n8n does that while it starts: from
 * the moment it listens until its database migrations are checked, its own middleware answers every
 * request with 200 "n8n is starting up. Please wait" (1.123.5 and 2.40.7 alike), and no execution
 * runs. Only the trigger's own answer means `webhook()` ran, so these are as missed as failed ones.
 * Read from Eduframe's whole delivery log (`GET /webhooks/{id}/notifications`, which takes no time
 * filter), so only once per activation: right after n8n started, when such answers happen.
 */
async function answeredByOthers(transport: IPollFunctions, webhookId: string, sinceMs: number): Promise<IDataObject[]> {
	const log = await paginate.call(transport, eduframeProfile, eduframePagination, {
		url: `/webhooks/${encodeURIComponent(webhookId)}/notifications`,
		returnAll: true,
		hints: { scope: SCOPE_HINT, 403: SCOPE_HINT },
	});
	const found: IDataObject[] = [];
	for (const notification of log) {
		if (notification.status !== 'succeeded' || !Array.isArray(notification.send_attempts)) continue;
		const attempts = notification.send_attempts as IDataObject[];
		const success = [...attempts].reverse().find((attempt) => Number(attempt.status_code) >= 200 && Number(attempt.status_code) < 300);
		if (!success || answeredByTrigger(success.response)) continue;
		const createdAt = String(notification.created_at ?? attempts[0]?.created_at ?? success.created_at ?? '');
		const at = Date.parse(createdAt);
		if (!Number.isNaN(at) && at < sinceMs) continue;
		found.push({ id: notification.id, event_id: notification.event_id, data: notification.data, created_at: createdAt || undefined });
	}
	return found;
}

/**
 * Reads the deliveries Eduframe lists as failed within the look-back window (and, at activation,
 * those it counts as delivered that the trigger never answered: see answeredByOthers) and runs the
 * workflow once for each one not handled yet, oldest first, waiting for each execution before the
 * next. Each is recorded as handled just before it is emitted; n8n saves the static data as part of
 * `emit` (before the execution starts), so a restart does not run it again.
 */
async function replayFailed(
	this: ITriggerFunctions,
	transport: IPollFunctions,
	chosen: string[],
	options: TriggerOptions,
	isClosed: () => boolean,
	atActivation: boolean,
): Promise<void> {
	const state = this.getWorkflowStaticData('node') as WebhookState;
	// n8n 2.x checks the registration (webhookMethods) while it starts this trigger, so at activation
	// the id may arrive a moment later.
	for (let waited = 0; atActivation && !state.webhookId && waited < REGISTRATION_WAIT_MS && !isClosed(); waited += 250) await sleep(250);
	if (!state.webhookId) return;
	const lookBackMs = (options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS) * 3_600_000;
	const sinceMs = Date.now() - lookBackMs;
	const failed = await paginate.call(transport, eduframeProfile, eduframePagination, {
		url: `/webhooks/${encodeURIComponent(state.webhookId)}/notifications/failed`,
		qs: { start: new Date(sinceMs).toISOString() },
		returnAll: true,
		hints: { scope: SCOPE_HINT, 403: SCOPE_HINT },
	});
	if (atActivation) {
		const listed = new Set(failed.map((notification) => String(notification.id)));
		for (const notification of await answeredByOthers(transport, state.webhookId, sinceMs)) {
			if (!listed.has(String(notification.id))) failed.push(notification);
		}
	}
	// Oldest change first; the sort is stable, so Eduframe's own order decides between equal times.
	const ordered = failed
		.map((notification, index) => ({ notification, index, at: Date.parse(String(notification.created_at ?? '')) }))
		.sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) ? 0 : a.at - b.at) || a.index - b.index)
		.map(({ notification }) => notification);

	const record = new HandledRecord(state, ownerOf(this), keepSeconds(options));
	for (const notification of ordered) {
		if (isClosed()) return;
		const payload = notification.data;
		if (!payload || typeof payload !== 'object' || Array.isArray(payload)) continue;
		const key = deliveryKey(payload as IDataObject);
		record.absorb();
		if (record.has(key)) continue;
		const item = await buildItem(transport, payload as IDataObject, chosen, options);
		if (!item) continue;
		item.replayed = true;
		item.notification = { id: notification.id, event_id: notification.event_id, created_at: notification.created_at };
		record.add(key, Math.floor(Date.now() / 1000));
		const done = this.helpers.createDeferredPromise<IRun>();
		this.emit([[{ json: item } as INodeExecutionData]], undefined, done);
		// In order: the next replay starts when this execution has finished (or after a minute at most).
		await Promise.race([done.promise.catch(() => undefined), sleep(REPLAY_WAIT_MS)]);
	}
}

/**
 * A request context for vendorRequest that needs no expression evaluation: the credential read at
 * activation, and n8n's plain `helpers.httpRequest` with the Authorization header the "Eduframe API"
 * credential declares (`Bearer <API key>`, see credentials/EduframeApi.credentials.ts). A credential
 * changed while the workflow is active is used by the catch-up after the next activation.
 */
function readyContext(context: ITriggerFunctions, credentials: IDataObject): IPollFunctions {
	return {
		getNode: () => context.getNode(),
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) =>
				await context.helpers.httpRequest({ ...request, headers: { ...request.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '')}` } }),
		},
	} as unknown as IPollFunctions;
}

/**
 * Tells the user why catching up failed, without stopping the workflow: as a failed execution
 * where n8n offers that to triggers (2.x), and in n8n's log in any case.
 */
function reportCatchUpProblem(this: ITriggerFunctions, error: Error): void {
	const hint = (error as Error & { description?: string | null }).description ?? undefined;
	const message = `Eduframe Trigger could not catch up on missed events: ${error.message}${hint ? ` ${hint}` : ''}`;
	// The underlying cause goes to the log for whoever runs n8n.
	const underlying = error as Error & { messages?: unknown[]; errorResponse?: { message?: unknown; code?: unknown } };
	const causes = [...(underlying.messages ?? []), underlying.errorResponse?.code].filter((entry) => entry !== undefined && entry !== null && entry !== '');
	const detail = causes.length ? ` (${causes.map(String).join('; ')})` : '';
	this.logger.warn(`${message}${detail}`, { workflowId: this.getWorkflow().id, node: this.getNode().name });
	const saveFailedExecution = (this as Partial<Pick<ITriggerFunctions, 'saveFailedExecution'>>).saveFailedExecution;
	if (typeof saveFailedExecution === 'function') {
		saveFailedExecution.call(this, new NodeOperationError(this.getNode(), 'Could not catch up on missed Eduframe events', { description: `${error.message}${hint ? ` ${hint}` : ''}` }));
	}
}
