/**
 * What a user meets first, checked on every node's description: found by HR words (codex), each
 * vendor described as a vendor, actions as sentences with the right article, canvas subtitles in
 * words, every node and resource opening on a read, Simplify on every read, plain field names,
 * credentials that say where the key is made and what a refusal means.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { AccessplanitApi } from '../../credentials/AccessplanitApi.credentials';
import { EduframeApi } from '../../credentials/EduframeApi.credentials';
import { PlanadayApi } from '../../credentials/PlanadayApi.credentials';
import { accessplanitResources } from '../../nodes/Accessplanit/actions/resources';
import { AUTHORISATION_STATUSES } from '../../nodes/Accessplanit/actions/managerAuthorisation';
import { Accessplanit } from '../../nodes/Accessplanit/Accessplanit.node';
import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import { eduframeResources } from '../../nodes/Eduframe/actions/resources';
import { Eduframe } from '../../nodes/Eduframe/Eduframe.node';
import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
import { planadayResources } from '../../nodes/Planaday/actions/resources';
import { Planaday } from '../../nodes/Planaday/Planaday.node';
import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';
import { simplifyRecord } from '../../nodes/shared/operations/execute';
import type { ResourceDefinition } from '../../nodes/shared/operations/types';
import { withArticle } from '../../nodes/shared/operations/words';

const root = path.resolve(__dirname, '../..');
const ACTION_NODES: Array<[string, INodeType, ResourceDefinition[]]> = [
	['Eduframe', new Eduframe(), eduframeResources],
	['Planaday', new Planaday(), planadayResources],
	['accessplanit', new Accessplanit(), accessplanitResources],
];
const TRIGGERS: Array<[string, INodeType]> = [
	['EduframeTrigger', new EduframeTrigger()],
	['PlanadayTrigger', new PlanadayTrigger()],
	['AccessplanitTrigger', new AccessplanitTrigger()],
];
const codexOf = (vendor: string, file: string) => JSON.parse(fs.readFileSync(path.join(root, 'nodes', vendor, `${file}.node.json`), 'utf8')) as Record<string, unknown>;
const folderOf = (name: string) => (name.startsWith('Eduframe') ? 'Eduframe' : name.startsWith('Planaday') ? 'Planaday' : 'Accessplanit');

describe('found by what HR and L&D users type', () => {
	test.each([...ACTION_NODES.map(([name, node]) => [name, node] as const), ...TRIGGERS])('%s carries n8n codex metadata: HR & Training, search words, documentation', (name, node) => {
		const file = name === 'accessplanit' ? 'Accessplanit' : name;
		const codex = codexOf(folderOf(file), file);
		expect(codex.node).toBe(`n8n-nodes-training-systems.${node.description.name}`);
		expect(codex.categories).toEqual(['Productivity']);
		expect(codex.subcategories).toEqual({ Productivity: ['HR & Training'] });
		const aliases = (codex.alias as string[]).map((alias) => alias.toLowerCase());
		for (const word of ['hr', 'training', 'course', 'booking', 'lms', 'employee']) expect(aliases).toContain(word);
		const docs = (codex.resources as { primaryDocumentation: Array<{ url: string }> }).primaryDocumentation[0].url;
		expect(docs).toMatch(/\/docs\/[a-z-]+\.md$/);
	});

	test.each(TRIGGERS)("%s: the vendor's one entry in the nodes panel describes the vendor, not only the trigger", (_name, trigger) => {
		expect(trigger.description.description).not.toMatch(/^Starts the workflow/i);
		expect(trigger.description.description).toMatch(/workflows that start when/);
	});
});

describe.each(ACTION_NODES)('%s', (_vendor, node, resources) => {
	const properties = node.description.properties;
	const operations = resources.flatMap((resource) => resource.operations.map((operation) => ({ resource, operation })));

	test('every action is a sentence with the right article ("a user", "an invoice")', () => {
		for (const { operation } of operations) {
			expect(operation.action).toMatch(/^[A-Z]/);
			expect(operation.action).not.toMatch(/\ban (user|unique|[^aeiouh\s]\w*)\b/i);
			expect(operation.action).not.toMatch(/\ba (account|enrollment|invoice|order|attendance|affiliation|award|authentication|email|element|image|instructor|extra|organization|upsert)\b/i);
		}
		expect(withArticle('user')).toBe('a user');
		expect(withArticle('invoice VAT')).toBe('an invoice VAT');
	});

	test('the canvas subtitle says what the node does (the action), never resource and operation values', () => {
		const subtitle = String(node.description.subtitle);
		const map = JSON.parse(/\(({.*})\)\[/.exec(subtitle)![1]) as Record<string, string>;
		for (const { resource, operation } of operations) expect(map[`${resource.value}:${operation.value}`]).toBe(operation.action);
		expect(subtitle).not.toMatch(/\$parameter\["operation"\] \+ ": "/);
	});

	test('the node opens on a read, and so does every resource that has one', () => {
		const resourceProperty = properties.find((property) => property.name === 'resource')!;
		const opening = resources.find((resource) => resource.value === resourceProperty.default)!;
		const operationOf = (resource: ResourceDefinition) =>
			properties.find((property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[]).includes(resource.value))!;
		expect(opening.operations.find((operation) => operation.value === operationOf(opening).default)?.method).toBe('GET');
		for (const resource of resources) {
			if (!resource.operations.some((operation) => operation.method === 'GET')) continue;
			const chosen = resource.operations.find((operation) => operation.value === operationOf(resource).default);
			expect({ resource: resource.value, method: chosen?.method }).toEqual({ resource: resource.value, method: 'GET' });
		}
	});

	test('every read that puts out records offers Simplify, and no write does', () => {
		for (const { resource, operation } of operations) {
			const simplify = properties.find(
				(property) =>
					property.name === 'simplify' &&
					(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource.value) &&
					(property.displayOptions?.show?.operation as string[] | undefined)?.includes(operation.value),
			);
			expect({ operation: `${resource.value}.${operation.value}`, simplify: !!simplify }).toEqual({
				operation: `${resource.value}.${operation.value}`,
				simplify: operation.method === 'GET' && !operation.binary,
			});
		}
	});

	test('fields and choices are in plain words, not the API’s', () => {
		const names: string[] = [];
		const walk = (list: unknown[] | undefined) => {
			for (const entry of list ?? []) {
				const property = entry as INodeProperties & { values?: unknown[] };
				if (property.displayName) names.push(property.displayName);
				if (Array.isArray(property.options)) {
					for (const option of property.options) {
						if ((option as INodeProperties).displayName) walk([option]);
						else names.push(String((option as INodePropertyOptions).name));
					}
				}
				if (Array.isArray(property.values)) walk(property.values);
			}
		};
		walk(properties);
		const offending = names.filter((name) => /\b(With Authentication|Attributes|Locale)\b|^Custom$|^(De|En|Nl|Is)$|_/.test(name));
		expect(offending).toEqual([]);
	});
});

test('accessplanit: a manager authorisation status is chosen from a dropdown, like a user status', () => {
	const json = JSON.stringify(new Accessplanit().description.properties.filter((property) => (property.displayOptions?.show?.resource as string[] | undefined)?.includes('managerAuthorisation')));
	expect(json).toContain('"name":"statusValue"');
	for (const status of AUTHORISATION_STATUSES) expect(json).toContain(`"value":"${status}"`);
});

test('Simplify leaves out empty values and links, nested records too, and keeps everything else', () => {
	expect(
		simplifyRecord({ id: 7, name: 'Ann', note: null, tags: [], href: 'https://x/7', links: { self: 'x' }, address: { city: 'Utrecht', line2: '' }, empty: {}, when: '2026-11-24' }),
	).toEqual({ id: 7, name: 'Ann', address: { city: 'Utrecht' }, when: '2026-11-24' });
});

describe.each([
	['Eduframe', new EduframeApi(), 'docs/eduframe.md'],
	['Planaday', new PlanadayApi(), 'docs/planaday.md'],
	['accessplanit', new AccessplanitApi(), 'docs/accessplanit.md'],
] as Array<[string, ICredentialType, string]>)('the %s credential', (_vendor, credential, page) => {
	test("links to our page's credential section and says where the key is made", () => {
		expect(credential.documentationUrl).toMatch(new RegExp(`/${page.replace('.', '\\.')}#the-credential$`));
		const notice = credential.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/administrator|admin|settings|API/i);
	});

	test('a refused key is explained with what to do, not only "Unauthorized"', () => {
		const rules = (credential.test?.rules ?? []) as Array<{ type: string; properties: { value: number; message: string } }>;
		const unauthorized = rules.find((rule) => rule.type === 'responseCode' && rule.properties.value === 401);
		expect(unauthorized?.properties.message).toMatch(/refused|wrong|not accepted|incorrect/i);
		expect(unauthorized?.properties.message.length).toBeGreaterThan(40);
	});
});
