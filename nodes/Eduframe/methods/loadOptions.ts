import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { paginate } from '../../shared/transport/paginate';
import { eduframePagination, eduframeProfile } from '../transport';
import { allOptions } from './records';

const optionsOf = (path: string) =>
	async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await allOptions(this, path);
	};

export const getCategories = optionsOf('/categories');
export const getCourseLocations = optionsOf('/course_locations');
export const getPaymentMethods = optionsOf('/payment_methods');
export const getPaymentOptions = optionsOf('/payment_options');
export const getTeacherRoles = optionsOf('/teacher_roles');
export const getCourseVariants = optionsOf('/course_variants');
export const getMaterialGroups = optionsOf('/material_groups');
export const getLabels = optionsOf('/labels');
export const getInvoiceVats = optionsOf('/invoice_vats');

/** The account's custom objects, by name; the value is the slug Eduframe addresses them by. */
export async function getCustomObjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const objects = await paginate.call(this, eduframeProfile, eduframePagination, { url: '/custom/objects', returnAll: false, limit: 1000 });
	return objects
		.map((object) => ({ name: String(object.name_plural ?? object.name_singular ?? object.slug), value: String(object.slug), description: `Slug: ${String(object.slug)}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The labels Eduframe offers for users (User → Sync From HR). */
export { getUserLabels } from '../actions/user/syncFromHr';
