/**
 * Every accessplanit operation through n8n's engine against the accessplanit sandbox: what it
 * puts out, what it changes in the sandbox, and how it fails.
 */
import type { IDataObject } from 'n8n-workflow';

import { accessplanitResources } from '../../nodes/Accessplanit/actions/resources';
import { sharedPacer, transportSettings } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { errorOf, itemsOf, outputOf, runWorkflow } from '../harness/engine';
import { accessplanitKeyCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await withSandboxes();
	transportSettings.retry = { ...transportSettings.retry, baseDelayMs: 5, maxDelayMs: 50 };
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sharedPacer.reset();
	sandboxes.accessplanit.resetStats();
	sandboxes.accessplanit.setFaults({ rate: 0, kinds: [] });
});

const ap = () => sandboxes.accessplanit;
const run = (resource: string, operation: string, parameters: IDataObject = {}, input?: IDataObject[], nodeOptions = {}) =>
	runWorkflow(singleNodeWorkflow('accessplanit', { resource, operation, ...parameters }, accessplanitKeyCredential, nodeOptions), input ? { input } : {});
const id = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
const requests = (method: string) => Object.entries(ap().stats.byRoute).filter(([route]) => route.startsWith(method)).reduce((sum, [, n]) => sum + n, 0);
const find = (module: string, recordId: unknown) => ap().modules[module].find((r) => String(r.ID) === String(recordId))!;
const covered = new Set<string>();
const cover = (resource: string, operation: string) => covered.add(`${resource}.${operation}`);

describe('reading', () => {
	test.each([
		['user', 'User', 'userId', (r: { ID: unknown }) => id(String(r.ID))],
		['company', 'Company', 'companyId', (r: { ID: unknown }) => id(String(r.ID))],
		['companyGroup', 'CompanyGroup', 'companyGroupId', (r: { ID: unknown }) => String(r.ID)],
		['courseTemplate', 'CourseTemplate', 'courseTemplateId', (r: { ID: unknown }) => String(r.ID)],
		['courseDate', 'CourseDate', 'courseDateId', (r: { ID: unknown }) => id(String(r.ID))],
		['delegate', 'UserCourseDate', 'delegateId', (r: { ID: unknown }) => String(r.ID)],
		['managerAuthorisation', 'ManagerUserCourseDateAuthorisation', '', () => ''],
		['userAward', 'UserAward', 'userAwardId', (r: { ID: unknown }) => String(r.ID)],
		['venue', 'Venue', 'venueId', (r: { ID: unknown }) => String(r.ID)],
		['trainer', 'Trainer', 'trainerId', (r: { ID: unknown }) => String(r.ID)],
		['invoice', 'Invoice', 'invoiceId', (r: { ID: unknown }) => String(r.ID)],
		['invoiceItem', 'InvoiceItem', '', () => ''],
		['transaction', 'Transaction', 'transactionId', (r: { ID: unknown }) => String(r.ID)],
	])('%s → Get Many returns every record; Get returns one', async (resource, module, idParameter, idOf: (r: { ID: unknown }) => unknown) => {
		const all = outputOf(await run(resource, 'getAll', { returnAll: true }), 'Vendor');
		expect(all.map((r) => String(r.ID)).sort()).toEqual(ap().modules[module].map((r) => String(r.ID)).sort());
		cover(resource, 'getAll');
		const limited = outputOf(await run(resource, 'getAll', { returnAll: false, limit: 3 }), 'Vendor');
		expect(limited).toHaveLength(3);
		if (!idParameter) return;
		const record = ap().modules[module][5];
		const one = outputOf(await run(resource, 'get', { [idParameter]: idOf(record) as IDataObject[string] }), 'Vendor');
		expect(one).toHaveLength(1);
		expect(String(one[0].ID)).toBe(String(record.ID));
		cover(resource, 'get');
		const missing = errorOf(await run(resource, 'get', { [idParameter]: idOf({ ID: 'no-such-id' }) as IDataObject[string] }), 'Vendor');
		expect(missing?.message).toMatch(/^accessplanit has no .+ with ID "no-such-id"$/);
	});

	test('Course Templates take no $filter: Get Many sends none and Get reads the list', async () => {
		expect(outputOf(await run('courseTemplate', 'getAll', { returnAll: true }), 'Vendor').length).toBe(ap().modules.CourseTemplate.length);
		expect(ap().recent.length).toBeGreaterThan(0);
		expect(ap().recent.filter((line) => line.includes('$filter') || line.includes('$orderby'))).toEqual([]);
		const one = ap().modules.CourseTemplate[4];
		expect(outputOf(await run('courseTemplate', 'get', { courseTemplateId: String(one.ID) }), 'Vendor')[0].Name).toBe(one.Name);
	});

	test('amounts are shown in pounds with the pence kept; money filters are entered in pounds', async () => {
		const invoice = ap().modules.Invoice[3];
		const [shown] = outputOf(await run('invoice', 'get', { invoiceId: String(invoice.ID) }), 'Vendor');
		expect(shown.GrossAmount).toBe(Number(invoice.GrossAmount) / 100);
		expect(shown.GrossAmountPence).toBe(invoice.GrossAmount);
		const pounds = Number(invoice.NetAmount) / 100;
		const matching = outputOf(
			await run('invoice', 'getAll', { returnAll: true, filters: { condition: [{ field: 'NetAmount', operator: 'eq', value: pounds.toFixed(2) }] } }),
			'Vendor',
		);
		expect(matching.length).toBe(ap().modules.Invoice.filter((i) => i.NetAmount === invoice.NetAmount).length);
		expect(matching.every((i) => i.NetAmount === pounds)).toBe(true);
		const dearer = outputOf(
			await run('courseDate', 'getAll', { returnAll: true, filters: { condition: [{ field: 'NetCost', operator: 'gt', value: '200' }] } }),
			'Vendor',
		);
		expect(dearer.length).toBe(ap().modules.CourseDate.filter((c) => Number(c.NetCost) > 20000).length);
		expect(dearer.every((c) => Number(c.NetCost) > 200 && Number(c.NetCostPence) > 20000)).toBe(true);
	});

	test('Is Blank and Not Equals conditions; a custom field passes through untouched', async () => {
		const blank = outputOf(await run('user', 'getAll', { returnAll: true, filters: { condition: [{ field: 'Mobile', operator: 'blank' }] } }), 'Vendor');
		expect(blank.length).toBe(ap().modules.User.filter((u) => u.Mobile === null).length);
		const notNew = outputOf(await run('user', 'getAll', { returnAll: true, filters: { condition: [{ field: 'Status', operator: 'ne', statusValue: 'New' }] } }), 'Vendor');
		expect(notNew.every((u) => u.Status !== 'New')).toBe(true);
		const custom = outputOf(
			await run('user', 'getAll', { returnAll: true, filters: { condition: [{ field: '__custom', customField: 'FullAddress', operator: 'contains', value: 'Main Street<br />' }] } }),
			'Vendor',
		);
		expect(custom.length).toBe(ap().modules.User.length);
		const bad = errorOf(await run('user', 'getAll', { returnAll: true, filters: { condition: [{ field: '__custom', customField: 'Job Title', operator: 'eq', value: 'x' }] } }), 'Vendor');
		expect(bad?.message).toContain('Filter 1: "Job Title" is not a field name');
		expect(requests('GET')).toBe(3);
	});

	test('Manager Authorisation → Get Many lists the requests waiting for a manager', async () => {
		const waiting = outputOf(await run('managerAuthorisation', 'getAll', { returnAll: true, filters: { condition: [{ field: 'Status', operator: 'eq', value: 'Awaiting' }] } }), 'Vendor');
		expect(waiting.length).toBeGreaterThan(0);
		expect(waiting[0]).toEqual(expect.objectContaining({ UserForenames: expect.any(String), UserSurname: expect.any(String), CourseName: expect.any(String), VenueName: expect.any(String) }));
	});
});

describe('users', () => {
	test('Create sends the guide\'s fields; Update changes only the fields given', async () => {
		const company = ap().modules.Company[1];
		const [created] = outputOf(
			await run('user', 'create', {
				Forenames: 'Peter',
				Surname: 'Bridge',
				Email: 'peter.bridge@example.co.uk',
				additionalFields: { ExternalID: 'HR-77001', MainCompanyID: company.ID, JobTitle: 'Engineer', Status: 'New', MarketingOptIn: true, Postcode: 'LA1 1AB' },
				customFields: { field: [{ name: 'EmployeeNumber', value: 'E-9' }] },
			}),
			'Vendor',
		);
		cover('user', 'create');
		expect(find('User', created.ID)).toMatchObject({ Forenames: 'Peter', ExternalID: 'HR-77001', MainCompanyID: company.ID, MarketingOptIn: true, EmployeeNumber: 'E-9', Status: 'New' });
		const before = { ...find('User', created.ID) };
		const [updated] = outputOf(await run('user', 'update', { userId: id(String(created.ID)), updateFields: { JobTitle: 'Lead Engineer' } }), 'Vendor');
		cover('user', 'update');
		expect(updated.JobTitle).toBe('Lead Engineer');
		expect(find('User', created.ID)).toMatchObject({ Forenames: 'Peter', Email: 'peter.bridge@example.co.uk' });
		expect(String(find('User', created.ID).DateUpdated) > String(before.DateUpdated)).toBe(true);
	});

	test('Create or Update matches on External ID: HR items create the new, update the known, and a repeat only updates', async () => {
		const known = ap().modules.User[20];
		const input = [
			{ id: String(known.ExternalID), first: 'Renamed', last: String(known.Surname), email: String(known.Email) },
			{ id: 'HR-NEW-1', first: 'Ada', last: 'Lovelace', email: 'ada.lovelace@example.co.uk' },
			{ id: 'HR-NEW-2', first: 'Alan', last: 'Turing', email: 'alan.turing@example.co.uk' },
		];
		const parameters = { ExternalID: '={{$json.id}}', Forenames: '={{$json.first}}', Surname: '={{$json.last}}', Email: '={{$json.email}}', additionalFields: { JobTitle: 'Analyst' } };
		const count = ap().modules.User.length;
		const result = await run('user', 'createOrUpdate', parameters, input);
		cover('user', 'createOrUpdate');
		expect(outputOf(result, 'Vendor').map((u) => u.outcome)).toEqual(['updated', 'created', 'created']);
		expect(itemsOf(result, 'Vendor').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(ap().modules.User.length).toBe(count + 2);
		expect(find('User', known.ID).Forenames).toBe('Renamed');
		const again = outputOf(await run('user', 'createOrUpdate', parameters, input), 'Vendor');
		expect(again.map((u) => u.outcome)).toEqual(['updated', 'updated', 'updated']);
		expect(ap().modules.User.length).toBe(count + 2);
	});

	test('Create or Update refuses an External ID two users share, naming them', async () => {
		const [a, b] = ap().modules.User.slice(30, 32);
		b.ExternalID = a.ExternalID;
		const error = errorOf(await run('user', 'createOrUpdate', { ExternalID: String(a.ExternalID), Forenames: 'X', Surname: 'Y', Email: 'x@y.example' }), 'Vendor');
		expect(error?.message).toBe(`2 accessplanit users have this External ID: ${String(a.ExternalID)} (IDs ${String(a.ID)}, ${String(b.ID)})`);
		expect(String(error?.description)).toContain('Nothing was written');
		expect(requests('PUT') + requests('POST')).toBe(0);
	});

	test('a 400 names every field from ModelState; Continue On Fail keeps going with pairedItem', async () => {
		const result = await run(
			'user',
			'create',
			{ Forenames: '={{$json.first}}', Surname: 'Smith', Email: '={{$json.email}}' },
			[{ first: 'Jo', email: 'not-an-email' }, { first: 'Amy', email: 'amy.smith@example.co.uk' }],
			{ continueOnFail: true },
		);
		const items = itemsOf(result, 'Vendor');
		expect(items[0].json.error).toBe('accessplanit: The request is invalid. (Email: The Email field is not a valid e-mail address.)');
		expect(String(items[0].json.description)).toContain('correct the fields named above');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.Forenames).toBe('Amy');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('an empty required field is refused before any request', async () => {
		// Mapped from an HR item whose surname is empty (n8n itself stops a field left empty in the form).
		const error = errorOf(await run('user', 'create', { Forenames: 'Jo', Surname: '={{$json.last}}', Email: 'jo@example.co.uk' }, [{ last: '' }]), 'Vendor');
		expect(error?.message).toBe('The field "Surname" is empty');
		expect(requests('POST')).toBe(0);
		const nothing = errorOf(await run('user', 'update', { userId: id('jasmit1'), updateFields: {} }), 'Vendor');
		expect(nothing?.message).toBe('Nothing to update');
		expect(requests('PUT')).toBe(0);
	});
});

describe('companies and groups', () => {
	test('Company → Create, Update; moving it to another group is refused by accessplanit with the field named', async () => {
		const group = ap().modules.CompanyGroup[2];
		const [created] = outputOf(await run('company', 'create', { Name: 'Lune Valley Care', additionalFields: { CompanyGroupID: String(group.ID), Town: 'Lancaster' } }), 'Vendor');
		cover('company', 'create');
		expect(find('Company', created.ID)).toMatchObject({ Name: 'Lune Valley Care', Town: 'Lancaster' });
		expect(String(created.ID)).toMatch(/^[A-Z]{4}\d+[A-Z]$/);
		const [updated] = outputOf(await run('company', 'update', { companyId: id(String(created.ID)), updateFields: { Phone: '01524 123456' } }), 'Vendor');
		cover('company', 'update');
		expect(updated.Phone).toBe('01524 123456');
		const moved = errorOf(await run('company', 'update', { companyId: id(String(created.ID)), updateFields: {}, customFields: { field: [{ name: 'CompanyGroupID', value: '1' }] } }), 'Vendor');
		expect(moved?.message).toContain('CompanyGroupID: An account cannot be moved to another account group through the API.');
	});

	test('Company Group → Create and Update', async () => {
		const [created] = outputOf(await run('companyGroup', 'create', { Name: 'Northern Region', additionalFields: { Description: 'North of England' } }), 'Vendor');
		cover('companyGroup', 'create');
		expect(find('CompanyGroup', created.ID).Description).toBe('North of England');
		await run('companyGroup', 'update', { companyGroupId: String(created.ID), updateFields: { Name: 'North Region' } });
		cover('companyGroup', 'update');
		expect(find('CompanyGroup', created.ID).Name).toBe('North Region');
	});
});

describe('course dates', () => {
	const template = () => String(ap().modules.CourseTemplate[1].ID);

	test('Create in pounds, Update, Assign Venue and Assign Trainer', async () => {
		const provider = ap().modules.Company.find((c) => c.IsTrainingProvider)!;
		const [created] = outputOf(
			await run('courseDate', 'create', {
				CourseTemplateID: template(),
				StartDate: '2027-03-01T09:00:00',
				EndDate: '2027-03-01T17:00:00',
				Status: 'Available',
				MaxPlaces: 10,
				additionalFields: { NetCost: 199.99, CompanyID: provider.ID, MinPlaces: 2, DurationType: 'Day' },
			}),
			'Vendor',
		);
		cover('courseDate', 'create');
		expect(find('CourseDate', created.ID)).toMatchObject({ NetCost: 19999, MaxPlaces: 10, CompanyID: provider.ID });
		expect(created.NetCost).toBe(199.99);
		expect(created.NetCostPence).toBe(19999);
		await run('courseDate', 'update', { courseDateId: id(String(created.ID)), updateFields: { Status: 'OnHold', NetCost: 250 } });
		cover('courseDate', 'update');
		expect(find('CourseDate', created.ID)).toMatchObject({ Status: 'OnHold', NetCost: 25000 });
		const venue = ap().modules.Venue[3];
		await run('courseDate', 'assignVenue', { courseDateId: id(String(created.ID)), venueId: String(venue.ID) });
		cover('courseDate', 'assignVenue');
		expect(find('CourseDate', created.ID).VenueID).toBe(venue.ID);
		const trainer = ap().modules.Trainer[2];
		await run('courseDate', 'assignTrainer', { courseDateId: id(String(created.ID)), trainerId: String(trainer.ID) });
		cover('courseDate', 'assignTrainer');
		expect(find('CourseDate', created.ID).TrainerID).toBe(trainer.ID);
		const unknownVenue = errorOf(await run('courseDate', 'assignVenue', { courseDateId: id(String(created.ID)), venueId: '999' }), 'Vendor');
		expect(unknownVenue?.message).toBe('accessplanit: Venue 999 does not exist.');
	});

	test('the documented rules are checked before sending: dates in order, places, amounts in pounds', async () => {
		const base = { CourseTemplateID: template(), Status: 'Available', MaxPlaces: 10 };
		const cases: Array<[IDataObject, string]> = [
			[{ ...base, StartDate: '2027-03-02T09:00:00', EndDate: '2027-03-01T17:00:00' }, 'The field "StartDate" must be before "EndDate"'],
			[{ ...base, StartDate: '2027-03-01T09:00:00', EndDate: '2027-03-01T17:00:00', MaxPlaces: 0 }, 'The field "MaxPlaces" must be a positive number'],
			[{ ...base, StartDate: '2027-03-01T09:00:00', EndDate: '2027-03-01T17:00:00', additionalFields: { MinPlaces: 12 } }, 'The field "MinPlaces" must not be higher than "MaxPlaces"'],
			[{ ...base, StartDate: '2027-03-01T09:00:00', EndDate: '2027-03-01T17:00:00', additionalFields: { NetCost: '12.345' } }, 'The field "Net Cost (£)" needs an amount in pounds with at most two decimals, e.g. 150.50 (got "12.345")'],
		];
		for (const [parameters, message] of cases) {
			expect(errorOf(await run('courseDate', 'create', parameters), 'Vendor')?.message).toBe(message);
		}
		expect(requests('POST')).toBe(0);
		// A provider that is not a training provider is only known to accessplanit: its answer names the field.
		const notProvider = ap().modules.Company.find((c) => !c.IsTrainingProvider)!;
		const refused = errorOf(
			await run('courseDate', 'create', { ...base, StartDate: '2027-03-01T09:00:00', EndDate: '2027-03-01T17:00:00', additionalFields: { CompanyID: notProvider.ID } }),
			'Vendor',
		);
		expect(refused?.message).toContain('CompanyID: Must be the ID of an existing Training Provider Account.');
	});
});

describe('delegates', () => {
	const openCourseDate = () => ap().modules.CourseDate.find((c) => c.Status === 'Available' && Number(c.PlacesRemaining) > 2)!;
	const freshUser = (n: number) => ap().modules.User[200 + n];

	test('Book registers a delegate (ID user~courseDate) and is never sent twice; a second booking is refused with the field named', async () => {
		const user = freshUser(0);
		const courseDate = openCourseDate();
		const [booked] = outputOf(await run('delegate', 'book', { UserID: id(String(user.ID)), CourseDateID: id(String(courseDate.ID)), Status: 'Booked' }), 'Vendor');
		cover('delegate', 'book');
		expect(booked.ID).toBe(`${String(user.ID)}~${String(courseDate.ID)}`);
		expect(find('UserCourseDate', booked.ID).Status).toBe('Booked');
		const again = errorOf(await run('delegate', 'book', { UserID: id(String(user.ID)), CourseDateID: id(String(courseDate.ID)), Status: 'Booked' }), 'Vendor');
		expect(again?.message).toContain('UserID: The user is already a delegate on this course date.');
		expect(requests('POST')).toBe(2);
	});

	test('a booking whose answer never comes back is not sent again', async () => {
		const user = freshUser(1);
		const courseDate = openCourseDate();
		ap().setFaults({ rate: 1, kinds: ['drop'], match: 'POST .*/UserCourseDate' });
		const error = errorOf(await run('delegate', 'book', { UserID: id(String(user.ID)), CourseDateID: id(String(courseDate.ID)), Status: 'Booked' }), 'Vendor');
		ap().setFaults({ rate: 0, kinds: [] });
		expect(error?.message).toBeDefined();
		expect(requests('POST')).toBe(1);
	});

	test('Approve Request books a provisional delegate and closes the manager authorisation; a cancelled one is refused', async () => {
		const user = freshUser(2);
		const courseDate = openCourseDate();
		await run('delegate', 'book', { UserID: id(String(user.ID)), CourseDateID: id(String(courseDate.ID)), Status: 'Provisional' });
		const delegateId = `${String(user.ID)}~${String(courseDate.ID)}`;
		const authorisation = ap().modules.ManagerUserCourseDateAuthorisation.find((a) => a.UserCourseDateID === delegateId)!;
		expect(authorisation.Status).toBe('Awaiting');
		const [approved] = outputOf(await run('delegate', 'approve', { delegateId }), 'Vendor');
		cover('delegate', 'approve');
		expect(approved.outcome).toBe('approved');
		expect(find('UserCourseDate', delegateId).Status).toBe('Booked');
		expect(authorisation.Status).toBe('Approved');
		expect(outputOf(await run('delegate', 'approve', { delegateId }), 'Vendor')[0].outcome).toBe('alreadyBooked');
		const cancelled = ap().modules.UserCourseDate.find((d) => d.Status === 'Cancelled')!;
		const refused = errorOf(await run('delegate', 'approve', { delegateId: String(cancelled.ID) }), 'Vendor');
		expect(refused?.message).toBe(`Delegate ${String(cancelled.ID)} is Cancelled, not a course request`);
		expect(find('UserCourseDate', cancelled.ID).Status).toBe('Cancelled');
	});

	test('Update and Cancel change the status (the form warns that no refund is made); a bad ID is refused before any request', async () => {
		const user = freshUser(3);
		const courseDate = openCourseDate();
		const delegateId = `${String(user.ID)}~${String(courseDate.ID)}`;
		await run('delegate', 'book', { UserID: id(String(user.ID)), CourseDateID: id(String(courseDate.ID)), Status: 'Booked' });
		await run('delegate', 'update', { delegateId, updateFields: { Status: 'InProgress' } });
		cover('delegate', 'update');
		expect(find('UserCourseDate', delegateId).Status).toBe('InProgress');
		await run('delegate', 'cancel', { delegateId });
		cover('delegate', 'cancel');
		expect(find('UserCourseDate', delegateId).Status).toBe('Cancelled');
		ap().resetStats();
		expect(errorOf(await run('delegate', 'cancel', { delegateId: String(user.ID) }), 'Vendor')?.message).toBe(`"${String(user.ID)}" is not a delegate ID`);
		expect(ap().stats.requests).toBe(0);
		const operation = accessplanitResources.find((r) => r.value === 'delegate')!.operations.find((o) => o.value === 'cancel')!;
		expect(String(operation.properties?.[0].displayName)).toContain('raises no refund or credit note');
	});

	test('Transfer books the new course date first, then marks the old place Transferred', async () => {
		const user = freshUser(4);
		const [from, to] = ap().modules.CourseDate.filter((c) => c.Status === 'Available' && Number(c.PlacesRemaining) > 2).slice(1, 3);
		const delegateId = `${String(user.ID)}~${String(from.ID)}`;
		await run('delegate', 'book', { UserID: id(String(user.ID)), CourseDateID: id(String(from.ID)), Status: 'Booked' });
		const [moved] = outputOf(await run('delegate', 'transfer', { delegateId, toCourseDateId: id(String(to.ID)) }), 'Vendor');
		cover('delegate', 'transfer');
		expect(moved.ID).toBe(`${String(user.ID)}~${String(to.ID)}`);
		expect(find('UserCourseDate', delegateId).Status).toBe('Transferred');
		expect(find('UserCourseDate', moved.ID).Status).toBe('Booked');
		// A refused new place leaves the old one as it was.
		const full = ap().modules.CourseDate.find((c) => c.Status === 'Cancelled')!;
		const second = `${String(user.ID)}~${String(to.ID)}`;
		const refused = errorOf(await run('delegate', 'transfer', { delegateId: second, toCourseDateId: id(String(full.ID)) }), 'Vendor');
		expect(refused?.message).toContain('takes no bookings');
		expect(find('UserCourseDate', second).Status).toBe('Booked');
	});
});

describe('awards and finance', () => {
	test('User Award → Create Target sends status Target with the date', async () => {
		const user = ap().modules.User[40];
		const [target] = outputOf(await run('userAward', 'createTarget', { UserID: id(String(user.ID)), AwardID: 'FIRSTAIDwk', TargetDate: '2027-06-25T00:00:00' }), 'Vendor');
		cover('userAward', 'createTarget');
		expect(find('UserAward', target.ID)).toMatchObject({ UserID: user.ID, AwardID: 'FIRSTAIDwk', Status: 'Target', TargetDate: '2027-06-25T00:00:00' });
		expect(errorOf(await run('userAward', 'createTarget', { UserID: id(String(user.ID)), AwardID: 'FIRSTAIDwk', TargetDate: '={{$json.due}}' }, [{ due: '' }]), 'Vendor')?.message).toBe('The field "Target Date" is empty');
	});

	test('Invoice → Update changes the due date and PO number', async () => {
		const invoice = ap().modules.Invoice[7];
		const [updated] = outputOf(await run('invoice', 'update', { invoiceId: String(invoice.ID), updateFields: { PONumber: 'PO-55012', DueDate: '2027-01-31T00:00:00' } }), 'Vendor');
		cover('invoice', 'update');
		expect(find('Invoice', invoice.ID)).toMatchObject({ PONumber: 'PO-55012', DueDate: '2027-01-31T00:00:00' });
		expect(updated.GrossAmount).toBe(Number(invoice.GrossAmount) / 100);
	});

	test('Transaction → Create takes pounds, records pence, pays the invoice, and is never sent twice', async () => {
		const invoice = ap().modules.Invoice.find((i) => i.Status === 'Issued')!;
		const owed = Number(invoice.AmountOutstanding);
		const [paid] = outputOf(await run('transaction', 'create', { InvoiceID: String(invoice.ID), Amount: owed / 100, additionalFields: { PaymentMethod: 'BACS', Reference: 'REF-1' } }), 'Vendor');
		cover('transaction', 'create');
		expect(find('Transaction', paid.ID).Amount).toBe(owed);
		expect(paid.Amount).toBe(owed / 100);
		expect(find('Invoice', invoice.ID)).toMatchObject({ AmountOutstanding: 0, Status: 'Paid' });
		const over = errorOf(await run('transaction', 'create', { InvoiceID: String(invoice.ID), Amount: 10 }), 'Vendor');
		expect(over?.message).toContain('Amount: The amount is more than the 0 pence outstanding');
		expect(errorOf(await run('transaction', 'create', { InvoiceID: String(invoice.ID), Amount: 0 }), 'Vendor')?.message).toBe('The field "Amount" needs an amount above zero, in pounds, e.g. 150.50');
		ap().setFaults({ rate: 1, kinds: ['server-error'], match: 'POST .*/Transaction' });
		const other = ap().modules.Invoice.filter((i) => i.Status === 'Issued')[1];
		ap().resetStats();
		await run('transaction', 'create', { InvoiceID: String(other.ID), Amount: 1 });
		expect(requests('POST')).toBe(1);
	});
});

describe('delete and create or update on the hand-made resources', () => {
	test.each([
		['user', 'User', 'userId', () => ap().modules.User.find((u) => !ap().modules.UserCourseDate.some((d) => d.UserID === u.ID))!, (r: Record<string, unknown>) => id(String(r.ID)), 'user'],
		['company', 'Company', 'companyId', () => ap().modules.Company.at(-1)!, (r: Record<string, unknown>) => id(String(r.ID)), 'company'],
		['companyGroup', 'CompanyGroup', 'companyGroupId', () => ap().modules.CompanyGroup.at(-1)!, (r: Record<string, unknown>) => String(r.ID), 'company group'],
		['courseDate', 'CourseDate', 'courseDateId', () => ap().modules.CourseDate.at(-1)!, (r: Record<string, unknown>) => id(String(r.ID)), 'course date'],
		['delegate', 'UserCourseDate', 'delegateId', () => ap().modules.UserCourseDate.at(-1)!, (r: Record<string, unknown>) => String(r.ID), 'delegate'],
		['userAward', 'UserAward', 'userAwardId', () => ap().modules.UserAward.at(-1)!, (r: Record<string, unknown>) => String(r.ID), 'user award'],
	])('%s → Delete removes the record; a second Delete says it is not there', async (resource, module, idParameter, pick, idOf, noun) => {
		const record = pick();
		const [answer] = outputOf(await run(resource, 'delete', { [idParameter]: idOf(record) as IDataObject[string] }), 'Vendor');
		cover(resource, 'delete');
		expect(answer).toEqual({ deleted: true, module, ID: String(record.ID) });
		expect(ap().modules[module].some((r) => String(r.ID) === String(record.ID))).toBe(false);
		const again = errorOf(await run(resource, 'delete', { [idParameter]: idOf(record) as IDataObject[string] }), 'Vendor');
		expect(again?.message).toBe(`accessplanit has no ${noun} with ID "${String(record.ID)}"`);
	});

	test.each([
		['transaction', 'Transaction', 'transactionId', 'transaction'],
		['invoice', 'Invoice', 'invoiceId', 'invoice'],
	])('%s → Delete: accessplanit keeps these records, so nothing is deleted and the node says so', async (resource, module, idParameter, noun) => {
		const record = ap().modules[module][0];
		const before = ap().modules[module].length;
		const refused = errorOf(await run(resource, 'delete', { [idParameter]: String(record.ID) }), 'Vendor');
		expect(refused?.message).toBe(`accessplanit does not allow deleting ${noun} records through the API`);
		expect(refused?.description).toContain('Nothing was deleted');
		expect(ap().modules[module]).toHaveLength(before);
		// The refusal was a vendor answer (405), asked once: a DELETE that was refused is not sent again.
		expect(ap().stats.byStatus['405']).toBe(1);
		cover(resource, 'delete');
	});

	test.each([
		['company', 'Company', { Name: 'Northwind Training' }, { Name: 'Northwind Training Ltd' }],
		['companyGroup', 'CompanyGroup', { Name: 'Western Region' }, { Name: 'Western Region (UK)' }],
		['courseDate', 'CourseDate', { CourseTemplateID: '1', StartDate: '2027-04-01T09:00:00', EndDate: '2027-04-01T17:00:00', Status: 'Available', MaxPlaces: 8 }, { CourseTemplateID: '1', StartDate: '2027-04-01T09:00:00', EndDate: '2027-04-01T17:00:00', Status: 'OnHold', MaxPlaces: 8 }],
	])('%s → Create or Update looks the External ID up, then creates (first time) or updates that one record by its ID (next time)', async (resource, module, first, second) => {
		const external = `EXT-${resource}-77`;
		const [created] = outputOf(await run(resource, 'createOrUpdate', { matchOn: 'ExternalID', matchValue: external, ...first }), 'Vendor');
		cover(resource, 'createOrUpdate');
		expect(created.outcome).toBe('created');
		expect(ap().recent.some((line) => line.includes(`$filter=ExternalID eq '${external}'`))).toBe(true);
		// accessplanit's upsert POST, which matches on a field its help pages do not name, is never used.
		expect(ap().upserts).toHaveLength(0);
		const [updated] = outputOf(await run(resource, 'createOrUpdate', { matchOn: 'ExternalID', matchValue: external, ...second }), 'Vendor');
		expect(updated).toMatchObject({ outcome: 'updated', ID: created.ID });
		expect(ap().modules[module].filter((r) => r.ExternalID === external)).toHaveLength(1);
		expect([requests('POST'), requests('PUT')]).toEqual([1, 1]);
		// Matched on accessplanit's own ID instead.
		const [byId] = outputOf(await run(resource, 'createOrUpdate', { matchOn: 'ID', matchValue: String(created.ID), ...second }), 'Vendor');
		expect(byId).toMatchObject({ outcome: 'updated', ID: created.ID });
		// An ID that is not there is refused, not created under another ID (a second run would create it again).
		const posts = requests('POST');
		const missing = errorOf(await run(resource, 'createOrUpdate', { matchOn: 'ID', matchValue: 'NO-SUCH-ID', ...first }), 'Vendor');
		expect(missing?.message).toBe(`accessplanit has no ${resource.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} with ID "NO-SUCH-ID"`);
		expect(requests('POST')).toBe(posts);
		const empty = errorOf(await run(resource, 'createOrUpdate', { matchOn: 'ExternalID', matchValue: '={{ $json.none }}', ...first }), 'Vendor');
		expect(empty?.message).toBe('The field "Value to Match" is empty');
	});
});

test('every operation of the hand-made resources has a test above (Other Module and User → Sync From HR have their own files)', () => {
	const all = accessplanitResources
		.filter((resource) => resource.value !== 'otherModule')
		.flatMap((resource) => resource.operations.filter((operation) => !operation.runOnce).map((operation) => `${resource.value}.${operation.value}`));
	expect(all.filter((name) => !covered.has(name))).toEqual([]);
});
