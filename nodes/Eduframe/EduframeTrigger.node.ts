import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { vendorRequest } from '../shared/transport/request';
import { eduframeProfile } from './transport';
import { EDUFRAME_EVENTS } from './trigger/events';
import { eventLabel, RECORD_PATHS } from './trigger/records';

interface WebhookState extends IDataObject {
	webhookId?: string;
	educatorId?: number;
}

/**
 * Starts a workflow when Eduframe reports a change. On activation it registers n8n's URL with
 * Eduframe (re-creating the registration when it was deleted in Eduframe) and removes it on
 * deactivation. Each delivery is answered at once, before any further work.
 */
export class EduframeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eduframe Trigger',
		name: 'eduframeTrigger',
		icon: { light: 'file:eduframe.svg', dark: 'file:eduframe.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Eduframe education management: users, courses, enrollments, orders and invoices, and workflows that start when they change',
		defaults: { name: 'Eduframe Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eduframeApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The changes that start the workflow',
				options: [
					{ name: '[All Events]', value: '*', description: 'Any change Eduframe reports' },
					...EDUFRAME_EVENTS.map((event) => ({ name: eventLabel(event), value: event })),
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Full Record',
						name: 'includeFullRecord',
						type: 'boolean',
						default: false,
						description: 'Whether to read the record the event names from Eduframe and put it out with the event (one request per event)',
					},
					{
						displayName: 'Only From This Educator',
						name: 'onlyFromThisEducator',
						type: 'boolean',
						default: true,
						description: 'Whether to ignore deliveries that name another educator than the credential’s own (Eduframe does not sign its deliveries)',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as WebhookState;
				const url = this.getNodeWebhookUrl('default') as string;
				if (state.webhookId) {
					const response = await vendorRequest.call(this, eduframeProfile, {
						method: 'GET',
						url: `/webhooks/${encodeURIComponent(state.webhookId)}`,
						allowStatuses: [404],
					});
					const hook = response.body as IDataObject | undefined;
					if (response.statusCode === 200 && hook?.url === url && hook.active !== false) return true;
					// Deleted or changed in Eduframe: register again.
					delete state.webhookId;
					return false;
				}
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as WebhookState;
				const url = this.getNodeWebhookUrl('default') as string;
				const chosen = this.getNodeParameter('events', []) as string[];
				const events = chosen.includes('*') ? EDUFRAME_EVENTS : chosen;
				const response = await vendorRequest.call(this, eduframeProfile, {
					method: 'POST',
					url: '/webhooks',
					body: { url, active: true, events },
				});
				state.webhookId = String((response.body as IDataObject).id);
				const educator = await vendorRequest.call(this, eduframeProfile, { method: 'GET', url: '/educators/current' });
				state.educatorId = Number((educator.body as IDataObject).id);
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
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// Eduframe waits 10 seconds for an answer and builds a backlog when it waits: answer first.
		this.getResponseObject().status(200).json({ received: true });

		const payload = this.getBodyData() as IDataObject;
		const event = typeof payload.event === 'string' ? payload.event : '';
		const chosen = this.getNodeParameter('events', []) as string[];
		if (!event || (!chosen.includes('*') && !chosen.includes(event))) return { noWebhookResponse: true };

		const options = this.getNodeParameter('options', {}) as { includeFullRecord?: boolean; onlyFromThisEducator?: boolean };
		if (options.onlyFromThisEducator !== false) {
			const state = this.getWorkflowStaticData('node') as WebhookState;
			let educatorId = state.educatorId;
			if (!educatorId) {
				const educator = await vendorRequest.call(this, eduframeProfile, { method: 'GET', url: '/educators/current' });
				educatorId = Number((educator.body as IDataObject).id);
				// Kept, so later events need not ask again.
				state.educatorId = educatorId;
			}
			const sender = Number((payload.educator as IDataObject | undefined)?.id ?? payload.tenant_id);
			if (sender !== educatorId) return { noWebhookResponse: true };
		}

		const item: IDataObject = {
			event,
			tenant_id: payload.tenant_id,
			educator: payload.educator,
			event_data: payload.event_data,
		};
		const [resource, action] = event.split('.');
		const recordId = (payload.event_data as IDataObject | undefined)?.id;
		const recordPath = RECORD_PATHS[resource];
		if (options.includeFullRecord && recordPath && recordId !== undefined && action !== 'deleted') {
			try {
				const record = await vendorRequest.call(this, eduframeProfile, {
					method: 'GET',
					url: recordPath.replace('{id}', encodeURIComponent(String(recordId))),
				});
				item.record = record.body as IDataObject;
			} catch (error) {
				// The event still starts the workflow; the reason the record is missing travels with it.
				item.record = null;
				item.recordError = (error as Error).message;
			}
		}
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	}
}
