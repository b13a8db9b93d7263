import type { ResourceDefinition } from '../../shared/operations/types';
import { companyResource } from './company';
import { companyGroupResource } from './companyGroup';
import { courseDateResource } from './courseDate';
import { courseTemplateResource } from './courseTemplate';
import { delegateResource } from './delegate';
import { invoiceResource } from './invoice';
import { invoiceItemResource } from './invoiceItem';
import { managerAuthorisationResource } from './managerAuthorisation';
import { otherModuleResource } from './otherModule';
import { trainerResource } from './trainer';
import { transactionResource } from './transaction';
import { userResource } from './user';
import { userAwardResource } from './userAward';
import { venueResource } from './venue';

/** Every accessplanit resource, each in its own folder under actions/. */
export const accessplanitResources: ResourceDefinition[] = [
	userResource,
	companyResource,
	companyGroupResource,
	courseTemplateResource,
	courseDateResource,
	delegateResource,
	managerAuthorisationResource,
	userAwardResource,
	venueResource,
	trainerResource,
	invoiceResource,
	invoiceItemResource,
	transactionResource,
	otherModuleResource,
];
