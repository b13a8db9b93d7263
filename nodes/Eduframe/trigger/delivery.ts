import type { IDataObject } from 'n8n-workflow';

import { EDUFRAME_EVENTS } from './events';

/**
 * What the Eduframe Trigger accepts as a delivery, checked before anything else is done with it
 * (no request, no execution). Eduframe documents its POST as a JSON object
 * `{"tenant_id": "<uuid>", "educator": "<subdomain>", "event": "<name>", "event_data": {…}}`.
 */
export interface Delivery extends IDataObject {
	event: string;
	event_data: IDataObject;
}

/** A refused delivery: the status Eduframe is answered with (it counts non-2xx as failed) and why. */
export interface Refusal {
	status: number;
	message: string;
}

const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);

/** Whether the `Content-Type` header names JSON (`application/json`, parameters such as charset aside). */
function isJson(contentType: unknown): boolean {
	const value = Array.isArray(contentType) ? contentType[0] : contentType;
	return typeof value === 'string' && value.split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * The delivery, or why it is refused: a body that is not a JSON object with a text `event` and an
 * object `event_data` (400), or an event name Eduframe does not have (400).
 */
export function readDelivery(contentType: unknown, body: unknown): { delivery: Delivery } | { refused: Refusal } {
	if (!isJson(contentType) || !isObject(body)) {
		return { refused: { status: 400, message: 'Eduframe sends each event as a JSON object; this request body is not one.' } };
	}
	if (typeof body.event !== 'string' || !isObject(body.event_data)) {
		return { refused: { status: 400, message: 'An Eduframe event names its "event" and carries its "event_data" object; this one does not.' } };
	}
	if (!EDUFRAME_EVENTS.includes(body.event)) {
		return { refused: { status: 400, message: 'This is not an event Eduframe sends.' } };
	}
	return { delivery: body as Delivery };
}

/** The Eduframe account (educator) of the trigger's API key, as kept in the workflow's static data. */
export interface Educator {
	id?: number;
	slug?: string;
}

/**
 * Whether a delivery names the educator of the key. Eduframe's documented shape names it by its
 * subdomain in `educator` (compared with the educator's `slug`, case aside; its `tenant_id` is a UUID
 * that the API shows nowhere else, so it cannot be compared); the older shape `educator: {id, slug}`
 * with a numeric `tenant_id` (the sandbox sent it before) by number. A delivery that names no
 * educator is not from this one.
 */
export function fromThisEducator(payload: IDataObject, educator: Educator): boolean {
	const named = payload.educator;
	if (typeof named === 'string') {
		return !!educator.slug && named.trim().toLowerCase() === educator.slug.toLowerCase();
	}
	if (isObject(named)) {
		const id = named.id;
		if (typeof payload.tenant_id === 'number' && payload.tenant_id !== educator.id) return false;
		return (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) && educator.id !== undefined && Number(id) === educator.id;
	}
	return false;
}
