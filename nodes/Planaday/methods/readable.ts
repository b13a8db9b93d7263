import type { IDataObject, INodeListSearchItems, INodePropertyOptions } from 'n8n-workflow';

import { readableDay } from '../../shared/time';

/** Planaday's days are `YYYYMMDD`; people read `YYYY-MM-DD` (and n8n's date helpers take it too). */
export function planadayDay(value: unknown): unknown {
	const match = typeof value === 'string' || typeof value === 'number' ? /^(\d{4})(\d{2})(\d{2})$/.exec(String(value)) : null;
	return match ? `${match[1]}-${match[2]}-${match[3]}` : value;
}

/** Keys that hold a day as Planaday writes them. */
const DAY_KEY = /(^|_)date($|_)|^date_of_birth$/i;

/** The places left on a course (Planaday's `users.available`), when the record says. */
function placesLeftOf(record: IDataObject): number | undefined {
	const users = record.users;
	if (!users || typeof users !== 'object' || Array.isArray(users)) return undefined;
	const available = (users as IDataObject).available;
	return available === undefined || available === null || Number.isNaN(Number(available)) ? undefined : Math.max(0, Number(available));
}

/** What Planaday's `vat_code` stands for (its document's "VAT codes"). */
const VAT_RATES: Record<string, string> = { '0': '0% (none)', '1': '9% (low)', '2': '21% (high)' };

/**
 * A Planaday record as people read it: days as `YYYY-MM-DD` (nested records too, e.g. a course's
 * dayparts), a course's places left and whether it is full next to its places, and the VAT rate
 * next to Planaday's VAT code.
 */
export function readablePlanaday(record: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (DAY_KEY.test(key)) result[key] = planadayDay(value) as IDataObject[string];
		else if (Array.isArray(value)) result[key] = value.map((entry) => (entry && typeof entry === 'object' && !Array.isArray(entry) ? readablePlanaday(entry as IDataObject) : entry)) as IDataObject[];
		else if (value && typeof value === 'object' && !(value instanceof Date)) result[key] = readablePlanaday(value as IDataObject);
		else result[key] = value;
		// Planaday's VAT codes, as its document lists them: the rate next to the code.
		if (key === 'vat_code' && VAT_RATES[String(value)] && !('vat_rate' in record)) result.vat_rate = VAT_RATES[String(value)];
		if (key === 'users') {
			const left = placesLeftOf(record);
			if (left !== undefined) Object.assign(result, { places_left: left, full: left === 0 });
		}
	}
	return result;
}

/** An entry of a picker, with the text a search is matched against. */
export type SearchChoice = INodeListSearchItems & { searchText: string };

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/**
 * A daypart as the picker shows it, from its course in the course list (which gives a course's dayparts
 * by ID only): "First Aid at Work, daypart 2 of 3 (ehb-202612-001, starts Sat 12 Dec 2026)". The daypart's
 * place comes right after the course's name, so the picker, which cuts long lines, still shows it.
 */
export function daypartChoices(course: IDataObject): SearchChoice[] {
	const parts = Array.isArray(course.dayparts) ? (course.dayparts as unknown[]) : [];
	// The course's own count where it gives one: Planaday may list only a course's first daypart here.
	const amount = Number(course.daypart_amount);
	const total = Number.isInteger(amount) && amount >= parts.length ? amount : parts.length;
	const courseName = text(course.name) || `Course ${text(course.id)}`;
	// What tells two courses of one name apart comes last: a narrow picker cuts it off first.
	const more = [text(course.code), text(course.start_date) ? `starts ${readableDay(course.start_date)}` : ''].filter(Boolean).join(', ');
	return parts
		.map((part, index) => ({ id: text(part && typeof part === 'object' ? (part as IDataObject).id : part), index }))
		.filter(({ id }) => /^\d+$/.test(id))
		.map(({ id, index }) => ({
			name: `${courseName}, daypart ${index + 1} of ${total}${more ? ` (${more})` : ''}`,
			value: id,
			searchText: `${text(course.name)} ${text(course.code)}`,
		}));
}

/** A person as Planaday splits the name: first name (or initials), prefix ("de", "van") and last name, e.g. "Jan de Vries". */
export function instructorName(instructor: IDataObject): string {
	const name = [text(instructor.first_name) || text(instructor.initials), text(instructor.prefix), text(instructor.last_name)].filter(Boolean).join(' ');
	return name || `Instructor ${text(instructor.id)}`;
}

/** The answers a question takes (an attribute's `values`), each with Planaday's text for it: "ja (Exam included)". */
function answersOf(values: unknown): string[] {
	if (Array.isArray(values)) return values.map(text).filter(Boolean);
	if (!values || typeof values !== 'object') return [];
	return Object.entries(values as IDataObject).map(([answer, about]) => {
		const description = about && typeof about === 'object' && !Array.isArray(about) ? text((about as IDataObject).description) : '';
		return description && description !== answer ? `${answer} (${description})` : answer;
	});
}

/**
 * A course's questions at booking (its `attributes`, keyed by the question's name) as dropdown options:
 * the name, "(required)" where the booking must answer it, the code as the value, the answers it takes as the description.
 */
export function courseQuestions(attributes: unknown): INodePropertyOptions[] {
	if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return [];
	const options: INodePropertyOptions[] = [];
	for (const [name, raw] of Object.entries(attributes as IDataObject)) {
		if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
		const question = raw as IDataObject;
		const code = text(question.code);
		if (!code) continue;
		const answers = answersOf(question.values);
		const several = question.multiple_values_allowed === true || question.multiple_values_allowed === 1;
		options.push({
			name: `${name}${question.is_required === true || question.is_required === 1 ? ' (required)' : ''}`,
			value: code,
			description: answers.length ? `${several ? 'Answer with one or more of these, separated by commas' : 'Answer with one of these'}: ${answers.join(', ')}` : 'Planaday lists no answers for this question',
		});
	}
	return options;
}
