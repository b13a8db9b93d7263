/**
 * `npm ci` (CI's first step) refuses a lock that lacks an entry for any dependency, also another platform's
 * optional native build. A registry that serves only this machine's platform lets `npm install` write such a
 * lock (it happened: CI failed after 2 s on 17 missing `@unrs/resolver-binding-*` entries).
 */
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { missing, platformOf } = require('../../scripts/lockfile.js') as {
	missing: (lock: unknown) => Array<{ name: string; range: string; from: string }>;
	platformOf: (name: string) => { os: string; cpu: string; libc?: string } | undefined;
};

const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package-lock.json'), 'utf8'));

test('package-lock.json has an entry for every dependency of every locked package (fix: node scripts/lockfile.js --fix)', () => {
	expect(missing(lock).map((gap) => `${gap.name}@${gap.range} (wanted by ${gap.from})`)).toEqual([]);
});

test('the check finds a platform build that is missing, and knows its platform from its name', () => {
	const broken = structuredClone(lock);
	delete broken.packages['node_modules/@unrs/resolver-binding-darwin-arm64'];
	expect(missing(broken).map((gap) => gap.name)).toEqual(['@unrs/resolver-binding-darwin-arm64']);
	expect(platformOf('@unrs/resolver-binding-darwin-arm64')).toEqual({ os: 'darwin', cpu: 'arm64', libc: undefined });
	expect(platformOf('@unrs/resolver-binding-linux-arm-musleabihf')).toEqual({ os: 'linux', cpu: 'arm', libc: 'musl' });
	expect(platformOf('@unrs/resolver-binding-win32-ia32-msvc')).toEqual({ os: 'win32', cpu: 'ia32', libc: undefined });
});
