import type { ResourceDefinition } from '../../../shared/operations/types';
import { GET_MANY, moduleOperations } from '../module';

export const invoiceItemResource: ResourceDefinition = {
	value: 'invoiceItem',
	name: 'Invoice Item',
	defaultOperation: GET_MANY,
	operations: moduleOperations(
		{
			module: 'InvoiceItem',
			noun: 'invoice item',
			plural: 'invoice items',
			idParameter: 'invoiceItemId',
			idExample: '311',
			readFields: ['ID', 'InvoiceID', 'Description', 'Quantity', 'UnitNet', 'NetAmount', 'TaxAmount', 'GrossAmount', 'DateCreated'],
			names: ['InvoiceID'],
			money: ['UnitNet', 'NetAmount', 'TaxAmount', 'GrossAmount'],
		},
		['getAll'],
	),
};
