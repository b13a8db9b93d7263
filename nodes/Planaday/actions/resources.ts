import type { ResourceDefinition } from '../../shared/operations/types';
import { readablePlanaday } from '../methods/readable';
import { bookingResource } from './booking';
import { connectionResource } from './connection';
import { courseResource } from './course';
import { courseTemplateResource } from './courseTemplate';
import { daypartResource } from './daypart';
import { extraFieldResource } from './extraField';
import { imageResource } from './image';
import { instructorResource } from './instructor';
import { labelResource } from './label';
import { locationResource } from './location';
import { studentResource } from './student';

/** Every record an operation puts out reads as people read it: days as `YYYY-MM-DD`, a course's places left. */
const readable = (resource: ResourceDefinition): ResourceDefinition => ({
	...resource,
	operations: resource.operations.map((operation) => {
		const own = operation.outputRecord;
		return { ...operation, outputRecord: own ? (record) => readablePlanaday(own(record)) : readablePlanaday };
	}),
});

/** Every Planaday resource, each in its own folder under actions/. */
export const planadayResources: ResourceDefinition[] = [
	bookingResource,
	connectionResource,
	courseResource,
	courseTemplateResource,
	daypartResource,
	extraFieldResource,
	imageResource,
	instructorResource,
	labelResource,
	locationResource,
	studentResource,
].map(readable);
