import type { IDataObject } from 'n8n-workflow';

/**
 * Rules Eduframe's OpenAPI file states in prose, checked before anything is sent (the generator
 * attaches them to operations by name; see RULES in scripts/generate-eduframe.ts).
 */

/** At least one of these body keys (API name -> field name) has a value, e.g. a grade or a score. */
export function atLeastOne(fields: Record<string, string>): (body: IDataObject) => void {
	return (body) => {
		const given = Object.keys(fields).some((key) => body[key] !== undefined && body[key] !== null && body[key] !== '');
		if (!given) {
			const names = Object.values(fields).map((name) => `"${name}"`);
			throw new Error(`${names.slice(0, -1).join(', ')} and ${names.at(-1)} are both empty: Eduframe needs at least one of them`);
		}
	};
}
