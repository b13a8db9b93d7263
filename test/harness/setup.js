// n8n-core reads its user folder at load time: give every test run a throw-away one.
const fs = require('fs');
const os = require('os');
const path = require('path');
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// The clock every test reads (TEST_CLOCK places it; see clock-setup.js).
require('./clock-setup');
