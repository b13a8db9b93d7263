import type { FieldType, IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** The parts of n8n's resource mapper value this package reads (the same in n8n 1.x and 2.x). */
interface MapperValue {
	mappingMode?: 'defineBelow' | 'autoMapInputData' | string;
	value?: IDataObject | null;
	matchingColumns?: string[];
	schema?: Array<{ id: string; displayName?: string; type?: FieldType; display?: boolean; removed?: boolean; readOnly?: boolean }>;
}

/**
 * The values a resource mapper gives for one item, by field ID: mapped below, or taken from the
 * input item's own keys ("Map Automatically"). Empty values are left out; numbers and booleans
 * given as text are turned into numbers and booleans, and one that cannot be is refused by name.
 */
export function mappedValues(ctx: IExecuteFunctions, itemIndex: number, parameter: string): { values: IDataObject; matchingColumns: string[] } {
	const mapping = (ctx.getNodeParameter(parameter, itemIndex, {}) ?? {}) as MapperValue;
	const schema = (mapping.schema ?? []).filter((field) => field.display !== false && !field.removed && !field.readOnly);
	const source: IDataObject =
		mapping.mappingMode === 'autoMapInputData'
			? Object.fromEntries(Object.entries(ctx.getInputData()[itemIndex]?.json ?? {}).filter(([key]) => schema.some((field) => field.id === key)))
			: { ...(mapping.value ?? {}) };
	const values: IDataObject = {};
	for (const [key, raw] of Object.entries(source)) {
		if (raw === undefined || raw === null || raw === '') continue;
		const field = schema.find((entry) => entry.id === key);
		const name = field?.displayName ?? key;
		if (field?.type === 'number' && typeof raw !== 'number') {
			const number = Number(String(raw).trim());
			if (!String(raw).trim() || Number.isNaN(number)) throw new Error(`The field "${name}" needs a number (got "${String(raw)}")`);
			values[key] = number;
		} else if (field?.type === 'boolean' && typeof raw !== 'boolean') {
			const text = String(raw).trim().toLowerCase();
			if (!['true', 'false', '1', '0', 'yes', 'no'].includes(text)) throw new Error(`The field "${name}" needs true or false (got "${String(raw)}")`);
			values[key] = ['true', '1', 'yes'].includes(text);
		} else {
			values[key] = raw;
		}
	}
	return { values, matchingColumns: mapping.matchingColumns ?? [] };
}
