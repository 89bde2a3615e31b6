import { formatMinutes, isPromotional, type LocalizedText, type MessageCategory, type WeeklyIntervals } from '@recall/shared'
import { unitInterval } from '../hash'
import { MINUTE, toLocal } from '../time/zoned'
import type { ContactView, ExitReasonCode } from '../types'
import { blockingCap, dailyCeilingReached } from './caps'
import type { CapRule, SendPolicies } from './policies'
import { nextOpening, type Opening } from './window'

export type SendDecision =
  | { kind: 'send' }
  | { kind: 'hold'; until: number; code: 'window' | 'cap' | 'holiday' | 'pool'; reason: LocalizedText }
  | { kind: 'skip'; code: 'cap' | 'daily_ceiling' | 'no_window'; reason: LocalizedText }
  | { kind: 'exit'; code: ExitReasonCode; reason: LocalizedText }

export interface SendRequest {
  category: MessageCategory
  window: WeeklyIntervals
  onCapReached: 'skip' | 'hold' | 'exit'
  /** Fixes where in the first minutes of a window a held send lands. */
  spreadKey: string
  /** A send must go out before this instant or not at all (reminders before expiry). */
  notAfter?: number
}

export function describeLocal(at: number, timeZone: string): { en: string; zh: string } {
  const local = toLocal(at, timeZone)
  const time = formatMinutes(local.minutes)
  return { en: `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${time}`, zh: `${local.month}月${local.day}日 ${time}` }
}

export function windowReason(opening: Opening, until: number, timeZone: string): LocalizedText {
  const window = `${formatMinutes(opening.interval[0])}–${formatMinutes(opening.interval[1])}`
  const resumes = describeLocal(until, timeZone)
  if (opening.holiday) return { en: `held: holiday window ${window} ${timeZone}, resumes ${resumes.en}`, zh: `暂缓:节假日发送时段 ${window}(${timeZone}),将于 ${resumes.zh} 发送` }
  return { en: `held: outside ${window} ${timeZone}, resumes ${resumes.en}`, zh: `暂缓:不在 ${window}(${timeZone})发送时段内,将于 ${resumes.zh} 发送` }
}

export function describeCap(rule: CapRule): LocalizedText {
  const scope = rule.categories.join('+')
  return {
    en: `${scope} cap ${rule.limit} per ${rule.window.amount} ${rule.window.unit} reached`,
    zh: `已达频次上限(${scope} 每 ${rule.window.amount} ${rule.window.unit} 最多 ${rule.limit} 条)`,
  }
}

/** Held sends land at a fixed point in the first minutes of the window rather than all at its opening. */
function spread(opening: Opening, key: string, minutes: number): number {
  if (minutes <= 0) return opening.at
  const room = Math.min(minutes * MINUTE, opening.closesAt - opening.at - MINUTE)
  return room > 0 ? opening.at + Math.floor(unitInterval(key) * (room / MINUTE)) * MINUTE : opening.at
}

/**
 * May this message go out now? Consent first, then the daily ceiling, the rolling caps and the send
 * window. Every outcome carries the reason a marketer reads in the timeline.
 */
export function decideSend(request: SendRequest, contact: ContactView, policies: SendPolicies, now: number): SendDecision {
  const timeZone = contact.timeZone ?? policies.defaultTimeZone
  if (isPromotional(request.category)) {
    if (contact.suppressed)
      return { kind: 'exit', code: 'suppressed', reason: { en: 'exited: the number is on the suppression list (opted out)', zh: '退出:该号码已退订,在屏蔽名单中' } }
    if (!contact.consent) return { kind: 'exit', code: 'no_consent', reason: { en: 'exited: no consent to marketing messages', zh: '退出:联系人未同意接收营销短信' } }
  }
  if (dailyCeilingReached(contact.sends, now, policies.dailyMessageCeiling)) {
    const ceiling = policies.dailyMessageCeiling
    return {
      kind: 'skip',
      code: 'daily_ceiling',
      reason: { en: `skipped: daily ceiling of ${ceiling} messages per contact reached`, zh: `跳过:已达每位联系人每日 ${ceiling} 条消息的上限` },
    }
  }
  let earliest = now
  const cap = blockingCap(contact.sends, request.category, now, policies.caps)
  const capText = cap && describeCap(cap.rule)
  if (cap && capText) {
    const skip = { kind: 'skip', code: 'cap', reason: { en: `skipped: ${capText.en}`, zh: `跳过:${capText.zh}` } } as const
    if (request.onCapReached === 'skip' || cap.allowedAt === Number.POSITIVE_INFINITY) return skip
    if (request.onCapReached === 'exit') return { kind: 'exit', code: 'cap_reached', reason: { en: `exited: ${capText.en}`, zh: `退出:${capText.zh}` } }
    // Holding past the deadline (a reminder's expiry) is skipping, and the cap is the reason.
    if (request.notAfter !== undefined && cap.allowedAt >= request.notAfter) return skip
    earliest = cap.allowedAt
  }
  const opening = nextOpening(earliest, timeZone, request.window, policies.holidays)
  if (!opening || (request.notAfter !== undefined && opening.at >= request.notAfter)) {
    return { kind: 'skip', code: 'no_window', reason: { en: 'skipped: no allowed send time left', zh: '跳过:没有可发送的时段' } }
  }
  if (opening.at <= now) return { kind: 'send' }
  const until = cap ? opening.at : spread(opening, request.spreadKey, policies.spreadHeldMinutes)
  if (capText && opening.at === earliest) {
    const resumes = describeLocal(until, timeZone)
    return { kind: 'hold', until, code: 'cap', reason: { en: `held: ${capText.en}, resumes ${resumes.en}`, zh: `暂缓:${capText.zh},将于 ${resumes.zh} 发送` } }
  }
  return { kind: 'hold', until, code: opening.holiday ? 'holiday' : 'window', reason: windowReason(opening, until, timeZone) }
}
