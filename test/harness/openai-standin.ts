/**
 * A local stand-in for OpenAI's Chat Completions API, for n8n's OpenAI Chat Model node: it answers
 * each request with the next step of a script (a tool call, or the final answer), so an AI Agent
 * in a real n8n uses this package's nodes as tools without any model or network. It listens on
 * 127.0.0.1 only and records every request it is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
	name?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

/** What the model does next: call a tool (by a pattern on its name) with arguments, or answer. */
export type Step = { tool: RegExp; arguments: Record<string, unknown> } | { answer: string };

/** A script: from the conversation so far (and the tools offered), the next step. */
export type Script = (conversation: { messages: ChatMessage[]; tools: ChatTool[]; toolResults: unknown[] }) => Step;

/** The text of a message's content, whatever form it came in. */
export function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

/** A tool's answer as the agent passed it back (JSON when it is JSON). */
function parsed(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export class OpenAiStandIn {
	readonly requests: Array<{ path: string; body: Record<string, unknown> }> = [];
	private server?: http.Server;
	port = 0;
	private callCounter = 0;

	constructor(private script: Script) {}

	/** The base URL to put in n8n's OpenAI credential (`…/v1`). */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/v1`;
	}

	setScript(script: Script): void {
		this.script = script;
	}

	async start(): Promise<this> {
		this.server = http.createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
		const path = (request.url ?? '').split('?')[0];
		this.requests.push({ path, body });
		const send = (status: number, payload: unknown) => {
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(payload));
		};
		if (request.method === 'GET' && path.endsWith('/models')) {
			return send(200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1700000000, owned_by: 'stand-in' }] });
		}
		if (request.method !== 'POST' || !path.endsWith('/chat/completions')) return send(404, { error: { message: `No route ${request.method} ${path}` } });

		const messages = (body.messages ?? []) as ChatMessage[];
		const tools = (body.tools ?? []) as ChatTool[];
		const toolResults = messages.filter((message) => message.role === 'tool').map((message) => parsed(textOf(message.content)));
		let step: Step;
		try {
			step = this.script({ messages, tools, toolResults });
		} catch (error) {
			step = { answer: `The stand-in's script failed: ${(error as Error).message}` };
		}
		const model = String(body.model ?? 'gpt-4o-mini');
		let message: ChatMessage;
		let finish: string;
		if ('tool' in step) {
			const tool = tools.find((candidate) => (step as { tool: RegExp }).tool.test(candidate.function.name));
			if (!tool) {
				message = { role: 'assistant', content: `No tool matches ${String(step.tool)}; offered: ${tools.map((t) => t.function.name).join(', ')}` };
				finish = 'stop';
			} else {
				message = {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: `call_${++this.callCounter}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(step.arguments) } }],
				};
				finish = 'tool_calls';
			}
		} else {
			message = { role: 'assistant', content: step.answer };
			finish = 'stop';
		}
		const id = `chatcmpl-${this.requests.length}`;
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		if (body.stream) {
			// Server-sent events, as the API streams: the whole message in one delta, then the finish.
			response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
				`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1700000000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
			const delta: Record<string, unknown> = { role: 'assistant', content: message.content ?? null };
			if (message.tool_calls) delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
			response.write(chunk(delta, null));
			response.write(chunk({}, finish));
			response.end('data: [DONE]\n\n');
			return;
		}
		send(200, { id, object: 'chat.completion', created: 1700000000, model, choices: [{ index: 0, message, finish_reason: finish }], usage });
	}
}
