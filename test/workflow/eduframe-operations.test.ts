/**
 * Every Eduframe operation, run as a workflow by n8n's engine against the Eduframe sandbox:
 * one success per operation, and a documented failure per resource.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { eduframeResources } from '../../nodes/Eduframe/actions/resources';
import type { OperationDefinition, ResourceDefinition } from '../../nodes/shared/operations/types';
import { sharedPacer } from '../../nodes/shared';
import type { Sandboxes } from '../../sandbox';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { describe as describeSpec, spec } from '../../sandbox/eduframe/spec';
import { errorOf, itemsOf, runWorkflow } from '../harness/engine';
import { badEduframeCredential, eduframeCredential, withSandboxes } from '../harness/sandboxes';
import { singleNodeWorkflow } from '../harness/workflows';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await withSandboxes();
	sandboxes.eduframe.limiter.limit = 100_000;
	// Webhooks live outside the generic tables: register two to read, change and delete.
	for (const url of ['https://hr.example.com/a', 'https://hr.example.com/b']) {
		await fetch(`${sandboxes.eduframe.baseUrl}/webhooks`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${EDUFRAME_SANDBOX_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ url, events: ['user.created'] }),
		});
	}
});
afterAll(async () => sandboxes.stop());
beforeEach(() => sharedPacer.reset());

/** Which record an action needs to succeed (e.g. only a requested order can be approved). */
const NEEDS: Record<string, (record: IDataObject) => boolean> = {
	'order.approve': (r) => r.status === 'requested',
	'order.deny': (r) => r.status === 'requested',
	'order.cancel': (r) => r.status !== 'canceled',
	'enrollment.cancel': (r) => r.status !== 'canceled',
	'plannedCourse.cancel': (r) => r.status !== 'canceled',
};

/** Values an operation needs beyond its required fields (Eduframe wants a grade or a score). */
const EXTRA: Record<string, IDataObject> = {
	'grade.create': { score: '7.5' },
	'programEdition.addElements': { elements: '[{"type": "CourseElement", "course_id": 1}]' },
};

let uniqueCounter = 0;

function sampleFor(property: INodeProperties): unknown {
	const name = property.name;
	if (property.type === 'string' && typeof property.default === 'string' && property.default) return property.default;
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: '1' };
		case 'options':
			return property.typeOptions?.loadOptionsMethod ? 1 : (property.options?.[0] as { value: unknown })?.value;
		case 'multiOptions':
			return property.typeOptions?.loadOptionsMethod ? [1] : [(property.options?.[0] as { value: unknown })?.value];
		case 'number':
			return 1;
		case 'boolean':
			return true;
		case 'json':
			return property.default === '[]' ? '[]' : '{}';
		case 'dateTime':
			return '2026-03-02T09:00:00';
		default:
			if (name === 'email') return `sample.${Date.now()}.${++uniqueCounter}@example.com`;
			if (name === 'url') return 'https://hr.example.com/hooks/eduframe';
			if (name === 'amount' || name === 'percentage' || name === 'cost') return '12.50';
			if (name === 'gradeable_type') return 'Enrollment';
			if (name === 'student_ids') return '1, 2';
			if (name === 'field_slug' || name === 'fieldSlug') return 'shirt_size';
			return `Sample ${name}`;
	}
}

/** Parameters that make `operation` succeed against the seeded sandbox. */
function parametersFor(resource: ResourceDefinition, operation: OperationDefinition): IDataObject {
	const parameters: IDataObject = { resource: resource.value, operation: operation.value };
	const described = describeSpec(operation.method, operation.path, spec.paths[operation.path][operation.method.toLowerCase()]);
	const table = (described.table === 'webhooks' || described.table === 'notifications' || described.table === 'notifications/failed'
		? sandboxes.eduframe.webhooks.map((hook) => ({ ...hook, webhook_id: hook.id }))
		: sandboxes.eduframe.tables[described.table] ?? []) as IDataObject[];
	const need = NEEDS[`${resource.value}.${operation.value}`] ?? (() => true);
	// Deletes take the last record, so the records other operations point at (id 1) stay.
	let candidates = table.filter((r) => r.tenant === 1 && need(r as IDataObject));
	if (resource.value === 'invoice' && operation.value === 'markAsPaid') {
		// Mark as Paid needs an invoice with something outstanding (its path names the invoice).
		candidates = sandboxes.eduframe.tables.invoices
			.filter((invoice) => Number(invoice.outstanding_amount) > 0)
			.map((invoice) => ({ ...invoice, invoice_id: invoice.id })) as typeof candidates;
	}
	const record = operation.value === 'delete' ? candidates[candidates.length - 1] : candidates[0];
	const pathValues: Record<string, string> = {};
	if (described.idParam && record) pathValues[described.idParam] = String(/_slug$/.test(described.idParam) ? record.slug : record.id);
	for (const [param, field] of Object.entries(described.scope)) {
		pathValues[param] = String(record?.[field] ?? (param === 'object_type' ? 'users' : param === 'field_slug' ? 'shirt_size' : 1));
	}
	for (const property of operation.properties ?? []) {
		const placeholder = Object.entries(operation.pathParameters ?? {}).find(([, name]) => name === property.name)?.[0];
		if (placeholder) {
			const value = pathValues[placeholder] ?? '1';
			parameters[property.name] = property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
			continue;
		}
		if (property.required) parameters[property.name] = sampleFor(property) as IDataObject[string];
	}
	if (operation.list) parameters.returnAll = true;
	return { ...parameters, ...EXTRA[`${resource.value}.${operation.value}`] };
}

// Deletes run last, after every operation that may need the records they remove. Operations that take all
// items together (User → Sync From HR) have their own file, test/workflow/hr-sync.test.ts.
const cases = eduframeResources
	.flatMap((resource) => resource.operations.filter((operation) => !operation.runOnce).map((operation) => [`${resource.name} → ${operation.name}`, resource, operation] as const))
	.sort((a, b) => Number(a[2].value === 'delete') - Number(b[2].value === 'delete'));

describe('every Eduframe operation succeeds', () => {
	test.each(cases)('%s', async (_title, resource, operation) => {
		const run = await runWorkflow(singleNodeWorkflow('eduframe', parametersFor(resource, operation), eduframeCredential));
		const error = errorOf(run, 'Vendor');
		expect(error?.message).toBeUndefined();
		const items = itemsOf(run, 'Vendor');
		expect(items.length).toBeGreaterThan(0);
		if (operation.binary) expect(Object.keys(items[0].binary ?? {})).toEqual(['data']);
	});
});

describe('every Eduframe resource reports a documented failure', () => {
	const failures = eduframeResources.map((resource) => {
		const byId = resource.operations.find((operation) => operation.value === 'get' && /\{(id|option_id|record_id|object_id)\}$/.test(operation.path));
		return [resource.name, resource, byId] as const;
	});

	test.each(failures)('%s', async (_title, resource, byId) => {
		if (byId) {
			const parameters = parametersFor(resource, byId);
			const idField = byId.pathParameters?.[(/\{(\w+)\}$/.exec(byId.path) as RegExpExecArray)[1]] as string;
			const current = parameters[idField];
			parameters[idField] = typeof current === 'object' ? { ...(current as IDataObject), value: '987654' } : '987654';
			const run = await runWorkflow(singleNodeWorkflow('eduframe', parameters, eduframeCredential));
			const error = errorOf(run, 'Vendor');
			expect(error?.message).toMatch(/^Eduframe: .* not found$/i);
			expect(String(error?.description)).toMatch(/^No Eduframe (record|[a-z ]+) has this ID/);
		} else {
			const operation = resource.operations[0];
			const run = await runWorkflow(singleNodeWorkflow('eduframe', parametersFor(resource, operation), badEduframeCredential));
			expect(errorOf(run, 'Vendor')?.message).toMatch(/^Eduframe: Unauthorized/);
		}
	});
});
