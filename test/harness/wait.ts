/** Waits until `check()` holds, looking every 200 ms; after `timeoutMs` it fails naming `what` it waited for. */
export async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
