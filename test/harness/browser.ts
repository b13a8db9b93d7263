/**
 * A real browser on n8n's editor: Debian's Chromium (installed with apt on a machine that has
 * none; nothing downloads a browser of its own), driven by playwright-core. Helpers walk the
 * editor as a user does: sign in, open the nodes panel, search, open a node, take screenshots.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** The path of Debian's Chromium, installed first when the machine has none. */
export function chromiumPath(): string {
	const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
	if (found) return found;
	process.stderr.write('Installing Chromium from Debian (apt-get install chromium)...\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
	const run = (args: string[]) => execFileSync(asRoot.length ? asRoot[0] : args[0], asRoot.length ? args : args.slice(1), { stdio: 'inherit', env });
	run(['apt-get', 'update', '-qq']);
	run(['apt-get', 'install', '-y', '-qq', 'chromium', 'fonts-dejavu-core']);
	const installed = CANDIDATES.find((candidate) => fs.existsSync(candidate));
	if (!installed) throw new Error('Chromium is not installed and apt-get could not install it');
	return installed;
}

export async function launchBrowser(): Promise<Browser> {
	return await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export class Editor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	static async open(browser: Browser, baseUrl: string): Promise<Editor> {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		return new Editor(await context.newPage(), baseUrl);
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin?redirect=%2Fhome%2Fworkflows`);
		await this.page.locator('input[type=email], input[name=emailOrLdapLoginId]').first().fill(email);
		await this.page.locator('input[type=password]').first().fill(password);
		await this.page.keyboard.press('Enter');
		await this.page.waitForURL(/\/home\/workflows/, { timeout: 30_000 });
	}

	/** A new, empty workflow with the nodes panel open. */
	async newWorkflowWithPanel(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.locator('[data-test-id="canvas-wrapper"], .vue-flow').first().waitFor({ timeout: 30_000 });
		await this.dismissTips();
		await this.openPanel();
	}

	/** Closes the editor's one-time tips so they do not cover what is being looked at. */
	async dismissTips(): Promise<void> {
		for (const text of ['Got it', 'Dismiss', 'Skip']) {
			const button = this.page.getByRole('button', { name: text });
			if (await button.count()) await button.first().click().catch(() => undefined);
		}
	}

	async openPanel(): Promise<void> {
		if (await this.searchBar().isVisible().catch(() => false)) return;
		await this.page.locator('[data-test-id="canvas-plus-button"], [data-test-id="canvas-add-button"]').first().click({ timeout: 5_000 }).catch(async () => {
			await this.page.mouse.click(700, 450);
			await this.page.keyboard.press('n');
		});
		await this.searchBar().waitFor({ timeout: 10_000 });
	}

	searchBar() {
		return this.page.locator('input[data-test-id="node-creator-search-bar"]');
	}

	/** Types in the nodes panel's search; the items it shows, as name and description. */
	async search(term: string): Promise<Array<{ name: string; description: string }>> {
		await this.searchBar().fill(term);
		await this.page.waitForTimeout(800);
		return await this.page.locator('[data-test-id="item-iterator-item"]').evaluateAll((items) =>
			items.map((item) => ({
				name: item.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim() ?? '',
				description: item.querySelector('[data-test-id="node-creator-item-description"]')?.textContent?.trim() ?? '',
			})),
		);
	}

	/** Opens a saved workflow on the canvas (taking over editing if another tab held it). */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
		const takeOver = this.page.getByRole('button', { name: 'Edit here' });
		if (await takeOver.count()) await takeOver.first().click();
		await this.dismissTips();
	}

	/** Opens a node's panel by double-clicking it on the canvas. */
	async openNode(name: string): Promise<void> {
		await this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await this.ndv().waitFor({ timeout: 15_000 });
		await this.page.waitForTimeout(500);
	}

	/** Closes the node's panel: its close button (2.x) or "Back to canvas" (1.x). */
	async closeNode(): Promise<void> {
		await this.page.locator('[data-test-id="ndv-close-button"]').or(this.page.getByText('Back to canvas', { exact: true })).first().click();
		await this.ndv().waitFor({ state: 'hidden', timeout: 10_000 });
	}

	ndv() {
		return this.page.locator('[data-test-id="ndv"]');
	}

	/** A parameter's input in the open node panel, by the parameter's name. */
	parameter(name: string) {
		return this.ndv().locator(`[data-test-id="parameter-input-${name}"]`).first();
	}

	/** The value a select, text or number parameter shows. */
	async parameterValue(name: string): Promise<string> {
		return await this.parameter(name).locator('input, textarea').first().inputValue();
	}

	/** The options of the dropdown that is open. */
	async openOptions(): Promise<string[]> {
		const options = this.page.getByRole('option');
		await options.first().waitFor({ timeout: 15_000 });
		return (await options.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
	}

	/** In the nodes panel: a vendor's entry, then one of its actions (the node's panel opens). */
	async addAction(vendor: string, action: string): Promise<void> {
		await this.newWorkflowWithPanel();
		await this.search(vendor);
		await this.page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: vendor }).first().click();
		const actions = this.page.getByText(/^Actions \(\d+\)$/);
		await actions.waitFor({ timeout: 10_000 });
		const item = this.page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: new RegExp(`^\\s*${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
		if (!(await item.count())) await actions.click();
		await item.first().click();
		await this.ndv().waitFor({ timeout: 15_000 });
		await this.page.waitForTimeout(500);
	}

	async screenshot(file: string): Promise<string> {
		// The docs show one n8n line: a run on another line (BROWSER_SCREENSHOTS=off) checks, but keeps the pictures.
		if (process.env.BROWSER_SCREENSHOTS === 'off') return file;
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await this.page.screenshot({ path: file });
		return file;
	}
}
