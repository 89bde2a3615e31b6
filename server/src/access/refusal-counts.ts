/**
 * Refusals per key (an address) in this process, on the wall clock: after `limit` refusals within
 * the window the key is refused until the window has passed. Only refusals count, so no number of
 * good calls is ever limited.
 */
const SWEEP_AT = 10_000

export function refusalCounts(limit: number, windowMs: number, now: () => number = Date.now) {
  const refusals = new Map<string, { count: number; since: number }>()
  const current = (key: string) => {
    const entry = refusals.get(key)
    if (entry && now() - entry.since >= windowMs) refusals.delete(key)
    return refusals.get(key)
  }
  return {
    /** Seconds until the key may be answered again, or 0 when it may now. */
    retryAfterSeconds(key: string): number {
      const entry = current(key)
      return entry && entry.count >= limit ? Math.ceil((entry.since + windowMs - now()) / 1000) : 0
    },
    refused(key: string): void {
      // Many keys each touched once (callers by address) are swept rather than kept for good.
      if (refusals.size >= SWEEP_AT) for (const [other, entry] of refusals) if (now() - entry.since >= windowMs) refusals.delete(other)
      const entry = current(key)
      refusals.set(key, entry ? { ...entry, count: entry.count + 1 } : { count: 1, since: now() })
    },
  }
}
