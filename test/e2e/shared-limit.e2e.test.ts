import { startSandboxes, type Sandboxes } from '../../sandbox';
import { TwoProcesses } from '../harness/two-processes';

/**
 * One vendor limit across n8n processes: two separate n8n processes (`n8n execute`, regular mode,
 * each its own user folder and so its own pacer) write under one credential at the same moment,
 * against a sandbox whose limit for the key is small (20 requests per 3 s). Throughput is the
 * `shared-limit` bench job's business; this holds what the vendor answers and what gets written.
 */
// The pacing is this package's own code, the same under both n8n lines, and the test waits on real rate-limit
// windows (about 3.5 min per line in CI): it runs on the first line asked for only.
const versions = (process.env.E2E_N8N_VERSIONS ?? '2.40.7').split(',').map((v) => v.trim()).filter(Boolean).slice(0, 1);
const shape = { limit: 20, windowMs: 3000, perProcess: 40 };

describe.each(versions)('two n8n %s processes writing under one key', (version) => {
	let sandboxes: Sandboxes;
	let two: TwoProcesses;

	beforeAll(async () => {
		sandboxes = await startSandboxes({ eduframe: { users: 10 } });
		two = await TwoProcesses.create(sandboxes, version);
	}, 1_200_000);

	afterAll(async () => {
		two?.cleanup();
		await sandboxes?.stop();
	});

	test('Eduframe, the credential set to 2 processes: no request answered 429, every user made once', async () => {
		const result = await two.run({ vendor: 'eduframe', processesSetting: 2, ...shape });
		expect(result.refused).toBe(0);
		expect(result.written).toBe(80);
		expect(result.recordsMade).toBe(80);
		expect(result.busiestWindow).toBeLessThanOrEqual(20);
	}, 300_000);

	test('Eduframe, set to 1 while two processes use the key: Eduframe answers 429 (it sends no count to go by); every user is still made once', async () => {
		const result = await two.run({ vendor: 'eduframe', processesSetting: 1, ...shape });
		expect(result.refused).toBeGreaterThan(0);
		expect(result.written).toBe(80);
		expect(result.recordsMade).toBe(80);
	}, 300_000);

	test("Planaday, set to 2 processes: Planaday's count is never run down to a 503, every student made once", async () => {
		const result = await two.run({ vendor: 'planaday', processesSetting: 2, ...shape });
		expect(result.refused).toBe(0);
		expect(result.written).toBe(80);
		expect(result.recordsMade).toBe(80);
	}, 300_000);

	test("Planaday, set to 1 while two processes use the key: each sees the other's requests in X-RateLimit-Remaining and stops in time", async () => {
		const result = await two.run({ vendor: 'planaday', processesSetting: 1, ...shape });
		// Until a process has seen the other in Planaday's count it keeps no room for it: at most one
		// request of the first window can meet a 503 (sent again after the reset; the runs so far had none).
		expect(result.refused).toBeLessThanOrEqual(1);
		expect(result.written).toBe(80);
		expect(result.recordsMade).toBe(80);
	}, 300_000);
});
