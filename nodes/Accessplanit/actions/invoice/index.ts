import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

export const INVOICE_MONEY = ['NetAmount', 'TaxAmount', 'GrossAmount', 'AmountOutstanding'];

/** Invoices are raised inside accessplanit; the API reads them and changes the due date and PO number. */
export const invoiceResource: ResourceDefinition = {
	value: 'invoice',
	name: 'Invoice',
	defaultOperation: GET_MANY,
	operations: moduleOperations(
		{
			module: 'Invoice',
			noun: 'invoice',
			plural: 'invoices',
			idParameter: 'invoiceId',
			idExample: '1042',
			readFields: ['ID', 'InvoiceNumber', 'CompanyID', 'CompanyName', ...INVOICE_MONEY, 'Status', 'DateIssued', 'DueDate', 'PONumber', 'DateCreated', 'DateUpdated'],
			money: INVOICE_MONEY,
			update: [
				{ api: 'DueDate', label: 'Due Date', type: 'dateTime' },
				{ api: 'PONumber', label: 'PO Number', description: "The customer's purchase order number", placeholder: 'e.g. PO-55012' },
			],
		},
		['getAll', 'get', 'update', 'delete'],
	),
};
