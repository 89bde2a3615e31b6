import { type JourneyNodeOf, sendCategory } from '@recall/shared'
import { durationMs } from '../policies/caps'
import { holidaysFor } from '../policies/policies'
import { jointOpening, sendClocks } from '../policies/provider-rules'
import { latestOpenBefore, latestOpenOnEveryClock } from '../policies/window'
import { MINUTE, parseInstant } from '../time/zoned'
import type { IssuedCoupon } from '../types'
import type { Delivery } from './compose'
import { deliver } from './deliver'
import type { NodeSemantics, RunContext } from './semantics'

type ReminderNode = JourneyNodeOf<'reminder_before_expiry'>

/** Reminding of a coupon is marketing, whatever the node says (validation refuses it as transactional). */
const reminderCategory = (node: ReminderNode) => sendCategory(node.data.category, node.data.expiry.source === 'coupon')

export const reminderDelivery = (node: JourneyNodeOf<'reminder_before_expiry'>, coupon: IssuedCoupon | undefined, expiresAt?: number): Delivery => ({
  nodeId: node.id,
  channel: 'sms',
  category: reminderCategory(node),
  template: node.data.text,
  linkUrl: node.data.linkUrl,
  coupon,
  ...(expiresAt === undefined ? {} : { notAfter: expiresAt }),
  sentHandle: 'sent',
  skippedHandle: 'skipped',
})

/** The coupon the reminder speaks of: the one its send node issued, or the latest. */
export function findCoupon(sendNodeId: string | undefined, context: RunContext): IssuedCoupon | undefined {
  const coupons = context.state.coupons
  return sendNodeId === undefined ? coupons.at(-1) : coupons.findLast((coupon) => coupon.nodeId === sendNodeId)
}

/** How long before a window closes a reminder moved back into it goes out. */
const BEFORE_CLOSING = 30 * MINUTE

/**
 * When the reminder time falls outside the send window and the next opening is already past the
 * expiry (a 02:00 reminder for a coupon that expires at 08:00), remind in the last half hour of
 * the window before instead of not at all.
 */
function plannedReminderTime(remindAt: number, expiresAt: number, node: ReminderNode, context: RunContext): number {
  if (remindAt <= context.now) return remindAt
  const window = context.windowOf(node.id)
  const holidays = holidaysFor(reminderCategory(node), context.policies)
  // Open in every zone the contact is judged in, as the send will be.
  const { zones } = context.zones
  const opening = jointOpening(remindAt, zones, window, holidays, undefined)
  if (opening && opening.at < expiresAt) return remindAt
  const earlier =
    zones.length === 1
      ? latestOpenBefore(remindAt, context.now, zones[0] as string, window, holidays)
      : latestOpenOnEveryClock(remindAt, context.now, sendClocks(zones, window, holidays, undefined))
  return earlier ? Math.max(earlier.at, earlier.closesAt - BEFORE_CLOSING) : remindAt
}

const WAITING_FOR_REMINDER = { en: 'waiting for the reminder time', zh: '等待提醒时间' }

const skipped = (en: string, zh: string) => ({ kind: 'next' as const, handle: 'skipped', logKind: 'skipped' as const, message: { en: `skipped: ${en}`, zh: `跳过:${zh}` } })

/**
 * Sends at expiry minus the offset, moved into the allowed window but never after expiry;
 * skipped when the coupon is redeemed, already expired or there is no date.
 */
export const reminderBeforeExpiry: NodeSemantics<'reminder_before_expiry'> = {
  mode: 'run',
  run(node, context) {
    const { expiry } = node.data
    const coupon = expiry.source === 'coupon' ? findCoupon(expiry.sendNodeId, context) : undefined
    const expiresAt = expiry.source === 'coupon' ? coupon?.expiresAt : parseInstant(context.contact.attributes[expiry.attribute])
    if (expiresAt === undefined) return skipped('no expiry date', '没有到期时间')
    if (coupon?.redeemed) return skipped('the coupon is already redeemed', '优惠券已核销')
    if (context.now >= expiresAt) return skipped('already expired', '已过期')
    const remindAt = plannedReminderTime(expiresAt - durationMs(node.data.before), expiresAt, node, context)
    if (context.now < remindAt) {
      return { kind: 'wait', until: remindAt, logKind: 'waiting', message: WAITING_FOR_REMINDER }
    }
    return deliver(reminderDelivery(node, coupon, expiresAt), context)
  },
}
