/**
 * AI agents with this package in a real n8n: n8n's own AI Agent node, driven by n8n's OpenAI Chat
 * Model node pointed at a local scripted stand-in for OpenAI, uses the package's nodes as tools
 * (the Tool variants n8n makes of every `usableAsTool` node, parameters filled by `$fromAI`); and
 * n8n's MCP Server Trigger offers the same tools to an MCP client of the official SDK. Every
 * scenario is proven by the vendor sandbox's state afterwards, not by what the agent says.
 *
 * Runs alike in n8n 1.123.5 and 2.40.7: both make the Tool variants of community nodes without any
 * setting, and both MCP Server Triggers (node version 2) answer Streamable HTTP at /mcp/<path>.
 */
import { randomUUID } from 'node:crypto';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { IDataObject } from 'n8n-workflow';

import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { OpenAiStandIn, textOf, type ChatMessage, type ChatTool } from '../harness/openai-standin';
import { nodeItems, RealN8n } from '../harness/real-n8n';

const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean);

const CREDENTIALS = {
	eduframe: { eduframeApi: { id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)' } },
	planaday: { planadayApi: { id: 'tsPlanadaySandbox', name: 'Planaday (sandbox)' } },
	accessplanit: { accessplanitApi: { id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)' } },
	openAi: { openAiApi: { id: 'tsOpenAiStandIn1', name: 'OpenAI (local stand-in)' } },
};

type WorkflowNode = IDataObject & { name: string; type: string };

/** A node of this package as an AI tool: its Tool variant, with the description the model reads. */
function tool(name: string, vendor: 'eduframe' | 'planaday' | 'accessplanit', description: string, parameters: IDataObject): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: `n8n-nodes-training-systems.${vendor}Tool`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { descriptionType: 'manual', toolDescription: description, ...parameters },
		credentials: CREDENTIALS[vendor],
	};
}

/** `{{ $fromAI(...) }}`: a value the model fills in when it calls the tool. */
const fromAI = (key: string, description: string, type: 'string' | 'number' = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;
/** A resource locator set "By ID" to a value the model fills in. */
const idFromAI = (key: string, description: string, type: 'string' | 'number' = 'number') => ({ __rl: true, mode: 'id', value: fromAI(key, description, type) });

// The tools, as a user would set them up on the canvas.
const findEduframeUser = tool('Find Eduframe user by email', 'eduframe', 'Find an Eduframe user (student) by email address; returns the user with their Eduframe ID', {
	resource: 'user',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	filters: { email: fromAI('email', 'The email address of the user', 'string') },
});
const findCatalogVariant = tool('Find catalog variant of planned course', 'eduframe', 'Find the catalog variant that sells a planned course in Eduframe; returns the variant with its ID', {
	resource: 'catalogVariant',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	filters: { variantable_type: 'planned_course', variantable_id: fromAI('plannedCourseId', 'The ID of the planned course', 'number') },
});
// Eduframe's API has no "create enrollment": an approved order on the catalog variant that sells a
// planned course enrolls its students (Order → Book), so that is the agent's way to enroll someone.
const bookEduframe = tool('Enroll student in Eduframe', 'eduframe', 'Enroll an Eduframe user on a planned course: an approved order for them on the catalog variant that sells it', {
	resource: 'order',
	operation: 'book',
	catalog_variant_id: idFromAI('catalogVariantId', 'The ID of the catalog variant that sells the planned course'),
	creator_id: idFromAI('studentId', 'The Eduframe user ID of the student'),
	student_ids: fromAI('studentId', 'The Eduframe user ID of the student', 'number'),
	approve: true,
	additionalFields: {},
});
const getPlanadayCourse = tool('Get Planaday course', 'planaday', 'Get a Planaday course by its ID, with its name, dates and the places still available', {
	resource: 'course',
	operation: 'get',
	courseId: idFromAI('courseId', 'The Planaday course ID'),
});
const bookPlanaday = tool('Book employee on Planaday course', 'planaday', 'Book one employee on a Planaday course; returns the booking ID', {
	resource: 'booking',
	operation: 'book',
	courseId: idFromAI('courseId', 'The Planaday course ID'),
	studentsSource: 'items',
	grouping: 'perItem',
	first_name: fromAI('firstName', 'The first name of the employee'),
	last_name: fromAI('lastName', 'The last name of the employee'),
	email: fromAI('email', 'The email address of the employee'),
	phonenumber: '',
	more: {},
	options: { label: 'AI-agent', creating_source: 'n8n AI agent' },
});
const findAccessplanitUser = tool('Find accessplanit user by email', 'accessplanit', 'Find an accessplanit user by email address; returns the user with their accessplanit ID', {
	resource: 'user',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	filters: { condition: [{ field: 'Email', operator: 'eq', value: fromAI('email', 'The email address of the user') }] },
});
const listPendingRequests = tool('List course requests awaiting manager', 'accessplanit', 'List the course requests that wait for a manager’s approval; each has the delegate ID (UserCourseDateID) to approve', {
	resource: 'managerAuthorisation',
	operation: 'getAll',
	returnAll: true,
	filters: {
		condition: [
			{ field: 'ManagerUserID', operator: 'eq', value: fromAI('managerUserId', 'The accessplanit user ID of the manager') },
			{ field: 'Status', operator: 'eq', statusValue: 'Awaiting' },
		],
	},
});
const approveRequest = tool('Approve course request', 'accessplanit', 'Approve a course request: books the provisional delegate', {
	resource: 'delegate',
	operation: 'approve',
	delegateId: fromAI('delegateId', 'The delegate ID of the request (UserCourseDateID), like pebrid~12368'),
});

/** Manual trigger → the chat message → AI Agent with the OpenAI Chat Model (the stand-in) and `tools`. */
function agentWorkflow(id: string, name: string, chatInput: string, tools: WorkflowNode[]): IDataObject {
	const nodes: WorkflowNode[] = [
		{ id: randomUUID(), name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: randomUUID(),
			name: 'Chat message',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ chatInput }), options: {} },
		},
		{
			id: randomUUID(),
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3,
			position: [440, 0],
			parameters: {
				promptType: 'define',
				text: '={{ $json.chatInput }}',
				options: { systemMessage: 'You are the training assistant of the HR team. Use the tools to do what is asked, then say what you did.' },
			},
		},
		{
			id: randomUUID(),
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [300, 240],
			parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
			credentials: CREDENTIALS.openAi,
		},
		...tools.map((node, index) => ({ ...node, position: [460 + index * 160, 240] })),
	];
	const connections: IDataObject = {
		'When clicking ‘Execute workflow’': { main: [[{ node: 'Chat message', type: 'main', index: 0 }]] },
		'Chat message': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const node of tools) connections[node.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The MCP Server Trigger with `tools` attached. */
function mcpWorkflow(id: string, path: string, tools: WorkflowNode[]): IDataObject {
	const nodes: WorkflowNode[] = [
		{ id: randomUUID(), name: 'MCP Server Trigger', type: '@n8n/n8n-nodes-langchain.mcpTrigger', typeVersion: 2, position: [0, 0], parameters: { authentication: 'none', path }, webhookId: randomUUID() },
		...tools.map((node, index) => ({ ...node, position: [index * 160, 240] })),
	];
	const connections: IDataObject = {};
	for (const node of tools) connections[node.name] = { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] };
	return { id, name: 'Training systems as MCP tools', nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Every object with `key` anywhere in a tool's answer (records come back in arrays, JSON text or wrappers). */
function records(value: unknown, key: string): IDataObject[] {
	const found: IDataObject[] = [];
	const walk = (node: unknown) => {
		if (typeof node === 'string') {
			const text = node.trim();
			if (text.startsWith('{') || text.startsWith('[')) {
				try {
					walk(JSON.parse(text));
				} catch {
					// not JSON
				}
			}
			return;
		}
		if (Array.isArray(node)) return node.forEach(walk);
		if (node && typeof node === 'object') {
			if (key in node) found.push(node as IDataObject);
			Object.values(node).forEach(walk);
		}
	};
	walk(value);
	return found;
}

/** What the user asked (the chat message the agent passed on). */
const question = (messages: ChatMessage[]) => textOf(messages.filter((message) => message.role === 'user').pop()?.content);
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/** The chat completions the stand-in answered since `seen` (the model's turns in a scenario). */
const turns = (standIn: OpenAiStandIn, seen: number) => standIn.requests.slice(seen).filter((request) => request.path.endsWith('/chat/completions'));

/** The tool the model was offered by that name. */
function offered(requests: OpenAiStandIn['requests'], name: string): ChatTool['function'] | undefined {
	const tools = (requests.find((request) => Array.isArray(request.body.tools))?.body.tools ?? []) as ChatTool[];
	return tools.find((candidate) => candidate.function.name === name)?.function;
}
/** The text of every tool answer the agent sent back to the model. */
function toolAnswers(requests: OpenAiStandIn['requests']): string[] {
	const last = requests[requests.length - 1];
	return ((last?.body.messages ?? []) as ChatMessage[]).filter((message) => message.role === 'tool').map((message) => textOf(message.content));
}

describe.each(versions)('AI agents with the training-systems tools in a real n8n %s', (version) => {
	let n8n: RealN8n;
	let sandboxes: Sandboxes;
	let standIn: OpenAiStandIn;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 200 }, planaday: { courses: 60 }, accessplanit: { users: 200 } });
		standIn = await new OpenAiStandIn(() => ({ answer: 'No script yet.' })).start();
		n8n = await RealN8n.create(version);
		await n8n.importCredentials([
			{ id: 'tsEduframeSandbox', name: 'Eduframe (sandbox)', type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } },
			{ id: 'tsPlanadaySandbox', name: 'Planaday (sandbox)', type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } },
			{ id: 'tsAccessplanitSbx', name: 'accessplanit (sandbox)', type: 'accessplanitApi', data: { systemUrl: sandboxes.accessplanit.baseUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } },
			{ id: 'tsOpenAiStandIn1', name: 'OpenAI (local stand-in)', type: 'openAiApi', data: { apiKey: 'sk-local-stand-in', url: standIn.baseUrl } },
		]);
	}, 1_200_000);

	afterAll(async () => {
		await n8n?.stop();
		await standIn?.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	test('Eduframe: "find the user with this email and enroll them on this planned course" makes the enrollment', async () => {
		const edu = sandboxes.eduframe.tables;
		const student = edu.users.find((user) => user.id === 42)!;
		expect((student.roles as string[]).includes('student')).toBe(true);
		// Catalog variant 3 sells planned course 12 (ids that differ, so a mixed-up id shows).
		const variant = edu['catalog/variants'].find((v) => v.id === 3)!;
		Object.assign(variant, { variantable_type: 'planned_course', variantable_id: 12 });
		const plannedCourse = edu.planned_courses.find((p) => p.id === 12)!;
		expect(edu.enrollments.filter((e) => e.student_id === 42 && e.planned_course_id === 12)).toHaveLength(0);
		const ordersBefore = edu.orders?.length ?? 0;

		// The model: find the user, then the variant, then book; each id read from the tool's answer.
		standIn.setScript(({ messages, toolResults }) => {
			const asked = question(messages);
			const email = EMAIL.exec(asked)?.[0];
			const planned = /planned course (\d+)/i.exec(asked)?.[1];
			if (toolResults.length === 0) return { tool: /^Find_Eduframe_user_by_email$/, arguments: { email } };
			const user = records(toolResults[0], 'email').find((record) => record.email === email);
			if (!user) return { answer: `No Eduframe user has the email ${email}.` };
			if (toolResults.length === 1) return { tool: /^Find_catalog_variant_of_planned_course$/, arguments: { plannedCourseId: Number(planned) } };
			const sold = records(toolResults[1], 'variantable_id').find((record) => String(record.variantable_id) === planned);
			if (!sold) return { answer: `Planned course ${planned} is not on sale.` };
			if (toolResults.length === 2) return { tool: /^Enroll_student_in_Eduframe$/, arguments: { catalogVariantId: sold.id, studentId: user.id } };
			const order = records(toolResults[2], 'catalog_variant_id')[0];
			return { answer: `Enrolled ${String(user.first_name)} (user ${String(user.id)}) on planned course ${planned} with order ${String(order?.id)}.` };
		});
		const seen = standIn.requests.length;
		await n8n.importWorkflows([
			agentWorkflow('tsAiAgentEdufr01', 'AI agent: enroll an Eduframe user found by email', `Find the Eduframe user with the email ${String(student.email)} and enroll them on planned course 12.`, [
				findEduframeUser,
				findCatalogVariant,
				bookEduframe,
			]),
		]);
		const run = await n8n.execute('tsAiAgentEdufr01');
		expect(run.data.resultData.error).toBeUndefined();

		// The sandbox: one new approved order for that student on variant 3, and their enrollment on planned course 12.
		const orders = (edu.orders ?? []).slice(ordersBefore);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ catalog_variant_id: 3, student_ids: [42], status: 'active' });
		const enrollments = edu.enrollments.filter((e) => e.student_id === 42 && e.planned_course_id === 12);
		expect(enrollments).toHaveLength(1);
		expect(enrollments[0]).toMatchObject({ order_id: orders[0].id, status: 'confirmed', start_date: plannedCourse.start_date });

		// The model was offered the three tools with their descriptions and $fromAI parameters, and got their answers back.
		const requests = turns(standIn, seen);
		expect(requests).toHaveLength(4);
		expect(offered(requests, 'Find_Eduframe_user_by_email')).toMatchObject({ description: expect.stringContaining('by email address') });
		expect(Object.keys((offered(requests, 'Find_Eduframe_user_by_email')?.parameters?.properties ?? {}) as IDataObject)).toEqual(['email']);
		expect(Object.keys((offered(requests, 'Enroll_student_in_Eduframe')?.parameters?.properties ?? {}) as IDataObject).sort()).toEqual(['catalogVariantId', 'studentId']);
		const answers = toolAnswers(requests);
		expect(answers).toHaveLength(3);
		expect(answers[0]).toContain(String(student.email));
		expect(answers[2]).toContain(`"catalog_variant_id":3`);
		expect(nodeItems(run.data, 'AI Agent')[0].output).toBe(`Enrolled ${String(student.first_name)} (user 42) on planned course 12 with order ${String(orders[0].id)}.`);
		expect(Object.keys(run.data.resultData.runData)).toEqual(expect.arrayContaining(['Find Eduframe user by email', 'Find catalog variant of planned course', 'Enroll student in Eduframe']));
	}, 600_000);

	test('Planaday: "book this employee on course X" checks the course, then the booking is in Planaday', async () => {
		const planaday = sandboxes.planaday;
		const course = planaday.courses.find((c) => c.status === 'active' && !Number(c.has_stap) && !Number(c.stap_only) && (c.users as { available: number }).available >= 2 && (c.dayparts as number[]).length > 0)!;
		const available = (course.users as { available: number }).available;
		const bookingsBefore = planaday.bookings.length;

		// The model: look the course up, book only when a place is free, then report the booking ID.
		standIn.setScript(({ messages, toolResults }) => {
			const asked = question(messages);
			const [, firstName, lastName, email] = /employee (\S+) (\S+) \(([^)]+)\)/.exec(asked) ?? [];
			const courseId = Number(/course (\d+)/.exec(asked)?.[1]);
			if (toolResults.length === 0) return { tool: /^Get_Planaday_course$/, arguments: { courseId } };
			const found = records(toolResults[0], 'users').find((record) => Number(record.id) === courseId);
			const free = Number((found?.users as IDataObject | undefined)?.available ?? 0);
			if (!found || free < 1) return { answer: `Course ${courseId} has no free place.` };
			if (toolResults.length === 1) return { tool: /^Book_employee_on_Planaday_course$/, arguments: { courseId, firstName, lastName, email } };
			const booked = records(toolResults[1], 'booking_id')[0];
			return { answer: `Booked ${firstName} ${lastName} on ${String(found.name)}: booking ${String(booked?.booking_id)}.` };
		});
		const seen = standIn.requests.length;
		await n8n.importWorkflows([
			agentWorkflow('tsAiAgentPlnday1', 'AI agent: book an employee on a Planaday course', `Book our employee Sanne Bakker (sanne.bakker@acme.example) on Planaday course ${String(course.id)}.`, [
				getPlanadayCourse,
				bookPlanaday,
			]),
		]);
		const run = await n8n.execute('tsAiAgentPlnday1');
		expect(run.data.resultData.error).toBeUndefined();

		// The sandbox: one booking on that course for that employee, made by the agent's tool; one place fewer.
		const made = planaday.bookings.slice(bookingsBefore);
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({ course_id: course.id, label: 'AI-agent', is_payed: false });
		expect(made[0].students).toEqual([expect.objectContaining({ first_name: 'Sanne', last_name: 'Bakker', email: 'sanne.bakker@acme.example' })]);
		expect((course.users as { available: number }).available).toBe(available - 1);

		const requests = turns(standIn, seen);
		expect(requests).toHaveLength(3);
		expect(Object.keys((offered(requests, 'Book_employee_on_Planaday_course')?.parameters?.properties ?? {}) as IDataObject).sort()).toEqual(['courseId', 'email', 'firstName', 'lastName']);
		expect(offered(requests, 'Get_Planaday_course')?.description).toBe('Get a Planaday course by its ID, with its name, dates and the places still available');
		const answers = toolAnswers(requests);
		expect(answers[0]).toContain(`"available":${available}`);
		expect(answers[1]).toContain(String(made[0].booking_id));
		expect(nodeItems(run.data, 'AI Agent')[0].output).toBe(`Booked Sanne Bakker on ${String(course.name)}: booking ${String(made[0].booking_id)}.`);
		expect(run.data.resultData.runData['Book employee on Planaday course']).toHaveLength(1);
	}, 600_000);

	test('accessplanit: "approve the pending course requests of manager Y" books exactly their delegates', async () => {
		const ap = sandboxes.accessplanit;
		// Manager Y has three requests waiting (the seed gives every request to one manager; three move to Y).
		const manager = ap.modules.User[7];
		const awaiting = ap.modules.ManagerUserCourseDateAuthorisation.filter((a) => a.Status === 'Awaiting');
		const mine = awaiting.slice(5, 8);
		for (const authorisation of mine) ap.update(authorisation, { ManagerUserID: manager.ID });
		const others = awaiting.filter((a) => !mine.includes(a));
		expect(mine.map((a) => ap.modules.UserCourseDate.find((d) => d.ID === a.UserCourseDateID)?.Status)).toEqual(['Provisional', 'Provisional', 'Provisional']);

		// The model: find the manager by email, list their waiting requests, approve each, then report.
		standIn.setScript(({ messages, toolResults }) => {
			const asked = question(messages);
			const email = EMAIL.exec(asked)?.[0];
			if (toolResults.length === 0) return { tool: /^Find_accessplanit_user_by_email$/, arguments: { email } };
			const user = records(toolResults[0], 'Email').find((record) => record.Email === email);
			if (!user) return { answer: `No accessplanit user has the email ${email}.` };
			if (toolResults.length === 1) return { tool: /^List_course_requests_awaiting_manager$/, arguments: { managerUserId: user.ID } };
			const requests = records(toolResults[1], 'UserCourseDateID');
			const next = requests[toolResults.length - 2];
			if (next) return { tool: /^Approve_course_request$/, arguments: { delegateId: next.UserCourseDateID } };
			const approved = toolResults.slice(2).flatMap((result) => records(result, 'outcome')).filter((record) => record.outcome === 'approved');
			return { answer: `Approved ${approved.length} course requests of ${String(user.Forenames)} ${String(user.Surname)}: ${approved.map((record) => String(record.ID)).join(', ')}.` };
		});
		const seen = standIn.requests.length;
		await n8n.importWorkflows([
			agentWorkflow('tsAiAgentAccess1', 'AI agent: approve a manager’s course requests in accessplanit', `Approve the pending accessplanit course requests of manager ${String(manager.Forenames)} ${String(manager.Surname)} (${String(manager.Email)}).`, [
				findAccessplanitUser,
				listPendingRequests,
				approveRequest,
			]),
		]);
		const run = await n8n.execute('tsAiAgentAccess1');
		expect(run.data.resultData.error).toBeUndefined();

		// The sandbox: the manager's three delegates are Booked and their authorisations Approved; nobody else's changed.
		for (const authorisation of mine) {
			expect(ap.modules.UserCourseDate.find((d) => d.ID === authorisation.UserCourseDateID)?.Status).toBe('Booked');
			expect(authorisation.Status).toBe('Approved');
		}
		expect(others.every((a) => a.Status === 'Awaiting')).toBe(true);
		expect(others.every((a) => ap.modules.UserCourseDate.find((d) => d.ID === a.UserCourseDateID)?.Status === 'Provisional')).toBe(true);

		const requests = turns(standIn, seen);
		expect(requests).toHaveLength(6);
		expect(Object.keys((offered(requests, 'List_course_requests_awaiting_manager')?.parameters?.properties ?? {}) as IDataObject)).toEqual(['managerUserId']);
		expect(Object.keys((offered(requests, 'Approve_course_request')?.parameters?.properties ?? {}) as IDataObject)).toEqual(['delegateId']);
		const answers = toolAnswers(requests);
		expect(records(answers[1], 'UserCourseDateID').map((record) => record.UserCourseDateID).sort()).toEqual(mine.map((a) => a.UserCourseDateID).sort());
		expect(nodeItems(run.data, 'AI Agent')[0].output).toBe(
			`Approved 3 course requests of ${String(manager.Forenames)} ${String(manager.Surname)}: ${mine.map((a) => String(a.UserCourseDateID)).join(', ')}.`,
		);
		// n8n ran the package's node once per tool call.
		expect(run.data.resultData.runData['Approve course request']).toHaveLength(3);
	}, 600_000);

	test('MCP: the MCP Server Trigger, active in n8n start, offers the tools to an MCP client, which finds a user and books a course', async () => {
		const edu = sandboxes.eduframe.tables;
		const planaday = sandboxes.planaday;
		const student = edu.users.find((user) => user.id === 57)!;
		const course = planaday.courses.find((c) => c.status === 'active' && !Number(c.has_stap) && !Number(c.stap_only) && (c.users as { available: number }).available >= 1 && (c.dayparts as number[]).length > 0)!;
		await n8n.importWorkflows([mcpWorkflow('tsAiMcpServer001', 'training-systems', [findEduframeUser, getPlanadayCourse, bookPlanaday, approveRequest])]);
		await n8n.activate('tsAiMcpServer001');
		await n8n.start();

		const url = new URL(`${n8n.baseUrl}/mcp/training-systems`);
		const client = new Client({ name: 'training-systems-e2e', version: '1.0.0' });
		// n8n registers the production path just after it starts listening.
		const deadline = Date.now() + 60_000;
		for (;;) {
			try {
				await client.connect(new StreamableHTTPClientTransport(url));
				break;
			} catch (error) {
				if (Date.now() > deadline) throw new Error(`MCP server at ${url.href} did not answer: ${String(error)}\n${n8n.serverLog.slice(-3000)}`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		}
		try {
			const { tools } = await client.listTools();
			const byName = Object.fromEntries(tools.map((entry) => [entry.name, entry]));
			expect(Object.keys(byName).sort()).toEqual(['Approve_course_request', 'Book_employee_on_Planaday_course', 'Find_Eduframe_user_by_email', 'Get_Planaday_course']);
			expect(byName.Find_Eduframe_user_by_email.description).toBe('Find an Eduframe user (student) by email address; returns the user with their Eduframe ID');
			expect(byName.Book_employee_on_Planaday_course.description).toBe('Book one employee on a Planaday course; returns the booking ID');
			expect(Object.keys(byName.Book_employee_on_Planaday_course.inputSchema.properties ?? {}).sort()).toEqual(['courseId', 'email', 'firstName', 'lastName']);
			expect(Object.keys(byName.Approve_course_request.inputSchema.properties ?? {})).toEqual(['delegateId']);

			sandboxes.eduframe.resetStats();
			const found = await client.callTool({ name: 'Find_Eduframe_user_by_email', arguments: { email: student.email } });
			expect(found.isError).toBeFalsy();
			const foundText = (found.content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('');
			expect(records(foundText, 'email')).toEqual([expect.objectContaining({ id: 57, email: student.email, first_name: student.first_name })]);
			expect(sandboxes.eduframe.stats.byRoute['GET /api/v1/users']).toBe(1);

			const bookingsBefore = planaday.bookings.length;
			const booked = await client.callTool({ name: 'Book_employee_on_Planaday_course', arguments: { courseId: course.id, firstName: 'Tom', lastName: 'Wright', email: 'tom.wright@acme.example' } });
			expect(booked.isError).toBeFalsy();
			const made = planaday.bookings.slice(bookingsBefore);
			expect(made).toHaveLength(1);
			expect(made[0]).toMatchObject({ course_id: course.id, label: 'AI-agent' });
			expect(made[0].students).toEqual([expect.objectContaining({ first_name: 'Tom', last_name: 'Wright', email: 'tom.wright@acme.example' })]);
			const bookedText = (booked.content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('');
			expect(bookedText).toContain(String(made[0].booking_id));
		} finally {
			await client.close();
		}
	}, 600_000);
});
