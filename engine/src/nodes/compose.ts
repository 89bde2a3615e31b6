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

const MAX_CACHED_TEXTS = 1000
const namesByText = new Map<string, readonly string[]>()

/** The variables a text names, parsed once per text: parsing at every send was a visible share of a send's garbage. */
function variableNames(text: string): readonly string[] {
  let names = namesByText.get(text)
  if (names === undefined) {
    if (namesByText.size >= MAX_CACHED_TEXTS) namesByText.clear()
    names = parseTemplate(text).variables.map((variable) => variable.name)
    namesByText.set(text, names)
  }
  return names
}

/** A template value: the coupon's fields, the message's short link, else the contact's attribute (text or number). */
function templateValue(name: string, template: string, context: RunContext, coupon: IssuedCoupon | undefined, key: string): string | number | undefined {
  if (coupon && name === 'coupon.code') return coupon.code
  if (coupon && name === 'coupon.value') return couponValue(coupon)
  if (coupon && name === 'coupon.label') return coupon.label
  if (coupon && name === 'coupon.expires') return formatExpiry(coupon.expiresAt, context.timeZone, CJK.test(template))
  if (name === 'link') return `${context.policies.shortLinkBase}/${shortLinkCode(key)}`
  const attributes = context.contact.attributes
  const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined
  return typeof value === 'string' || typeof value === 'number' ? value : undefined
}

/**
 * Template values: the contact's attributes, the coupon's fields and the message's short link.
 * Only the names the texts use are looked up (a name without a value is left out, as before):
 * copying every attribute and formatting every coupon field at each send was wasted work.
 */
function templateValues(delivery: Delivery, context: RunContext, coupon: IssuedCoupon | undefined, key: string): Record<string, string | number | undefined> {
  const values: Record<string, string | number | undefined> = {}
  const add = (text: string) => {
    for (const name of variableNames(text)) {
      const value = templateValue(name, delivery.template, context, coupon, key)
      if (value !== undefined) values[name] = value
    }
  }
  add(delivery.template)
  for (const slide of delivery.mms?.slides ?? []) add(slide.text)
  for (const template of Object.values(delivery.providerTemplate?.params ?? {})) add(template)
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
  const { notAfter } = delivery
  const expiresAt = coupon?.expiresAt
  if (notAfter === undefined) return expiresAt === undefined ? {} : { notAfter: expiresAt }
  return { notAfter: expiresAt === undefined ? notAfter : Math.min(notAfter, expiresAt) }
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
  const values = templateValues(delivery, context, coupon, key)
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
    ...(delivery.linkUrl && variableNames(delivery.template).includes('link') ? { link: { code: shortLinkCode(key), url: delivery.linkUrl } } : {}),
  }
  return { effect, coupon, parts: rendered.parts, missing: rendered.missing }
}
