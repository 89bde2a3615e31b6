import { type Interval, type LocalizedText, minutesOfDay, type TimeOfDay, type WeeklyIntervals } from '@recall/shared'
import { addLocalDays, fromLocal, toLocal } from '../time/zoned'
import type { SendRecord } from '../types'
import type { Holiday } from './policies'
import { type Clock, holidayIndex, type JointOpening, nextOpening, type Opening, openingOnEveryClock } from './window'

/**
 * What the cloud that sends a category imposes on top of the workspace's own rules: its hours for
 * marketing content and its per-number limit. The server derives it from the category's route.
 */
export interface ProviderSendRule {
  /** The cloud's name in reasons: "Aliyun" / "阿里云". */
  label: LocalizedText
  /** The cloud's clock, for its hours and its day (Beijing time for the Chinese clouds). */
  timeZone: string
  /** Hours, every day, in which the cloud accepts marketing content: promotional sends outside are held. */
  marketingWindow?: { start: TimeOfDay; end: TimeOfDay } | undefined
  /** At most this many promotional messages to one number with one template in one day of the cloud's clock. */
  dailyTemplateLimit?: number | undefined
}

const windowInterval = (window: NonNullable<ProviderSendRule['marketingWindow']>): Interval => [minutesOfDay(window.start), minutesOfDay(window.end)]

function providerWeekly(window: NonNullable<ProviderSendRule['marketingWindow']>): WeeklyIntervals {
  const interval = windowInterval(window)
  return Array.from({ length: 7 }, () => [interval])
}

/** True when the cloud accepts marketing content at `at`. */
export function insideProviderWindow(at: number, rule: ProviderSendRule): boolean {
  if (!rule.marketingWindow) return true
  const [start, end] = windowInterval(rule.marketingWindow)
  const minutes = toLocal(at, rule.timeZone).minutes
  return minutes >= start && minutes < end
}

/**
 * The clocks a send must be inside: the contact's window in each of its zones (holidays included)
 * and, for a cloud with marketing hours, those hours on the cloud's clock, last.
 */
export function sendClocks(timeZones: readonly string[], weekly: WeeklyIntervals, holidays: readonly Holiday[], rule: ProviderSendRule | undefined): Clock[] {
  const byDate = holidayIndex(holidays)
  const clocks: Clock[] = timeZones.map((timeZone) => ({ timeZone, weekly, holidays: byDate }))
  if (rule?.marketingWindow) clocks.push({ timeZone: rule.timeZone, weekly: providerWeekly(rule.marketingWindow), holidays: NO_HOLIDAYS })
  return clocks
}

const NO_HOLIDAYS: ReadonlyMap<string, Interval> = new Map()

/** The cloud's next marketing hours at or after `from`, on its clock; undefined when it keeps none. */
export function providerOpening(from: number, rule: ProviderSendRule): Opening | undefined {
  return rule.marketingWindow ? nextOpening(from, rule.timeZone, providerWeekly(rule.marketingWindow), NO_HOLIDAYS) : undefined
}

/**
 * The first moment at or after `from` open in the contact's window in every one of its zones and,
 * when the cloud has marketing hours, in those too. One zone and no cloud hours (the usual case) is
 * one window search.
 */
export function jointOpening(
  from: number,
  timeZones: readonly string[],
  weekly: WeeklyIntervals,
  holidays: readonly Holiday[],
  rule: ProviderSendRule | undefined,
): JointOpening | undefined {
  if (timeZones.length === 1 && !rule?.marketingWindow) return nextOpening(from, timeZones[0] as string, weekly, holidays)
  const clocks = holidays.length === 0 && !rule?.marketingWindow ? zoneClocks(timeZones, weekly) : sendClocks(timeZones, weekly, holidays, rule)
  return openingOnEveryClock(from, clocks, timeZones.length)
}

/** A country's zones (one array per country and year) and a node's window (one per journey version) give the same clocks every time. */
const clocksByZones = new WeakMap<readonly string[], WeakMap<WeeklyIntervals, Clock[]>>()

function zoneClocks(timeZones: readonly string[], weekly: WeeklyIntervals): Clock[] {
  let byWeekly = clocksByZones.get(timeZones)
  if (!byWeekly) {
    byWeekly = new WeakMap()
    clocksByZones.set(timeZones, byWeekly)
  }
  let clocks = byWeekly.get(weekly)
  if (!clocks) {
    clocks = sendClocks(timeZones, weekly, [], undefined)
    byWeekly.set(weekly, clocks)
  }
  return clocks
}

/** The cloud's clock as people say it: Beijing time for the Chinese clouds, any other by its zone id. */
const clockName = (timeZone: string): LocalizedText => (timeZone === 'Asia/Shanghai' ? { en: 'Beijing', zh: '北京时间' } : { en: timeZone, zh: timeZone })

export function describeProviderWindow(rule: ProviderSendRule): LocalizedText {
  const window = rule.marketingWindow ? `${rule.marketingWindow.start}–${rule.marketingWindow.end}` : '00:00–24:00'
  const clock = clockName(rule.timeZone)
  return { en: `${rule.label.en} marketing hours ${window} (${clock.en})`, zh: `${rule.label.zh}营销短信发送时段 ${window}(${clock.zh})` }
}

/**
 * "held: outside Aliyun marketing hours 08:00–20:00 (Beijing), resumes 2026-12-29 16:00 America/Los_Angeles":
 * the hours on the cloud's clock, the resume time on the contact's, each named so neither is misread.
 */
export function providerWindowReason(rule: ProviderSendRule, resumes: LocalizedText, contactTimeZone: string): LocalizedText {
  const hours = describeProviderWindow(rule)
  return { en: `held: outside ${hours.en}, resumes ${resumes.en} ${contactTimeZone}`, zh: `暂缓:不在${hours.zh}内,将于 ${resumes.zh}(${contactTimeZone})发送` }
}

export interface ProviderDailyBlock {
  /** The start of the cloud's next day, when the number may have this template again. */
  allowedAt: number
  text: LocalizedText
}

export function describeProviderDailyLimit(rule: ProviderSendRule, limit: number): LocalizedText {
  return {
    en: `${rule.label.en} limit of ${limit} messages per number and template a day reached`,
    zh: `已达${rule.label.zh}每个号码每个模板每日 ${limit} 条的上限`,
  }
}

/**
 * The cloud's per-number limit: counted over its calendar day, as the cloud counts, for sends with
 * the same template (one account has one sign). Sends stamped after `now` count too, as in the caps.
 */
export function providerDailyBlock(sends: readonly SendRecord[], template: string, now: number, rule: ProviderSendRule): ProviderDailyBlock | undefined {
  const limit = rule.dailyTemplateLimit
  if (limit === undefined) return undefined
  const today = toLocal(now, rule.timeZone)
  const dayStart = fromLocal(today.year, today.month, today.day, 0, rule.timeZone)
  let counted = 0
  for (const send of sends) if (send.template === template && send.at >= dayStart) counted += 1
  if (counted < limit) return undefined
  const tomorrow = addLocalDays(today, 1)
  return { allowedAt: fromLocal(tomorrow.year, tomorrow.month, tomorrow.day, 0, rule.timeZone), text: describeProviderDailyLimit(rule, limit) }
}
