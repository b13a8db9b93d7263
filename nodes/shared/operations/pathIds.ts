import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { plainValue } from './execute';

/** How a vendor's IDs of one kind look, so a value that is no such ID is refused before it becomes part of a path. */
export interface IdShape {
	pattern: RegExp;
	/** An ID of this kind, for the message: "1234". */
	example: string;
	/** What such an ID is, in plain words: "a whole number". */
	words: string;
}

export const WHOLE_NUMBER: IdShape = { pattern: /^\d+$/, example: '1234', words: 'a whole number' };

/**
 * A value given for an ID that goes into a path, trimmed and checked: an empty one is refused, and so
 * is one that could not be a single part of a path (`.`, `..`, or with `/`, `\`, `?`, `#`, `%` or a
 * control character) or that has not the vendor's shape for it. Throws an Error naming the field.
 */
export function checkPathId(value: unknown, label: string, shape?: IdShape): string {
	const id = String(plainValue(value) ?? '').trim();
	if (!id) throw new Error(`The field "${label}" is empty`);
	const control = [...id].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127);
	if (id === '.' || id === '..' || control || /[/\\?#%]/.test(id) || (shape && !shape.pattern.test(id))) {
		throw new Error(`The field "${label}" needs ${shape ? `${shape.words}, e.g. ${shape.example}` : 'an ID'}, not "${id}"`);
	}
	return id;
}

/**
 * For an operation's `buildBody`: checks the item's IDs that go into the path before any request, and
 * adds nothing to the body.
 */
export function idsChecked(fields: Array<{ parameter: string; label: string; shape?: IdShape }>): (ctx: IExecuteFunctions, itemIndex: number) => IDataObject {
	return (ctx, itemIndex) => {
		for (const { parameter, label, shape } of fields) checkPathId(ctx.getNodeParameter(parameter, itemIndex, ''), label, shape);
		return {};
	};
}
