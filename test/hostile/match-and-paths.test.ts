/**
 * Match before write and values that become paths or query operators, against the sandboxes with
 * hostile answers and hostile input (issue 19, points 1 and 9):
 * - a blank match key (empty, missing, only spaces) writes nothing and sends nothing;
 * - a vendor that answers the look-up with somebody else gets no write; two records with one key are
 *   refused, never guessed; a record read before a write must be the one asked for;
 * - module names, record IDs, booking IDs and filter operators that are not what they claim to be are
 *   refused before any request.
 */
import type { IDataObject, IRun } from 'n8n-workflow';

import type { SandboxServer } from '../../sandbox';
import { itemsOf, runWorkflow } from '../harness/engine';
import { safe, tamper, untamper } from '../harness/hostile';
import { accessplanitKeyCredential, eduframeCredential, planadayCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();
afterEach(() => untamper(sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit));

/** Writes a sandbox received (any method that changes something). */
const writes = (sandbox: SandboxServer) =>
	Object.entries(sandbox.stats.byRoute).filter(([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route)).reduce((sum, [, n]) => sum + n, 0);
const requestsOf = (sandbox: SandboxServer) => `${sandbox.stats.requests} request(s): ${sandbox.recent.slice(-5).join(', ')}`;
/** The error each item ended with (Continue On Fail), or undefined where it succeeded. */
const errorsOf = (run: IRun) => itemsOf(run, 'Vendor').map((item) => item.json.error as string | undefined);
const node = (vendor: string, parameters: IDataObject, credential: Record<string, { id: string; name: string }>, input: IDataObject[] = [{}]) =>
	runWorkflow(singleNodeWorkflow(vendor, parameters, credential, { onError: 'continueRegularOutput' }), { input });
const copy = <T extends object>(records: T[]) => records.map((record) => ({ ...record }));

describe('Eduframe User → Create or Update', () => {
	const upsert = { resource: 'user', operation: 'createOrUpdate', email: '={{ $json.email }}', first_name: 'Ann', last_name: 'Lee' };

	test.each([
		['an empty email', { email: '' }],
		['a missing email', {}],
		['an email of spaces only', { email: '   ' }],
	])('%s writes nothing and sends nothing', async (_what, item) => {
		const eduframe = sandboxes.eduframe;
		const before = copy(eduframe.tables.users);
		const run = await node('eduframe', upsert, eduframeCredential, [item]);
		safe('a blank match key sends no request', eduframe.stats.requests === 0, requestsOf(eduframe));
		safe('a blank match key changes no record', JSON.stringify(eduframe.tables.users) === JSON.stringify(before), 'a user was changed');
		safe('a blank match key is refused naming the field', errorsOf(run)[0] === 'The field "Email" is empty', String(errorsOf(run)[0]));
	});

	test('a look-up answered with somebody else gets no write', async () => {
		const eduframe = sandboxes.eduframe;
		const [asked, stranger] = eduframe.tables.users.slice(20, 22);
		const before = copy(eduframe.tables.users);
		tamper(eduframe, { after: (request) => (request.method === 'GET' && request.path.endsWith('/users') ? { status: 200, body: [{ ...stranger }] } : undefined) });
		const run = await node('eduframe', upsert, eduframeCredential, [{ email: String(asked.email) }]);
		safe('a look-up answered with somebody else gets no write', writes(eduframe) === 0, requestsOf(eduframe));
		safe('the user the answer named is unchanged', JSON.stringify(eduframe.tables.users) === JSON.stringify(before), `user ${String(stranger.id)} was changed`);
		safe('the run says why nothing was written', /who does not have it$/.test(String(errorsOf(run)[0])), String(errorsOf(run)[0]));
	});

	test('two users with one email are refused, never guessed', async () => {
		const eduframe = sandboxes.eduframe;
		const [first, second] = eduframe.tables.users.slice(30, 32);
		second.email = first.email;
		const before = copy(eduframe.tables.users);
		const run = await node('eduframe', upsert, eduframeCredential, [{ email: String(first.email) }]);
		safe('two matches: nothing is written', writes(eduframe) === 0 && JSON.stringify(eduframe.tables.users) === JSON.stringify(before), requestsOf(eduframe));
		safe('two matches are named with their IDs', String(errorsOf(run)[0]).startsWith(`2 Eduframe users have this email: ${String(first.email)} (IDs `), String(errorsOf(run)[0]));
	});
});

describe('a record read before a write must be the one asked for', () => {
	test('Eduframe Invoice → Mark as Paid answered with another invoice pays nothing', async () => {
		const eduframe = sandboxes.eduframe;
		const [asked, other] = eduframe.tables.invoices.filter((invoice) => Number(invoice.outstanding_amount) > 100 && invoice.status !== 'paid');
		tamper(eduframe, { after: (request) => (request.method === 'GET' && request.path.endsWith(`/invoices/${String(asked.id)}`) ? { status: 200, body: { ...other } } : undefined) });
		const run = await node('eduframe', { resource: 'invoice', operation: 'markAsPaid', invoiceId: { __rl: true, mode: 'id', value: String(asked.id) }, payment_method_id: 1 }, eduframeCredential);
		safe('no payment is made on a wrong invoice answer', writes(eduframe) === 0, requestsOf(eduframe));
		safe('the run says the answer was another invoice', String(errorsOf(run)[0]).includes(`when asked for invoice ${String(asked.id)}`), String(errorsOf(run)[0]));
	});

	test('accessplanit User → Create or Update answered with somebody else gets no write', async () => {
		const ap = sandboxes.accessplanit;
		const [asked, stranger] = ap.modules.User.slice(40, 42);
		const before = copy(ap.modules.User);
		tamper(ap, { after: (request) => (request.method === 'GET' && request.path.endsWith('/User') ? { status: 200, body: { results: [{ ...stranger }], count: 1 } } : undefined) });
		const run = await node('accessplanit', { resource: 'user', operation: 'createOrUpdate', ExternalID: String(asked.ExternalID), Forenames: 'Ann', Surname: 'Lee', Email: 'ann.lee@example.co.uk' }, accessplanitKeyCredential);
		safe('a look-up answered with somebody else gets no write', writes(ap) === 0, requestsOf(ap));
		safe('the user the answer named is unchanged', JSON.stringify(ap.modules.User) === JSON.stringify(before), `user ${String(stranger.ID)} was changed`);
		safe('the run says why nothing was written', /who does not have it$/.test(String(errorsOf(run)[0])), String(errorsOf(run)[0]));
	});

	test('accessplanit Other Module → Create or Update matched on External ID never writes to the record an ID among the fields names', async () => {
		const ap = sandboxes.accessplanit;
		const other = ap.modules.Voucher[1];
		const before = { ...other };
		const schema = [{ id: 'Code', displayName: 'Code', type: 'string' }, { id: 'ExternalID', displayName: 'External ID', type: 'string' }, { id: 'ID', displayName: 'ID', type: 'string' }];
		const fields = { mappingMode: 'defineBelow', value: { Code: 'HR-VOUCHER', ExternalID: 'HR-VOUCHER-1', ID: String(other.ID) }, matchingColumns: ['ExternalID'], schema };
		await node('accessplanit', { resource: 'otherModule', operation: 'createOrUpdate', module: { __rl: true, mode: 'list', value: 'Voucher' }, sendAs: 'map', fields }, accessplanitKeyCredential);
		safe('a record whose External ID is not the input is not written', JSON.stringify(ap.modules.Voucher[1]) === JSON.stringify(before), `voucher ${String(other.ID)} became ${JSON.stringify(ap.modules.Voucher[1])}`);
		safe('nothing is written', writes(ap) === 0, requestsOf(ap));
	});

	test('accessplanit Delegate → Transfer answered with another user on the delegate books nobody', async () => {
		const ap = sandboxes.accessplanit;
		const delegate = ap.modules.UserCourseDate.find((d) => d.Status === 'Booked')!;
		const to = ap.modules.CourseDate.find((c) => c.Status === 'Available' && Number(c.PlacesRemaining) > 2 && c.ID !== delegate.CourseDateID)!;
		const stranger = ap.modules.User.find((u) => u.ID !== delegate.UserID)!;
		tamper(ap, {
			after: (request, answer) =>
				request.method === 'GET' && request.path.endsWith('/UserCourseDate') ? { status: 200, body: { ...(answer?.body as IDataObject), results: [{ ...delegate, UserID: stranger.ID }] } } : undefined,
		});
		await node('accessplanit', { resource: 'delegate', operation: 'transfer', delegateId: String(delegate.ID), toCourseDateId: { __rl: true, mode: 'id', value: String(to.ID) } }, accessplanitKeyCredential);
		safe('no place is booked for a user the delegate ID does not name', writes(ap) === 0, requestsOf(ap));
	});
});

describe('values that become paths or query operators', () => {
	const NAMES = ['..', 'Token', 'Login', 'User/../Token', 'token'];

	test.each(NAMES)('Other Module with the module "%s": every operation is refused before any request', async (name) => {
		const ap = sandboxes.accessplanit;
		// Typed, the field refuses such a name in the editor; an expression gives it at run time.
		const module = { __rl: true, mode: 'name', value: `={{ ${JSON.stringify(name)} }}` };
		const json = { sendAs: 'json', recordJson: '{"ExternalID": "X-1", "Name": "x"}' };
		const runs = [
			await node('accessplanit', { resource: 'otherModule', operation: 'getAll', module, returnAll: true }, accessplanitKeyCredential),
			await node('accessplanit', { resource: 'otherModule', operation: 'get', module, recordId: '1' }, accessplanitKeyCredential),
			await node('accessplanit', { resource: 'otherModule', operation: 'create', module, ...json }, accessplanitKeyCredential),
			await node('accessplanit', { resource: 'otherModule', operation: 'update', module, recordId: '1', ...json }, accessplanitKeyCredential),
			await node('accessplanit', { resource: 'otherModule', operation: 'delete', module, recordId: '1' }, accessplanitKeyCredential),
			await node('accessplanit', { resource: 'otherModule', operation: 'createOrUpdate', module, ...json }, accessplanitKeyCredential),
		];
		safe(`the module "${name}" sends no request`, ap.stats.requests === 0, requestsOf(ap));
		const errors = runs.map((run) => String(errorsOf(run)[0]));
		safe(`the module "${name}" is refused naming the field`, errors.every((error) => error.startsWith('The field "Module"')), errors.join(' | '));
	});

	test.each(['..', '.', 'a/b', '%2e%2e'])('Other Module with the record ID "%s": Get, Update and Delete are refused before any request', async (recordId) => {
		const ap = sandboxes.accessplanit;
		const module = { __rl: true, mode: 'list', value: 'Voucher' };
		for (const operation of ['get', 'update', 'delete']) {
			await node('accessplanit', { resource: 'otherModule', operation, module, recordId, sendAs: 'json', recordJson: '{"Code": "x"}' }, accessplanitKeyCredential);
		}
		safe(`the record ID "${recordId}" sends no request`, ap.stats.requests === 0, requestsOf(ap));
	});

	test('a filter operator given by an expression is refused before any request', async () => {
		const ap = sandboxes.accessplanit;
		const run = await node(
			'accessplanit',
			{ resource: 'user', operation: 'getAll', returnAll: true, filters: { condition: [{ field: 'Surname', operator: '={{ $json.op }}', value: 'Smith' }] } },
			accessplanitKeyCredential,
			[{ op: "eq 'x' or Surname ne" }, { op: 'le' }, { op: 'contains(Email, \'@\') or Surname eq' }],
		);
		safe('an operator the builder does not offer sends no request', ap.stats.requests === 0, requestsOf(ap));
		const errors = errorsOf(run).map(String);
		safe('the refusal names the field', errors.every((error) => error.includes('the field "Operator"')), errors.join(' | '));
	});

	test.each(['..', '.', '1/2', 'API5ce597c40e0fc6.85265205/../..'])('Planaday booking ID "%s" is refused before any request (Mark as Paid, Delete)', async (bookingId) => {
		const planaday = sandboxes.planaday;
		const before = planaday.bookings.length;
		const paid = await node('planaday', { resource: 'booking', operation: 'markAsPaid', bookingId, paymentParty: 'ideal', transactionId: 'TX-1' }, planadayCredential);
		const deleted = await node('planaday', { resource: 'booking', operation: 'delete', bookingId }, planadayCredential);
		safe(`the booking ID "${bookingId}" sends no request`, planaday.stats.requests === 0, requestsOf(planaday));
		safe('no booking is deleted', planaday.bookings.length === before, `${before - planaday.bookings.length} deleted`);
		const errors = [paid, deleted].map((run) => String(errorsOf(run)[0]));
		safe('the refusal names the field', errors.every((error) => error.startsWith('The field "Booking ID"')), errors.join(' | '));
	});

	test.each(['..', '.', '1/2'])('Planaday course ID "%s" from an expression is refused before any request', async (courseId) => {
		const planaday = sandboxes.planaday;
		for (const operation of ['get', 'getDayparts', 'getMaterials']) {
			await node('planaday', { resource: 'course', operation, courseId: { __rl: true, mode: 'id', value: `={{ ${JSON.stringify(courseId)} }}` }, returnAll: true }, planadayCredential);
		}
		safe(`the course ID "${courseId}" sends no request`, planaday.stats.requests === 0, requestsOf(planaday));
	});
});
