import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Match before write, the same for every vendor: an operation that finds a record by a key and then
 * writes to it (create or update) refuses a blank key before any request, writes only to a record
 * whose key equals the input (emails compared without regard to capitals or surrounding spaces),
 * and refuses more than one match instead of guessing. A look-up answer that lists records which do
 * not carry the key at all is not what it claims, and nothing is written.
 */
export interface MatchKey {
	/** The vendor as users read it: "Eduframe", "accessplanit". */
	vendor: string;
	/** One record, and more than one: "user", "users". */
	noun: string;
	plural: string;
	/** The key as the user knows it: "Email", "External ID". */
	label: string;
	/** The node's field the user fills the key in, when it is not called `label` ("Value to Match"). */
	input?: string;
	/** The key's name on the vendor's records: `email`, `ExternalID`. */
	field: string;
	/** The record's own ID on the vendor's records (`id`, `ID`): the write goes to it. */
	idField: string;
	/** An email: compared without regard to capitals. */
	email?: boolean;
}

/** How a value of the key is compared: trimmed, and for emails in lower case. */
function normal(value: unknown, email: boolean | undefined): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	return email ? text.toLowerCase() : text;
}

/** Whether a record's key equals the input (emails without regard to capitals, both trimmed). */
export function sameKey(recordValue: unknown, input: string, email?: boolean): boolean {
	const value = normal(recordValue, email);
	return value !== '' && value === normal(input, email);
}

/** "this email", "this External ID". */
const keyWords = (key: MatchKey) => (key.email ? 'email' : key.label);

/** A record's ID as text; empty when it has none. */
const idOf = (record: IDataObject, key: MatchKey) => normal(record[key.idField], false);

/**
 * The item's key, trimmed; a blank one (missing, empty, only spaces) is refused before any request,
 * naming the field: without it the vendor's look-up could answer with anybody.
 */
export function requireKey(ctx: IExecuteFunctions, itemIndex: number, value: unknown, key: MatchKey): string {
	const text = value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
	if (!text) {
		const field = key.input ?? key.label;
		throw new NodeOperationError(ctx.getNode(), `The field "${field}" is empty`, {
			itemIndex,
			description: `${key.vendor} ${key.plural} are found by their ${keyWords(key)}, so an item without one cannot be matched to anyone. Give "${field}" a value (or leave such items out); nothing was sent.`,
		});
	}
	return text;
}

/**
 * The one record among a look-up's answer whose key equals `input`, or undefined when none has it
 * (then the caller creates). Refuses, naming the records, when:
 * - more than one record has the key (never guessed);
 * - a record does not carry the key at all (the answer is not what was asked for; records whose key
 *   merely contains it are a partial search's neighbours and are passed over);
 * - a record's key differs from the input only in capitals (for keys compared exactly);
 * - `complete` is false (the look-up could not read every candidate) and fewer than two matched;
 * - the matching record has no usable ID to write to.
 */
export function pickMatch(
	ctx: IExecuteFunctions,
	itemIndex: number,
	records: IDataObject[],
	input: string,
	key: MatchKey,
	complete = true,
): { record: IDataObject; id: string } | undefined {
	const nothingWritten = 'Nothing was written.';
	const wanted = normal(input, true);
	const strays = records.filter((record) => !normal(record[key.field], true).includes(wanted));
	if (strays.length) {
		const shown = strays.slice(0, 3).map((record) => `ID ${idOf(record, key) || '?'}, ${keyWords(key)} "${normal(record[key.field], false)}"`);
		throw new NodeOperationError(ctx.getNode(), `${key.vendor} answered the look-up by ${keyWords(key)} "${input}" with ${strays.length === 1 ? `1 ${key.noun} who does not have it` : `${strays.length} ${key.plural} who do not have it`}`, {
			itemIndex,
			description: `${nothingWritten} The answer listed ${shown.join('; ')}${strays.length > 3 ? '; …' : ''}, so it cannot tell which ${key.noun} is meant. Run again later; if it happens again, check with ${key.vendor}.`,
		});
	}
	const matches = records.filter((record) => sameKey(record[key.field], input, key.email));
	if (matches.length > 1) {
		throw new NodeOperationError(ctx.getNode(), `${withCount(matches.length, key)} have this ${keyWords(key)}: ${input} (IDs ${matches.map((record) => idOf(record, key) || '?').join(', ')})`, {
			itemIndex,
			description: `${nothingWritten} The node does not guess which one is meant: give each ${key.noun} their own ${keyWords(key)} in ${key.vendor} (or merge them), then run again.`,
		});
	}
	if (!key.email) {
		const nearly = records.filter((record) => !sameKey(record[key.field], input) && normal(record[key.field], true) === wanted);
		if (nearly.length) {
			const which = nearly.map((record) => idOf(record, key) || '?').join(', ');
			throw new NodeOperationError(ctx.getNode(), `${key.vendor} has ${nearly.length === 1 ? `a ${key.noun} (ID ${which})` : `${nearly.length} ${key.plural} (IDs ${which})`} whose ${keyWords(key)} differs from "${input}" only in capitals`, {
				itemIndex,
				description: `${nothingWritten} Make the ${keyWords(key)} the same in ${key.vendor} and in your data, then run again.`,
			});
		}
	}
	if (!complete && matches.length < 2) {
		throw new NodeOperationError(ctx.getNode(), `${key.vendor} found too many ${key.plural} for the ${keyWords(key)} "${input}" to be sure which one is meant`, {
			itemIndex,
			description: `${nothingWritten} Its look-up answered a full page of ${key.plural} whose ${keyWords(key)} contains this one. Use a more exact ${keyWords(key)}.`,
		});
	}
	const [record] = matches;
	if (!record) return undefined;
	const id = idOf(record, key);
	if (!id || id === '.' || id === '..') {
		throw new NodeOperationError(ctx.getNode(), `${key.vendor} answered with a ${key.noun} without a usable ID for the ${keyWords(key)} "${input}"`, {
			itemIndex,
			description: `${nothingWritten} Run again later; if it happens again, check the ${key.noun} in ${key.vendor}.`,
		});
	}
	return { record, id };
}

/**
 * A record read by its ID before a write (an invoice before a payment, a delegate before a status
 * change): refused unless it is the record that was asked for, so a wrong answer is never written on.
 */
export function requireSameRecord(ctx: IExecuteFunctions, itemIndex: number, record: unknown, id: string, key: Pick<MatchKey, 'vendor' | 'noun' | 'idField'>): IDataObject {
	const given = record && typeof record === 'object' && !Array.isArray(record) ? (record as IDataObject) : {};
	const found = normal(given[key.idField], false);
	if (found !== normal(id, false)) {
		throw new NodeOperationError(ctx.getNode(), `${key.vendor} answered with ${found ? `${key.noun} ${found}` : `no ${key.noun}`} when asked for ${key.noun} ${id}`, {
			itemIndex,
			description: `Nothing was written: the answer is not the record that was asked for. Run again later; if it happens again, check the ${key.noun} in ${key.vendor}.`,
		});
	}
	return given;
}

/** "1 Eduframe user", "2 Eduframe users". */
function withCount(count: number, key: MatchKey): string {
	return `${count} ${key.vendor} ${count === 1 ? key.noun : key.plural}`;
}
