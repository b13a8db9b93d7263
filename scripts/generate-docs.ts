/*
 * Writes the parts of docs/*.md that come from the nodes themselves, between `<!-- generated:… -->`
 * markers: on a node's page every resource and operation in one line each (`operations`), on a
 * trigger's page every event (`events`). The rest of each page is written by hand. Run
 * `npm run docs`; test/unit/docs.test.ts fails when a page lags behind the nodes.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Accessplanit } from '../nodes/Accessplanit/Accessplanit.node';
import { AccessplanitTrigger } from '../nodes/Accessplanit/AccessplanitTrigger.node';
import { Eduframe } from '../nodes/Eduframe/Eduframe.node';
import { EduframeTrigger } from '../nodes/Eduframe/EduframeTrigger.node';
import { Planaday } from '../nodes/Planaday/Planaday.node';
import { PlanadayTrigger } from '../nodes/Planaday/PlanadayTrigger.node';

const root = path.resolve(__dirname, '..');

const oneLine = (text: unknown) => String(text ?? '').replace(/\s+/g, ' ').trim();

/** A resource, then one line per operation (what the node's Operation dropdown shows, and what it does). */
export function operationsSection(node: INodeType): string {
	const properties = node.description.properties;
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	const lines: string[] = [];
	let count = 0;
	for (const resource of resources) {
		const operations = properties.filter((property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[] | undefined)?.includes(String(resource.value)));
		const options = operations.flatMap((property) => (property.options ?? []) as INodePropertyOptions[]);
		count += options.length;
		lines.push(`- **${resource.name}**`);
		for (const option of options) lines.push(`  - ${option.name}: ${oneLine(option.description ?? option.action)}`);
	}
	return [`${resources.length} resources, ${count} operations.`, '', ...lines].join('\n');
}

/** The options of a trigger's event field (`event` or `events`), "[All Events]" (`*`) included. */
function eventFieldOptions(trigger: INodeType): INodePropertyOptions[] {
	const field = trigger.description.properties.find((property) => property.name === 'event' || property.name === 'events');
	return (field?.options ?? []) as INodePropertyOptions[];
}

/** The options of a trigger's event field, without "[All Events]". */
function eventOptions(trigger: INodeType): INodePropertyOptions[] {
	return eventFieldOptions(trigger).filter((option) => option.value !== '*');
}

/** One line per event of a trigger, with what it means. */
export function eventsSection(trigger: INodeType): string {
	return eventOptions(trigger)
		.map((option) => `- **${option.name}**${option.description ? `: ${oneLine(option.description)}` : ''}`)
		.join('\n');
}

/**
 * A long event list ("Enrollment: Created", "Enrollment: Updated"…) grouped into one line per
 * kind of record: "**Enrollment**: Created, Deleted, Updated".
 */
export function groupedEventsSection(trigger: INodeType): string {
	const options = eventOptions(trigger);
	const groups = new Map<string, string[]>();
	for (const option of options) {
		const [group, action] = option.name.includes(': ') ? option.name.split(': ', 2) : ['Other', option.name];
		groups.set(group, [...(groups.get(group) ?? []), action]);
	}
	const all = eventFieldOptions(trigger).find((option) => option.value === '*');
	return [
		`${options.length} events about ${groups.size} kinds of record.${all ? ` Or pick **${all.name}** for every one of them.` : ''}`,
		'',
		...[...groups].map(([group, actions]) => `- **${group}**: ${actions.join(', ')}`),
	].join('\n');
}

/** The pages with generated sections, and what fills each section. */
export const PAGES: Array<{ file: string; sections: Record<string, () => string> }> = [
	{ file: 'docs/eduframe.md', sections: { operations: () => operationsSection(new Eduframe()) } },
	{ file: 'docs/planaday.md', sections: { operations: () => operationsSection(new Planaday()) } },
	{ file: 'docs/accessplanit.md', sections: { operations: () => operationsSection(new Accessplanit()) } },
	{ file: 'docs/eduframe-trigger.md', sections: { events: () => groupedEventsSection(new EduframeTrigger()) } },
	{ file: 'docs/planaday-trigger.md', sections: { events: () => eventsSection(new PlanadayTrigger()) } },
	{ file: 'docs/accessplanit-trigger.md', sections: { events: () => eventsSection(new AccessplanitTrigger()) } },
];

/** The names of the generated sections a page holds (`<!-- generated:NAME -->`). */
export function sectionsIn(text: string): string[] {
	return [...text.matchAll(/^<!-- generated:([\w-]+) -->$/gm)].map((match) => match[1]);
}

/**
 * A page with its generated sections brought up to date. Each section sits between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, each on its own line; what is between
 * them is replaced.
 */
export function rendered(text: string, sections: Record<string, () => string>): string {
	let result = text;
	for (const [name, make] of Object.entries(sections)) {
		const pattern = new RegExp(`(^<!-- generated:${name} -->\\n)(?:[\\s\\S]*?\\n)?(<!-- /generated:${name} -->$)`, 'm');
		if (!pattern.test(result)) throw new Error(`The page has no <!-- generated:${name} --> … <!-- /generated:${name} --> section (each marker on its own line)`);
		result = result.replace(pattern, (_match, start: string, end: string) => `${start}${make()}\n${end}`);
	}
	return result;
}

if (require.main === module) {
	for (const page of PAGES) {
		const file = path.join(root, page.file);
		const before = fs.readFileSync(file, 'utf8');
		const after = rendered(before, page.sections);
		if (after !== before) fs.writeFileSync(file, after);
		process.stdout.write(`${page.file}${after === before ? ' (up to date)' : ' (updated)'}\n`);
	}
}
