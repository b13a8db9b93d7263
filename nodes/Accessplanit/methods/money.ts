import type { IDataObject } from 'n8n-workflow';

/**
 * accessplanit keeps amounts in pence. Records are put out with each amount in pounds under its
 * own name and the pence kept beside it (`NetCost: 150.5`, `NetCostPence: 15050`), so a user
 * reads and enters pounds while nothing is lost.
 */
export function showInPounds(record: IDataObject, fields: string[]): IDataObject {
	const shown: IDataObject = { ...record };
	for (const field of fields) {
		const pence = record[field];
		if (typeof pence !== 'number' && !(typeof pence === 'string' && /^-?\d+$/.test(pence))) continue;
		shown[field] = Number(pence) / 100;
		shown[`${field}Pence`] = Number(pence);
	}
	return shown;
}
