import { formatMinutes, isPromotional, type LocalizedText, type MessageCategory } from '@recall/shared'
import type { SendWindowCheck } from '../types'
import { type ContactZones, contactZones, describeZones, withLegalTime, zoneSpan } from './contact-zones'
import { describeLocal, hoursThatHold } from './hold-reasons'
import { holidaysFor, type SendPolicies } from './policies'
import { describeProviderWindow, jointOpening } from './provider-rules'
import { noWindowReason } from './send-gate'
import { type JointOpening, requiredWeeklyWindow } from './window'

/** What the workspace knows of the number a test goes to. */
export interface TestRecipient {
  /** E.164. */
  phone: string
  /** When the number opted out, when it is on the suppression list. */
  optedOutAt?: number | undefined
  /** The stored contacts with this number. */
  contacts: readonly { consent: boolean; timeZone?: string | null | undefined }[]
}

export type TestSendJudgement = { kind: 'send'; window: SendWindowCheck } | { kind: 'refuse'; code: 'opted_out' | 'no_consent' | 'window' | 'no_window'; reason: LocalizedText }

/**
 * The zones the number's holder is judged in, as a live send judges a contact: a stored contact's own
 * zone, else the number's country, else the workspace's. Several contacts sharing the number with
 * zones of their own: the test must suit each of them.
 */
export function recipientZones(recipient: TestRecipient, defaultTimeZone: string, now: number): ContactZones {
  const own = [...new Set(recipient.contacts.flatMap((contact) => (contact.timeZone ? [contact.timeZone] : [])))]
  if (own.length <= 1) return contactZones({ timeZone: own[0], phone: recipient.phone }, defaultTimeZone, now)
  return withLegalTime({ timeZone: own[0] as string, zones: own, source: 'contact' as const }, recipient.phone)
}

/** The window the test was judged by, in the shape a queued message carries. */
function windowCheck(judged: ContactZones, category: MessageCategory, policies: SendPolicies): SendWindowCheck {
  const window: SendWindowCheck = { timeZone: judged.timeZone, weekly: requiredWeeklyWindow(category, policies) }
  if (judged.zones.length > 1) {
    window.timeZones = [...judged.zones]
    if (judged.country !== undefined) window.country = judged.country
  }
  return window
}

/** "in Asia/Shanghai", "in every time zone of the United States (…) at once", or each of several contacts' zones. */
function where(judged: ContactZones): LocalizedText {
  if (judged.zones.length <= 1) return { en: `in ${judged.timeZone}`, zh: ` ${judged.timeZone} ` }
  if (judged.country === undefined) {
    const span = zoneSpan(judged.zones)
    return { en: `in each of ${span} at once`, zh: `${span}各时区同时` }
  }
  const every = describeZones(judged)
  return { en: `in ${every.en} at once`, zh: `${every.zh}同时` }
}

/**
 * Why a test is not sent now: the hours that set the next allowed time (the recipient's, the cloud's,
 * or both at once), the time now and that next time, both in the recipient's main zone.
 */
function windowRefusal(judged: ContactZones, opening: JointOpening, cloud: { hours: LocalizedText; alone: boolean } | undefined, now: number): TestSendJudgement {
  const tz = judged.timeZone
  const local = describeLocal(now, tz)
  const next = describeLocal(opening.at, tz)
  const times = {
    en: `it is now ${local.en} ${tz}, next allowed ${next.en} ${tz}`,
    zh: `现在是 ${local.zh}(${tz}),最早可于 ${next.zh}(${tz})发送`,
  }
  if (cloud?.alone)
    return { kind: 'refuse', code: 'window', reason: { en: `Test not sent: outside ${cloud.hours.en}; ${times.en}`, zh: `测试未发送:不在${cloud.hours.zh}内;${times.zh}` } }
  const interval = `${formatMinutes(opening.interval[0])}–${formatMinutes(opening.interval[1])}`
  const hours = opening.holiday ? { en: `the holiday hours ${interval}`, zh: `节假日时段 ${interval}` } : { en: interval, zh: interval }
  const place = where(judged)
  const also = cloud ? { en: ` and ${cloud.hours.en}`, zh: `且在${cloud.hours.zh}内` } : { en: '', zh: '' }
  return {
    kind: 'refuse',
    code: 'window',
    reason: {
      en: `Test not sent: tests go out only within ${hours.en} ${place.en}${also.en}; ${times.en}`,
      zh: `测试未发送:测试短信只在${place.zh}的 ${hours.zh} 内${also.zh}发送;${times.zh}`,
    },
  }
}

/**
 * May a test go to this number now? The rules that protect whoever holds the phone, as the live
 * send gate (decideSend) applies them to marketing and recall messages: the suppression list and a
 * known contact's consent, then the legal window, quiet hours, holidays and the cloud's marketing
 * hours in the holder's zone(s). Whatever the message's category: the category of a test is what
 * the sender puts in the document they send (an unsaved edit), so calling a coupon text
 * "transactional" must not lift the protections (a tester sent one to an opted-out number at
 * 00:38). Not the campaign's own timing (node, journey or category windows) nor caps: a test is
 * sent on purpose, once, and counts toward nothing.
 */
export function judgeTestSend(messageCategory: MessageCategory, recipient: TestRecipient, policies: SendPolicies, now: number): TestSendJudgement {
  const category: MessageCategory = isPromotional(messageCategory) ? messageCategory : 'marketing'
  const judged = recipientZones(recipient, policies.defaultTimeZone, now)
  const window = windowCheck(judged, category, policies)
  if (recipient.optedOutAt !== undefined)
    return {
      kind: 'refuse',
      code: 'opted_out',
      reason: {
        en: "This number opted out (replied T/退订/STOP, or was imported as opted out): tests are not sent to it, whatever the message's category",
        zh: '该号码已退订(回复了 T/退订/STOP,或导入时已退订):无论消息类别,测试都不会发送给它',
      },
    }
  // A number several contacts share is held to the strictest of them, as each one's own send would be.
  if (recipient.contacts.some((contact) => !contact.consent))
    return {
      kind: 'refuse',
      code: 'no_consent',
      reason: {
        en: "This number belongs to a contact without consent to marketing messages: tests are not sent to it, whatever the message's category",
        zh: '该号码所属联系人未同意接收营销短信:无论消息类别,测试都不会发送给它',
      },
    }
  const rule = policies.providerRules?.[category]
  const opening = jointOpening(now, judged.zones, window.weekly, holidaysFor(category, policies), rule)
  if (!opening) {
    const none = noWindowReason(judged)
    return { kind: 'refuse', code: 'no_window', reason: { en: `Test not sent: ${none.en}`, zh: `测试未发送:${none.zh}` } }
  }
  if (opening.at <= now) return { kind: 'send', window }
  const whose = hoursThatHold(now, opening, judged.zones, window.weekly, holidaysFor(category, policies), rule)
  return windowRefusal(judged, opening, rule && whose !== 'window' ? { hours: describeProviderWindow(rule), alone: whose === 'provider' } : undefined, now)
}
