import { startSandboxes, type Sandboxes } from '../../sandbox';
import { EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { credentialStore } from './engine';

/** Starts fresh sandboxes and registers matching credentials (ids: eduframe, eduframe-bad). */
export async function withSandboxes(): Promise<Sandboxes> {
	const sandboxes = await startSandboxes({ eduframe: { users: 300 } });
	credentialStore.set('eduframe', { type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } });
	credentialStore.set('eduframe-bad', { type: 'eduframeApi', data: { apiKey: 'wrong-key-that-is-secret', baseUrl: sandboxes.eduframe.baseUrl } });
	credentialStore.set('planaday', { type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } });
	credentialStore.set('planaday-bad', { type: 'planadayApi', data: { apiKey: 'wrong-planaday-key-secret', baseUrl: sandboxes.planaday.baseUrl } });
	return sandboxes;
}

export const eduframeCredential = { eduframeApi: { id: 'eduframe', name: 'Eduframe sandbox' } };
export const badEduframeCredential = { eduframeApi: { id: 'eduframe-bad', name: 'Eduframe wrong key' } };

export const planadayCredential = { planadayApi: { id: 'planaday', name: 'Planaday sandbox' } };
export const badPlanadayCredential = { planadayApi: { id: 'planaday-bad', name: 'Planaday wrong key' } };
