import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toMinorUnits } from '../../shared/operations/execute';
import { isCalendarDay } from '../../shared/time';

export type FilterOperator = 'eq' | 'ne' | 'gt' | 'lt' | 'contains' | 'blank';

/** The operators the filter builder offers, as it names them: nothing else reaches `$filter`. */
const OPERATORS: Record<FilterOperator, string> = { contains: 'Contains', eq: 'Equals', gt: 'Greater Than', blank: 'Is Blank', lt: 'Less Than', ne: 'Not Equals' };

/** A field name accessplanit's query options can carry: letters, digits and underscores (`Surname`, `CF_ShirtSize`). */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An API name as a label: "FullyBooked" → "Fully Booked", "MainCompanyID" → "Main Company ID", "PONumber" → "PO Number". */
export function splitWords(value: string): string {
	return value.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

/** An OData literal: every value in single quotes (as accessplanit's own client sends), quotes doubled. */
export function odataLiteral(value: unknown): string {
	return `'${String(value ?? '').replace(/'/g, "''")}'`;
}

/** Fields that hold a date or a time ("StartDate", "DateCreated", "CourseDateStartDate"). */
const DATE_FIELD = /(^Date|Date$)/;

/** Fields that hold a whole number (places, days, seats). */
const NUMBER_FIELDS = new Set(['MaxPlaces', 'MinPlaces', 'PlacesRemaining', 'Duration', 'Capacity', 'Quantity']);

/** Fields that hold yes or no. */
const YES_NO_FIELDS = new Set(['IsTrainingProvider', 'ChargePerDelegate', 'CourseIsAdvertised', 'MarketingOptIn']);

/** A date or date-time accessplanit can compare: a day on the calendar, with an optional time. */
function isDateValue(value: unknown): boolean {
	const match = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?$/.exec(String(value ?? '').trim());
	return !!match && isCalendarDay(match[1]);
}

/** Operators that fit a field holding one of a list of values (a status) or yes/no: no order, no part of a word. */
const LIST_OPERATORS: FilterOperator[] = ['eq', 'ne', 'blank'];

/** Operators that fit a date, a number or an amount: compared, never searched for as text. */
const ORDERED_OPERATORS: FilterOperator[] = ['eq', 'ne', 'gt', 'lt', 'blank'];

/** The operators that fit a field, or undefined when any does (text, custom fields). */
function fittingOperators(field: string, money: string[], statuses: string[]): FilterOperator[] | undefined {
	if ((field === 'Status' && statuses.length) || YES_NO_FIELDS.has(field)) return LIST_OPERATORS;
	if (DATE_FIELD.test(field) || NUMBER_FIELDS.has(field) || money.includes(field)) return ORDERED_OPERATORS;
	return undefined;
}

/** "Equals, Not Equals or Is Blank". */
const operatorNames = (operators: FilterOperator[]) => {
	const names = operators.map((operator) => OPERATORS[operator]);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
};

/**
 * Conditions joined with AND into accessplanit's `$filter` (it has no OR). A condition whose
 * operator does not fit its field (a status "Greater Than", a date that "Contains"), or whose status
 * is not one of this record type's (a value kept from another resource), is refused, saying what fits.
 */
export function compileFilter(
	conditions: Array<{ field?: string; customField?: string; operator?: FilterOperator; value?: unknown; statusValue?: unknown }>,
	money: string[] = [],
	statuses: string[] = [],
): string | undefined {
	const parts = conditions.map((given, index) => {
		const raw = given.statusValue !== undefined && (given.field === 'Status') ? { ...given, value: given.statusValue } : given;
		const field = String((raw.field === '__custom' ? raw.customField : raw.field) ?? '').trim();
		if (!FIELD_NAME.test(field)) {
			throw new Error(`Filter ${index + 1}: "${field}" is not a field name (letters, digits and underscores, e.g. Surname)`);
		}
		// An operator given by an expression is one of the builder's, or the condition is refused.
		const operator = String(raw.operator ?? 'eq').trim() as FilterOperator;
		if (!Object.prototype.hasOwnProperty.call(OPERATORS, operator)) {
			throw new Error(
				`Filter ${index + 1}: the field "Operator" needs one of ${Object.entries(OPERATORS).map(([value, name]) => `${value} (${name})`).join(', ')} (got "${operator}")`,
			);
		}
		const fitting = fittingOperators(field, money, statuses);
		if (fitting && !fitting.includes(operator)) {
			throw new Error(
				`Filter ${index + 1}: "${splitWords(field)}" cannot be compared with "${OPERATORS[operator]}": choose ${operatorNames(fitting)} as its Operator`,
			);
		}
		if (field === 'Status' && statuses.length && operator !== 'blank') {
			const given = String(raw.value ?? '').trim();
			const status = statuses.find((known) => known.toLowerCase() === given.toLowerCase() || splitWords(known).toLowerCase() === given.toLowerCase());
			if (status === undefined) {
				throw new Error(`Filter ${index + 1}: "${given}" is not a status here: choose one of ${statuses.map(splitWords).join(', ')} as its Status`);
			}
			return `${field} ${operator} ${odataLiteral(status)}`;
		}
		// Amounts are entered in pounds and compared in pence, as accessplanit keeps them.
		const condition = money.includes(field) && operator !== 'contains' && operator !== 'blank'
			? { ...raw, value: toMinorUnits(raw.value, `Filter ${index + 1}: ${field}`) }
			: raw;
		// A date compared with something that is no date would match nothing and look like "no data".
		if (DATE_FIELD.test(field) && operator !== 'contains' && operator !== 'blank' && !isDateValue(condition.value)) {
			throw new Error(`Filter ${index + 1}: "${splitWords(field)}" needs a date, e.g. 2026-03-31 or 2026-03-31T09:00:00 (got "${String(condition.value ?? '')}")`);
		}
		const compared = operator !== 'contains' && operator !== 'blank';
		if (compared && NUMBER_FIELDS.has(field) && !/^-?\d+(\.\d+)?$/.test(String(condition.value ?? '').trim())) {
			throw new Error(`Filter ${index + 1}: "${splitWords(field)}" needs a number, e.g. 12 (got "${String(condition.value ?? '')}")`);
		}
		if (compared && YES_NO_FIELDS.has(field)) {
			const answer = String(condition.value ?? '').trim().toLowerCase();
			if (!['true', 'false'].includes(answer)) throw new Error(`Filter ${index + 1}: "${splitWords(field)}" is yes or no: write true or false (got "${String(condition.value ?? '')}")`);
			return `${field} ${operator} ${odataLiteral(answer)}`;
		}
		switch (operator) {
			case 'contains':
				return `contains(${field}, ${odataLiteral(condition.value)})`;
			case 'blank':
				return `${field} eq null`;
			default:
				return `${field} ${operator} ${odataLiteral(condition.value)}`;
		}
	});
	return parts.length ? parts.join(' and ') : undefined;
}

const EXPRESSION_NOTE = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/**
 * The filter builder, sort and field selection every accessplanit Get Many offers: over a
 * module's known fields, or (`fields` a loadOptions method) over the fields the platform describes.
 */
export function listOptions(fields: string[] | { loadOptionsMethod: string; dependsOn: string[] }, money: string[] = [], statuses: string[] = []): INodeProperties[] {
	const fromPlatform = !Array.isArray(fields);
	// Readable names ("Main Company ID"), the API's names as values.
	const choices = fromPlatform ? [] : fields.map((name) => ({ name: splitWords(name), value: name }));
	const fieldOptions = [...choices, { name: 'Other (Custom Field)', value: '__custom' }];
	const dynamic = fromPlatform ? { typeOptions: { loadOptionsMethod: fields.loadOptionsMethod, loadOptionsDependsOn: fields.dependsOn } } : undefined;
	// The module's first field, and its first documented status, are where the dropdowns start.
	const firstField = fromPlatform ? '' : (fields[0] ?? '__custom');
	const firstStatus = statuses[0] ?? '';
	const fieldProperty: INodeProperties = dynamic
		? { displayName: 'Field Name or ID', name: 'field', type: 'options', ...dynamic, default: '', description: EXPRESSION_NOTE }
		: { displayName: 'Field', name: 'field', type: 'options', options: fieldOptions, default: firstField };
	const selectProperty: INodeProperties = dynamic
		? { displayName: 'Fields to Return Names or IDs', name: 'select', type: 'multiOptions', ...dynamic, default: [], description: EXPRESSION_NOTE }
		: { displayName: 'Fields to Return', name: 'select', type: 'multiOptions', options: choices, default: [] };
	const sortProperty: INodeProperties = dynamic
		? { displayName: 'Sort By Name or ID', name: 'sortBy', type: 'options', ...dynamic, default: '', description: EXPRESSION_NOTE }
		: { displayName: 'Sort By', name: 'sortBy', type: 'options', options: choices, default: 'DateCreated' };
	// Said in the panel as soon as an operator does not fit the field picked (a status "Greater Than"),
	// as the run refuses it: a choice kept from another field or resource would otherwise look fine.
	const known = fromPlatform ? [] : fields;
	const listFields = known.filter((name) => fittingOperators(name, money, statuses) === LIST_OPERATORS);
	const orderedFields = known.filter((name) => fittingOperators(name, money, statuses) === ORDERED_OPERATORS);
	const notice = (name: string, displayName: string, shownFor: string[], operators: FilterOperator[]): INodeProperties[] =>
		shownFor.length ? [{ displayName, name, type: 'notice', default: '', displayOptions: { show: { field: shownFor, operator: operators } } }] : [];
	const notices: INodeProperties[] = [
		...notice('operatorDoesNotFitList', `This field is compared with ${operatorNames(LIST_OPERATORS)} only: choose one of those as the Operator`, listFields, ['gt', 'lt', 'contains']),
		...notice('operatorDoesNotFitOrdered', `This field holds a date, a number or an amount: choose ${operatorNames(ORDERED_OPERATORS)} as the Operator, not Contains`, orderedFields, ['contains']),
	];
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Condition',
			default: {},
			description: 'Only records that meet every condition',
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						fieldProperty,
						{ displayName: 'Custom Field Name', name: 'customField', type: 'string', default: '', displayOptions: { show: { field: ['__custom'] } } },
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							default: 'eq',
							options: [
								{ name: 'Contains', value: 'contains' },
								{ name: 'Equals', value: 'eq' },
								{ name: 'Greater Than', value: 'gt' },
								{ name: 'Is Blank', value: 'blank' },
								{ name: 'Less Than', value: 'lt' },
								{ name: 'Not Equals', value: 'ne' },
							],
						},
						...notices,
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							// A status is picked from its documented values (below) instead.
							displayOptions: { hide: { operator: ['blank'], ...(statuses.length ? { field: ['Status'] } : {}) } },
							description: money.length ? `Amounts (${money.join(', ')}) in pounds, e.g. 150.50` : 'Dates as 2026-03-31 or 2026-03-31T09:00:00',
						},
						...(statuses.length
							? [
									{
										displayName: 'Status',
										name: 'statusValue',
										type: 'options',
										options: statuses.map((status) => ({ name: splitWords(status), value: status })),
										default: firstStatus,
										displayOptions: { show: { field: ['Status'], operator: ['eq', 'ne', 'gt', 'lt', 'contains'] } },
									} as INodeProperties,
								]
							: []),
					],
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				selectProperty,
				sortProperty,
				{
					displayName: 'Sort Order',
					name: 'sortOrder',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: 'asc',
				},
			],
		},
	];
}

/** `$filter`, `$orderby` and `$select` from the builder's values. */
export function listQuery(parameters: IDataObject, money: string[] = [], statuses: string[] = []): IDataObject {
	const conditions = ((parameters.filters as IDataObject | undefined)?.condition as IDataObject[] | undefined) ?? [];
	const options = (parameters.options ?? {}) as { select?: string[]; sortBy?: string; sortOrder?: string };
	const qs: IDataObject = {};
	const filter = compileFilter(conditions as Array<{ field?: string; operator?: FilterOperator; value?: unknown }>, money, statuses);
	if (filter) qs.$filter = filter;
	// Sort and field names given by expressions reach the query only as field names, the order only as asc or desc.
	if (options.sortBy) {
		const sortBy = String(options.sortBy).trim();
		if (!FIELD_NAME.test(sortBy)) throw new Error(`The field "Sort By" needs a field name (letters, digits and underscores, e.g. Surname), not "${sortBy}"`);
		const order = String(options.sortOrder ?? 'asc').trim().toLowerCase();
		if (order !== 'asc' && order !== 'desc') throw new Error(`The field "Sort Order" needs Ascending (asc) or Descending (desc), not "${String(options.sortOrder)}"`);
		qs.$orderby = `${sortBy} ${order}`;
	}
	const select = (Array.isArray(options.select) ? options.select : typeof options.select === 'string' ? String(options.select).split(',') : []).map((name) => String(name).trim()).filter(Boolean);
	const badSelect = select.find((name) => !FIELD_NAME.test(name));
	if (badSelect !== undefined) throw new Error(`The field "Fields to Return" needs field names (letters, digits and underscores, e.g. Surname), not "${badSelect}"`);
	if (select.length) qs.$select = select.join(',');
	return qs;
}
