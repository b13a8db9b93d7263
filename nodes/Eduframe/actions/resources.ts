import type { ResourceDefinition } from '../../shared/operations/types';
import { userResource } from './user';

/** Every Eduframe resource, each in its own folder under actions/. */
export const eduframeResources: ResourceDefinition[] = [userResource];
