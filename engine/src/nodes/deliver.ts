import { isPromotional, type LocalizedText, MAX_SMS_PARTS } from '@recall/shared'
import { HELD_OUT_MESSAGE } from '../policies/control-group'
import { decideSend } from '../policies/send-gate'
import { HOUR } from '../time/zoned'
import { composeSend, type Delivery, unusableShortLinkReason, usableShortLinkBase, usesShortLink } from './compose'
import { type RunContext, type RunOutcome, UNTOLD } from './semantics'

export { type Delivery, issueCoupon, shortLinkCode } from './compose'

/** A send held for an empty coupon pool looks again this often. */
const POOL_RETRY_MS = HOUR

/**
 * The one path every message takes: the policy gate, then (only if it may go out now) the coupon,
 * the rendered text and the send effect. A held or skipped send consumes no coupon; a contact of the
 * workspace's control group takes the sent path with no message at all.
 */
export function deliver(delivery: Delivery, context: RunContext): RunOutcome {
  const key = context.visitKey(delivery.nodeId)
  const window = context.windowOf(delivery.nodeId)
  const decision = decideSend(
    {
      category: delivery.category,
      window,
      onCapReached: context.journey.settings.onCapReached,
      spreadKey: `${context.contact.id}|${key}`,
      template: delivery.providerTemplate?.code,
      notAfter: delivery.notAfter,
    },
    context.contact,
    context.policies,
    context.now,
  )
  // Held out at the moment it would have gone: the same holds and exits as a treated contact, so the groups stay comparable.
  if (decision.kind === 'send' && context.state.heldOut && isPromotional(delivery.category)) {
    return { kind: 'next', handle: delivery.sentHandle, message: HELD_OUT_MESSAGE, logKind: 'held_out' }
  }
  const pool = delivery.offer?.poolId
  if (decision.kind === 'send' && pool !== undefined && context.policies.couponCodesLeft && (context.policies.couponCodesLeft[pool] ?? 0) <= 0) {
    const until = context.now + POOL_RETRY_MS
    const reason = { en: `held: coupon pool "${pool}" has no codes left; tries again hourly`, zh: `暂缓:优惠券码池"${pool}"已无可用券码,每小时重试` }
    return { kind: 'wait', until, message: reason, logKind: 'held', effects: [{ type: 'hold', nodeId: delivery.nodeId, until, reason, code: 'pool', poolId: pool }] }
  }
  switch (decision.kind) {
    case 'exit':
      return { kind: 'exit', code: decision.code, reason: decision.reason }
    case 'skip':
      return { kind: 'next', handle: delivery.skippedHandle, message: decision.reason, logKind: 'skipped' }
    case 'hold':
      return {
        kind: 'wait',
        until: decision.until,
        message: decision.reason,
        logKind: 'held',
        effects: [{ type: 'hold', nodeId: delivery.nodeId, until: decision.until, reason: decision.reason, code: decision.code }],
      }
    case 'send':
      break
  }
  // Skipped, not sent without its link: the text says "tap here" and would lead nowhere.
  const base = context.policies.shortLinkBase
  if (!usableShortLinkBase(base) && usesShortLink(delivery)) return { kind: 'next', handle: delivery.skippedHandle, message: unusableShortLinkReason(base), logKind: 'skipped' }
  const { effect, coupon } = composeSend(delivery, context, key)
  const { parts } = effect
  // Validation measured the text with sample values; a contact's own (a name of 60,000 characters
  // imported by mistake) made a recall text of 897 parts. Every part is paid for, and a cloud refuses
  // such a text anyway: skipped, like a text validation would refuse, and no coupon is spent.
  if (delivery.channel === 'sms' && parts > MAX_SMS_PARTS) return { kind: 'next', handle: delivery.skippedHandle, message: tooManyParts(parts), logKind: 'skipped' }
  // Handed to the outbox, not yet sent: the dispatcher checks it again and the message's own status says what became of it.
  const message: LocalizedText = context.brief
    ? UNTOLD
    : {
        en: `${delivery.channel.toUpperCase()} queued to send (${parts} part${parts === 1 ? '' : 's'})${delivery.offer && coupon ? ` with coupon ${coupon.code}` : ''}`,
        zh: `${delivery.channel === 'sms' ? '短信' : '彩信'}已排队待发送(${parts} 条)${delivery.offer && coupon ? `,附优惠券 ${coupon.code}` : ''}`,
      }
  return { kind: 'next', handle: delivery.sentHandle, effects: [effect], message, logKind: 'sent' }
}

function tooManyParts(parts: number): LocalizedText {
  return {
    en: `skipped: with this contact's details the text is ${parts} parts long, over the limit of ${MAX_SMS_PARTS} (an attribute it uses is probably far too long); the message was not sent`,
    zh: `跳过:代入该联系人的信息后短信长达 ${parts} 条,超过 ${MAX_SMS_PARTS} 条上限(所用的某个属性可能过长),消息未发送`,
  }
}
