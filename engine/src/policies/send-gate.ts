import {
  categoryLabel,
  describeDuration,
  describeOptOut,
  isPromotional,
  type LocalizedText,
  type MessageCategory,
  type WeeklyIntervals,
  type WhoseOptOut,
  zonedTime,
} from '@recall/shared'
import { unitInterval } from '../hash'
import { MINUTE } from '../time/zoned'
import type { ContactView, ExitReasonCode } from '../types'
import { blockingCap, dailyCeilingReached } from './caps'
import { contactZones, describeZones } from './contact-zones'
import { describeLocal, type NamedZones, resumeZone, windowHoldReason } from './hold-reasons'
import { type CapRule, holidaysFor, type SendPolicies } from './policies'
import { jointOpening, type ProviderSendRule, providerDailyBlock } from './provider-rules'
import type { Opening } from './window'

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
  notAfter?: number | undefined
  /** The cloud template it goes with, for the cloud's per-number daily limit. */
  template?: string | undefined
}

/** Said when the caller does not know whose opt-out it is (a simulated contact marked suppressed). */
const UNKNOWN_OPT_OUT: LocalizedText = { en: 'the number is on the suppression list (opted out)', zh: '该号码已退订,在屏蔽名单中' }

/**
 * Why a marketing or recall message does not go to an opted-out contact: whose opt-out (the person's
 * own, or the number's from before they held it), when in `timeZone` (named), how, and who may lift it. A clause
 * the timeline puts after "exited:" or "cancelled:".
 */
export function optOutReason(optOut: WhoseOptOut | undefined, timeZone: string): LocalizedText {
  return optOut ? describeOptOut(optOut, zonedTime(optOut.record.at, timeZone)) : UNKNOWN_OPT_OUT
}

/** The cap that was reached and, when the sends say which journeys sent them, who used it. */
export function describeCap(rule: CapRule, usedBy: readonly { name: string }[] = []): LocalizedText {
  const scope = rule.categories.join('+')
  // In Chinese the categories and the unit are Chinese words too (it read "recall 每 30 days").
  const scopeZh = rule.categories.map((category) => categoryLabel(category, 'zh-CN')).join('+')
  const text = {
    en: `${scope} cap ${rule.limit} per ${rule.window.amount} ${rule.window.unit} reached`,
    zh: `已达频次上限(${scopeZh}:每 ${describeDuration(rule.window, true)}最多 ${rule.limit} 条)`,
  }
  if (usedBy.length === 0) return text
  const names = usedBy.map((journey) => journey.name)
  return {
    en: `${text.en}, used by ${names.length === 1 ? 'journey' : 'journeys'} ${names.map((name) => `"${name}"`).join(', ')}`,
    zh: `${text.zh},已被旅程${names.map((name) => `「${name}」`).join('')}用完`,
  }
}

/**
 * Held sends land at a fixed point in the first minutes of the window rather than all at its opening,
 * and in its first half at most: a send spread to 10:29 of a holiday's 10:00–10:30 left nothing for a
 * late wake or the re-check at sending (on the demo clock a simulated minute is 17 real ms), and the
 * message waited a whole day.
 */
function spread(opening: Opening, key: string, minutes: number): number {
  if (minutes <= 0) return opening.at
  const room = Math.min(minutes * MINUTE, Math.floor((opening.closesAt - opening.at) / 2 / MINUTE) * MINUTE)
  return room > 0 ? opening.at + Math.floor(unitInterval(key) * (room / MINUTE)) * MINUTE : opening.at
}

/** What stops a send for a while: a rolling cap or the cloud's daily limit, whichever lasts longer. */
interface LimitBlock {
  allowedAt: number
  text: LocalizedText
}

function blockingLimit(request: SendRequest, contact: ContactView, policies: SendPolicies, rule: ProviderSendRule | undefined, now: number): LimitBlock | undefined {
  const cap = blockingCap(contact.sends, request.category, now, policies.caps)
  const daily = rule && request.template !== undefined ? providerDailyBlock(contact.sends, request.template, now, rule) : undefined
  const capBlock = cap && { allowedAt: cap.allowedAt, text: describeCap(cap.rule, cap.usedBy) }
  if (!capBlock || (daily && daily.allowedAt > capBlock.allowedAt)) return daily
  return capBlock
}

/** No time left open in the contact's window (in every one of its zones at once, when several). */
export function noWindowReason(judged: NamedZones): LocalizedText {
  if (judged.zones.length <= 1) return { en: 'no allowed send time left', zh: '没有可发送的时段' }
  const every = describeZones(judged)
  return { en: `no allowed send time left in ${every.en} at once`, zh: `${every.zh}没有共同的可发送时段` }
}

/**
 * May this message go out now? Consent first, then the daily ceiling, the rolling caps and the
 * cloud's daily limit, the send window and the cloud's marketing hours. Every outcome carries the
 * reason a marketer reads in the timeline.
 */
export function decideSend(request: SendRequest, contact: ContactView, policies: SendPolicies, now: number): SendDecision {
  const judged = contactZones(contact, policies.defaultTimeZone, now)
  if (isPromotional(request.category)) {
    if (contact.suppressed) {
      const why = optOutReason(contact.optOut, judged.timeZone)
      return { kind: 'exit', code: 'suppressed', reason: { en: `exited: ${why.en}`, zh: `退出:${why.zh}` } }
    }
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
  // The cloud's rules bind promotional content only: notifications go at any hour.
  const rule = isPromotional(request.category) ? policies.providerRules?.[request.category] : undefined
  let earliest = now
  const limit = blockingLimit(request, contact, policies, rule, now)
  if (limit) {
    const skip = { kind: 'skip', code: 'cap', reason: { en: `skipped: ${limit.text.en}`, zh: `跳过:${limit.text.zh}` } } as const
    if (request.onCapReached === 'skip' || limit.allowedAt === Number.POSITIVE_INFINITY) return skip
    if (request.onCapReached === 'exit') return { kind: 'exit', code: 'cap_reached', reason: { en: `exited: ${limit.text.en}`, zh: `退出:${limit.text.zh}` } }
    // Holding past the deadline (a reminder's expiry) is skipping, and the limit is the reason.
    if (request.notAfter !== undefined && limit.allowedAt >= request.notAfter) return skip
    earliest = limit.allowedAt
  }
  const opening = jointOpening(earliest, judged.zones, request.window, holidaysFor(request.category, policies), rule)
  if (!opening || (request.notAfter !== undefined && opening.at >= request.notAfter)) {
    const none = noWindowReason(judged)
    return { kind: 'skip', code: 'no_window', reason: { en: `skipped: ${none.en}`, zh: `跳过:${none.zh}` } }
  }
  if (opening.at <= now) return { kind: 'send' }
  const until = limit ? opening.at : spread(opening, request.spreadKey, policies.spreadHeldMinutes)
  // A limit that blocks now is the reason, even when the window then pushes the resume time later:
  // naming only the window would send a marketer to widen a window that was never the problem.
  if (limit) {
    // The zone is named as window holds name it: a resume time on a clock not said is misread.
    const timeZone = resumeZone(opening, judged)
    const resumes = describeLocal(until, timeZone)
    return {
      kind: 'hold',
      until,
      code: 'cap',
      reason: { en: `held: ${limit.text.en}, resumes ${resumes.en} ${timeZone}`, zh: `暂缓:${limit.text.zh},将于 ${resumes.zh}(${timeZone})发送` },
    }
  }
  const held = windowHoldReason({ opening, until, earliest, judged, weekly: request.window, holidays: holidaysFor(request.category, policies), rule })
  return { kind: 'hold', until, code: held.code, reason: held.reason }
}
