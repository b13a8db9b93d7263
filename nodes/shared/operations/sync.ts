import type { FieldType, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, ResourceMapperField } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachAtOnce } from '../atOnce';
import { calendarDay, dayIn } from '../time';
import { mappedValues } from './mapper';
import { pickMatch, requireKey, type MatchKey } from './match';
import { WRITES_SIDE_BY_SIDE, type OperationDefinition } from './types';

/**
 * User → Sync From HR, the same for every vendor: all input items together are the HR list. The
 * platform's people are read once; each is compared with HR and planned as one action (create, update,
 * deactivate, unchanged, problem); Preview puts the plan out and writes nothing, Apply writes it (each
 * person at most once, side by side under the vendor's pacing) and puts out the same items with each
 * write's result. What differs per vendor (how people are read and written, which of them the sync
 * manages, what deactivating means) is a `SyncVendor`.
 */

export type SyncAction = 'create' | 'update' | 'deactivate' | 'unchanged' | 'problem';

/** A field the sync can write, as the resource mapper offers it. */
export interface SyncField {
	id: string;
	label: string;
	type?: FieldType;
	/** A new person cannot be created without it. */
	required?: boolean;
	options?: Array<{ name: string; value: string | number | boolean }>;
}

/** A key people are matched on. */
export interface SyncKey {
	/** The choice's value, and the field on the vendor's records: `email`, `ExternalID`. */
	field: string;
	/** As users know it: "Email", "External ID". */
	label: string;
	description: string;
	placeholder: string;
	email?: boolean;
	/**
	 * Why a new person cannot be created when matched on this key (the vendor's API cannot write it, so
	 * the next run would not find them); undefined when the key is written with the new person.
	 */
	notWritable?: string;
}

/** The settings of one run, read once from the node (vendor settings in `vendor`). */
export interface SyncSettings {
	key: SyncKey;
	scope: string;
	deactivate: boolean;
	maxShare: number;
	maxCount: number;
	/** What the vendor read from its own fields (a label's ID, a company), checked before any write. */
	vendor: IDataObject;
}

export interface SyncVendor {
	/** "Eduframe", "accessplanit". */
	vendor: string;
	noun: string;
	plural: string;
	/** The record's own ID: `id`, `ID`. */
	idField: string;
	/** The field holding a person's email, `email` or `Email`: a new person's email must be free. */
	emailField: string;
	keys: SyncKey[];
	/** Which people the sync manages (never everyone by default), and the fields each choice needs. */
	scopes: Array<{ name: string; value: string; description: string }>;
	scopeProperties: INodeProperties[];
	/** What deactivating does, in words: "sets their status to Disabled". */
	deactivateWords: string;
	/** Fields shown when leavers are deactivated (Eduframe's label for leavers). */
	leaverProperties?: INodeProperties[];
	/** More options under "Options" (Eduframe: give new users a log-in). */
	options?: INodeProperties[];
	/** The node's resource mapper method for the fields (`resourceMapping`). */
	mapperMethod: string;
	/** Parameters the mapper's fields depend on (besides the key). */
	mapperDependsOn?: string[];
	/** The zone of the vendor's days: a leaving date counts from that day. */
	timeZone: string;
	/** Labels of fields the sync writes itself (a label list, a status), for the changes put out. */
	labels: Record<string, string>;
	/** Reads the vendor's settings (and checks them) before anything is written. */
	settings(ctx: IExecuteFunctions, scope: string, deactivate: boolean): Promise<IDataObject>;
	/** Every person of the platform, read once (the largest pages; side by side where the vendor allows). */
	readPeople(ctx: IExecuteFunctions, settings: SyncSettings): Promise<IDataObject[]>;
	managed(person: IDataObject, settings: SyncSettings): boolean;
	/** Already deactivated (by this sync or by hand). */
	deactivated(person: IDataObject, settings: SyncSettings): boolean;
	nameOf(values: IDataObject): string;
	/** What every new person gets besides HR's fields (the scope's label or company, a log-in). */
	forNew(settings: SyncSettings): IDataObject;
	/** Changes a person HR lists needs besides HR's fields (taken back after being deactivated). */
	restore(person: IDataObject, settings: SyncSettings): IDataObject;
	/** A deactivation as the changes it makes, for the output (`Label: before → after`). */
	deactivation(person: IDataObject, settings: SyncSettings): Record<string, string>;
	/** A value of a field as shown in the output (a label's name instead of its ID); undefined: as it is. */
	show?(field: string, value: unknown, settings: SyncSettings): string | undefined;
	create(ctx: IExecuteFunctions, values: IDataObject, settings: SyncSettings, itemIndex: number): Promise<IDataObject>;
	update(ctx: IExecuteFunctions, person: IDataObject, values: IDataObject, settings: SyncSettings, itemIndex: number): Promise<IDataObject>;
	deactivate(ctx: IExecuteFunctions, person: IDataObject, settings: SyncSettings, itemIndex: number): Promise<IDataObject>;
}

/** The columns the resource mapper offers: the vendor's fields, without the key (it has a field of its own). */
export function syncColumns(fields: SyncField[], key: string): ResourceMapperField[] {
	return fields
		.filter((field) => field.id !== key)
		.map((field) => ({
			id: field.id,
			displayName: field.label,
			required: !!field.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: field.type ?? 'string',
			...(field.options ? { options: field.options } : {}),
		}));
}

const THE_PREVIEW = "={{ $('Preview changes').all() }}";

/** The operation's fields, in the order a person fills them in. */
export function syncProperties(vendor: SyncVendor): INodeProperties[] {
	const onlyFromInput = { hide: { employeesFrom: ['preview'] } };
	const deactivating = { show: { leavers: ['deactivate'] } };
	const firstKey = vendor.keys[0].field;
	const firstScope = vendor.scopes[0].value;
	return [
		{
			displayName: `Every input item is one employee of the HR list; all of them together are compared with the ${vendor.plural} in ${vendor.vendor}. Preview writes nothing.`,
			name: 'syncNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Mode',
			name: 'syncMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Apply',
					value: 'apply',
					description: 'Make the changes, and put out the same items with the result of each write',
				},
				{
					name: 'Preview (Write Nothing)',
					value: 'preview',
					description: 'Put out one item per person with what Apply would do; nothing is written',
				},
			],
			default: 'preview',
		},
		{
			displayName: 'Employees From',
			name: 'employeesFrom',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { syncMode: ['apply'] } },
			options: [
				{
					name: 'An Approved Preview',
					value: 'preview',
					description: 'Apply what a Sync From HR node in Preview put out, after a person approved it (e.g. behind a Wait node)',
				},
				{
					name: 'Input Items',
					value: 'input',
					description: 'One employee per input item, compared and written in one step',
				},
			],
			default: 'input',
		},
		{
			displayName: 'Approved Preview',
			name: 'preview',
			type: 'string',
			required: true,
			default: THE_PREVIEW,
			displayOptions: {
				show: { syncMode: ['apply'], employeesFrom: ['preview'] },
			},
			description:
				"The items the Sync From HR node in Preview put out; name that node in $('…'). Each person is checked again before anything is written: what changed since the preview is not written.",
		},
		{
			displayName: 'Match On',
			name: 'matchOn',
			type: 'options',
			noDataExpression: true,
			options: vendor.keys.map((key) => ({
				name: key.label,
				value: key.field,
				description: key.description,
			})),
			default: firstKey,
			description: `How an employee of the HR list is found among the ${vendor.plural} in ${vendor.vendor}`,
		},
		{
			displayName: 'HR Value to Match',
			name: 'matchValue',
			type: 'string',
			required: true,
			default: '',
			displayOptions: onlyFromInput,
			placeholder: `e.g. ${vendor.keys[0].placeholder}`,
			description: "The employee's value for \"Match On\", from the HR list. A blank or repeated value is reported as a problem, never matched.",
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			displayOptions: onlyFromInput,
			typeOptions: {
				loadOptionsDependsOn: ['matchOn', ...(vendor.mapperDependsOn ?? [])],
				resourceMapper: {
					resourceMapperMethod: vendor.mapperMethod,
					mode: 'add',
					fieldWords: { singular: 'field', plural: 'fields' },
					addAllFields: false,
					multiKeyMatch: false,
					// Each HR column is mapped by hand: n8n's "Mapping Column Mode" (mapping by input names) is not offered.
					supportAutoMap: false,
				},
			},
			description: `Which HR column goes into which ${vendor.vendor} field. Only fields that differ are written; an empty HR value leaves the field as it is.`,
		},
		{
			displayName: 'People the Sync Manages',
			name: 'scope',
			type: 'options',
			noDataExpression: true,
			options: vendor.scopes,
			default: firstScope,
			description: `Only these ${vendor.plural} are compared with HR and can be deactivated; everyone else (admins, trainers, customers) is never touched`,
		},
		...vendor.scopeProperties,
		{
			displayName: 'Leavers',
			name: 'leavers',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Deactivate Them',
					value: 'deactivate',
					description: `Never deleted: the sync ${vendor.deactivateWords}`,
				},
				{
					name: 'Leave Them As They Are',
					value: 'keep',
					description: 'People no longer in HR are only reported',
				},
			],
			default: 'keep',
			description: `What happens to managed ${vendor.plural} who are no longer in the HR list (or whose leaving date has passed)`,
		},
		...(vendor.leaverProperties ?? []).map((property) => ({
			...property,
			displayOptions: deactivating,
		})),
		{
			displayName: 'Most Leavers to Deactivate (%)',
			name: 'maxLeaverShare',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 10,
			displayOptions: deactivating,
			description: `Apply refuses to deactivate more than this share of the ${vendor.plural} the sync manages in one run (an empty or cut-short HR export looks like everyone left)`,
		},
		{
			displayName: 'Most Leavers to Deactivate (Number)',
			name: 'maxLeavers',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 25,
			displayOptions: deactivating,
			description: 'Apply refuses to deactivate more people than this in one run',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: onlyFromInput,
			options: (
				[
					{
						displayName: 'Leaving Date',
						name: 'leavingDate',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.leavingDate }}',
						description: "The employee's leaving date from the HR list: once it has passed, they count as a leaver even though HR still lists them",
					},
					...(vendor.options ?? []),
				] as INodeProperties[]
			).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/** The operation itself, for a vendor's User resource. */
export function syncOperation(vendor: SyncVendor): OperationDefinition {
	return {
		value: 'syncFromHr',
		name: 'Sync From HR',
		action: `Sync ${vendor.plural} from an HR list`,
		description: `Compare the HR list (all input items) with the ${vendor.plural} the sync manages: create joiners, update what changed, deactivate leavers; Preview first`,
		method: 'POST',
		path: '/',
		properties: syncProperties(vendor),
		runOnce: (ctx, items) => syncFromHr(ctx, vendor, items),
	};
}

// ---------------------------------------------------------------- comparing

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** A value as it is compared: trimmed text (emails in lower case), lists without regard to order, instants as instants. */
function comparable(value: unknown, field: string, type?: FieldType): string {
	if (isEmpty(value)) return '';
	if (Array.isArray(value)) return JSON.stringify(value.map((entry) => String(entry)).sort());
	if (typeof value === 'object') return JSON.stringify(value);
	const text = String(value).trim();
	if (type === 'dateTime') {
		const instant = Date.parse(/[Zz]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
		if (!Number.isNaN(instant)) return String(instant);
	}
	if (type === 'number' && text !== '' && !Number.isNaN(Number(text))) return String(Number(text));
	return /e-?mail/i.test(field) ? text.toLowerCase() : text;
}

const same = (a: unknown, b: unknown, field: string, type?: FieldType) => comparable(a, field, type) === comparable(b, field, type);

/** A value as a person reads it in the output. */
function shown(vendor: SyncVendor, settings: SyncSettings, field: string, value: unknown): string {
	const own = vendor.show?.(field, value, settings);
	if (own !== undefined) return own;
	if (isEmpty(value)) return '(empty)';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.map(String).join(', ');
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** The normal form of a key value for finding people (capitals aside: near misses are refused by `pickMatch`). */
const keyText = (value: unknown) => (value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim().toLowerCase());

// ---------------------------------------------------------------- the plan

interface PlanItem {
	json: IDataObject;
	/** The HR item the person came from (none for leavers). */
	itemIndex?: number;
	person?: IDataObject;
}

interface HrRow {
	itemIndex: number;
	key: string;
	values: IDataObject;
	leaving?: string;
	problem?: { message: string; fix?: string };
}

const problemOf = (error: unknown) => ({
	message: error instanceof Error ? error.message : String(error),
	fix: (error as { description?: string }).description,
});

function readSettings(ctx: IExecuteFunctions, vendor: SyncVendor): Omit<SyncSettings, 'vendor'> {
	const field = ctx.getNodeParameter('matchOn', 0) as string;
	const key = vendor.keys.find((entry) => entry.field === field);
	if (!key)
		throw new NodeOperationError(ctx.getNode(), `"${field}" is not a field to match ${vendor.plural} on`, { description: 'Pick "Match On" from the list; nothing was written.' });
	const scope = ctx.getNodeParameter('scope', 0) as string;
	if (!vendor.scopes.some((entry) => entry.value === scope)) {
		throw new NodeOperationError(ctx.getNode(), `"${scope}" is not a choice of "People the Sync Manages"`, { description: 'Pick it from the list; nothing was written.' });
	}
	const deactivate = ctx.getNodeParameter('leavers', 0, 'keep') === 'deactivate';
	const number = (name: string, label: string, fallback: number) => {
		const value = Number(ctx.getNodeParameter(name, 0, fallback));
		if (!Number.isFinite(value) || value < 0)
			throw new NodeOperationError(ctx.getNode(), `The field "${label}" needs a number of 0 or more`, { description: 'Nothing was written.' });
		return value;
	};
	return {
		key,
		scope,
		deactivate,
		maxShare: deactivate ? number('maxLeaverShare', 'Most Leavers to Deactivate (%)', 10) : 0,
		maxCount: deactivate ? number('maxLeavers', 'Most Leavers to Deactivate (Number)', 25) : 0,
	};
}

/** The HR list: each item's key, mapped values and leaving date (a row that cannot be read is a problem). */
function readHrRows(ctx: IExecuteFunctions, vendor: SyncVendor, settings: SyncSettings, items: INodeExecutionData[], matchKey: MatchKey): HrRow[] {
	const today = dayIn(vendor.timeZone);
	return items.map((_, itemIndex) => {
		const row: HrRow = { itemIndex, key: '', values: {} };
		try {
			row.key = requireKey(ctx, itemIndex, ctx.getNodeParameter('matchValue', itemIndex, ''), matchKey);
		} catch (error) {
			row.problem = problemOf(error);
		}
		try {
			row.values = mappedValues(ctx, itemIndex, 'fields').values;
			delete row.values[settings.key.field];
			const raw = (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).leavingDate;
			if (!isEmpty(raw)) {
				const day = calendarDay(raw, vendor.timeZone);
				if (!day) throw new Error(`The field "Leaving Date" needs a date, e.g. 2026-03-31 (got "${String(raw)}")`);
				if (day <= today) row.leaving = day;
			}
		} catch (error) {
			row.problem ??= {
				message: (error as Error).message,
				fix: (error as { description?: string }).description ?? 'Correct the HR value and run again; nothing was written for this employee.',
			};
		}
		return row;
	});
}

/** The plan: one item per person, from the HR list and the platform's people. */
function plan(
	ctx: IExecuteFunctions,
	vendor: SyncVendor,
	settings: SyncSettings,
	rows: HrRow[],
	people: IDataObject[],
	matchKey: MatchKey,
	fields: SyncField[],
	labels: Record<string, string>,
): PlanItem[] {
	const types: Record<string, FieldType | undefined> = Object.fromEntries(fields.map((entry) => [entry.id, entry.type]));
	const field = settings.key.field;
	const planned: PlanItem[] = [];
	const base = (name: string, key: string, id?: unknown): IDataObject => ({
		action: 'unchanged',
		name,
		key,
		...(id === undefined ? {} : { id }),
		matchedOn: field,
	});
	const idOf = (person: IDataObject) => person[vendor.idField];
	const personName = (person: IDataObject) => vendor.nameOf(person);

	// Everyone on the platform by key and by email (capitals aside), managed or not.
	const byKey = new Map<string, IDataObject[]>();
	const byEmail = new Map<string, IDataObject[]>();
	for (const person of people) {
		const key = keyText(person[field]);
		if (key) byKey.set(key, [...(byKey.get(key) ?? []), person]);
		const email = keyText(person[vendor.emailField]);
		if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), person]);
	}
	// The HR list's keys: a key given twice is a problem for every row that gives it.
	const rowsByKey = new Map<string, HrRow[]>();
	for (const row of rows) if (row.key) rowsByKey.set(keyText(row.key), [...(rowsByKey.get(keyText(row.key)) ?? []), row]);
	for (const same of rowsByKey.values()) {
		if (same.length < 2) continue;
		const where = same.map((row) => row.itemIndex + 1);
		for (const row of same) {
			row.problem = {
				message: `${same.length} employees of the HR list have this ${settings.key.label}: ${row.key} (items ${where.slice(0, -1).join(', ')} and ${where[where.length - 1]})`,
				fix: `Nothing was written for them: the sync cannot tell which of them is the ${vendor.noun} in ${vendor.vendor}. Give each employee their own ${settings.key.label} in HR, then run again.`,
			};
		}
	}

	const handled = new Set<IDataObject>();
	const leavers: Array<{
		person: IDataObject;
		itemIndex?: number;
		leaving?: string;
	}> = [];
	for (const row of rows) {
		const name = vendor.nameOf(row.values) || row.key;
		const candidates = row.key ? (byKey.get(keyText(row.key)) ?? []) : [];
		// People HR names (even in a problem row) are never taken for leavers.
		for (const person of candidates) handled.add(person);
		if (row.problem) {
			planned.push({
				itemIndex: row.itemIndex,
				json: {
					...base(name, row.key),
					action: 'problem',
					problem: row.problem.message,
					...(row.problem.fix ? { fix: row.problem.fix } : {}),
				},
			});
			continue;
		}
		let match: IDataObject | undefined;
		try {
			match = pickMatch(ctx, row.itemIndex, candidates, row.key, matchKey)?.record;
		} catch (error) {
			const { message, fix } = problemOf(error);
			planned.push({
				itemIndex: row.itemIndex,
				json: {
					...base(name, row.key),
					action: 'problem',
					problem: message,
					...(fix ? { fix } : {}),
				},
			});
			continue;
		}
		if (match && !vendor.managed(match, settings)) {
			planned.push({
				itemIndex: row.itemIndex,
				json: {
					...base(personName(match) || name, row.key, idOf(match)),
					action: 'problem',
					problem: `${vendor.vendor} has a ${vendor.noun} with this ${settings.key.label} (ID ${String(idOf(match))}) among the people the sync does not manage`,
					fix: `Nothing was written for them. If HR is right, make them one of the people the sync manages (see "People the Sync Manages") in ${vendor.vendor}; otherwise correct the ${settings.key.label} in HR.`,
				},
			});
			continue;
		}
		if (match) {
			if (row.leaving) {
				leavers.push({
					person: match,
					itemIndex: row.itemIndex,
					leaving: row.leaving,
				});
				continue;
			}
			const wanted: IDataObject = {
				...row.values,
				...vendor.restore(match, settings),
			};
			const values: IDataObject = {};
			const was: IDataObject = {};
			const changes: Record<string, string> = {};
			for (const [id, value] of Object.entries(wanted)) {
				if (same(match[id], value, id, types[id])) continue;
				values[id] = value;
				was[id] = match[id] ?? null;
				changes[labels[id] ?? id] = `${shown(vendor, settings, id, match[id])} → ${shown(vendor, settings, id, value)}`;
			}
			const json = base(personName({ ...match, ...wanted }) || name, row.key, idOf(match));
			planned.push(
				Object.keys(values).length
					? {
							itemIndex: row.itemIndex,
							person: match,
							json: {
								...json,
								action: 'update',
								changes,
								newValues: values,
								oldValues: was,
							},
						}
					: {
							itemIndex: row.itemIndex,
							person: match,
							json: { ...json, action: 'unchanged' },
						},
			);
			continue;
		}
		if (row.leaving) {
			planned.push({
				itemIndex: row.itemIndex,
				json: {
					...base(name, row.key),
					action: 'unchanged',
					note: `Left on ${row.leaving} and not in ${vendor.vendor}: nothing to do`,
				},
			});
			continue;
		}
		// A joiner: created only when nobody has the key or the email, with every field a new person needs.
		const values: IDataObject = {
			...row.values,
			...(settings.key.notWritable ? {} : { [field]: row.key }),
		};
		const email = keyText(values[vendor.emailField]);
		const taken = email ? (byEmail.get(email) ?? []) : [];
		const missing = fields.filter((entry) => entry.required && isEmpty(values[entry.id]));
		let problem: { message: string; fix: string } | undefined;
		if (settings.key.notWritable) {
			problem = {
				message: `Not created: ${settings.key.notWritable}`,
				fix: `Create them in ${vendor.vendor} with ${settings.key.label} ${row.key} (the next run finds them), or match on another field.`,
			};
		} else if (taken.length) {
			problem = {
				message: `${vendor.vendor} already has a ${vendor.noun} with the email ${String(values[vendor.emailField])} (ID ${taken.map((person) => String(idOf(person))).join(', ')}) but not this ${settings.key.label}`,
				fix: `Nothing was created (it would be a second ${vendor.noun} for one person). Give that ${vendor.noun} ${settings.key.label} ${row.key} in ${vendor.vendor}, or correct HR.`,
			};
		} else if (missing.length) {
			problem = {
				message: `Not created: ${missing.map((entry) => `"${entry.label}"`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty`,
				fix: `A new ${vendor.noun} needs ${missing.map((entry) => entry.label).join(', ')}. Map ${missing.length === 1 ? 'it' : 'them'} under "Fields", or fill ${missing.length === 1 ? 'it' : 'them'} in HR.`,
			};
		}
		if (problem) {
			planned.push({
				itemIndex: row.itemIndex,
				json: {
					...base(name, row.key),
					action: 'problem',
					problem: problem.message,
					fix: problem.fix,
				},
			});
			continue;
		}
		const full = { ...values, ...vendor.forNew(settings) };
		const changes: Record<string, string> = {};
		for (const [id, value] of Object.entries(full)) changes[labels[id] ?? id] = shown(vendor, settings, id, value);
		planned.push({
			itemIndex: row.itemIndex,
			json: {
				...base(name, row.key),
				action: 'create',
				changes,
				newValues: full,
			},
		});
	}

	// Managed people HR does not list: leavers, unless their key is blank or shared (then a problem).
	const unlisted = people.filter((person) => !handled.has(person) && vendor.managed(person, settings));
	const reported = new Set<string>();
	for (const person of unlisted) {
		const key = keyText(person[field]);
		if (!key) {
			planned.push({
				json: {
					...base(personName(person), '', idOf(person)),
					action: 'problem',
					problem: `This ${vendor.noun} has no ${settings.key.label} in ${vendor.vendor}, so the sync cannot tell whether HR lists them`,
					fix: `Nothing was written for them. Give them their ${settings.key.label} in ${vendor.vendor}, or make them one of the people the sync does not manage.`,
				},
			});
			continue;
		}
		const sharing = (byKey.get(key) ?? []).filter((other) => vendor.managed(other, settings));
		if (sharing.length > 1) {
			if (reported.has(key)) continue;
			reported.add(key);
			let message = '';
			let fix = '';
			try {
				pickMatch(ctx, 0, sharing, String(person[field]).trim(), matchKey);
			} catch (error) {
				({ message, fix = '' } = problemOf(error));
			}
			planned.push({
				json: {
					...base(sharing.map(personName).join(' / '), String(person[field]).trim()),
					action: 'problem',
					problem: message || `${sharing.length} ${vendor.plural} share this ${settings.key.label}`,
					...(fix ? { fix } : {}),
				},
			});
			continue;
		}
		leavers.push({ person });
	}
	for (const { person, itemIndex, leaving } of leavers) {
		const json = base(personName(person), String(person[field] ?? '').trim(), idOf(person));
		const why = leaving ? `Left on ${leaving}` : 'Not in the HR list';
		if (vendor.deactivated(person, settings)) {
			planned.push({
				itemIndex,
				person,
				json: {
					...json,
					action: 'unchanged',
					note: `${why}; already deactivated`,
				},
			});
		} else if (!settings.deactivate) {
			planned.push({
				itemIndex,
				person,
				json: {
					...json,
					action: 'unchanged',
					note: `${why}; left as they are (Leavers: Leave Them As They Are)`,
				},
			});
		} else {
			planned.push({
				itemIndex,
				person,
				json: {
					...json,
					action: 'deactivate',
					note: why,
					changes: vendor.deactivation(person, settings),
				},
			});
		}
	}
	return planned;
}

// ---------------------------------------------------------------- the guard and the writes

/** The leavers guard: a reason Apply refuses, or undefined when the share and the number allow it. */
function guard(vendor: SyncVendor, settings: SyncSettings, items: PlanItem[], people: IDataObject[]): string | undefined {
	const count = items.filter((item) => item.json.action === 'deactivate').length;
	if (!count) return undefined;
	const active = people.filter((person) => vendor.managed(person, settings) && !vendor.deactivated(person, settings)).length;
	const share = active ? (count / active) * 100 : 100;
	if (count <= settings.maxCount && share <= settings.maxShare) return undefined;
	const over = [share > settings.maxShare ? `more than ${settings.maxShare} %` : '', count > settings.maxCount ? `more than ${settings.maxCount}` : '']
		.filter(Boolean)
		.join(' and ');
	return `${count.toLocaleString('en')} of the ${active.toLocaleString('en')} ${vendor.plural} the sync manages (${share.toFixed(share < 10 ? 1 : 0)} %) would be deactivated: ${over}, which "Most Leavers to Deactivate" does not allow`;
}

/** The plan again, from an approved preview's items: each person checked against what the platform holds now. */
function fromPreview(
	ctx: IExecuteFunctions,
	vendor: SyncVendor,
	settings: SyncSettings,
	preview: unknown,
	people: IDataObject[],
	matchKey: MatchKey,
	types: Record<string, FieldType | undefined>,
): PlanItem[] {
	let parsed = preview;
	if (typeof preview === 'string') {
		try {
			parsed = JSON.parse(preview);
		} catch {
			parsed = undefined;
		}
	}
	const entries = Array.isArray(parsed) ? parsed : [];
	const jsons = entries.map((entry) => (entry && typeof entry === 'object' && 'json' in (entry as IDataObject) ? (entry as INodeExecutionData).json : (entry as IDataObject)));
	const actions = ['create', 'update', 'deactivate', 'unchanged', 'problem'];
	if (!jsons.length || jsons.some((json) => !json || typeof json !== 'object' || !actions.includes(String(json.action)))) {
		throw new NodeOperationError(ctx.getNode(), 'The field "Approved Preview" does not hold the items of a Sync From HR preview', {
			description: `Nothing was written. Point it at the Sync From HR node in Preview mode, e.g. {{ $('Preview changes').all() }} (the name in $('…') is that node's name).`,
		});
	}
	const other = jsons.find((json) => json.matchedOn !== undefined && json.matchedOn !== settings.key.field);
	if (other) {
		throw new NodeOperationError(ctx.getNode(), `The preview matched people on "${String(other.matchedOn)}", this node on "${settings.key.label}"`, {
			description: 'Nothing was written. Set "Match On" (and the other settings) the same in both nodes.',
		});
	}
	const byId = new Map(people.map((person) => [String(person[vendor.idField]), person]));
	const byKey = new Map<string, IDataObject[]>();
	for (const person of people) {
		const key = keyText(person[settings.key.field]);
		if (key) byKey.set(key, [...(byKey.get(key) ?? []), person]);
	}
	const changedSince = (json: IDataObject, why: string): PlanItem => ({
		json: {
			...json,
			action: 'problem',
			problem: `Not written: ${why} since the preview`,
			fix: 'Run the preview again and approve what it shows now.',
		},
	});
	return jsons.map((original) => {
		const json = { ...original };
		if (json.action === 'create') {
			let match: IDataObject | undefined;
			try {
				match = pickMatch(ctx, 0, byKey.get(keyText(json.key)) ?? [], String(json.key), matchKey)?.record;
			} catch (error) {
				return {
					json: {
						...json,
						action: 'problem',
						problem: problemOf(error).message,
						fix: problemOf(error).fix,
					},
				};
			}
			if (!match) return { json };
			const wanted = (json.newValues ?? {}) as IDataObject;
			// Made by an earlier Apply of this preview: nothing left to do.
			if (vendor.managed(match, settings) && Object.entries(wanted).every(([id, value]) => same(match![id], value, id, types[id]) || id in vendor.forNew(settings))) {
				return {
					person: match,
					json: {
						...json,
						action: 'unchanged',
						id: match[vendor.idField],
						note: `Already in ${vendor.vendor}`,
					},
				};
			}
			return changedSince({ ...json, id: match[vendor.idField] }, `${vendor.vendor} has had a ${vendor.noun} with this ${settings.key.label}`);
		}
		if (json.action === 'update' || json.action === 'deactivate') {
			const person = byId.get(String(json.id));
			if (!person || !vendor.managed(person, settings) || keyText(person[settings.key.field]) !== keyText(json.key)) {
				return changedSince(json, `this ${vendor.noun} was removed, or is no longer one of the people the sync manages, or has another ${settings.key.label}`);
			}
			if (json.action === 'deactivate') {
				return vendor.deactivated(person, settings)
					? {
							person,
							json: {
								...json,
								action: 'unchanged',
								note: `${String(json.note ?? '')}; already deactivated`.replace(/^; /, ''),
							},
						}
					: { person, json };
			}
			const wanted = (json.newValues ?? {}) as IDataObject;
			const was = (json.oldValues ?? {}) as IDataObject;
			const values: IDataObject = {};
			for (const [id, value] of Object.entries(wanted)) {
				if (same(person[id], value, id, types[id])) continue;
				if (!same(person[id], was[id], id, types[id])) return changedSince(json, `"${id}" was changed in ${vendor.vendor} (now ${shown(vendor, settings, id, person[id])})`);
				values[id] = value;
			}
			if (!Object.keys(values).length)
				return {
					person,
					json: {
						...json,
						action: 'unchanged',
						note: `Already done in ${vendor.vendor}`,
					},
				};
			return { person, json: { ...json, newValues: values } };
		}
		return { json };
	});
}

/** The writes of the plan, each person once, side by side under the vendor's pacing. */
async function applyPlan(ctx: IExecuteFunctions, vendor: SyncVendor, settings: SyncSettings, items: PlanItem[]): Promise<void> {
	const writes = items.filter((item) => ['create', 'update', 'deactivate'].includes(String(item.json.action)));
	let written = 0;
	const keepGoing = ctx.continueOnFail();
	await forEachAtOnce(writes.length, WRITES_SIDE_BY_SIDE, async (index) => {
		const item = writes[index];
		const itemIndex = item.itemIndex ?? 0;
		try {
			let answer: IDataObject;
			if (item.json.action === 'create') {
				answer = await vendor.create(ctx, item.json.newValues as IDataObject, settings, itemIndex);
				item.json = {
					...item.json,
					result: 'created',
					id: answer[vendor.idField] ?? item.json.id,
				};
			} else if (item.json.action === 'update') {
				answer = await vendor.update(ctx, item.person!, item.json.newValues as IDataObject, settings, itemIndex);
				item.json = { ...item.json, result: 'updated' };
			} else {
				answer = await vendor.deactivate(ctx, item.person!, settings, itemIndex);
				item.json = { ...item.json, result: 'deactivated', ...answer };
			}
			written++;
		} catch (error) {
			const { message, fix } = problemOf(error);
			if (!keepGoing) {
				throw new NodeOperationError(ctx.getNode(), message, {
					itemIndex,
					description: `${fix ? `${fix} ` : ''}${written.toLocaleString('en')} of the ${writes.length.toLocaleString('en')} changes were written before this one. Run the workflow again: what was written is not written twice.`,
				});
			}
			item.json = {
				...item.json,
				result: 'failed',
				error: message,
				...(fix ? { description: fix } : {}),
			};
		}
	});
}

/** Preview or Apply for the whole HR list. */
async function syncFromHr(ctx: IExecuteFunctions, vendor: SyncVendor, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const partial = readSettings(ctx, vendor);
	const mode = ctx.getNodeParameter('syncMode', 0) as string;
	const fromPreviewItems = mode === 'apply' && ctx.getNodeParameter('employeesFrom', 0, 'input') === 'preview';
	const matchKey: MatchKey = {
		vendor: vendor.vendor,
		noun: vendor.noun,
		plural: vendor.plural,
		label: partial.key.label,
		input: 'HR Value to Match',
		field: partial.key.field,
		idField: vendor.idField,
		email: partial.key.email,
	};
	// The fields as the mapper describes them: labels for the output, types for comparing, what a new person needs.
	const schema = (((ctx.getNodeParameter('fields', 0, {}) ?? {}) as IDataObject).schema ?? []) as Array<{
		id: string;
		displayName?: string;
		type?: FieldType;
		required?: boolean;
		removed?: boolean;
	}>;
	const fields: SyncField[] = schema
		.filter((entry) => !entry.removed)
		.map((entry) => ({
			id: entry.id,
			label: entry.displayName ?? entry.id,
			type: entry.type,
			required: entry.required,
		}));
	const labels: Record<string, string> = {
		...vendor.labels,
		...Object.fromEntries(fields.map((entry) => [entry.id, entry.label])),
		[partial.key.field]: partial.key.label,
	};
	const types: Record<string, FieldType | undefined> = Object.fromEntries(fields.map((entry) => [entry.id, entry.type]));
	let preview: unknown;
	if (fromPreviewItems) {
		try {
			preview = ctx.getNodeParameter('preview', 0);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `The field "Approved Preview" could not be read: ${(error as Error).message}`, {
				description: "Nothing was written. Name the Sync From HR node in Preview mode in it, e.g. {{ $('Preview changes').all() }}.",
			});
		}
	}
	// Everything the node can check is checked before the first request.
	const rows = fromPreviewItems ? [] : readHrRows(ctx, vendor, { ...partial, vendor: {} }, items, matchKey);
	const settings: SyncSettings = {
		...partial,
		vendor: await vendor.settings(ctx, partial.scope, partial.deactivate),
	};
	const people = await vendor.readPeople(ctx, settings);
	const planned = fromPreviewItems ? fromPreview(ctx, vendor, settings, preview, people, matchKey, types) : plan(ctx, vendor, settings, rows, people, matchKey, fields, labels);
	const refusal = settings.deactivate ? guard(vendor, settings, planned, people) : undefined;
	if (mode === 'apply') {
		if (refusal) {
			throw new NodeOperationError(ctx.getNode(), `Apply refused: ${refusal}`, {
				description: `Nothing was written. An HR export that came back empty or cut short looks as if everyone left: check the HR list (Preview shows who would be deactivated). If these leavers are real, raise "Most Leavers to Deactivate" for this run.`,
			});
		}
		await applyPlan(ctx, vendor, settings, planned);
	} else if (refusal) {
		for (const item of planned) if (item.json.action === 'deactivate') item.json.warning = `Apply would refuse: ${refusal}`;
	}
	// What changes comes first (n8n's table takes its columns from the first items), people left as they are last.
	const order = ['create', 'update', 'deactivate', 'problem'];
	const rank = (item: PlanItem) => {
		const at = order.indexOf(String(item.json.action));
		return at < 0 ? order.length : at;
	};
	// Apply from a preview: every item comes from the one input item (the approval).
	return [...planned]
		.sort((a, b) => rank(a) - rank(b))
		.map((item) => {
			const pairedItem = fromPreviewItems ? { item: 0 } : item.itemIndex === undefined ? undefined : { item: item.itemIndex };
			// What a person reads first (action, name, key, changes, the result); the platform's ID next; what Apply reads last.
			const { action, name, key, changes, id, newValues, oldValues, matchedOn, ...rest } = item.json;
			const json: IDataObject = {
				action,
				name,
				key,
				...(changes ? { changes } : {}),
				...rest,
				...(id === undefined ? {} : { id }),
				...(newValues ? { newValues } : {}),
				...(oldValues ? { oldValues } : {}),
				matchedOn,
			};
			return pairedItem ? { json, pairedItem } : { json };
		});
}
