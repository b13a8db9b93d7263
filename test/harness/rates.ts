/** How much of a vendor's allowed rate `requests` in `seconds` used, as the bench and the queue scenarios print it. */
export function rateUse(requests: number, seconds: number, limit: number, windowSeconds: number) {
	const allowedRate = limit / windowSeconds;
	return {
		seconds: seconds.toFixed(1),
		limit,
		windowSeconds,
		rate: (requests / seconds).toFixed(1),
		allowedRate: allowedRate.toFixed(1),
		share: (requests / seconds / allowedRate).toFixed(2),
	};
}
