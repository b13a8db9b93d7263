/** Layers: unit (shared layer), workflow (n8n's engine in-process + sandboxes), hostile (hostile and broken vendors, forged input), e2e (a real n8n), browser (the editor in Chromium). */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = { transform, testEnvironment: 'node', setupFiles: ['<rootDir>/test/harness/setup.js'] };
module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
		{ ...common, displayName: 'hostile', testMatch: ['<rootDir>/test/hostile/**/*.test.ts'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
		{ ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
	],
};
