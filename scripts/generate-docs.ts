/*
 * Writes the parts of docs/*.md that come from the nodes themselves: every resource and operation
 * in one line, and every trigger event, between `<!-- generated:… -->` markers. The rest of each
 * page is written by hand. Run `npm run docs`; the unit test "docs are up to date" fails when a
 * page lags behind the nodes.
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

/** One line per operation, grouped by resource, from the node's own description. */
export function operationsSection(node: INodeType): string {
	const properties = node.description.properties;
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	const lines: string[] = [];
	for (const resource of resources) {
		const operations = properties.filter((property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[] | undefined)?.includes(String(resource.value)));
		const options = operations.flatMap((property) => (property.options ?? []) as INodePropertyOptions[]);
		lines.push(`- **${resource.name}**`);
		for (const option of options) lines.push(`  - ${option.name}: ${String(option.description ?? option.action ?? '').replace(/\s+/g, ' ')}`);
	}
	return lines.join('\n');
}

/** One line per event of a trigger. */
export function eventsSection(trigger: INodeType): string {
	const events = trigger.description.properties.find((property) => property.name === 'event' || property.name === 'events');
	const options = (events?.options ?? []) as INodePropertyOptions[];
	return options.map((option) => `- ${option.name}${option.description ? `: ${option.description}` : ''}`).join('\n');
}

export const PAGES: Array<{ file: string; sections: Record<string, () => string> }> = [
	{ file: 'docs/eduframe.md', sections: { operations: () => operationsSection(new Eduframe()), events: () => `${(new EduframeTrigger().description.properties.find((p) => p.name === 'events')?.options ?? []).length} events; the list is in the trigger's Events field (every event Eduframe sends, "Resource: Action").` } },
	{ file: 'docs/planaday.md', sections: { operations: () => operationsSection(new Planaday()), events: () => eventsSection(new PlanadayTrigger()) } },
	{ file: 'docs/accessplanit.md', sections: { operations: () => operationsSection(new Accessplanit()), events: () => eventsSection(new AccessplanitTrigger()) } },
];

/** A page with its generated sections brought up to date. */
export function rendered(text: string, sections: Record<string, () => string>): string {
	let result = text;
	for (const [name, make] of Object.entries(sections)) {
		const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`);
		if (!pattern.test(result)) throw new Error(`The page has no <!-- generated:${name} --> section`);
		result = result.replace(pattern, (_match, start: string, end: string) => `${start}${make()}${end}`);
	}
	return result;
}

if (require.main === module) {
	for (const page of PAGES) {
		const file = path.join(root, page.file);
		fs.writeFileSync(file, rendered(fs.readFileSync(file, 'utf8'), page.sections));
		process.stdout.write(`${page.file}\n`);
	}
}
