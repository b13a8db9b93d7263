import type { IDataObject } from 'n8n-workflow';

import { oncePerRun, type NameSource, type NameTable } from '../../shared/operations/names';
import { paginate } from '../../shared/transport/paginate';
import { vendorRequest } from '../../shared/transport/request';
import { odataLiteral } from '../methods/filter';
import { accessplanitPagination, accessplanitProfile, resultsOf } from '../transport';

const fullName = (record: IDataObject) => [record.Forenames, record.Surname].filter(Boolean).join(' ') || undefined;
const named = (record: IDataObject) => (record.Name ? String(record.Name) : undefined);

/** One record's name, read by ID ($filter on the ID, only the fields the name needs). */
function byId(module: string, select: string, name: (record: IDataObject) => string | undefined, column: string): NameSource {
	return {
		column,
		read: async (ctx, id) => {
			const answer = await vendorRequest.call(ctx, accessplanitProfile, { method: 'GET', url: `/${module}`, qs: { $filter: `ID eq ${odataLiteral(id)}`, $select: select } });
			const found = resultsOf(answer.body).find((record) => String(record.ID) === id);
			return found ? name(found) : undefined;
		},
	};
}

/** Course templates take no query options: the list is read once per run and every name comes from it. */
const courseTemplateName: NameSource = {
	column: 'CourseTemplateName',
	read: async (ctx, id) => {
		const templates = await oncePerRun(ctx, '/CourseTemplate', async () => await paginate.call(ctx, accessplanitProfile, accessplanitPagination, { url: '/CourseTemplate', returnAll: true }));
		const found = templates.find((record) => String(record.ID) === id);
		return found ? named(found) : undefined;
	},
};

/**
 * accessplanit's ID columns and the names that go next to them. The platform already sends many
 * (UserFullName, CompanyName, AwardLabel…); these fill the ones it sends bare, e.g. a manager's user
 * ID on a course request.
 */
export const accessplanitNames: NameTable = {
	UserID: byId('User', 'ID,Forenames,Surname', fullName, 'UserFullName'),
	ManagerUserID: byId('User', 'ID,Forenames,Surname', fullName, 'ManagerFullName'),
	CompanyID: byId('Company', 'ID,Name', named, 'CompanyName'),
	CompanyGroupID: byId('CompanyGroup', 'ID,Name', named, 'CompanyGroupName'),
	MainCompanyID: byId('Company', 'ID,Name', named, 'MainCompanyName'),
	TrainingProviderID: byId('Company', 'ID,Name', named, 'TrainingProviderName'),
	VenueID: byId('Venue', 'ID,Name', named, 'VenueName'),
	TrainerID: byId('Trainer', 'ID,Name', named, 'TrainerName'),
	CourseTemplateID: courseTemplateName,
	CourseDateID: byId('CourseDate', 'ID,Name,StartDate', (record) => (record.Name ? `${String(record.Name)}: ${String(record.StartDate ?? '').replace('T', ' ').slice(0, 16)}` : undefined), 'CourseDateDetailsLabel'),
	InvoiceID: byId('Invoice', 'ID,InvoiceNumber', (record) => (record.InvoiceNumber ? String(record.InvoiceNumber) : undefined), 'InvoiceNumber'),
};
