import type { IDataObject } from 'n8n-workflow';

import type { NameTable } from '../../shared/operations/names';
import { vendorRequest } from '../../shared/transport/request';
import { planadayProfile } from '../transport';

/**
 * Planaday's ID columns and the names that go next to them: a daypart, material or image names its
 * course only by `course_id`; the course's name is read once per different course per run.
 */
export const planadayNames: NameTable = {
	course_id: {
		column: 'course_name',
		read: async (ctx, id) => {
			if (!/^\d+$/.test(id)) return undefined;
			const answer = await vendorRequest.call(ctx, planadayProfile, { method: 'GET', url: `/course/${id}` });
			const course = answer.body as IDataObject | undefined;
			return course && typeof course === 'object' && course.name ? String(course.name) : undefined;
		},
	},
};
