import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { plainValue } from '../../../shared/operations/execute';
import { requireSameRecord } from '../../../shared/operations/match';
import type { OperationDefinition } from '../../../shared/operations/types';
import { dayIn } from '../../../shared/time';
import { vendorRequest } from '../../../shared/transport/request';
import { locator } from '../../methods/locator';
import { EDUFRAME_TIME_ZONE, eduframeProfile } from '../../transport';

/**
 * Invoice → Mark as Paid: records a payment for what is still outstanding (or a given amount),
 * with a payment method and date. Reads the invoice first, so an invoice that is already paid is
 * never paid twice.
 */
export const extraOperations: (generated: OperationDefinition[]) => OperationDefinition[] = () => [
	{
		value: 'markAsPaid',
		name: 'Mark as Paid',
		action: 'Mark an invoice as paid',
		description: 'Record a payment for the outstanding amount (or a given amount)',
		method: 'POST',
		path: '/invoices/{invoice_id}/payments',
		pathParameters: { invoice_id: 'invoiceId' },
		properties: [
			locator('invoiceId', 'searchInvoices', 'Invoice', '678', true),
			{
				displayName: 'Payment Method Name or ID',
				name: 'payment_method_id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPaymentMethods' },
				required: true,
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Amount',
				name: 'amountMode',
				type: 'options',
				default: 'outstanding',
				options: [
					{ name: 'Outstanding Amount', value: 'outstanding', description: 'Pay what is still open on the invoice' },
					{ name: 'Specific Amount', value: 'specific', description: 'Pay part of the invoice' },
				],
			},
			{
				displayName: 'Amount to Pay',
				name: 'amount',
				type: 'string',
				default: '',
				placeholder: 'e.g. 125.00',
				displayOptions: { show: { amountMode: ['specific'] } },
				description: 'In the invoice currency, with a dot for decimals',
			},
			{
				displayName: 'Payment Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: 'When the payment was received; empty means today (the day it is in the Netherlands)',
			},
		],
		bodyFrom: ['payment_method_id', 'amount', 'date'],
		fields: { payment_method_id: 'integer', date: 'date' },
		run: async (ctx, itemIndex, { body, url }) => {
			const invoiceUrl = url.replace(/\/payments$/, '');
			const invoiceId = String(plainValue(ctx.getNodeParameter('invoiceId', itemIndex)) ?? '').trim();
			// The payment is made on what this answer says is outstanding: it must be the invoice asked for.
			const read = (await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url: invoiceUrl, itemIndex })).body;
			const invoice = requireSameRecord(ctx, itemIndex, read, invoiceId, { vendor: 'Eduframe', noun: 'invoice', idField: 'id' });
			const outstanding = Number(invoice.outstanding_amount ?? invoice.total_price_inc_vat ?? 0);
			const mode = ctx.getNodeParameter('amountMode', itemIndex, 'outstanding') as string;
			const amount = mode === 'specific' ? Number(String(body.amount ?? '').replace(',', '.')) : outstanding;
			if (mode === 'specific' && (!Number.isFinite(amount) || amount <= 0)) {
				throw new NodeOperationError(ctx.getNode(), 'The field "Amount to Pay" needs an amount above 0, e.g. 125.00', { itemIndex });
			}
			if (outstanding <= 0) {
				throw new NodeOperationError(ctx.getNode(), `Invoice ${String(invoice.number ?? invoice.id)} has nothing outstanding`, {
					itemIndex,
					description: 'It is already paid, so no payment was recorded.',
				});
			}
			const payment = await vendorRequest.call(ctx, eduframeProfile, {
				method: 'POST',
				url,
				body: {
					amount: amount.toFixed(2),
					payment_method_id: body.payment_method_id,
					date: (body.date as string | undefined) ?? dayIn(EDUFRAME_TIME_ZONE, Date.now()),
				},
				itemIndex,
			});
			const after = (await vendorRequest.call(ctx, eduframeProfile, { method: 'GET', url: invoiceUrl, itemIndex })).body as IDataObject;
			return [{ ...(payment.body as IDataObject), invoice: after }];
		},
	},
];
