/**
 * Runs `run(0)` … `run(count - 1)` with at most `atOnce` of them under way, in index order. After a
 * failure no further index is started; once those under way have ended, the first failure is what
 * the caller sees. A `run` that returns false starts no further index either (the work is done), so
 * `count` may be a bound rather than the number needed. A `run` that must not stop the others catches
 * its own errors. (Requests started this way still pass the pacer.)
 */
export async function forEachAtOnce(count: number, atOnce: number, run: (index: number) => Promise<void | boolean>): Promise<void> {
	let next = 0;
	let failure: { error: unknown } | undefined;
	let done = false;
	const worker = async () => {
		while (!failure && !done && next < count) {
			const index = next++;
			try {
				if ((await run(index)) === false) done = true;
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(0, Math.min(atOnce, count)) }, worker));
	if (failure) throw failure.error;
}
