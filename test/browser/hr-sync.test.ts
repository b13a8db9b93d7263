/**
 * The HR sync's preview in the editor, in a real browser (Debian's Chromium, driven by playwright-core)
 * on the demo's n8n (test/harness/demo.ts, with the HR example's people in its sandboxes): the example
 * opened, "Preview changes" run from its panel as a person does, its output read as the editor shows it
 * (one item per person, with the action and each change as before → after), nothing written. Takes the
 * screenshots docs/eduframe.md and docs/accessplanit.md show.
 */
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { Editor, launchBrowser } from '../harness/browser';
import { DEMO_OWNER, startDemo, type Demo } from '../harness/demo';

const images = path.resolve(__dirname, '../../docs/images');
const version = process.env.BROWSER_N8N_VERSION ?? '2.40.7';

let demo: Demo;
let browser: Browser;
let editor: Editor;

beforeAll(async () => {
	demo = await startDemo({ version });
	browser = await launchBrowser();
	editor = await Editor.open(browser, demo.n8n.baseUrl);
	await editor.signIn(DEMO_OWNER.email, DEMO_OWNER.password);
}, 900_000);

afterAll(async () => {
	await browser?.close();
	await demo?.stop();
	demo?.n8n.cleanup();
});

const writes = (sandbox: { stats: { byRoute: Record<string, number> } }) =>
	Object.entries(sandbox.stats.byRoute)
		.filter(([route]) => !route.startsWith('GET ') && !/\/token$/.test(route))
		.reduce((sum, [, n]) => sum + n, 0);

describe.each([
	{ vendor: 'eduframe' as const, workflow: 'tsEduframeHrPrev', image: 'eduframe-hr-sync-preview.png', update: 'Jansen → Jansen-Bakker', deactivate: 'Employees → Employees, Left' },
	{ vendor: 'accessplanit' as const, workflow: 'tsAccessHrSyncPv', image: 'accessplanit-hr-sync-preview.png', update: 'Finance → Operations', deactivate: 'Enabled → Disabled' },
])('$vendor: the HR sync example', ({ vendor, workflow, image, update, deactivate }) => {
	test('"Preview changes" run from its panel shows one item per person, with the action and each change as before → after; nothing is written', async () => {
		const sandbox = demo.sandboxes[vendor];
		sandbox.resetStats();
		await editor.openWorkflow(workflow);
		await editor.openNode('Preview changes');
		// The panel reads as the issue puts it: the mode, Preview by default on a new node.
		expect(await editor.parameterValue('syncMode')).toBe('Preview (Write Nothing)');
		expect(await editor.ndv().innerText()).not.toMatch(/Mapping Column Mode/);
		await editor.ndv().locator('[data-test-id="node-execute-button"]').first().click();
		const output = editor.ndv().locator('[data-test-id="output-panel"]');
		let shown = '';
		for (const deadline = Date.now() + 90_000; !(/\b13 items\b/.test(shown) && shown.includes('Noah Bakker')) && !/error|problem running/i.test(shown.slice(0, 300)); await editor.page.waitForTimeout(300)) {
			if (Date.now() > deadline) throw new Error(`The preview did not show its 13 items in a table:\n${shown}`);
			shown = await output.innerText().catch(() => '');
		}
		expect(shown).toMatch(/\b13 items\b/);
		// The table: an action per person, the update's change and the leaver's deactivation as before → after.
		for (const text of ['create', 'update', 'deactivate', 'unchanged', 'problem', 'Noah Bakker', 'Julia Mulder', update, deactivate]) expect(shown).toContain(text);
		expect(shown).toContain('The field "HR Value to Match" is empty');
		expect(writes(sandbox)).toBe(0);
		await editor.screenshot(path.join(images, image));
		await editor.closeNode();
	}, 180_000);
});
