import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { plainValue } from '../../shared/operations/execute';
import { readableDay } from '../../shared/time';
import { vendorRequest } from '../../shared/transport/request';
import { extraFieldsOf } from '../actions/extraField';
import { paginate } from '../../shared/transport/paginate';
import { planadayPagination, planadayProfile } from '../transport';
import { courseQuestions } from './readable';

async function all(ctx: ILoadOptionsFunctions, url: string): Promise<IDataObject[]> {
	return await paginate.call(ctx, planadayProfile, planadayPagination, { url, returnAll: true });
}

function selectedCourse(ctx: ILoadOptionsFunctions): string {
	const value = String(plainValue(ctx.getCurrentNodeParameter('courseId')) ?? '').trim();
	return /^\d+$/.test(value) ? value : '';
}

export async function getCourseTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await all(this, '/coursetemplate/list')).map((template) => ({ name: String(template.name), value: Number(template.id) }));
}

/** Labels by name: Planaday filters courses on label names. */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await all(this, '/label/list')).map((label) => ({ name: String(label.name), value: String(label.name) }));
}

export async function getCourseDayparts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const course = selectedCourse(this);
	if (!course) return [];
	return (await all(this, `/course/${course}/dayparts`)).map((part) => ({
		name: `${String(part.name ?? `Daypart ${String(part.id)}`)} (${readableDay(part.date)} ${String(part.start_time ?? '')})`.trim(),
		value: Number(part.id),
	}));
}

export async function getCourseMaterials(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const course = selectedCourse(this);
	if (!course) return [];
	return (await all(this, `/course/${course}/materials`)).map((material) => ({ name: String(material.name ?? material.id), value: Number(material.id) }));
}

/** The extra fields defined in Planaday, by category and name; the value is the field's ID (as a booking sends them). */
export async function getExtraFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const answer = await vendorRequest.call(this, planadayProfile, { method: 'GET', url: '/extrafields/list' });
	return extraFieldsOf(answer.body).map((field) => ({
		name: field.category ? `${String(field.category)}: ${String(field.name ?? field.id)}` : String(field.name ?? field.id),
		value: String(field.id),
	}));
}

/**
 * The questions the chosen course asks at booking (Planaday's attributes), by name, "(required)" where
 * the booking must answer them; the value is the question's code, as a booking sends it.
 */
export async function getCourseQuestions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const course = selectedCourse(this);
	if (!course) return [];
	const answer = await vendorRequest.call(this, planadayProfile, { method: 'GET', url: `/course/${course}` });
	return courseQuestions((answer.body as IDataObject | undefined)?.attributes);
}
