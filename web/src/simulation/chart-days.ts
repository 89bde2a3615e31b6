const DAY = 86_400_000

/**
 * Every calendar date from the earliest to the latest of `dates`, in order. A chart draws the days
 * its figures are dated by (the server dates them in the workspace's zone), never days counted from
 * the UTC date of the run's start: east of UTC those are a day early, and a run's last day with
 * messages fell off the end.
 */
export function datesSpanned(dates: readonly string[]): string[] {
  if (dates.length === 0) return []
  const sorted = [...dates].sort()
  // Plain dates read as UTC midnights: adding whole days never meets a clock change.
  const first = Date.parse(`${sorted[0]}T00:00:00Z`)
  const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`)
  return Array.from({ length: Math.round((last - first) / DAY) + 1 }, (_, index) => new Date(first + index * DAY).toISOString().slice(0, 10))
}
