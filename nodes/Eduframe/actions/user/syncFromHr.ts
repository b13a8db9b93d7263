import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { syncColumns, syncOperation, type SyncField, type SyncSettings, type SyncVendor } from '../../../shared/operations/sync';
import type { OperationDefinition } from '../../../shared/operations/types';
import { paginate } from '../../../shared/transport/paginate';
import { vendorRequest } from '../../../shared/transport/request';
import { EDUFRAME_TIME_ZONE, eduframePagination, eduframeProfile } from '../../transport';
import { localeChoices } from '../options';

/**
 * User → Sync From HR for Eduframe (the shared sync in nodes/shared/operations/sync.ts; this is the
 * vendor part). Users are matched on email or employee number; the sync manages the users with a label
 * (joiners get it) or those with an employee number; a leaver loses their log-ins
 * (`DELETE /users/{user_id}/authentications/{id}`) and gets the label chosen for leavers.
 */

/** The user fields the sync writes, as POST /users and PATCH /users/{id} take them (scalars of Eduframe's file). */
const FIELDS: SyncField[] = [
	{ id: 'first_name', label: 'First Name', required: true },
	{ id: 'middle_name', label: 'Middle Name' },
	{ id: 'last_name', label: 'Last Name', required: true },
	{ id: 'email', label: 'Email', required: true },
	{ id: 'locale', label: 'Language', type: 'options', options: localeChoices.map((choice) => ({ name: choice.name, value: String(choice.value) })) },
	{ id: 'wants_newsletter', label: 'Wants Newsletter', type: 'boolean' },
];

/** The labels Eduframe offers for users, by name (the scope's label and the leavers' label are picked from them). */
async function userLabels(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<IDataObject[]> {
	return await paginate.call(ctx, eduframeProfile, eduframePagination, { url: '/labels', qs: { model_type: 'User' }, returnAll: false, limit: 1000 });
}

export async function getUserLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await userLabels(this)).map((label) => ({ name: String(label.name ?? label.id), value: Number(label.id) })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The fields n8n's resource mapper offers (without the one matched on). */
export async function getSyncColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: syncColumns(FIELDS, String(this.getCurrentNodeParameter('matchOn') ?? 'email')) };
}

const labelIds = (person: IDataObject) => (Array.isArray(person.label_ids) ? (person.label_ids as unknown[]).map(Number) : []);
const vendorSettings = (settings: SyncSettings) => settings.vendor as { scopeLabel?: number; leaverLabel?: number; names: Record<string, string>; giveLogin: boolean };
const labelNames = (settings: SyncSettings, ids: number[]) => (ids.length ? ids.map((id) => vendorSettings(settings).names[id] ?? `#${id}`).join(', ') : '(none)');

export const eduframeSync: SyncVendor = {
	vendor: 'Eduframe',
	noun: 'user',
	plural: 'users',
	idField: 'id',
	emailField: 'email',
	timeZone: EDUFRAME_TIME_ZONE,
	keys: [
		{ field: 'email', label: 'Email', email: true, placeholder: '{{ $json.email }}', description: 'Compared without regard to capitals; Eduframe keeps one user per email' },
		{
			field: 'employee_number',
			label: 'Employee Number',
			placeholder: '{{ $json.employeeNumber }}',
			description: "The employee number entered in Eduframe (Eduframe's API cannot write it: new users are not created this way)",
			notWritable: "Eduframe's API cannot write employee numbers, so the next run would not find this user",
		},
	],
	scopes: [
		{ name: 'Users With a Label', value: 'label', description: 'Users carrying the label you pick; new users get it' },
		{ name: 'Users With an Employee Number', value: 'employeeNumber', description: 'Users whose employee number is filled in Eduframe' },
	],
	scopeProperties: [
		{
			displayName: 'Label Name or ID',
			name: 'scopeLabel',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUserLabels' },
			required: true,
			default: '',
			displayOptions: { show: { scope: ['label'] } },
			description: 'The label of the users the sync manages, e.g. "Employees". Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	deactivateWords: "removes their log-ins to Eduframe and adds the label you pick (e.g. \"Left\")",
	leaverProperties: [
		{
			displayName: 'Label for Leavers Name or ID',
			name: 'leaverLabel',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUserLabels' },
			required: true,
			default: '',
			description: 'Added to every leaver, e.g. "Left"; a user with it counts as deactivated. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	options: [
		{
			displayName: 'Give New Users a Log-In',
			name: 'giveLogin',
			type: 'boolean',
			default: true,
			description: 'Whether new users can log in to Eduframe (Eduframe then emails them their log-in details)',
		},
	],
	mapperMethod: 'getSyncColumns',
	labels: { label_ids: 'Labels', with_authentication: 'Can Log In' },

	async settings(ctx, scope, deactivate) {
		const labels = await userLabels(ctx);
		const names = Object.fromEntries(labels.map((label) => [String(label.id), String(label.name ?? label.id)]));
		const pick = (parameter: string, field: string) => {
			const raw = ctx.getNodeParameter(parameter, 0, '');
			const id = Number(raw);
			if (raw === '' || raw === null || !Number.isInteger(id)) {
				throw new NodeOperationError(ctx.getNode(), `The field "${field}" is empty`, { description: 'Pick a label from the list (Label → Create makes a new one); nothing was written.' });
			}
			if (!(String(id) in names)) {
				throw new NodeOperationError(ctx.getNode(), `Eduframe has no user label with ID ${id} (the field "${field}")`, { description: 'Pick the label from the list again; nothing was written.' });
			}
			return id;
		};
		const scopeLabel = scope === 'label' ? pick('scopeLabel', 'Label') : undefined;
		const leaverLabel = deactivate ? pick('leaverLabel', 'Label for Leavers') : undefined;
		if (scopeLabel !== undefined && scopeLabel === leaverLabel) {
			throw new NodeOperationError(ctx.getNode(), 'The label for leavers is the label of the users the sync manages', {
				description: 'Pick another label for leavers (e.g. "Left"); nothing was written.',
			});
		}
		const giveLogin = (ctx.getNodeParameter('options', 0, {}) as IDataObject).giveLogin !== false;
		return { scopeLabel, leaverLabel, names, giveLogin };
	},
	async readPeople(ctx) {
		return await paginate.call(ctx, eduframeProfile, eduframePagination, { url: '/users', returnAll: true });
	},
	managed(person, settings) {
		const { scopeLabel } = vendorSettings(settings);
		return settings.scope === 'label' ? labelIds(person).includes(scopeLabel!) : String(person.employee_number ?? '').trim() !== '';
	},
	deactivated(person, settings) {
		const { leaverLabel } = vendorSettings(settings);
		return leaverLabel !== undefined && labelIds(person).includes(leaverLabel);
	},
	nameOf(values) {
		return [values.first_name, values.middle_name, values.last_name].filter((part) => part !== undefined && part !== null && String(part).trim()).join(' ');
	},
	forNew(settings) {
		const { scopeLabel, giveLogin } = vendorSettings(settings);
		return { ...(scopeLabel !== undefined ? { label_ids: [scopeLabel] } : {}), ...(giveLogin ? { with_authentication: true } : {}) };
	},
	restore(person, settings) {
		const { leaverLabel } = vendorSettings(settings);
		const ids = labelIds(person);
		// Taken back: the label for leavers goes (a log-in that was removed is not given back: Eduframe sends new log-in details only to new users).
		return leaverLabel !== undefined && ids.includes(leaverLabel) ? { label_ids: ids.filter((id) => id !== leaverLabel) } : {};
	},
	deactivation(person, settings) {
		const ids = labelIds(person);
		return { 'Log-Ins': 'removed', Labels: `${labelNames(settings, ids)} → ${labelNames(settings, [...ids, vendorSettings(settings).leaverLabel!])}` };
	},
	show(field, value, settings) {
		return field === 'label_ids' ? labelNames(settings, Array.isArray(value) ? value.map(Number) : []) : undefined;
	},
	async create(ctx, values, _settings, itemIndex) {
		const created = await vendorRequest.call(ctx, eduframeProfile, { method: 'POST', url: '/users', body: values, itemIndex });
		return (created.body ?? {}) as IDataObject;
	},
	async update(ctx, person, values, _settings, itemIndex) {
		const updated = await vendorRequest.call(ctx, eduframeProfile, { method: 'PATCH', url: `/users/${encodeURIComponent(String(person.id))}`, body: values, idempotent: true, itemIndex });
		return (updated.body ?? {}) as IDataObject;
	},
	async deactivate(ctx, person, settings, itemIndex) {
		const user = encodeURIComponent(String(person.id));
		const listed = await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url: `/users/${user}/authentications`, itemIndex });
		if (!Array.isArray(listed.body)) {
			throw new NodeOperationError(ctx.getNode(), "Eduframe did not list the user's log-ins", { itemIndex, description: 'Nothing was written for this user. Run again later.' });
		}
		const logins = listed.body as IDataObject[];
		for (const login of logins) {
			// A log-in already gone (404) is what was wanted.
			await vendorRequest.call(ctx, eduframeProfile, { method: 'DELETE', url: `/users/${user}/authentications/${encodeURIComponent(String(login.id))}`, idempotent: true, allowStatuses: [404], itemIndex });
		}
		// The label last: a user with it counts as deactivated, so a run stopped before this does it again.
		const labels = [...new Set([...labelIds(person), vendorSettings(settings).leaverLabel!])];
		await vendorRequest.call(ctx, eduframeProfile, { method: 'PATCH', url: `/users/${user}`, body: { label_ids: labels }, idempotent: true, itemIndex });
		return { logInsRemoved: logins.length };
	},
};

/** Added to the generated User operations (see scripts/generate-eduframe.ts). */
export function extraOperations(generated: OperationDefinition[]): OperationDefinition[] {
	return generated.some((operation) => operation.value === 'create') ? [syncOperation(eduframeSync)] : [];
}
