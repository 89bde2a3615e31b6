import { addLocalDays, DAY, fromLocal, HOUR, offsetAt, toLocal } from '@recall/engine'
import type { SeriesBucket } from '@recall/shared'

/** Hourly buckets cover at most 31 days, daily ones as many days: a chart of more points says nothing more. */
export const MAX_HOURS_HOURLY = 31 * 24
export const MAX_POINTS = MAX_HOURS_HOURLY + 1

/** The start of the local hour or local day holding `instant` in `timeZone`. */
export function bucketStart(instant: number, bucket: SeriesBucket, timeZone: string): number {
  // Zones a half or three quarters off the hour (Asia/Kolkata) start their hours off UTC's.
  if (bucket === 'hour') return instant - ((((instant + offsetAt(instant, timeZone)) % HOUR) + HOUR) % HOUR)
  const local = toLocal(instant, timeZone)
  return fromLocal(local.year, local.month, local.day, 0, timeZone)
}

/** The start of the next bucket: a local day may last 23 or 25 hours across a DST change. */
function nextStart(start: number, bucket: SeriesBucket, timeZone: string): number {
  if (bucket === 'hour') return bucketStart(start + HOUR, 'hour', timeZone)
  const next = addLocalDays(toLocal(start, timeZone), 1)
  return fromLocal(next.year, next.month, next.day, 0, timeZone)
}

/**
 * Bucket edges from the bucket holding `from` to the end of the one holding `to`: n + 1 ascending
 * instants for n buckets. A range longer than MAX_POINTS buckets keeps its most recent ones.
 */
export function bucketEdges(from: number, to: number, bucket: SeriesBucket, timeZone: string): number[] {
  const span = bucket === 'hour' ? HOUR : DAY
  const earliest = Math.max(from, to - (MAX_POINTS - 1) * span)
  const edges = [bucketStart(earliest, bucket, timeZone)]
  let last = edges[0] as number
  while (last <= to) {
    last = nextStart(last, bucket, timeZone)
    edges.push(last)
  }
  // A half-hour clock change (Lord Howe) can add a bucket past the estimate: keep the latest ones.
  return edges.slice(-(MAX_POINTS + 1))
}
