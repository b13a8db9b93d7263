/**
 * The user documentation in docs/ against the package itself:
 * - the generated parts of each page (operations, events) are what `npm run docs` writes now;
 * - every image a page shows is one of the screenshots the browser test makes, and exists in docs/images;
 * - every credential's documentation link (`…/docs/<page>.md#the-credential`) lands on a "## The credential" heading;
 * - every codex documentation link points at a page that exists (and its anchor at a heading);
 * - links between the pages land on pages and headings that exist.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { PAGES, rendered, sectionsIn } from '../../scripts/generate-docs';

const root = path.resolve(__dirname, '../..');
const docsDir = path.join(root, 'docs');
const REPOSITORY_DOCS = 'https://github.com/n8n-nodes-training-systems/n8n-nodes-training-systems/blob/main/docs/';

/** The screenshots the browser test writes into docs/images; the pages show these and no others. */
const SCREENSHOTS = [
	'workflows-list.png',
	'nodes-panel-hr.png',
	'eduframe-actions.png',
	'eduframe-node.png',
	'planaday-node.png',
	'accessplanit-node.png',
	'eduframe-trigger-node.png',
	'planaday-trigger-node.png',
	'accessplanit-trigger-node.png',
	'eduframe-credential.png',
	'planaday-credential.png',
	'accessplanit-credential.png',
	'accessplanit-dropdown.png',
	'eduframe-user-picker.png',
	'example-run.png',
	'canvas-subtitles.png',
	'eduframe-trigger-test-event.png',
	'eduframe-hr-sync-preview.png',
	'accessplanit-hr-sync-preview.png',
	'canvas-trigger-subtitles.png',
	'accessplanit-output-names.png',
	'accessplanit-credential-wrong-password.png',
	'eduframe-enroll-course-picker.png',
	'eduframe-book-course-picker.png',
	'planaday-daypart-picker.png',
];

const pageFiles = fs
	.readdirSync(docsDir)
	.filter((name) => name.endsWith('.md'))
	.sort();
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The page's lines outside fenced code blocks. */
function proseLines(text: string): string[] {
	let fenced = false;
	return text.split('\n').filter((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return false;
		}
		return !fenced;
	});
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of proseLines(text)) {
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count ? `${slug}-${count}` : slug);
	}
	return anchors;
}

/** Every link target of a page outside code: `[text](target)`, `![alt](target)` and `<img src="target">`. */
function linksOf(text: string): Array<{ image: boolean; target: string }> {
	const prose = proseLines(text)
		.join('\n')
		.replace(/`[^`\n]*`/g, '');
	const links: Array<{ image: boolean; target: string }> = [];
	for (const match of prose.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ image: match[1] === '!', target: match[2] });
	for (const match of prose.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) links.push({ image: true, target: match[1] });
	return links;
}

describe('docs: generated sections', () => {
	test('every page with generated sections is known to scripts/generate-docs.ts', () => {
		const known = new Set(PAGES.map((page) => page.file));
		const withSections = pageFiles.map((name) => `docs/${name}`).filter((file) => sectionsIn(read(file)).length > 0);
		expect(withSections.filter((file) => !known.has(file))).toEqual([]);
	});

	describe.each(PAGES.map((page) => [page.file, page] as const))('%s', (file, page) => {
		test('has exactly the generated sections the script fills, each opened and closed on its own line', () => {
			const text = read(file);
			expect(sectionsIn(text).sort()).toEqual(Object.keys(page.sections).sort());
			for (const name of Object.keys(page.sections)) {
				expect(text.split('\n').filter((line) => line === `<!-- /generated:${name} -->`)).toHaveLength(1);
			}
		});

		test.each(Object.keys(page.sections))('section "%s" is what `npm run docs` writes now', (name) => {
			const text = read(file);
			const section = (page: string) => new RegExp(`^<!-- generated:${name} -->\\n([\\s\\S]*?)\\n?<!-- /generated:${name} -->$`, 'm').exec(page)?.[1];
			const expected = section(rendered(text, { [name]: page.sections[name] }));
			// When this fails, run `npm run docs` and commit the pages it changed.
			expect(section(text)).toEqual(expected);
		});

		test('the whole page is unchanged by `npm run docs`', () => {
			const text = read(file);
			expect(rendered(text, page.sections) === text).toBe(true);
		});
	});

	test('node pages list operations and trigger pages list events', () => {
		for (const page of PAGES) {
			const trigger = page.file.endsWith('-trigger.md');
			expect([page.file, Object.keys(page.sections)]).toEqual([page.file, [trigger ? 'events' : 'operations']]);
		}
	});
});

describe('docs: screenshots', () => {
	const linked = pageFiles.flatMap((name) =>
		linksOf(fs.readFileSync(path.join(docsDir, name), 'utf8'))
			.filter((link) => link.image)
			.map((link) => ({ page: `docs/${name}`, target: link.target })),
	);

	test('every image a page shows is one of the screenshots, linked as images/<name>.png', () => {
		const strangers = linked.filter((link) => !/^images\/[\w-]+\.png$/.test(link.target) || !SCREENSHOTS.includes(link.target.slice('images/'.length)));
		expect(strangers).toEqual([]);
	});

	test('every screenshot is shown on at least one page', () => {
		const shown = new Set(linked.map((link) => link.target.replace(/^images\//, '')));
		expect(SCREENSHOTS.filter((name) => !shown.has(name))).toEqual([]);
	});

	// The screenshots are made by the browser test; none is skipped: a missing one fails here.
	test.each(linked.map((link) => [link.target, link.page] as const))('%s (shown on %s) exists under docs/images', (target) => {
		const file = path.resolve(docsDir, target);
		expect(file.startsWith(path.join(docsDir, 'images') + path.sep)).toBe(true);
		expect(fs.existsSync(file) ? `${target}: exists` : `${target}: missing`).toBe(`${target}: exists`);
	});
});

describe('docs: links', () => {
	/** A documentation URL of this repository as the page file and the anchor, e.g. `docs/eduframe.md`, `the-credential`. */
	function ourPage(url: string): { file: string; anchor?: string } {
		expect(url.startsWith(REPOSITORY_DOCS) ? 'in this repository’s docs' : url).toBe('in this repository’s docs');
		const [page, anchor] = url.slice(REPOSITORY_DOCS.length).split('#');
		return { file: `docs/${page}`, anchor };
	}

	const credentialFiles = fs.readdirSync(path.join(root, 'credentials')).filter((name) => name.endsWith('.credentials.ts')).sort();

	test.each(credentialFiles)('credentials/%s: its documentation link lands on "## The credential"', (name) => {
		const exported = require(path.join(root, 'credentials', name)) as Record<string, new () => ICredentialType>;
		const credentials = Object.values(exported)
			.filter((value) => typeof value === 'function')
			.map((Type) => new Type());
		expect(credentials.length).toBeGreaterThan(0);
		for (const credential of credentials) {
			const url = String(credential.documentationUrl ?? '');
			const { file, anchor } = ourPage(url);
			expect(anchor).toBe('the-credential');
			expect(fs.existsSync(path.join(root, file)) ? file : `${file} is missing`).toBe(file);
			const text = read(file);
			expect(proseLines(text).filter((line) => line === '## The credential')).toHaveLength(1);
			expect(anchorsOf(text).has('the-credential')).toBe(true);
		}
	});

	const codexFiles = fs
		.readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) => fs.readdirSync(path.join(root, 'nodes', entry.name)).filter((name) => name.endsWith('.node.json')).map((name) => `nodes/${entry.name}/${name}`))
		.sort();

	test('every node has a codex file', () => {
		expect(codexFiles.length).toBeGreaterThanOrEqual(6);
	});

	test.each(codexFiles)('%s: its documentation links point at pages and headings that exist', (file) => {
		const codex = JSON.parse(read(file)) as { node: string; resources?: Record<string, Array<{ url: string }>> };
		const urls = Object.values(codex.resources ?? {}).flat().map((entry) => entry.url);
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) {
			const { file: page, anchor } = ourPage(url);
			expect(fs.existsSync(path.join(root, page)) ? page : `${page} (from ${file}) is missing`).toBe(page);
			if (anchor) expect([page, anchorsOf(read(page)).has(anchor)]).toEqual([page, true]);
		}
		// A trigger's own page lists its events; a node's own page lists its operations.
		const primary = ourPage(codex.resources?.primaryDocumentation?.[0]?.url ?? '').file;
		const generated = PAGES.find((entry) => entry.file === primary);
		expect(generated ? Object.keys(generated.sections) : `${primary} has no generated section`).toEqual([codex.node.endsWith('Trigger') ? 'events' : 'operations']);
	});

	test.each(pageFiles)('docs/%s: links to other pages and headings land', (name) => {
		const text = fs.readFileSync(path.join(docsDir, name), 'utf8');
		const broken: string[] = [];
		for (const { image, target } of linksOf(text)) {
			if (image || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
			const [file, anchor] = target.split('#');
			const page = file ? path.resolve(docsDir, file) : path.join(docsDir, name);
			if (!fs.existsSync(page)) {
				broken.push(`${target}: no such file`);
				continue;
			}
			if (anchor && page.endsWith('.md') && !anchorsOf(fs.readFileSync(page, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
		}
		expect(broken).toEqual([]);
	});
});
