/** The fields n8n's resource mapper offers (User → Sync From HR). */
export { getSyncColumns } from '../actions/user/syncFromHr';
