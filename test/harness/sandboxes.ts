import { startSandboxes, type Sandboxes } from '../../sandbox';
import { ACCESSPLANIT_API_KEY, ACCESSPLANIT_PASSWORD, ACCESSPLANIT_USER } from '../../sandbox/accessplanit/server';
import { EDUFRAME_BASIC_KEY, EDUFRAME_LEGACY_SCOPES_KEY, EDUFRAME_SANDBOX_KEY } from '../../sandbox/eduframe/server';
import { PLANADAY_SANDBOX_KEY } from '../../sandbox/planaday/server';
import { sharedPacer } from '../../nodes/shared';
import { credentialStore } from './engine';

/** Starts fresh sandboxes and registers matching credentials (ids: eduframe, eduframe-bad). */
export async function withSandboxes(): Promise<Sandboxes> {
	const sandboxes = await startSandboxes({ eduframe: { users: 300 } });
	credentialStore.set('eduframe', { type: 'eduframeApi', data: { apiKey: EDUFRAME_SANDBOX_KEY, baseUrl: sandboxes.eduframe.baseUrl } });
	credentialStore.set('eduframe-bad', { type: 'eduframeApi', data: { apiKey: 'wrong-key-that-is-secret', baseUrl: sandboxes.eduframe.baseUrl } });
	credentialStore.set('eduframe-legacy', { type: 'eduframeApi', data: { apiKey: EDUFRAME_LEGACY_SCOPES_KEY, baseUrl: sandboxes.eduframe.baseUrl } });
	credentialStore.set('eduframe-basic', { type: 'eduframeApi', data: { apiKey: EDUFRAME_BASIC_KEY, baseUrl: sandboxes.eduframe.baseUrl } });
	credentialStore.set('planaday', { type: 'planadayApi', data: { apiKey: PLANADAY_SANDBOX_KEY, baseUrl: sandboxes.planaday.baseUrl } });
	credentialStore.set('planaday-bad', { type: 'planadayApi', data: { apiKey: 'wrong-planaday-key-secret', baseUrl: sandboxes.planaday.baseUrl } });
	const systemUrl = sandboxes.accessplanit.baseUrl;
	credentialStore.set('accessplanit', { type: 'accessplanitApi', data: { systemUrl, authType: 'password', username: ACCESSPLANIT_USER, password: ACCESSPLANIT_PASSWORD } });
	credentialStore.set('accessplanit-key', { type: 'accessplanitApi', data: { systemUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY } });
	credentialStore.set('accessplanit-paced', { type: 'accessplanitApi', data: { systemUrl, authType: 'apiKey', apiKey: ACCESSPLANIT_API_KEY, rateLimitRequests: 2, rateLimitWindowSeconds: 0.7 } });
	credentialStore.set('accessplanit-bad', { type: 'accessplanitApi', data: { systemUrl, authType: 'password', username: ACCESSPLANIT_USER, password: 'not-the-password-xyz' } });
	return sandboxes;
}

export const eduframeCredential = { eduframeApi: { id: 'eduframe', name: 'Eduframe sandbox' } };
export const badEduframeCredential = { eduframeApi: { id: 'eduframe-bad', name: 'Eduframe wrong key' } };
/** A key made before Eduframe moved enrollments to their own scopes. */
export const legacyScopesEduframeCredential = { eduframeApi: { id: 'eduframe-legacy', name: 'Eduframe key without enrollments scopes' } };
/** A key of an Eduframe without the optional features (Programs, Custom objects, Organizations, ...). */
export const basicEduframeCredential = { eduframeApi: { id: 'eduframe-basic', name: 'Eduframe without optional features' } };

export const planadayCredential = { planadayApi: { id: 'planaday', name: 'Planaday sandbox' } };
export const badPlanadayCredential = { planadayApi: { id: 'planaday-bad', name: 'Planaday wrong key' } };

export const accessplanitCredential = { accessplanitApi: { id: 'accessplanit', name: 'accessplanit sandbox' } };
export const accessplanitKeyCredential = { accessplanitApi: { id: 'accessplanit-key', name: 'accessplanit sandbox (API key)' } };
export const pacedAccessplanitCredential = { accessplanitApi: { id: 'accessplanit-paced', name: 'accessplanit sandbox (2 requests per 0.7 s)' } };
export const badAccessplanitCredential = { accessplanitApi: { id: 'accessplanit-bad', name: 'accessplanit wrong password' } };

/**
 * The sandboxes of one test file: started (with their credentials) before its first test, stopped after its
 * last, and before each test the shared pacer reset and every sandbox's stats and request log emptied.
 * The object is filled in when the sandboxes have started; `setup` runs once then (e.g. to raise a limit).
 */
export function sandboxesForThisFile(setup?: (sandboxes: Sandboxes) => void): Sandboxes {
	const sandboxes = {} as Sandboxes;
	beforeAll(async () => {
		Object.assign(sandboxes, await withSandboxes());
		setup?.(sandboxes);
	});
	afterAll(async () => await sandboxes.stop());
	beforeEach(() => {
		sharedPacer.reset();
		for (const sandbox of [sandboxes.eduframe, sandboxes.planaday, sandboxes.accessplanit]) {
			sandbox.resetStats();
			sandbox.recent.length = 0;
		}
	});
	return sandboxes;
}
