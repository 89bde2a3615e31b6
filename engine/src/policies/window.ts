import {
  type Interval,
  intersectWeekly,
  isPromotional,
  type JourneyDocument,
  type JourneyNode,
  LEGAL_WINDOW,
  type MessageCategory,
  minutesOfDay,
  type SendWindow,
  sendCategory,
  toWeeklyIntervals,
  type WeeklyIntervals,
} from '@recall/shared'
import { addLocalDays, fromLocal, localDateKey, toLocal, weekdayOf } from '../time/zoned'
import type { Holiday, SendPolicies } from './policies'

const ALWAYS: WeeklyIntervals = Array.from({ length: 7 }, () => [[0, 24 * 60] as const])
const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)

/** What binds every promotional send whatever a marketer picks: the legal window and the workspace's quiet hours. */
function requiredParts(policies: SendPolicies): WeeklyIntervals[] {
  return policies.quietHoursWindow ? [LEGAL, toWeeklyIntervals(policies.quietHoursWindow)] : [LEGAL]
}

/** When a send may go out, before holidays: legal window ∩ quiet hours ∩ (node, journey or category window). */
export function effectiveWeeklyWindow(
  category: MessageCategory,
  nodeWindow: SendWindow | undefined,
  journeyWindow: SendWindow | undefined,
  policies: SendPolicies,
): WeeklyIntervals {
  const chosen = nodeWindow ?? journeyWindow
  if (!isPromotional(category)) return chosen ? toWeeklyIntervals(chosen) : ALWAYS
  const categoryWindow = chosen ?? policies.categoryWindows[category as 'marketing' | 'recall']
  const parts = requiredParts(policies)
  if (categoryWindow) parts.push(toWeeklyIntervals(categoryWindow))
  return intersectWeekly(...parts)
}

/**
 * The window no send of the category may leave, before holidays: the legal window ∩ quiet hours for
 * marketing and recall, any time for transactional messages. A node's, journey's or category's own
 * window is the campaign's timing, not a rule protecting whoever holds the phone: a test send is
 * judged by this one.
 */
export function requiredWeeklyWindow(category: MessageCategory, policies: SendPolicies): WeeklyIntervals {
  return isPromotional(category) ? intersectWeekly(...requiredParts(policies)) : ALWAYS
}

/** A node's effective window: its own category and window, or the journey's. */
export function nodeSendWindow(document: JourneyDocument, node: JourneyNode | undefined, policies: SendPolicies): WeeklyIntervals {
  const data = node?.data as { category?: MessageCategory; sendWindow?: SendWindow; offer?: unknown; expiry?: { source: string } } | undefined
  // A send that carries or recalls a coupon is marketing, as its delivery is (see sendCategory).
  const category = data?.category === undefined ? document.settings.category : sendCategory(data.category, data.offer !== undefined || data.expiry?.source === 'coupon')
  return effectiveWeeklyWindow(category, data?.sendWindow, document.settings.sendWindow, policies)
}

export interface Opening {
  /** The first allowed instant at or after the asked time. */
  at: number
  /** When that allowed interval closes. */
  closesAt: number
  /** The local interval, for reasons such as "outside 08:00–21:00". */
  interval: Interval
  holiday: boolean
}

const NO_HOLIDAYS: ReadonlyMap<string, Interval> = new Map()

/** Shared when there are no holidays (the usual case), so a lookup builds no map. */
function holidayIndex(holidays: readonly Holiday[]): ReadonlyMap<string, Interval> {
  if (holidays.length === 0) return NO_HOLIDAYS
  return new Map(holidays.map((holiday) => [holiday.date, [minutesOfDay(holiday.start), minutesOfDay(holiday.end)] as const]))
}

/** The holiday's interval on a local date; no date key is formatted when there are no holidays. */
function holidayOn(byDate: ReadonlyMap<string, Interval>, date: { year: number; month: number; day: number }): Interval | undefined {
  return byDate.size === 0 ? undefined : byDate.get(localDateKey(date))
}

/** The day's intervals within a holiday's; the week's own (shared, never changed) on other days. */
function clip(intervals: readonly Interval[], limit: Interval | undefined): readonly Interval[] {
  if (!limit) return intervals
  return intervals.flatMap(([start, end]) => {
    const clipped: Interval = [Math.max(start, limit[0]), Math.min(end, limit[1])]
    return clipped[0] < clipped[1] ? [clipped] : []
  })
}

/** Looking further than this finds nothing new: the weekly pattern repeats and holidays are dated. */
const SEARCH_DAYS = 400

/**
 * The next moment at or after `from` when a send may go out in the contact's zone, or undefined
 * when the window never opens (a promotional window that misses the legal one).
 */
export function nextOpening(from: number, timeZone: string, weekly: WeeklyIntervals, holidays: readonly Holiday[] | ReadonlyMap<string, Interval>): Opening | undefined {
  const byDate = holidays instanceof Map ? holidays : holidayIndex(holidays as readonly Holiday[])
  const local = toLocal(from, timeZone)
  for (let offset = 0; offset < SEARCH_DAYS; offset++) {
    const date = offset === 0 ? local : addLocalDays(local, offset)
    const holiday = holidayOn(byDate, date)
    const intervals = clip(weekly[weekdayOf(date) - 1] ?? [], holiday)
    for (const interval of intervals) {
      if (offset === 0 && local.minutes >= interval[1]) continue
      const startMinutes = offset === 0 ? Math.max(interval[0], local.minutes) : interval[0]
      const closesAt = fromLocal(date.year, date.month, date.day, interval[1], timeZone)
      const at = offset === 0 && startMinutes === local.minutes ? from : fromLocal(date.year, date.month, date.day, startMinutes, timeZone)
      if (closesAt <= from) continue
      return { at: Math.max(at, from), closesAt, interval, holiday: holiday !== undefined }
    }
  }
  return undefined
}

export { holidayIndex }

/** A clock a send must be inside: the contact's window in one of its zones, or a cloud's hours in its zone. */
export interface Clock {
  timeZone: string
  weekly: WeeklyIntervals
  holidays: ReadonlyMap<string, Interval>
}

export interface JointOpening extends Opening {
  /**
   * The clock whose opening the others waited for, when it is one of the named ones: resume times
   * read best on it ("08:00 Pacific/Honolulu"). Absent when none of them was waited for.
   */
  waitedFor?: number | undefined
}

/**
 * How many times the clocks may disagree before the search gives up. Clocks whose daily windows
 * overlap agree within a few rounds a day searched; ones that never overlap (a two-hour window in
 * zones ten hours apart) would search the whole year, and are judged closed instead.
 */
const MAX_ROUNDS = 96

/**
 * The first moment at or after `from` open on every clock at once: each clock's next opening is
 * searched from the latest of the others' until they all agree. Closes when the first of them does.
 * The opening's hours are those of the first `named` clock waited for (the contact's zones, not a
 * cloud's), or of the first clock.
 */
export function openingOnEveryClock(from: number, clocks: readonly Clock[], named = clocks.length): JointOpening | undefined {
  let at = from
  let waitedFor: number | undefined
  const openings: Opening[] = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let latest = 0
    let latestNamed = 0
    for (let index = 0; index < clocks.length; index++) {
      const clock = clocks[index] as Clock
      const opening = nextOpening(at, clock.timeZone, clock.weekly, clock.holidays)
      if (!opening) return undefined
      openings[index] = opening
      if (opening.at > (openings[latest] as Opening).at) latest = index
      if (index < named && opening.at > (openings[latestNamed] as Opening).at) latestNamed = index
    }
    const latestAt = (openings[latest] as Opening).at
    if (openings.every((opening) => opening.at === latestAt)) {
      const own = openings[waitedFor ?? 0] as Opening
      const closesAt = Math.min(...openings.map((opening) => opening.closesAt))
      return { ...own, at: latestAt, closesAt, waitedFor }
    }
    // A named clock that opens last is what the others wait for; one open already is not.
    if ((openings[latestNamed] as Opening).at > at) waitedFor = latestNamed
    at = latestAt
  }
  return undefined
}

/**
 * The last stretch open on every clock at once that closes at or before `before`, searched back to
 * `notBefore`: each clock's latest window is taken and, while they do not overlap, the search moves
 * back to before the latest of their openings (no joint moment can be after it).
 */
export function latestOpenOnEveryClock(before: number, notBefore: number, clocks: readonly Clock[]): Opening | undefined {
  let bound = before
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let opensAt = Number.NEGATIVE_INFINITY
    let closesAt = Number.POSITIVE_INFINITY
    let first: Opening | undefined
    for (const clock of clocks) {
      const opening = latestOpenBefore(bound, notBefore, clock.timeZone, clock.weekly, clock.holidays)
      if (!opening) return undefined
      first ??= opening
      opensAt = Math.max(opensAt, opening.at)
      closesAt = Math.min(closesAt, opening.closesAt)
    }
    if (!first) return undefined
    if (opensAt < closesAt) return { ...first, at: opensAt, closesAt }
    if (opensAt <= notBefore) return undefined
    bound = opensAt
  }
  return undefined
}

/**
 * The last allowed moment of the most recent window that closes at or before `before`, searched
 * back to `notBefore`; for reminders that would otherwise only fit after the coupon has expired.
 */
export function latestOpenBefore(
  before: number,
  notBefore: number,
  timeZone: string,
  weekly: WeeklyIntervals,
  holidays: readonly Holiday[] | ReadonlyMap<string, Interval>,
): Opening | undefined {
  const byDate = holidays instanceof Map ? holidays : holidayIndex(holidays as readonly Holiday[])
  const local = toLocal(before, timeZone)
  for (let offset = 0; offset > -SEARCH_DAYS; offset--) {
    const date = addLocalDays(local, offset)
    const holiday = holidayOn(byDate, date)
    const intervals = clip(weekly[weekdayOf(date) - 1] ?? [], holiday)
    for (let index = intervals.length - 1; index >= 0; index--) {
      const interval = intervals[index] as Interval
      const opensAt = fromLocal(date.year, date.month, date.day, interval[0], timeZone)
      const closesAt = Math.min(fromLocal(date.year, date.month, date.day, interval[1], timeZone), before)
      if (closesAt <= opensAt) continue
      if (closesAt <= notBefore) return undefined
      return { at: Math.max(opensAt, notBefore), closesAt, interval, holiday: holiday !== undefined }
    }
  }
  return undefined
}
