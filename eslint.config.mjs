// n8n's own lint rules for community nodes: the Cloud-eligible set that `n8n-node lint` applies
// (@n8n/node-cli's configuration), over the package's nodes, credentials and package.json.
import { config } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'sandbox/**', 'test/**', 'bench/**', 'scripts/**', 'docs/**', 'examples/**', '*.js', '*.mjs'] },
	...config,
];
