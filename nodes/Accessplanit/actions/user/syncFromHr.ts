import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { syncColumns, syncOperation, type SyncField, type SyncVendor } from '../../../shared/operations/sync';
import { paginate } from '../../../shared/transport/paginate';
import { vendorRequest } from '../../../shared/transport/request';
import { ACCESSPLANIT_TIME_ZONE, accessplanitPagination, accessplanitProfile, resultsOf } from '../../transport';
import { splitWords } from '../../methods/filter';
import { platformFields } from '../otherModule/fields';

/**
 * User → Sync From HR for accessplanit (the shared sync in nodes/shared/operations/sync.ts; this is the
 * vendor part). Users are matched on External ID (the HR system's ID, as the HR integration guide
 * does) or email; the sync manages the users with an External ID, or those of one account (company);
 * a leaver's Status becomes Disabled, never deleted.
 */

/** Fields the sync sets itself: never mapped (Status is what deactivating changes). */
const OWN = /^(ID|Status|DateCreated|DateUpdated)$/i;

/** The User fields the platform describes (custom `CF_…` fields included), as the mapper offers them. */
export async function getSyncColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const described = (await platformFields(this, 'User')) ?? [];
	const company = this.getCurrentNodeParameter('scope') === 'company';
	const fields: SyncField[] = described
		.filter((field) => !field.readOnly && !OWN.test(field.name) && !(company && field.name === 'MainCompanyID'))
		.map((field) => ({
			id: field.name,
			label: field.label,
			required: field.required,
			type: field.options?.length ? 'options' : field.type,
			...(field.options?.length ? { options: field.options.map((value) => ({ name: splitWords(value), value })) } : {}),
		}));
	return { fields: syncColumns(fields, String(this.getCurrentNodeParameter('matchOn') ?? 'ExternalID')) };
}

const company = (settings: { vendor: IDataObject }) => String(settings.vendor.company ?? '');

export const accessplanitSync: SyncVendor = {
	vendor: 'accessplanit',
	noun: 'user',
	plural: 'users',
	idField: 'ID',
	emailField: 'Email',
	timeZone: ACCESSPLANIT_TIME_ZONE,
	keys: [
		{ field: 'ExternalID', label: 'External ID', placeholder: '{{ $json.employeeNumber }}', description: "The user's ID in the HR system, as accessplanit's HR integration guide matches users" },
		{ field: 'Email', label: 'Email', email: true, placeholder: '{{ $json.email }}', description: 'Compared without regard to capitals' },
	],
	scopes: [
		{ name: 'Users With an External ID', value: 'externalId', description: 'Users that came from HR: their External ID is filled' },
		{ name: 'Users of One Account', value: 'company', description: 'Users whose main account (company) is the one you pick; new users join it' },
	],
	scopeProperties: [
		{
			displayName: 'Account Name or ID',
			name: 'scopeCompany',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCompanies' },
			required: true,
			default: '',
			displayOptions: { show: { scope: ['company'] } },
			description: 'The main account (company) of the users the sync manages. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	deactivateWords: 'sets their status to Disabled',
	mapperMethod: 'getSyncColumns',
	mapperDependsOn: ['scope'],
	labels: { Status: 'Status', MainCompanyID: 'Main Company', ExternalID: 'External ID' },

	async settings(ctx, scope) {
		if (scope !== 'company') return {};
		const raw = String(ctx.getNodeParameter('scopeCompany', 0, '') ?? '').trim();
		if (!raw) throw new NodeOperationError(ctx.getNode(), 'The field "Account" is empty', { description: 'Pick the account (company) of the users the sync manages; nothing was written.' });
		return { company: raw };
	},
	async readPeople(ctx) {
		return await paginate.call(ctx, accessplanitProfile, accessplanitPagination, { url: '/User', returnAll: true });
	},
	managed(person, settings) {
		return settings.scope === 'company' ? String(person.MainCompanyID ?? '') === company(settings) : String(person.ExternalID ?? '').trim() !== '';
	},
	deactivated(person) {
		return person.Status === 'Disabled';
	},
	nameOf(values) {
		return [values.Forenames, values.Surname].filter((part) => part !== undefined && part !== null && String(part).trim()).join(' ');
	},
	forNew(settings) {
		return { ...(settings.scope === 'company' ? { MainCompanyID: company(settings) } : {}), Status: 'Enabled' };
	},
	restore(person) {
		// Taken back by HR: enabled again.
		return person.Status === 'Disabled' ? { Status: 'Enabled' } : {};
	},
	deactivation(person) {
		return { Status: `${String(person.Status ?? '(empty)')} → Disabled` };
	},
	async create(ctx, values, _settings, itemIndex) {
		const created = await vendorRequest.call(ctx, accessplanitProfile, { method: 'POST', url: '/User', body: values, itemIndex });
		return (resultsOf(created.body)[0] ?? created.body ?? {}) as IDataObject;
	},
	async update(ctx, person, values, _settings, itemIndex) {
		const updated = await vendorRequest.call(ctx, accessplanitProfile, { method: 'PUT', url: `/User/${encodeURIComponent(String(person.ID))}`, body: values, idempotent: true, itemIndex });
		return (resultsOf(updated.body)[0] ?? updated.body ?? {}) as IDataObject;
	},
	async deactivate(ctx, person, _settings, itemIndex) {
		await vendorRequest.call(ctx, accessplanitProfile, { method: 'PUT', url: `/User/${encodeURIComponent(String(person.ID))}`, body: { Status: 'Disabled' }, idempotent: true, itemIndex });
		return {};
	},
};

export const syncFromHrOperation = syncOperation(accessplanitSync);
