/**
 * Wall-clock arithmetic in IANA time zones, on epoch milliseconds. Written on Intl with cached
 * formatters because the simulator calls it millions of times; a date library allocating an object
 * per call was the hot spot.
 */
import { primaryZoneName } from './zone-links'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface LocalDateTime {
  year: number
  month: number
  day: number
  /** Minutes since local midnight. */
  minutes: number
  /** ISO weekday, 1 = Monday. */
  weekday: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The zones this runtime knows, by their name in lower case: Intl accepts any case but answers with the input's. */
let namesByLowerCase: Map<string, string> | undefined

/** Whether this runtime can keep time in `timeZone`. */
function knownToIntl(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/**
 * The IANA name of a zone typed in any letter case, a link resolved to the zone it names
 * ("asia/shanghai" → "Asia/Shanghai", "US/Pacific" → "America/Los_Angeles", "Asia/Calcutta" →
 * "Asia/Kolkata"), or undefined for no zone. What every door stores: a zone kept as typed is shown
 * as typed in every timeline, and one contact in "PRC" and another in "Asia/Shanghai" would look
 * like two zones.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!knownToIntl(timeZone)) return undefined
  const primary = primaryZoneName(timeZone)
  // A runtime older than the database may not know the new name (Europe/Kyiv); it still keeps the old one.
  if (primary !== undefined) return knownToIntl(primary) ? primary : formatterFor(timeZone).resolvedOptions().timeZone
  // A zone newer than the database: Intl's own list says how to spell it.
  namesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]))
  return namesByLowerCase.get(timeZone.toLowerCase()) ?? formatterFor(timeZone).resolvedOptions().timeZone
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== undefined
}

/** Zone rules change offsets only on quarter-hour boundaries, so one lookup serves a whole quarter. */
const QUARTER_HOUR = 15 * MINUTE
const MAX_CACHED_OFFSETS = 200_000
const offsetCache = new Map<string, Map<number, number>>()

/** The UTC offset of `timeZone` at `instant`, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(instant: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone)
  if (!zone) {
    zone = new Map()
    offsetCache.set(timeZone, zone)
  }
  const bucket = Math.floor(instant / QUARTER_HOUR)
  let offset = zone.get(bucket)
  if (offset === undefined) {
    if (zone.size >= MAX_CACHED_OFFSETS) zone.clear()
    offset = computeOffset(bucket * QUARTER_HOUR, timeZone)
    zone.set(bucket, offset)
  }
  return offset
}

function computeOffset(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant)
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'))
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000))
}

/**
 * The local date and time `minutes` into the `days`-th day after 1970-01-01, by arithmetic (Howard
 * Hinnant's civil_from_days) rather than through a Date: the simulator asks millions of times, and
 * a Date per answer was much of its garbage.
 */
function dateTimeOfDay(days: number, minutes: number): LocalDateTime {
  const shifted = days + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  // Months counted from March, so the leap day falls last.
  const fromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const month = fromMarch < 10 ? fromMarch + 3 : fromMarch - 9
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * fromMarch + 2) / 5) + 1,
    minutes,
    weekday: isoWeekdayOfDay(days),
  }
}

/** 1970-01-01 was a Thursday (ISO 4). */
function isoWeekdayOfDay(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1
}

export function toLocal(instant: number, timeZone: string): LocalDateTime {
  // Whole milliseconds, as a Date would keep them.
  const shifted = Math.trunc(instant + offsetAt(instant, timeZone))
  const days = Math.floor(shifted / DAY)
  return dateTimeOfDay(days, Math.floor((shifted - days * DAY) / MINUTE))
}

/**
 * The instant when the local clock in `timeZone` shows this date and time. A time skipped by a
 * DST jump resolves to the same distance after the jump (02:30 → 03:30); a repeated time resolves
 * to its first occurrence.
 */
export function fromLocal(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(year, month - 1, day) + minutes * MINUTE
  const before = wallAsUtc - offsetAt(wallAsUtc - DAY, timeZone)
  const after = wallAsUtc - offsetAt(wallAsUtc + DAY, timeZone)
  // Try both offsets around the date; the earliest that round-trips wins (first occurrence).
  // Compared in place: an array to sort per call was a tenth of the simulator's garbage.
  const first = Math.min(before, after)
  const second = Math.max(before, after)
  if (first + offsetAt(first, timeZone) === wallAsUtc) return first
  if (second + offsetAt(second, timeZone) === wallAsUtc) return second
  // In a gap: no instant shows this wall time; the offset from before the jump lands after it.
  return before
}

/** Local calendar date `days` after the local date of `instant` (no time part). */
export function addLocalDays(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>, days: number): { year: number; month: number; day: number } {
  return dateTimeOfDay(Date.UTC(local.year, local.month - 1, local.day) / DAY + days, 0)
}

export function weekdayOf(date: { year: number; month: number; day: number }): number {
  return isoWeekdayOfDay(Date.UTC(date.year, date.month - 1, date.day) / DAY)
}

export function localDateKey(date: { year: number; month: number; day: number }): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
}

/**
 * Adds a duration in calendar time: days and weeks keep the local time of day across DST changes
 * (a 1-day wait from 10:00 ends at 10:00 the next day even if that day has 23 hours); minutes and
 * hours are exact elapsed time.
 */
export function addDuration(instant: number, duration: { amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' }, timeZone: string): number {
  switch (duration.unit) {
    case 'minutes':
      return instant + duration.amount * MINUTE
    case 'hours':
      return instant + duration.amount * HOUR
    case 'days':
    case 'weeks': {
      const days = duration.amount * (duration.unit === 'weeks' ? 7 : 1)
      const local = toLocal(instant, timeZone)
      const date = addLocalDays(local, days)
      const secondsAndMillis = instant - fromLocal(local.year, local.month, local.day, local.minutes, timeZone)
      return fromLocal(date.year, date.month, date.day, local.minutes, timeZone) + Math.max(0, secondsAndMillis)
    }
  }
}

/** Parses an attribute holding a date: epoch ms, or an ISO date / date-time string. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value !== 'string' || value === '') return undefined
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? undefined : parsed
}

/** An instant as ISO 8601 with the zone's offset at that instant (2026-11-02T10:00:00+08:00): what people and tools both read. */
export function isoWithOffset(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone)
  const local = new Date(instant + offset).toISOString().slice(0, 19)
  const minutes = Math.abs(offset) / MINUTE
  const sign = offset < 0 ? '-' : '+'
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}
