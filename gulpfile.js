const path = require('path');
const { task, src, dest } = require('gulp');

// n8n loads node and credential icons, and each node's codex (categories, search aliases, documentation
// links), from next to the built files. The codex is `<Node>.codex.json` in the sources (a `.node.json`
// there would be what `require('./<Node>.node')` finds first) and `<Node>.node.json` in dist.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.codex.json', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => {
			if (file.basename.endsWith('.codex.json')) file.basename = file.basename.replace(/\.codex\.json$/, '.node.json');
			return path.join('dist', path.relative(__dirname, file.base));
		}),
	),
);
