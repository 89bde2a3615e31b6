import { type Duration, isPromotional, type MessageCategory } from '@recall/shared'
import { DAY, HOUR, MINUTE } from '../time/zoned'
import type { SendRecord } from '../types'
import type { CapRule } from './policies'

const UNIT_MS = { minutes: MINUTE, hours: HOUR, days: DAY, weeks: 7 * DAY } as const

export function durationMs(duration: Duration): number {
  return duration.amount * UNIT_MS[duration.unit]
}

export interface CapBlock {
  rule: CapRule
  /** When enough counted sends have left the rolling window for one more. */
  allowedAt: number
  /** The journeys whose sends fill the window, in send order, as far as the sends say (see SendRecord.journey). */
  usedBy: { id: string; name: string }[]
}

/** Each journey once, in the order of its first send. */
function journeysOf(sends: readonly SendRecord[]): { id: string; name: string }[] {
  const seen = new Map<string, { id: string; name: string }>()
  for (const send of sends) if (send.journey && !seen.has(send.journey.id)) seen.set(send.journey.id, send.journey)
  return [...seen.values()]
}

function countWithin(sends: readonly SendRecord[], categories: readonly MessageCategory[], after: number): number {
  let count = 0
  for (const send of sends) if (send.at > after && categories.includes(send.category)) count += 1
  return count
}

/**
 * The cap that stops a send of `category` now, if any: the one that stays blocking longest.
 * Caps are rolling windows over the contact's sends from every journey; transactional is never capped.
 */
export function blockingCap(sends: readonly SendRecord[], category: MessageCategory, now: number, rules: readonly CapRule[]): CapBlock | undefined {
  if (!isPromotional(category)) return undefined
  let worst: CapBlock | undefined
  for (const rule of rules) {
    if (!rule.categories.includes(category)) continue
    const windowMs = durationMs(rule.window)
    // Counted first without building anything: most sends find the cap far from full.
    if (rule.limit > 0 && countWithin(sends, rule.categories, now - windowMs) < rule.limit) continue
    const counted = sends
      // A send stamped after `now` still counts: another worker may have sent it while this step
      // waited for the contact's lock with a clock read a moment earlier.
      .filter((send) => rule.categories.includes(send.category) && send.at > now - windowMs)
      .sort((a, b) => a.at - b.at)
    if (counted.length < rule.limit) continue
    // A cap of 0 blocks the category for good.
    const allowedAt = rule.limit <= 0 ? Number.POSITIVE_INFINITY : (counted[counted.length - rule.limit] as SendRecord).at + windowMs
    if (!worst || allowedAt > worst.allowedAt) worst = { rule, allowedAt, usedBy: journeysOf(counted) }
  }
  return worst
}

/**
 * True when the contact already has `ceiling` messages of any category in the 24 hours before
 * `now`. Sends stamped after `now` count too, as in the caps.
 */
export function dailyCeilingReached(sends: readonly SendRecord[], now: number, ceiling: number): boolean {
  let counted = 0
  for (const send of sends) if (send.at > now - DAY) counted += 1
  return counted >= ceiling
}
