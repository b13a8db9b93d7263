import type { ResourceDefinition } from '../../shared/operations/types';
import { userResource } from './user';

/** Every accessplanit resource, each in its own folder under actions/. */
export const accessplanitResources: ResourceDefinition[] = [userResource];
