import { EARLIEST_YEAR, isSupportedDateTime, LATEST_YEAR } from '@recall/shared'
import { CALLBACK_REASONS, TIME_FORMATS } from './callback-reasons'
import { type Lenient, WebhookFormatError } from './types'

/** A text field a record cannot be taken without (an id, a number): skipped, named, when missing or empty. */
export const text = (record: Record<string, unknown>, field: string) => {
  const value = record[field]
  if (typeof value !== 'string' || value === '') throw new WebhookFormatError(field)
  return value
}

/** A reply's text: one with none (missing, empty, only spaces) is refused, never stored as a blank reply. */
export function replyText(record: Record<string, unknown>, field: string): string {
  const value = record[field]
  if (typeof value !== 'string' || value.trim() === '') throw new WebhookFormatError(field, CALLBACK_REASONS.emptyReply(field))
  return value
}

const EARLIEST_AT = Date.UTC(EARLIEST_YEAR, 0, 1)
const LATEST_AT = Date.UTC(LATEST_YEAR + 1, 0, 1)
const BEIJING = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
/** An older SmsUp sample gives its send_time run together: "20170901000000". */
const BEIJING_COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/

/**
 * A time as the clouds push it: Beijing time without a zone ("2026-11-24 10:00:00", or run together),
 * or ISO 8601 with a zone; undefined for anything else, or outside the years 1970–2100.
 */
export function beijingTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const parts = BEIJING.exec(value) ?? BEIJING_COMPACT.exec(value)
  const iso = parts ? `${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}+08:00` : value
  return isSupportedDateTime(iso) ? Date.parse(iso) : undefined
}

/** Unix seconds (Tencent's reply `time`), within the years 1970–2100, or undefined. */
function unixSeconds(value: unknown): number | undefined {
  const at = typeof value === 'number' && Number.isFinite(value) ? value * 1000 : Number.NaN
  return at >= EARLIEST_AT && at < LATEST_AT ? at : undefined
}

/** A Beijing time, or `fallback` when it cannot be read (a receipt polled from the cloud). */
export const instant = (value: unknown, fallback: number) => beijingTime(value) ?? fallback

/** How far a provider's clock may run ahead of ours before a pushed time is taken as wrong. */
export const PUSHED_TIME_SKEW_MS = 10 * 60_000

/**
 * A record's time, which the record is still usable without: an unreadable one (missing, "yesterday",
 * year 9999) must not cost a reply its STOP nor a message its receipt, so the time received stands
 * in and the answer notes it. So does one from the future: a STOP dated tomorrow would refuse the
 * person's START until then, as only a START sent after the opt-out lifts it.
 */
export function pushedTime(record: Record<string, unknown>, field: string, format: 'beijing' | 'unixSeconds', received: number, lenient: Lenient): number {
  const at = format === 'beijing' ? beijingTime(record[field]) : unixSeconds(record[field])
  if (at !== undefined && at <= received + PUSHED_TIME_SKEW_MS) return at
  lenient(field, at === undefined ? CALLBACK_REASONS.timeReceivedUsed(field, TIME_FORMATS[format]) : CALLBACK_REASONS.futureTimeReceivedUsed(field))
  return received
}
