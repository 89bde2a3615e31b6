import {
  blockingCap,
  type ContactZones,
  contactZones,
  dailyCeilingReached,
  describeCap,
  describeLocal,
  holidaysFor,
  jointOpening,
  type NamedZones,
  noWindowReason,
  optOutReason,
  providerDailyBlock,
  requiredWeeklyWindow,
  type SendPolicies,
  type SendRecord,
  windowHoldReason,
  withLegalTime,
} from '@recall/engine'
import { intersectWeekly, isPromotional, type LocalizedText, type MessageCategory, type WeeklyIntervals, type WhoseOptOut } from '@recall/shared'
import type { OutboxRow } from './record'

/** What the claim knows of the message's contact, journey and enrollment at the moment of sending. */
export interface SendingContext {
  contact: { phone: string | null; consent: boolean; timeZone: string | null } | undefined
  /** Whose opt-out stops marketing to the contact, if any: the person's own, else the number's. */
  optOut: WhoseOptOut | undefined
  journeyStatus: string | undefined
  enrollment: { status: string; exitedAt: Date | null; exitReason: string | null; exitCode: string | null } | undefined
  /** The contact's messages that went out or may have (sending, sent, delivered, clicked, uncertain), this batch's included. */
  goneOut: SendRecord[]
}

/** A message queued without a window (older rows) is only held by the cloud's hours. */
const ALWAYS: WeeklyIntervals = Array.from({ length: 7 }, () => [[0, 24 * 60] as const])

/** Ways out of a journey that make its queued promotions pointless: a goal reached, taken out by hand, opted out. */
const INTERRUPTIONS = new Set(['converted', 'removed', 'suppressed', 'no_consent', 'opted_out'])

/** Reaching the end of the path after the message was queued is normal; being interrupted is not. */
function leftJourneySince(message: OutboxRow, enrollment: SendingContext['enrollment']): boolean {
  if (enrollment?.status !== 'exited' || !enrollment.exitedAt || enrollment.exitedAt.getTime() <= message.createdAt.getTime()) return false
  return INTERRUPTIONS.has(enrollment.exitCode ?? enrollment.exitReason ?? '')
}

type SendingZones = Pick<ContactZones, 'timeZone' | 'zones'> & NamedZones

/**
 * The zones the message is checked in: those the step judged the contact in, carried on the row, with
 * the number's country's legal time (Beijing time for +86) whatever the row carries.
 * Rows queued before the row carried several zones have one: for a contact with no zone of its own
 * that one was the workspace's default, and the contact is judged by its number now, as the engine
 * judges it. Rows queued with no window at all are judged as the engine would judge the contact now.
 */
export function sendingZones(message: OutboxRow, context: SendingContext, policies: SendPolicies, now: number): SendingZones {
  const window = message.sendWindow
  if (window?.timeZones && window.timeZones.length > 0) return withLegalTime({ timeZone: window.timeZone, zones: window.timeZones, country: window.country }, message.phone)
  const current = contactZones({ timeZone: context.contact?.timeZone ?? undefined, phone: message.phone }, policies.defaultTimeZone, now)
  if (!window) return current
  if (current.source === 'phone' && window.timeZone === policies.defaultTimeZone) return current
  // A +86 number queued in a zone of its own before Beijing time was judged beside it is judged in both now.
  return withLegalTime({ timeZone: window.timeZone, zones: [window.timeZone] }, message.phone)
}

/** A reminder whose coupon or date has expired, or a coupon that has: never sent, whatever held it up. */
function expired(at: number, timeZone: string): SendingVerdict {
  const local = describeLocal(at, timeZone)
  return {
    kind: 'cancel',
    code: 'expired',
    reason: { en: `the coupon or date it speaks of expired at ${local.en}`, zh: `所提及的优惠券或日期已于 ${local.zh} 到期` },
  }
}

export type SendingVerdict =
  | { kind: 'send' }
  | { kind: 'fail'; reason: string }
  | { kind: 'cancel'; code: string; reason: LocalizedText }
  | { kind: 'hold'; until: number; reason: LocalizedText }

/**
 * May this queued message go out now? The step that queued it decided so at its time; this asks
 * again with what may have changed since (an opt-out, the journey archived, the contact gone from
 * it, the clock past the send window, another message using the cap), on the contact's row lock.
 */
export function recheckAtSending(message: OutboxRow, context: SendingContext, policies: SendPolicies, now: number): SendingVerdict {
  if (!message.phone) return { kind: 'fail', reason: 'the contact has no phone number' }
  const category = message.category as MessageCategory
  const judged = sendingZones(message, context, policies, now)
  const timeZone = judged.timeZone
  // A number changed since queueing may now belong to someone else (numbers are recycled).
  if (context.contact && context.contact.phone !== message.phone)
    return { kind: 'cancel', code: 'phone_changed', reason: { en: "the contact's number changed after the message was queued", zh: '消息排队后联系人的号码已更改' } }
  if (context.journeyStatus === 'archived') return { kind: 'cancel', code: 'journey_archived', reason: { en: 'the journey was archived', zh: '旅程已归档' } }
  if (isPromotional(category)) {
    if (context.optOut !== undefined) return { kind: 'cancel', code: 'opted_out', reason: optOutReason(context.optOut, timeZone) }
    if (!context.contact?.consent) return { kind: 'cancel', code: 'no_consent', reason: { en: 'no consent to marketing messages', zh: '联系人未同意接收营销短信' } }
  }
  if (isPromotional(category) && leftJourneySince(message, context.enrollment))
    return {
      kind: 'cancel',
      code: 'left_journey',
      reason: { en: `the contact left the journey (${context.enrollment?.exitReason})`, zh: `联系人已退出旅程(${context.enrollment?.exitReason})` },
    }
  if (message.notAfter && now >= message.notAfter.getTime()) return expired(message.notAfter.getTime(), timeZone)
  const ceiling = policies.dailyMessageCeiling
  if (dailyCeilingReached(context.goneOut, now, ceiling))
    return { kind: 'cancel', code: 'daily_ceiling', reason: { en: `daily ceiling of ${ceiling} messages per contact reached`, zh: `已达每位联系人每日 ${ceiling} 条消息的上限` } }
  const cap = blockingCap(context.goneOut, category, now, policies.caps)
  if (cap) {
    const text = describeCap(cap.rule)
    return { kind: 'cancel', code: 'cap', reason: { en: `${text.en} by messages already sent`, zh: `${text.zh},已由先发出的消息用完` } }
  }
  // The cloud's rules as its settings say now, not as they were when the message was queued.
  const rule = isPromotional(category) ? policies.providerRules?.[category] : undefined
  const limit = rule && message.template && providerDailyBlock(context.goneOut, message.template.code, now, rule)
  if (limit) return { kind: 'cancel', code: 'provider_daily_limit', reason: { en: `${limit.text.en} by messages already sent`, zh: `${limit.text.zh},已由先发出的消息用完` } }
  // The window stored at queueing, narrowed by the allowed hours as they are now: a workspace that
  // shortened its hours after a message was queued (held by a failing provider, say) must not see it
  // go out in hours it no longer allows. Transactional messages have no required window.
  const required = requiredWeeklyWindow(category, policies)
  const weekly = intersectWeekly(message.sendWindow?.weekly ?? ALWAYS, required)
  if (!message.sendWindow && !rule && !isPromotional(category)) return { kind: 'send' }
  const opening = jointOpening(now, judged.zones, weekly, holidaysFor(category, policies), rule)
  if (!opening) return { kind: 'cancel', code: 'no_window', reason: noWindowReason(judged) }
  if (opening.at <= now) return { kind: 'send' }
  // Held until after the expiry it speaks of, it would only ever be cancelled then: say so now.
  if (message.notAfter && opening.at >= message.notAfter.getTime()) return expired(message.notAfter.getTime(), timeZone)
  // Rescheduled for the opening, and said as the step says it: the hours that set that time, and the time.
  const held = windowHoldReason({ opening, until: opening.at, earliest: now, judged, weekly, holidays: holidaysFor(category, policies), rule })
  return { kind: 'hold', until: opening.at, reason: held.reason }
}
