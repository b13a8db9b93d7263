const path = require('path');
const { task, src, dest } = require('gulp');

// n8n loads node and credential icons, and each node's codex (`<Node>.node.json`: categories, search
// aliases, documentation links), from next to the built files. Sources import `./<Node>.node` only through
// TypeScript (which prefers `.ts`), Jest (`ts` before `json`) and ts-node (`preferTsExts` in tsconfig.json).
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => path.join('dist', path.relative(__dirname, file.base))),
	),
);
