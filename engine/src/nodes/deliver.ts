import { fillTemplate, formatMinutes, type LocalizedText, type MessageCategory, type Offer, parseTemplate, renderMessage } from '@recall/shared'
import { couponCodeFor } from '../hash'
import { decideSend } from '../policies/send-gate'
import { HOUR, parseInstant, toLocal } from '../time/zoned'
import type { Effect, IssuedCoupon, MmsContent } from '../types'
import type { RunContext, RunOutcome } from './semantics'

const CJK = /[\u3400-\u9fff]/

function couponValue(coupon: IssuedCoupon): string {
  if (coupon.kind === 'percent_off') return `${((100 - coupon.value) / 10).toFixed(1).replace(/\.0$/, '')}折`
  if (coupon.kind === 'gift') return coupon.label
  return `${coupon.value}元`
}

function formatExpiry(at: number, context: RunContext, chinese: boolean): string {
  const local = toLocal(at, context.timeZone)
  const time = formatMinutes(local.minutes)
  return chinese ? `${local.month}月${local.day}日 ${time}` : `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${time}`
}

/** Template values: the contact's attributes, the coupon's fields and the message's short link. */
function templateValues(template: string, context: RunContext, coupon: IssuedCoupon | undefined, key: string): Record<string, string | number | undefined> {
  const values: Record<string, string | number | undefined> = {}
  for (const [name, value] of Object.entries(context.contact.attributes)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value
  }
  if (coupon) {
    values['coupon.code'] = coupon.code
    values['coupon.value'] = couponValue(coupon)
    values['coupon.label'] = coupon.label
    values['coupon.expires'] = formatExpiry(coupon.expiresAt, context, CJK.test(template))
  }
  values.link = `${context.policies.shortLinkBase}/${shortLinkCode(key)}`
  return values
}

/** One short link per message: the server maps the code back to the message and its node's URL. */
export function shortLinkCode(idempotencyKey: string): string {
  return couponCodeFor(`link|${idempotencyKey}`).slice(0, 7)
}

export function issueCoupon(offer: Offer, nodeId: string, key: string, now: number): IssuedCoupon {
  const expiresAt = offer.validUntil ? (parseInstant(offer.validUntil) ?? now) : now + (offer.validHours ?? 72) * HOUR
  return {
    nodeId,
    code: couponCodeFor(key),
    label: offer.label,
    value: offer.value,
    kind: offer.kind,
    issuedAt: now,
    expiresAt,
    redeemed: false,
    ...(offer.poolId ? { poolId: offer.poolId } : {}),
  }
}

/** A send held for an empty coupon pool looks again this often. */
const POOL_RETRY_MS = HOUR

export interface Delivery {
  nodeId: string
  channel: 'sms' | 'mms'
  category: MessageCategory
  template: string
  /** Issued when, and only when, the message goes out. */
  offer?: Offer | undefined
  /** A template provider's template code and parameters, filled like the text. */
  providerTemplate?: { code: string; params: Record<string, string> } | undefined
  /** Where the message's {{link}} leads. */
  linkUrl?: string | undefined
  /** The coupon a reminder speaks of. */
  coupon?: IssuedCoupon | undefined
  notAfter?: number
  sentHandle: string
  skippedHandle: string
  mms?: MmsContent
}

/**
 * The one path every message takes: the policy gate, then (only if it may go out now) the coupon,
 * the rendered text and the send effect. A held or skipped send consumes no coupon.
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
      ...(delivery.notAfter === undefined ? {} : { notAfter: delivery.notAfter }),
    },
    context.contact,
    context.policies,
    context.now,
  )
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
  const coupon = delivery.offer ? issueCoupon(delivery.offer, delivery.nodeId, key, context.now) : delivery.coupon
  if (delivery.offer && coupon) context.state.coupons.push(coupon)
  const values = templateValues(delivery.template, context, coupon, key)
  const rendered = renderMessage({
    template: delivery.template,
    values,
    category: delivery.category,
    brand: context.journey.settings.brand,
  })
  const effect: Effect = {
    type: 'send',
    channel: delivery.channel,
    nodeId: delivery.nodeId,
    category: delivery.category,
    text: rendered.text,
    parts: rendered.parts.parts,
    idempotencyKey: key,
    window: { timeZone: context.timeZone, weekly: window },
    ...(delivery.offer && coupon ? { coupon } : {}),
    ...(delivery.mms ? { mms: delivery.mms } : {}),
    ...(delivery.providerTemplate
      ? {
          template: {
            code: delivery.providerTemplate.code,
            params: Object.fromEntries(Object.entries(delivery.providerTemplate.params).map(([name, template]) => [name, fillTemplate(template, values).text])),
          },
        }
      : {}),
    ...(delivery.linkUrl && parseTemplate(delivery.template).variables.some((variable) => variable.name === 'link')
      ? { link: { code: shortLinkCode(key), url: delivery.linkUrl } }
      : {}),
  }
  // Handed to the outbox, not yet sent: the dispatcher checks it again and the message's own status says what became of it.
  const message: LocalizedText = {
    en: `${delivery.channel.toUpperCase()} queued to send (${rendered.parts.parts} part${rendered.parts.parts === 1 ? '' : 's'})${delivery.offer && coupon ? ` with coupon ${coupon.code}` : ''}`,
    zh: `${delivery.channel === 'sms' ? '短信' : '彩信'}已排队待发送(${rendered.parts.parts} 条)${delivery.offer && coupon ? `,附优惠券 ${coupon.code}` : ''}`,
  }
  return { kind: 'next', handle: delivery.sentHandle, effects: [effect], message, logKind: 'sent' }
}
