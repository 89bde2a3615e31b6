/**
 * Failed sign-ins per account on the wall clock: after `limit` failures within the window the
 * account takes no password until the window has passed; a success clears its count. Successes
 * never count, so signing in often never locks anyone out.
 */
const SWEEP_AT = 10_000

export function signInFailures(limit: number, windowMs: number, now: () => number = Date.now) {
  const failures = new Map<string, { count: number; since: number }>()
  const current = (account: string) => {
    const entry = failures.get(account)
    if (entry && now() - entry.since >= windowMs) failures.delete(account)
    return failures.get(account)
  }
  return {
    /** Seconds until the account may try again, or 0 when it may now. */
    retryAfterSeconds(account: string): number {
      const entry = current(account)
      return entry && entry.count >= limit ? Math.ceil((entry.since + windowMs - now()) / 1000) : 0
    },
    failed(account: string): void {
      // Many keys (webhook callers by address) each touched once are swept rather than kept for good.
      if (failures.size >= SWEEP_AT) for (const [key, entry] of failures) if (now() - entry.since >= windowMs) failures.delete(key)
      const entry = current(account)
      failures.set(account, entry ? { ...entry, count: entry.count + 1 } : { count: 1, since: now() })
    },
    succeeded(account: string): void {
      failures.delete(account)
    },
  }
}
