import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The Eduframe Trigger's record of handled deliveries, and how a delivery is recognised.
 *
 * Eduframe's live POST carries only `{tenant_id, educator, event, event_data}`: no notification or
 * event id (those exist only in its delivery log). A delivery is therefore recognised by a
 * fingerprint of the event name, the record's id and the record's `updated_at` (or, when the record
 * has no id or stamp, the whole `event_data`). The failed-deliveries log keeps the same payload as
 * `data`, so a replay and a live delivery of one change have the same fingerprint.
 *
 * Residual risk, stated plainly: two different changes that Eduframe reports with the same event,
 * record and `updated_at` (to the stamp's precision) count as one, and the second does not run.
 */
export function deliveryKey(payload: IDataObject): string {
	const event = String(payload.event ?? '');
	const data = payload.event_data;
	const record = data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : undefined;
	const basis =
		record && record.id !== undefined && record.id !== null && typeof record.updated_at === 'string'
			? `${event}|${String(record.id)}|${record.updated_at}`
			: `${event}|${canonical(data)}`;
	return hash(basis);
}

/** JSON with object keys sorted, so the same content always gives the same text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Two 32-bit FNV-1a hashes (different seeds): 16 hex characters, so the record stays small. */
function hash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x01000193 + 0x100);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** What the trigger keeps in the workflow's static data (node part). */
export interface TriggerState extends IDataObject {
	webhookId?: string;
	educatorId?: number;
	/** The educator's `slug`, which Eduframe's deliveries name as `educator`. */
	educatorSlug?: string;
	/** Fingerprint → when it was handled (seconds since 1970), live or replayed. */
	handled?: Record<string, number>;
}

/** The record never holds more than this many deliveries (the oldest go first). */
export const MAX_HANDLED = 5_000;

/**
 * Deliveries handled in this n8n process, per workflow and node. n8n reads a workflow's static data
 * once per live delivery and once when a trigger is activated, and writes the whole of it back
 * afterwards, so the live path and the catch-up each hold a copy that the other does not see. In one
 * n8n process (the usual setup) this shared list closes that gap: each side adds what the other
 * handled before it writes. Across processes (queue mode: deliveries on webhook processes, catch-up
 * on the main one) only the static data connects them; see docs/eduframe-trigger.md.
 */
const handledHere = new Map<string, Map<string, number>>();

export class HandledRecord {
	private readonly here: Map<string, number>;

	constructor(
		private readonly state: TriggerState,
		owner: string,
		private readonly keepSeconds: number,
	) {
		let here = handledHere.get(owner);
		if (!here) handledHere.set(owner, (here = new Map()));
		this.here = here;
		this.state.handled ??= {};
		this.absorb();
	}

	/** Adds what this process handled that the static data copy does not hold yet. */
	absorb(): void {
		const handled = this.state.handled!;
		for (const [key, at] of this.here) if (handled[key] === undefined) handled[key] = at;
	}

	has(key: string): boolean {
		return this.state.handled![key] !== undefined || this.here.has(key);
	}

	add(key: string, nowSeconds: number): void {
		this.state.handled![key] = nowSeconds;
		this.here.set(key, nowSeconds);
		this.prune(nowSeconds);
	}

	/**
	 * Drops deliveries older than the look-back window; beyond MAX_HANDLED, the oldest tenth as well
	 * (so the sort runs once per few hundred deliveries, not on every one).
	 */
	prune(nowSeconds: number): void {
		const oldest = nowSeconds - this.keepSeconds;
		const handled = this.state.handled!;
		expire(Object.entries(handled), oldest, (key) => delete handled[key]);
		expire([...this.here], oldest, (key) => this.here.delete(key));
	}
}

/** Drops (with `drop`) the entries handled before `oldest`; of more than MAX_HANDLED left, the oldest down to nine tenths. */
function expire(entries: Array<[string, number]>, oldest: number, drop: (key: string) => void): void {
	const kept: Array<[string, number]> = [];
	for (const [key, at] of entries) {
		if (at < oldest) drop(key);
		else kept.push([key, at]);
	}
	if (kept.length <= MAX_HANDLED) return;
	kept.sort((x, y) => x[1] - y[1]);
	for (const [key] of kept.slice(0, kept.length - Math.floor(MAX_HANDLED * 0.9))) drop(key);
}

/**
 * A test delivery in the editor, handed from `webhook()` to `trigger()`. For a node that has both,
 * n8n runs `trigger()` in manual mode in place of passing the test delivery on (its `runNode` checks
 * for a trigger function before a webhook function, in 1.123.5 and 2.40.7 alike), so the delivery
 * travels here. Both run in the n8n process that received the test delivery.
 */
export const manualDeliveries = new Map<string, INodeExecutionData[]>();

/** Forgets everything kept in this process (tests). */
export function forgetHandledHere(): void {
	handledHere.clear();
	manualDeliveries.clear();
}
