/**
 * The editor as a new user meets it, in a real browser (Debian's Chromium, driven by playwright-core)
 * on the demo's n8n (test/harness/demo.ts: sandboxes, credentials, examples, a local owner). Finding
 * the nodes, every node's panel, a dropdown and a searchable list filled from a sandbox, a credential
 * test, an example run from the editor. The screenshots in docs/images/ are taken here.
 */
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { AccessplanitTrigger } from '../../nodes/Accessplanit/AccessplanitTrigger.node';
import { EduframeTrigger } from '../../nodes/Eduframe/EduframeTrigger.node';
import { PlanadayTrigger } from '../../nodes/Planaday/PlanadayTrigger.node';
import { ACCESSPLANIT_PASSWORD } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { Editor, launchBrowser } from '../harness/browser';
import { DEMO_CREDENTIALS, DEMO_OWNER, startDemo, type Demo } from '../harness/demo';

const images = path.resolve(__dirname, '../../docs/images');
const version = process.env.BROWSER_N8N_VERSION ?? '2.40.7';

/** n8n shows one entry per vendor (node and trigger together) with the trigger's description: ours speaks for the vendor. */
const VENDORS = [
	{ name: 'Eduframe', description: new EduframeTrigger().description.description },
	{ name: 'Planaday', description: new PlanadayTrigger().description.description },
	{ name: 'accessplanit', description: new AccessplanitTrigger().description.description },
];

let demo: Demo;
let browser: Browser;
let editor: Editor;
const shot = (name: string) => editor.screenshot(path.join(images, name));

beforeAll(async () => {
	demo = await startDemo({ version });
	browser = await launchBrowser();
	editor = await Editor.open(browser, demo.n8n.baseUrl);
}, 900_000);

afterAll(async () => {
	await browser?.close();
	await demo?.stop();
	demo?.n8n.cleanup();
});

test('the demo opens on the sign-in page (no owner form), then on the example workflows, tagged per vendor', async () => {
	await editor.page.goto(demo.n8n.baseUrl);
	await editor.page.waitForURL(/\/signin/, { timeout: 30_000 });
	expect(editor.page.url()).not.toMatch(/\/setup/);
	await editor.signIn(DEMO_OWNER.email, DEMO_OWNER.password);
	const cards = editor.page.locator('[data-test-id="resources-list-item-workflow"]');
	await cards.first().waitFor();
	expect(await cards.count()).toBe(demo.examples.length);
	const tags = (await editor.page.locator('[data-test-id="workflow-card-tags"]').allInnerTexts()).join(' ');
	for (const vendor of ['Eduframe', 'Planaday', 'accessplanit']) expect(tags).toContain(vendor);
	await shot('workflows-list.png');
}, 120_000);

test('the nodes panel finds every vendor by what HR and L&D users type, each with its own description', async () => {
	await editor.newWorkflowWithPanel();
	for (const term of ['HR', 'training', 'course', 'booking', 'LMS']) {
		const found = await editor.search(term);
		for (const vendor of VENDORS) {
			const entry = found.find((item) => item.name === vendor.name);
			expect({ term, vendor: vendor.name, entry }).toEqual({ term, vendor: vendor.name, entry: { name: vendor.name, description: vendor.description } });
		}
	}
	// The merged entry speaks for the vendor, not only for its trigger.
	for (const vendor of VENDORS) expect(vendor.description).not.toMatch(/^Starts the workflow/);
	await editor.search('HR');
	await shot('nodes-panel-hr.png');
	for (const vendor of VENDORS) {
		const found = await editor.search(vendor.name);
		expect(found[0]).toEqual({ name: vendor.name, description: vendor.description });
	}
}, 120_000);

test("Eduframe's actions are grouped by resource and read as sentences", async () => {
	await editor.search('Eduframe');
	await editor.page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: 'Eduframe' }).first().click();
	await editor.page.getByText(/^Actions \(\d+\)$/).click();
	const panel = editor.page.locator('[data-test-id="node-creator"]');
	await panel.getByText('Get many users').first().waitFor();
	const text = await panel.innerText();
	expect(text).toMatch(/ACCOUNT ACTIONS\s+Create an account\s+Get an account\s+Get many accounts/);
	expect(text).toMatch(/ENROLLMENT ACTIONS/);
	expect(text).not.toMatch(/\ban user\b|\ba enrollment\b|\ba account\b/i);
	await shot('eduframe-actions.png');
	await editor.page.keyboard.press('Escape');
}, 60_000);

/** One panel per node: the example that uses it, the node's name there, and what its panel must show. */
const PANELS = [
	{ image: 'eduframe-node.png', workflow: 'tsEduframeUsers1', node: 'Get all Eduframe users', subtitle: 'Get many users', values: { resource: 'User', operation: 'Get Many' }, credential: DEMO_CREDENTIALS.eduframe.name },
	{ image: 'planaday-node.png', workflow: 'tsPlanadayBook01', node: 'Book on the course', subtitle: 'Book students on a course', values: { resource: 'Booking', operation: 'Book' }, credential: DEMO_CREDENTIALS.planaday.name },
	{ image: 'accessplanit-node.png', canvas: 'canvas-subtitles.png', workflow: 'tsAccessApprove1', node: 'Requests awaiting a manager', subtitle: 'Get many manager authorisations', values: { resource: 'Manager Authorisation', operation: 'Get Many' }, credential: DEMO_CREDENTIALS.accessplanit.name },
	{ image: 'eduframe-trigger-node.png', workflow: 'tsEduframeTrig01', node: 'Eduframe Trigger', values: {}, labels: ['Events'], credential: DEMO_CREDENTIALS.eduframe.name },
	{ image: 'planaday-trigger-node.png', workflow: 'tsPlanadayTrig01', node: 'Planaday Trigger', values: {}, labels: ['Poll Times', 'Events'], credential: DEMO_CREDENTIALS.planaday.name },
	{ image: 'accessplanit-trigger-node.png', workflow: 'tsAccessTrigUsr1', node: 'accessplanit Trigger', values: { event: 'User Updated' }, labels: ['Poll Times'], credential: DEMO_CREDENTIALS.accessplanit.name },
];

test.each(PANELS)('$node: the panel shows its credential and fields in plain words ($image)', async ({ image, canvas, workflow, node, subtitle, values, labels, credential }) => {
	await editor.openWorkflow(workflow);
	if (subtitle) {
		// The canvas says what the node does, not `getAll: user`.
		const card = editor.page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
		expect(await card.innerText()).toContain(subtitle);
		expect(await editor.page.locator('[data-test-id="canvas-wrapper"]').innerText()).not.toMatch(/\w+: \w+[A-Z]\w*|getAll|createOrUpdate/);
	}
	if (canvas) await shot(canvas);
	await editor.openNode(node);
	const form = editor.ndv().locator('[data-test-id="node-parameters"]');
	expect(await editor.ndv().locator('[data-test-id="node-credentials-select"] input').first().inputValue()).toBe(credential);
	for (const [parameter, value] of Object.entries(values)) expect(await editor.parameterValue(parameter)).toBe(value);
	const text = await form.innerText();
	for (const label of labels ?? []) expect(text).toContain(label);
	// No API names where a person reads.
	expect(text).not.toMatch(/\bgetAll\b|\bcreateOrUpdate\b|With Authentication|Address Attributes/);
	await shot(image);
	await editor.closeNode();
}, 90_000);

test('a dropdown is filled from accessplanit: the course templates when creating a course date', async () => {
	await editor.addAction('accessplanit', 'Create a course date');
	expect(await editor.parameterValue('resource')).toBe('Course Date');
	expect(await editor.parameterValue('operation')).toBe('Create');
	await editor.parameter('CourseTemplateID').click();
	const options = await editor.openOptions();
	const templates = demo.sandboxes.accessplanit.modules.CourseTemplate.map((template) => String(template.Name)).sort();
	expect([...options].sort()).toEqual(templates);
	await shot('accessplanit-dropdown.png');
	await editor.page.keyboard.press('Escape');
	await editor.closeNode();
}, 90_000);

test('a searchable list is filled from Eduframe: users by name and email, narrowed by what is typed', async () => {
	await editor.addAction('Eduframe', 'Get a user');
	await editor.parameter('userId').click();
	const items = editor.page.locator('[data-test-id="rlc-item"]');
	await items.first().waitFor({ timeout: 15_000 });
	const shown = (await items.allInnerTexts()).map((text) => text.trim());
	const users = demo.sandboxes.eduframe.tables.users;
	const named = (user: (typeof users)[number]) => `${[user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' ')} (${String(user.email)})`;
	expect(shown.length).toBeGreaterThan(5);
	for (const line of shown) expect(users.map(named)).toContain(line);
	await shot('eduframe-user-picker.png');
	const someone = users[41];
	await editor.page.locator('[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]').first().fill(String(someone.email));
	// The list is searched on the server after typing; wait for its answer (slow on a busy machine), then assert.
	const wanted = [named(someone)];
	let lines: string[] = [];
	for (const deadline = Date.now() + 20_000; Date.now() < deadline; await editor.page.waitForTimeout(250)) {
		lines = (await items.allInnerTexts()).map((text) => text.trim());
		if (JSON.stringify(lines) === JSON.stringify(wanted)) break;
	}
	expect(lines).toEqual(wanted);
	await items.first().click();
	await editor.page.waitForTimeout(300);
	await editor.closeNode();
}, 90_000);

/**
 * The lines of a picker whose `part` does not show: the picker cuts long lines at its right edge. In
 * the page, the text up to the end of `part` is measured against the right edge of the element that cuts
 * it; a line without `part` counts as cut.
 */
async function cutOff(items: ReturnType<Editor['page']['locator']>, part: RegExp): Promise<string[]> {
	type Box = { right: number };
	type Text = { textContent: string | null; parentElement: { getBoundingClientRect(): Box } };
	type Line = {
		textContent: string | null;
		ownerDocument: { createTreeWalker(root: unknown, show: number): { nextNode(): Text | null }; createRange(): { setStart(node: Text, offset: number): void; setEnd(node: Text, offset: number): void; getBoundingClientRect(): Box } };
	};
	return await items.evaluateAll(
		(lines, source) =>
			(lines as unknown as Line[])
				.filter((line) => {
					const pattern = new RegExp(source);
					// Text nodes only (NodeFilter.SHOW_TEXT).
					const walker = line.ownerDocument.createTreeWalker(line, 4);
					for (let node = walker.nextNode(); node; node = walker.nextNode()) {
						const match = pattern.exec(node.textContent ?? '');
						if (!match) continue;
						const range = line.ownerDocument.createRange();
						range.setStart(node, 0);
						range.setEnd(node, match.index + match[0].length);
						return range.getBoundingClientRect().right > node.parentElement.getBoundingClientRect().right + 1;
					}
					return true;
				})
				.map((line) => (line.textContent ?? '').trim()),
		part.source,
	);
}

test('Planaday\'s instructor actions pick the instructor by name and the daypart by its course, day and place in it', async () => {
	await editor.addAction('Planaday', 'Assign an instructor to a daypart');
	const items = editor.page.locator('[data-test-id="rlc-item"]');
	const shownIn = async (parameter: string) => {
		await editor.parameter(parameter).click();
		await items.first().waitFor({ timeout: 15_000 });
		return (await items.allInnerTexts()).map((text) => text.trim());
	};
	const instructors = demo.sandboxes.planaday.instructors.map((person) => [person.first_name, person.prefix, person.last_name].filter(Boolean).join(' '));
	const people = await shownIn('instructorId');
	expect(people.length).toBe(instructors.length);
	expect(people.every((line) => instructors.includes(line))).toBe(true);
	await items.first().click();
	await editor.page.waitForTimeout(300);
	const dayparts = await shownIn('daypart_id');
	expect(dayparts.length).toBeGreaterThan(3);
	// Each a course by name, the daypart's place in it, then the course's code and first day in words: no bare number.
	for (const line of dayparts) expect(line).toMatch(/^.+, daypart \d+ of \d+ \(.+, starts (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}\)$/);
	// The picker cuts long lines: the daypart's place ("daypart 2 of 3") must lie within what it shows of each.
	expect(await cutOff(items, /daypart \d+ of \d+/)).toEqual([]);
	await shot('planaday-daypart-picker.png');
	await items.first().click();
	await editor.page.waitForTimeout(300);
	await editor.closeNode();
}, 90_000);

test.each([
	['eduframe', 'eduframe-credential.png'],
	['planaday', 'planaday-credential.png'],
	['accessplanit', 'accessplanit-credential.png'],
] as const)('the %s credential tests successfully against the sandbox', async (vendor, image) => {
	const credential = DEMO_CREDENTIALS[vendor];
	await editor.page.goto(`${demo.n8n.baseUrl}/home/credentials`);
	await editor.page.locator('[data-test-id="resources-list-item"]').filter({ hasText: credential.name }).first().click();
	const dialog = editor.page.locator('[data-test-id="editCredential-modal"]');
	await dialog.waitFor();
	const sandbox = demo.sandboxes[vendor];
	const before = sandbox.stats.requests;
	// Opening tests the credential; Retry tests it again, so the result is this test's own.
	const success = dialog.locator('[data-test-id="credentials-config-container-test-success"]');
	await success.waitFor({ timeout: 30_000 });
	await success.getByRole('button', { name: 'Retry' }).click();
	// Wait until Retry's request reached the sandbox (slow on a busy machine), then for the result.
	for (const deadline = Date.now() + 30_000; sandbox.stats.requests <= before && Date.now() < deadline; ) await editor.page.waitForTimeout(100);
	await success.waitFor({ timeout: 30_000 });
	expect(await success.innerText()).toContain('Connection tested successfully');
	expect(sandbox.stats.requests).toBeGreaterThan(before);
	// The dialog says where the key is made.
	expect(await dialog.innerText()).toMatch(/API key|API user|password/i);
	await shot(image);
	await editor.page.keyboard.press('Escape');
}, 90_000);

test('an example runs from the editor: every Eduframe user, read page by page from the sandbox', async () => {
	await editor.openWorkflow('tsEduframeUsers1');
	await editor.page.locator('[data-test-id="execute-workflow-button"]').click();
	const node = editor.page.locator('[data-test-id="canvas-node"][data-node-name="Get all Eduframe users"]');
	await node.locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 60_000 });
	const users = demo.sandboxes.eduframe.tables.users.length;
	// The item count is drawn on the connection after the node (there is none here) and in its output.
	await editor.openNode('Get all Eduframe users');
	expect(await editor.ndv().locator('[data-test-id="output-panel"]').innerText()).toContain(`${users} items`);
	await shot('example-run.png');
	await editor.closeNode();
}, 120_000);

test("the Eduframe Trigger's test event: listening registers a test URL with Eduframe, a change shows up in the panel as a live (not replayed) item, the registration is removed", async () => {
	const sandbox = demo.sandboxes.eduframe;
	const testHooks = () => sandbox.webhooks.filter((hook) => hook.url.startsWith(`${demo.n8n.baseUrl}/webhook-test/`));
	const until = async (what: string, done: () => boolean | Promise<boolean>, timeoutMs = 60_000) => {
		for (const deadline = Date.now() + timeoutMs; !(await done()); await editor.page.waitForTimeout(200)) {
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		}
	};
	expect(testHooks()).toEqual([]);
	await editor.openWorkflow('tsEduframeTrig01');
	await editor.openNode('Eduframe Trigger');
	// The panel's test button ("Execute step" in 2.40.7 and 1.123.5; n8n then listens for a test event).
	await editor.ndv().locator('[data-test-id="node-execute-button"]').first().click();
	// n8n registers its test URL with Eduframe (the node's create()), for the events the node listens to.
	await until('the test URL registered with Eduframe', () => testHooks().length === 1);
	expect([...testHooks()[0].events].sort()).toEqual(['enrollment.updated', 'order.approved']);

	// A change in Eduframe, as a user makes it: an enrollment is cancelled (enrollment.updated).
	const enrollment = sandbox.tables.enrollments.find((record) => record.tenant === 1 && record.status !== 'canceled')!;
	const response = await fetch(`${sandbox.baseUrl}/enrollments/${String(enrollment.id)}/cancel`, { method: 'PUT', headers: { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}` } });
	expect(response.status).toBe(200);
	await sandbox.settled();
	const delivered = sandbox.notifications.filter((notification) => notification.data.event === 'enrollment.updated' && (notification.data.event_data as { id?: unknown }).id === enrollment.id);
	expect(delivered.map((notification) => notification.status)).toEqual(['succeeded']);

	// The panel shows the delivered change: the event, the enrollment (read in full, the example's option) and replayed: false.
	const output = editor.ndv().locator('[data-test-id="output-panel"]');
	let shown = '';
	await until('the delivered item (or an error) in the output panel', async () => /(^|\s)1 item\b|did not reach this step|error/i.test((shown = await output.innerText().catch(() => ''))));
	expect(shown).not.toMatch(/did not reach this step|error/i);
	expect(shown).toMatch(/(^|\s)1 item\b/);
	await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('JSON', { exact: true }).click();
	let text = '';
	await until('the JSON view of the item', async () => /"replayed"/.test((text = await output.innerText())), 15_000);
	expect(text).toMatch(/"event":\s*"enrollment\.updated"/);
	expect(text).toMatch(/"replayed":\s*false/);
	expect(text).toMatch(new RegExp(`"id":\\s*${String(enrollment.id)}\\b`));
	expect(text).toMatch(/"status":\s*"canceled"/);
	expect(text).not.toMatch(/did not reach this step/);
	await shot('eduframe-trigger-test-event.png');
	// After the test event, n8n takes its test URL back (the node's delete()).
	await until('the test URL removed from Eduframe', () => testHooks().length === 0);
	await editor.closeNode();
}, 180_000);

/** Names that are codes, not words: `userUpdated`, `courseAdded`, `enrollment.updated`, `getAll`. */
const CODE = /\b[a-z]+[A-Z]\w*\b|\b[a-z]+\.[a-z_]+\b/;

test.each([
	['tsEduframeTrig01', 'Eduframe Trigger', 'Enrollment: Updated, Order: Approved'],
	['tsPlanadayTrig01', 'Planaday Trigger', 'New Course Planned, Course Changed, Course Became Full and 2 more'],
	['tsAccessTrigUsr1', 'accessplanit Trigger', 'User Updated'],
	['tsAccessTrigDel1', 'accessplanit Trigger', 'Delegate Registered'],
])('%s: the trigger on the canvas reads "%s: %s", no event code', async (workflow, node, subtitle) => {
	await editor.openWorkflow(workflow);
	const card = editor.page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
	const text = await card.innerText();
	expect(text).toContain(subtitle);
	expect(text).not.toMatch(CODE);
	expect(await editor.page.locator('[data-test-id="canvas-wrapper"]').innerText()).not.toMatch(CODE);
	if (workflow === 'tsPlanadayTrig01') await shot('canvas-trigger-subtitles.png');
}, 60_000);

/**
 * The readable companion of an ID column in an output table: accessplanit's `ManagerUserID` →
 * `ManagerFullName`, `MainCompanyID` → `MainCompanyName`, `CourseDateID` → `CourseName` or
 * `CourseDateStartDate`; Eduframe's `order_id` → `order_number`. A delegate's ID (`UserCourseDateID`,
 * "user~course date") is read through its user's and its course date's.
 */
function companionsMissing(headers: string[]): string[] {
	const isId = (header: string) => /^(?!ExternalID$)\w+ID$/.test(header) || /^\w+_ids?$/.test(header);
	const missing: string[] = [];
	for (const column of headers.filter(isId)) {
		if (column === 'UserCourseDateID') {
			for (const part of ['UserID', 'CourseDateID']) if (!headers.includes(part)) missing.push(`${column} (no ${part})`);
			continue;
		}
		// A list of IDs (`label_ids`) has its list of names (`label_names`).
		if (column.endsWith('_ids')) {
			if (!headers.includes(column.replace(/_ids$/, '_names'))) missing.push(column);
			continue;
		}
		const stem = column.replace(/_?ID$|_id$/, '');
		const stems = [stem, stem.replace(/User$/, ''), stem.replace(/Date$/, '')].filter(Boolean);
		const companion = headers.find((header) => header !== column && !isId(header) && stems.some((start) => header.startsWith(column.endsWith('_id') ? `${start}_` : start)));
		if (!companion) missing.push(column);
	}
	return missing;
}

test('the output of the demo\'s read examples: every ID column has a readable name beside it', async () => {
	const tableOf = async () => {
		const output = editor.ndv().locator('[data-test-id="output-panel"]');
		const table = output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Table', { exact: true });
		if (await table.count()) await table.first().click();
		await output.locator('table th').first().waitFor({ timeout: 60_000 });
		// The columns, less those no row fills (an ID that is empty everywhere shows no code to name).
		const headers = (await output.locator('table thead th').allInnerTexts()).map((header) => header.trim());
		const rows = await output.locator('table tbody tr').evaluateAll((lines) =>
			lines.map((line) => Array.from(line.querySelectorAll('td'), (cell: { textContent: string | null }) => (cell.textContent ?? '').trim())),
		);
		expect(rows.length).toBeGreaterThan(0);
		return headers.filter((header, index) => header && rows.some((row) => row[index] !== undefined && row[index] !== '' && row[index] !== 'null'));
	};
	const seen: Record<string, string[]> = {};
	// accessplanit: each read run from its panel (Execute step), as a person tries one node.
	for (const [workflow, node, image] of [
		['tsAccessApprove1', 'Requests awaiting a manager', 'accessplanit-output-names.png'],
		['tsAccessUsers001', 'Enabled users', undefined],
	] as const) {
		await editor.openWorkflow(workflow);
		await editor.openNode(node);
		await editor.ndv().locator('[data-test-id="node-execute-button"]').first().click();
		seen[node] = await tableOf();
		if (image) await shot(image);
		await editor.closeNode();
	}
	// The columns: a course request's user, its manager and its course date.
	expect(seen['Requests awaiting a manager']).toEqual(expect.arrayContaining(['UserID', 'ManagerUserID', 'ManagerFullName', 'UserCourseDateID']));
	// Eduframe: the tour of its reads, run as a whole (the last node is a change, so it is left out).
	await editor.openWorkflow('tsEduframeTour01');
	await editor.page.locator('[data-test-id="execute-workflow-button"]').click();
	await editor.page.locator('[data-test-id="canvas-node"][data-node-name="Mark lead 1 won"] [data-test-id="canvas-node-status-success"]').waitFor({ timeout: 120_000 });
	for (const node of ['Courses', 'Planned courses of course 1', 'Active enrollments', 'Meetings', 'Program editions', 'Accounts', 'Open invoices', 'Organizations', 'Certificates']) {
		await editor.openNode(node);
		seen[node] = await tableOf();
		await editor.closeNode();
	}
	expect(seen['Active enrollments']).toEqual(expect.arrayContaining(['student_id', 'student_name', 'planned_course_id', 'planned_course_name']));
	// A certificate names what it was awarded for, whichever kind of record that is.
	expect(seen.Certificates).toEqual(expect.arrayContaining(['certifiable_id', 'certifiable_name']));
	const missing = Object.fromEntries(Object.entries(seen).map(([node, headers]) => [node, companionsMissing(headers)]));
	expect(missing).toEqual(Object.fromEntries(Object.keys(seen).map((node) => [node, []])));
}, 300_000);

test('a wrong password fails the accessplanit credential test, saying to check the user name and password', async () => {
	const credential = DEMO_CREDENTIALS.accessplanit;
	await editor.page.goto(`${demo.n8n.baseUrl}/home/credentials`);
	await editor.page.locator('[data-test-id="resources-list-item"]').filter({ hasText: credential.name }).first().click();
	const dialog = editor.page.locator('[data-test-id="editCredential-modal"]');
	await dialog.waitFor();
	await dialog.getByText('Connection tested successfully').waitFor({ timeout: 30_000 });
	const password = dialog.locator('[data-test-id="parameter-input-password"] input').first();
	const saveWith = async (typed: string) => {
		await password.fill(typed);
		await dialog.locator('[data-test-id="credential-save-button"]').click();
	};
	// Saved with a wrong password, the test signs in with it (a kept token is not reused) and fails.
	const refusedBefore = demo.sandboxes.accessplanit.stats.requests;
	await saveWith('not-the-password');
	const more = dialog.getByText('More details');
	await dialog.getByText(/check the user name and password|More details/).first().waitFor({ timeout: 30_000 });
	if (await more.count()) await more.first().click();
	await dialog.getByText(/check the user name and password/).waitFor({ timeout: 10_000 });
	expect(await dialog.innerText()).not.toContain('Connection tested successfully');
	expect(demo.sandboxes.accessplanit.stats.requests).toBeGreaterThan(refusedBefore);
	await shot('accessplanit-credential-wrong-password.png');
	// The right password again: the test passes, and the demo's credential is as it was.
	await saveWith(ACCESSPLANIT_PASSWORD);
	await dialog.getByText('Connection tested successfully').waitFor({ timeout: 30_000 });
	await editor.page.keyboard.press('Escape');
}, 90_000);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The day a picker line leads with ("Wed 9 Dec 2026, 6 places left: First Aid at Work …"), as 2026-12-09. */
const dayOf = (line: string) => {
	const match = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b/.exec(line);
	return match ? `${match[3]}-${String(MONTHS.indexOf(match[2]) + 1).padStart(2, '0')}-${match[1].padStart(2, '0')}` : undefined;
};

test.each([
	['Enroll a person on a course', 'Enrollment', 'Enroll', 'planned_course_id', 'eduframe-enroll-course-picker.png'],
	['Book students on a course', 'Order', 'Book', 'catalog_variant_id', 'eduframe-book-course-picker.png'],
])('Eduframe "%s": the course picker lists upcoming courses, soonest first, each with its day', async (action, resource, operation, parameter, image) => {
	await editor.addAction('Eduframe', action);
	expect(await editor.parameterValue('resource')).toBe(resource);
	expect(await editor.parameterValue('operation')).toBe(operation);
	await editor.parameter(parameter).click();
	const items = editor.page.locator('[data-test-id="rlc-item"]');
	await items.first().waitFor({ timeout: 20_000 });
	const lines = (await items.allInnerTexts()).map((text) => text.trim());
	const days = lines.map(dayOf);
	// The sandbox plans its courses from today on: what is upcoming is what starts today or later.
	const today = new Date().toISOString().slice(0, 10);
	const upcoming = demo.sandboxes.eduframe.tables.planned_courses.filter((course) => String(course.start_date) >= today).map((course) => String(course.start_date).slice(0, 10));
	// Courses on sale that took place come last and say so (Enroll lists upcoming courses only).
	const past = lines.filter((line) => line.endsWith('(took place)'));
	if (operation === 'Enroll') expect(past).toEqual([]);
	const dated = days.slice(0, lines.length - past.length);
	expect(dated.length).toBeGreaterThan(5);
	// Every other course on the list has its day, a day of an upcoming planned course; the soonest comes first.
	expect(lines.slice(0, dated.length).filter((line, index) => !dated[index])).toEqual([]);
	for (const day of dated) expect(upcoming).toContain(day);
	expect(dated).toEqual([...dated].sort());
	expect(dated[0]).toBe([...upcoming].sort()[0]);
	// The day and the places left are within what the picker shows of each line (it cuts long lines).
	expect(await cutOff(items.filter({ hasText: /^\S+ \d{1,2} \S+ \d{4}, (\d+ places? left|full):/ }), /^\S+ \d{1,2} \S+ \d{4}, (\d+ places? left|full):/)).toEqual([]);
	if (operation === 'Enroll') expect(lines.every((line) => /^\S+ \d{1,2} \S+ \d{4}, (\d+ places? left|full): /.test(line))).toBe(true);
	await shot(image);
	await editor.page.keyboard.press('Escape');
	await editor.closeNode();
}, 90_000);
