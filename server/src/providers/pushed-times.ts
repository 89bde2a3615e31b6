import { dateTimeInstant, EARLIEST_YEAR } from '@recall/shared'
import { CALLBACK_REASONS, RECORD_RULES, TIME_FORMATS } from './callback-reasons'
import { CallbackRefusal, type Lenient } from './types'

/** How providers write a time, as the reasons name them (see TIME_FORMATS). */
export type TimeFormat = keyof typeof TIME_FORMATS

const BEIJING = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
/** An older SmsUp sample gives its send_time run together: "20170901000000". */
const BEIJING_COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/

/** The instant a value names in a format, whatever its year; undefined when it is not in that format. */
const READERS: Record<TimeFormat, (value: unknown) => number | undefined> = {
  // The clouds' Beijing time without a zone ("2026-11-24 10:00:00", or run together), or ISO 8601 with a zone.
  beijing: (value) => {
    if (typeof value !== 'string') return undefined
    const parts = BEIJING.exec(value) ?? BEIJING_COMPACT.exec(value)
    return dateTimeInstant(parts ? `${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}+08:00` : value)
  },
  // Tencent's reply `time`.
  unixSeconds: (value) => (typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined),
  // Recall's own format.
  isoWithZone: (value) => (typeof value === 'string' ? dateTimeInstant(value) : undefined),
}

/** How far a provider's clock may run ahead of ours before a pushed time is taken as wrong. */
export const PUSHED_TIME_SKEW_MS = 10 * 60_000
const EARLIEST_AT = Date.UTC(EARLIEST_YEAR, 0, 1)

/**
 * A pushed time judged against when the push arrived: `taken`; `missing` (absent or null);
 * `malformed` (not in the provider's format, or before 1970); `ahead`, more than PUSHED_TIME_SKEW_MS
 * later than the arrival (a provider's clock ahead of ours, year 9999). A time ahead is never kept: a
 * STOP dated tomorrow would refuse the person's START until then, as only a START sent after the
 * opt-out lifts it. The one judgement every path taking a provider's time goes through; what stands
 * in for a time not taken is the path's own (see cloudTime, relayTime, polledTime).
 */
export type JudgedTime = { kind: 'taken'; at: number } | { kind: 'missing' | 'malformed' | 'ahead' }

export function judgePushedTime(value: unknown, format: TimeFormat, arrival: number): JudgedTime {
  if (value === undefined || value === null) return { kind: 'missing' }
  const at = READERS[format](value)
  if (at === undefined || at < EARLIEST_AT) return { kind: 'malformed' }
  return at > arrival + PUSHED_TIME_SKEW_MS ? { kind: 'ahead' } : { kind: 'taken', at }
}

/**
 * A cloud's record time (Aliyun, Tencent, the template cloud). A cloud's push must be acknowledged or
 * it is pushed again and then dropped, opt-outs and all, so no time refuses it: a missing or
 * unreadable time, and one ahead, are replaced by the time received and the answer notes it.
 */
export function cloudTime(record: Record<string, unknown>, field: string, format: TimeFormat, received: number, lenient: Lenient): number {
  const time = judgePushedTime(record[field], format, received)
  if (time.kind === 'taken') return time.at
  lenient(field, time.kind === 'ahead' ? CALLBACK_REASONS.futureTimeReceivedUsed(field) : CALLBACK_REASONS.timeReceivedUsed(field, TIME_FORMATS[format]))
  return received
}

/**
 * A time in Recall's own format (the sandbox, a relay), ISO 8601 with a zone. It may be left out: the
 * time received is then the time. One ahead is replaced by the time received and noted, as a cloud's;
 * one in another format refuses the callback (see CallbackRefusal).
 */
export function relayTime(record: Record<string, unknown>, field: string, received: number, lenient: Lenient): number {
  const time = judgePushedTime(record[field], 'isoWithZone', received)
  if (time.kind === 'taken') return time.at
  if (time.kind === 'malformed') throw new CallbackRefusal(field, RECORD_RULES.isoTime)
  if (time.kind === 'ahead') lenient(field, CALLBACK_REASONS.futureTimeReceivedUsed(field))
  return received
}

/**
 * A time a cloud answered a receipt query with. Nobody reads an answer to a poll, so there is nowhere
 * to note a stand-in: one missing, unreadable or ahead is the time of the poll.
 */
export function polledTime(value: unknown, format: TimeFormat, polled: number): number {
  const time = judgePushedTime(value, format, polled)
  return time.kind === 'taken' ? time.at : polled
}

/** A reply's id when its cloud gives none: its number, its time as read and its text; a repeated push reads the same. */
export const replyKey = (phone: string, at: number, text: string): string => `${phone}|${new Date(at).toISOString()}|${text}`
