import { fillTemplate, formatMinutes, type MessageCategory, type Offer, parseTemplate, renderMessage, type SmsPartCount } from '@recall/shared'
import { couponCodeFor } from '../hash'
import { HOUR, parseInstant, toLocal } from '../time/zoned'
import type { Effect, IssuedCoupon, MmsContent } from '../types'
import type { RunContext } from './semantics'

const CJK = /[\u3400-\u9fff]/

function couponValue(coupon: IssuedCoupon): string {
  if (coupon.kind === 'percent_off') return `${((100 - coupon.value) / 10).toFixed(1).replace(/\.0$/, '')}折`
  if (coupon.kind === 'gift') return coupon.label
  return `${coupon.value}元`
}

function formatExpiry(at: number, timeZone: string, chinese: boolean): string {
  const local = toLocal(at, timeZone)
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
    values['coupon.expires'] = formatExpiry(coupon.expiresAt, context.timeZone, CJK.test(template))
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

/** What a message node sends, before the policies decide whether and when. */
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

export type SendEffect = Extract<Effect, { type: 'send' }>

export interface ComposedSend {
  effect: SendEffect
  /** The coupon the message carries: issued by this node, or the one a reminder speaks of. */
  coupon: IssuedCoupon | undefined
  parts: SmsPartCount
  /** Variables with neither a value nor a fallback: they render as nothing. */
  missing: string[]
}

/** The message speaks of a coupon or date: past its expiry the message is pointless, however late it is sent. */
function expiryOf(delivery: Delivery, coupon: IssuedCoupon | undefined): { notAfter?: number } {
  const ends = [delivery.notAfter, coupon?.expiresAt].filter((at): at is number => at !== undefined)
  return ends.length > 0 ? { notAfter: Math.min(...ends) } : {}
}

/**
 * The message exactly as it goes out: the coupon issued (and recorded on the enrollment), the
 * text rendered for the contact with its 【brand】, short link and opt-out line, the template
 * provider's parameters filled. Used by every send and by previews and test sends alike.
 */
export function composeSend(delivery: Delivery, context: RunContext, key: string): ComposedSend {
  const coupon = delivery.offer ? issueCoupon(delivery.offer, delivery.nodeId, key, context.now) : delivery.coupon
  // Replaced, not changed in place: the step's copy of the enrollment shares the previous one's.
  if (delivery.offer && coupon) context.state.coupons = [...context.state.coupons, coupon]
  const values = templateValues(delivery.template, context, coupon, key)
  const rendered = renderMessage({
    template: delivery.template,
    values,
    category: delivery.category,
    // A template cloud signs with its account's sign name and wants its own opt-out wording.
    brand: context.policies.signNames?.[delivery.category] ?? context.journey.settings.brand,
    optOut: context.policies.optOutWording?.[delivery.category],
  })
  const effect: SendEffect = {
    type: 'send',
    channel: delivery.channel,
    nodeId: delivery.nodeId,
    category: delivery.category,
    text: rendered.text,
    parts: rendered.parts.parts,
    idempotencyKey: key,
    window: { timeZone: context.timeZone, weekly: context.windowOf(delivery.nodeId) },
    ...(delivery.offer && coupon ? { coupon } : {}),
    ...expiryOf(delivery, coupon),
    // Slides carry variables like the text: the phone shows them filled, never as {{name}}.
    ...(delivery.mms ? { mms: { ...delivery.mms, slides: delivery.mms.slides.map((slide) => ({ ...slide, text: fillTemplate(slide.text, values).text })) } } : {}),
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
  return { effect, coupon, parts: rendered.parts, missing: rendered.missing }
}
