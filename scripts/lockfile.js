#!/usr/bin/env node
/**
 * package-lock.json must list every platform's build of a package with native parts (unrs-resolver has
 * 21 `@unrs/resolver-binding-*` optional dependencies), or `npm ci` refuses the lock as "not in sync".
 *
 * Why it can go missing: a registry (or mirror) that serves only this machine's platform answers 404 for the
 * other builds, and `npm install` then writes a lock without them. CI's `npm ci` on a clean clone fails at once.
 *
 *   node scripts/lockfile.js          lists what is missing (exit 1 if anything is)
 *   node scripts/lockfile.js --fix    adds the missing entries (version, os, cpu, libc from the package name;
 *                                     npm skips other platforms' builds without downloading them)
 *
 * test/unit/lockfile.test.ts runs the check as part of `npm test`.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const LOCK = path.resolve(__dirname, '..', 'package-lock.json');

/** Where Node would find `name` from the package at `from` (a lock key such as node_modules/a/node_modules/b). */
function resolveIn(packages, from, name) {
	let dir = from;
	for (;;) {
		const key = (dir ? `${dir}/` : '') + `node_modules/${name}`;
		if (packages[key]) return key;
		if (!dir) return undefined;
		const cut = dir.lastIndexOf('node_modules/');
		dir = cut <= 0 ? '' : dir.slice(0, cut - 1);
	}
}

/** Every dependency (regular or optional) of every locked package that has no entry Node would find. */
function missing(lock) {
	const packages = lock.packages;
	const out = [];
	for (const [key, entry] of Object.entries(packages)) {
		if (entry.link) continue;
		const wanted = { ...(entry.dependencies ?? {}), ...(entry.optionalDependencies ?? {}) };
		if (key === '') Object.assign(wanted, entry.devDependencies ?? {});
		for (const [name, range] of Object.entries(wanted)) {
			if (!resolveIn(packages, key, name)) {
				out.push({ from: key || '(the package)', name, range, optional: name in (entry.optionalDependencies ?? {}) });
			}
		}
	}
	return out;
}

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** os, cpu and libc from a napi-rs style name: …-linux-arm64-musl, …-win32-x64-msvc, …-android-arm-eabi. */
function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((part) => OS.includes(part));
	const cpu = parts.find((part) => CPU.includes(part));
	if (!os || !cpu) return undefined;
	const tail = parts[parts.length - 1];
	const libc = os !== 'linux' ? undefined : tail.startsWith('musl') ? 'musl' : tail.startsWith('gnu') ? 'glibc' : undefined;
	return { os, cpu, libc };
}

function fix(lock) {
	const added = [];
	const packages = lock.packages;
	for (const gap of missing(lock)) {
		const platform = gap.optional ? platformOf(gap.name) : undefined;
		const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(gap.range) ? gap.range : undefined;
		if (!platform || !version) continue;
		const from = gap.from === '(the package)' ? '' : gap.from;
		const parentDev = (packages[from] ?? {}).dev === true;
		const entry = { version, cpu: [platform.cpu] };
		if (parentDev) entry.dev = true;
		if (platform.libc) entry.libc = [platform.libc];
		entry.optional = true;
		entry.os = [platform.os];
		packages[`node_modules/${gap.name}`] = entry;
		added.push(`${gap.name}@${version}`);
	}
	// npm's order: the root first, then the keys sorted.
	const sorted = { '': packages[''] };
	for (const key of Object.keys(packages).filter((k) => k !== '').sort((a, b) => a.localeCompare(b, 'en'))) {
		sorted[key] = packages[key];
	}
	lock.packages = sorted;
	return added;
}

module.exports = { missing, platformOf, resolveIn };

if (require.main === module) {
	const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
	if (process.argv.includes('--fix')) {
		const added = fix(lock);
		fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
		console.log(added.length ? `added ${added.length}: ${added.join(', ')}` : 'nothing to add');
	}
	const gaps = missing(lock);
	for (const gap of gaps) console.log(`missing: ${gap.name}@${gap.range} (wanted by ${gap.from})`);
	process.exitCode = gaps.length ? 1 : 0;
}
