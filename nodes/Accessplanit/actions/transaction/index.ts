import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

/** Transactions are payments against invoices. A Create is a payment: it is never sent twice. */
export const transactionResource: ResourceDefinition = {
	value: 'transaction',
	name: 'Transaction',
	defaultOperation: GET_MANY,
	operations: moduleOperations({
		module: 'Transaction',
		noun: 'transaction',
		plural: 'transactions',
		idParameter: 'transactionId',
		idExample: '88',
		readFields: ['ID', 'InvoiceID', 'Amount', 'PaymentMethod', 'Reference', 'TransactionDate', 'DateCreated'],
		names: ['InvoiceID'],
		money: ['Amount'],
		create: {
			required: [
				{ api: 'InvoiceID', label: 'Invoice ID', placeholder: 'e.g. 1042', description: 'The invoice this payment is for' },
				{ api: 'Amount', label: 'Amount', type: 'money' },
			],
			optional: [
				{ api: 'PaymentMethod', label: 'Payment Method', placeholder: 'e.g. BACS' },
				{ api: 'Reference', label: 'Reference', placeholder: 'e.g. bank reference' },
				{ api: 'TransactionDate', label: 'Transaction Date', type: 'dateTime' },
			],
		},
		validate: (body) => {
			if (!(Number(body.Amount) > 0)) throw new Error('The field "Amount" needs an amount above zero, in pounds, e.g. 150.50');
		},
	}, ['getAll', 'get', 'create', 'delete']),
};
