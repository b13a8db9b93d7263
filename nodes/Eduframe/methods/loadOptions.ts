import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

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
