/** The Eduframe operations that take several requests: Create or Update, Book, Mark as Paid. */
import type { IDataObject } from 'n8n-workflow';

import { placeClock, restoreClock } from '../harness/clock';
import { errorOf, outputOf, runWorkflow } from '../harness/engine';
import { eduframeCredential, sandboxesForThisFile } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

const sandboxes = sandboxesForThisFile();

const run = (parameters: IDataObject, input?: IDataObject[]) =>
	runWorkflow(singleNodeWorkflow('eduframe', parameters, eduframeCredential), input ? { input } : {});

describe('User → Create or Update', () => {
	const parameters = {
		resource: 'user',
		operation: 'createOrUpdate',
		email: '={{ $json.email }}',
		first_name: '={{ $json.first }}',
		last_name: '={{ $json.last }}',
		additionalFields: { wants_newsletter: true },
	};

	test('creates a new employee, then updates them on the next sync; the output says which', async () => {
		const email = `new.hire.${Date.now()}@example.com`;
		const before = sandboxes.eduframe.tables.users.length;
		const first = outputOf(await run(parameters, [{ email, first: 'Nora', last: 'Visser' }]), 'Vendor');
		expect(first).toEqual([expect.objectContaining({ email, first_name: 'Nora', outcome: 'created' })]);
		const second = outputOf(await run(parameters, [{ email, first: 'Nora', last: 'Visser-de Boer' }]), 'Vendor');
		expect(second).toEqual([expect.objectContaining({ id: first[0].id, last_name: 'Visser-de Boer', outcome: 'updated' })]);
		expect(sandboxes.eduframe.tables.users.length).toBe(before + 1);
	});

	test('a batch mixes creates and updates, one output item per input item', async () => {
		const existing = sandboxes.eduframe.tables.users[3];
		const fresh = `batch.${Date.now()}@example.com`;
		const items = outputOf(
			await run(parameters, [
				{ email: existing.email as string, first: 'Changed', last: 'Name' },
				{ email: fresh, first: 'Batch', last: 'Person' },
			]),
			'Vendor',
		);
		expect(items.map((item) => item.outcome)).toEqual(['updated', 'created']);
	});

	test('items run side by side keep their order, and the same email twice in a batch is created once', async () => {
		const stamp = Date.now();
		const input = Array.from({ length: 30 }, (_, index) => ({ email: `side.${stamp}.${index % 20}@example.com`, first: 'Side', last: `By Side ${index}` }));
		const before = sandboxes.eduframe.tables.users.length;
		const items = outputOf(await run(parameters, input), 'Vendor');
		expect(items.map((item) => item.email)).toEqual(input.map((entry) => entry.email));
		expect(items.map((item) => item.last_name)).toEqual(input.map((entry) => entry.last));
		expect(items.slice(0, 20).every((item) => item.outcome === 'created')).toBe(true);
		expect(items.slice(20).every((item) => item.outcome === 'updated')).toBe(true);
		expect(sandboxes.eduframe.tables.users.length).toBe(before + 20);
	});
});

describe('Order → Book', () => {
	test('books two students and approves at once: the students are enrolled', async () => {
		const enrollmentsBefore = sandboxes.eduframe.tables.enrollments.length;
		const [order] = outputOf(
			await run({
				resource: 'order',
				operation: 'book',
				catalog_variant_id: { __rl: true, mode: 'id', value: '1' },
				creator_id: { __rl: true, mode: 'id', value: '1' },
				student_ids: '5, 6',
				approve: true,
			}),
			'Vendor',
		);
		expect(order).toMatchObject({ status: 'active', student_ids: [5, 6], catalog_variant_id: 1 });
		const enrolled = sandboxes.eduframe.tables.enrollments.slice(enrollmentsBefore);
		expect(enrolled.map((enrollment) => enrollment.student_id)).toEqual([5, 6]);
		expect(sandboxes.eduframe.stats.byRoute['POST /api/v1/orders']).toBe(1);
	});

	test('left for approval: the order waits and nobody is enrolled yet', async () => {
		const enrollmentsBefore = sandboxes.eduframe.tables.enrollments.length;
		const [order] = outputOf(
			await run({
				resource: 'order',
				operation: 'book',
				catalog_variant_id: { __rl: true, mode: 'id', value: '2' },
				creator_id: { __rl: true, mode: 'id', value: '1' },
				student_ids: '7',
				approve: false,
			}),
			'Vendor',
		);
		expect(order.status).toBe('requested');
		expect(sandboxes.eduframe.tables.enrollments.length).toBe(enrollmentsBefore);
	});

	test('an unknown student is refused with the field named, and no order is made', async () => {
		const ordersBefore = sandboxes.eduframe.tables.orders.length;
		const result = await run({
			resource: 'order',
			operation: 'book',
			catalog_variant_id: { __rl: true, mode: 'id', value: '1' },
			creator_id: { __rl: true, mode: 'id', value: '1' },
			student_ids: '5, 999999',
			approve: true,
		});
		expect(errorOf(result, 'Vendor')?.message).toBe('Eduframe: Validation failed (student_ids: contains unknown users: 999999)');
		expect(sandboxes.eduframe.tables.orders.length).toBe(ordersBefore);
	});
});

describe('Invoice → Mark as Paid', () => {
	const open = () => sandboxes.eduframe.tables.invoices.find((invoice) => Number(invoice.outstanding_amount) > 100 && invoice.status !== 'paid')!;

	test('pays the outstanding amount: the invoice becomes paid; a second run pays nothing', async () => {
		const invoice = open();
		const parameters = { resource: 'invoice', operation: 'markAsPaid', invoiceId: { __rl: true, mode: 'id', value: String(invoice.id) }, payment_method_id: 1, date: '2026-03-31T00:00:00' };
		const [payment] = outputOf(await run(parameters), 'Vendor');
		expect(payment).toMatchObject({ amount: String(invoice.total_price_inc_vat), date: '2026-03-31', payment_method_id: 1 });
		expect(payment.invoice).toMatchObject({ status: 'paid', outstanding_amount: '0.00' });
		const again = await run(parameters);
		expect(errorOf(again, 'Vendor')?.message).toMatch(/has nothing outstanding$/);
	});

	test('a specific amount pays part of the invoice', async () => {
		const invoice = open();
		const before = Number(invoice.outstanding_amount);
		const [payment] = outputOf(
			await run({ resource: 'invoice', operation: 'markAsPaid', invoiceId: { __rl: true, mode: 'id', value: String(invoice.id) }, payment_method_id: 1, amountMode: 'specific', amount: '25,50' }),
			'Vendor',
		);
		expect(payment.amount).toBe('25.50');
		expect(Number((payment.invoice as IDataObject).outstanding_amount)).toBeCloseTo(before - 25.5, 2);
	});

	test.each([
		['at 23:30 UTC in winter, Eduframe\'s day in the Netherlands has begun', '2026-01-15T23:30:00Z', '2026-01-16'],
		['at 22:30 UTC in summer', '2026-07-15T22:30:00Z', '2026-07-16'],
		['just before midnight in the Netherlands on 29 February', '2028-02-29T22:59:00Z', '2028-02-29'],
	])('an empty payment date is today as Eduframe counts days: %s', async (_when, instant, day) => {
		const invoice = open();
		placeClock(instant);
		try {
			const [payment] = outputOf(await run({ resource: 'invoice', operation: 'markAsPaid', invoiceId: { __rl: true, mode: 'id', value: String(invoice.id) }, payment_method_id: 1 }), 'Vendor');
			expect(payment.date).toBe(day);
		} finally {
			restoreClock();
		}
	});
});
