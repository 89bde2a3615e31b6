import type { SeriesBucket } from '@recall/shared'

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsIn(timeZone: string, instant: string): Record<string, string> {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    formatters.set(timeZone, formatter)
  }
  return Object.fromEntries(formatter.formatToParts(new Date(instant)).map((part) => [part.type, part.value]))
}

/** The axis label of a bucket in the workspace's zone: "14:00" for an hour, "11-24" for a day, the same width in both languages. */
export function axisLabel(start: string, bucket: SeriesBucket, timeZone: string): string {
  const parts = partsIn(timeZone, start)
  return bucket === 'hour' ? `${parts.hour}:${parts.minute}` : `${parts.month}-${parts.day}`
}

/** The bucket named in full for tooltips and the table: "11-24 14:00" or "11-24". */
export function fullLabel(start: string, bucket: SeriesBucket, timeZone: string): string {
  const parts = partsIn(timeZone, start)
  return bucket === 'hour' ? `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}` : `${parts.month}-${parts.day}`
}
