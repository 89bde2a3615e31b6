import { fillTemplate, formatMinutes, isShortLinkBase, type LocalizedText, type MessageCategory, type Offer, parseTemplate, renderMessage, type SmsPartCount } from '@recall/shared'
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

let checkedBase: string | undefined
let checkedUsable = false

/**
 * Whether the workspace's short link address may go into a message. The API refuses any other, but
 * a row stored before it did may hold "javascript:…": no such link is ever sent. Checked once per
 * address, since it rarely changes and sends are the commonest work.
 */
export function usableShortLinkBase(base: string): boolean {
  if (base !== checkedBase) {
    checkedBase = base
    checkedUsable = isShortLinkBase(base)
  }
  return checkedUsable
}

/** Why a message with a short link was skipped: the address to fix, and where. */
export function unusableShortLinkReason(base: string): LocalizedText {
  return {
    en: `skipped: the short link address "${base}" in Settings is not a web address (http:// or https://); the message was not sent`,
    zh: `跳过:设置中的短链接地址"${base}"不是有效网址(http:// 或 https://),消息未发送`,
  }
}

/** A template value: the coupon's fields, the message's short link, else the contact's attribute (text or number). */
function templateValue(name: string, template: string, context: RunContext, coupon: IssuedCoupon | undefined, linkCode: string): string | number | undefined {
  if (coupon && name === 'coupon.code') return coupon.code
  if (coupon && name === 'coupon.value') return couponValue(coupon)
  if (coupon && name === 'coupon.label') return coupon.label
  if (coupon && name === 'coupon.expires') return formatExpiry(coupon.expiresAt, context.timeZone, CJK.test(template))
  if (name === 'link') return usableShortLinkBase(context.policies.shortLinkBase) ? `${context.policies.shortLinkBase}/${linkCode}` : undefined
  const attributes = context.contact.attributes
  const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined
  return typeof value === 'string' || typeof value === 'number' ? value : undefined
}

type TemplateValues = Record<string, string | number | undefined>

/** Adds the values `text` names; a name without a value is left out, as it always was. */
function addValues(values: TemplateValues, text: string, template: string, context: RunContext, coupon: IssuedCoupon | undefined, linkCode: string): void {
  for (const name of variableNames(text)) {
    const value = templateValue(name, template, context, coupon, linkCode)
    if (value === undefined) continue
    // An attribute named "__proto__" is a value like any other, not the object's parent: an own
    // property, which an assignment would not make.
    if (name === '__proto__') Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true })
    else values[name] = value
  }
}

/**
 * Template values: the contact's attributes, the coupon's fields and the message's short link.
 * Only the names the texts use are looked up: copying every attribute and formatting every coupon
 * field at each send was wasted work.
 */
function templateValues(delivery: Delivery, context: RunContext, coupon: IssuedCoupon | undefined, linkCode: string): TemplateValues {
  // A plain object, not one without a prototype: that one is a hash table, three times the bytes at
  // every send. Templates read own values only ({{constructor}} or {{toString}} finds nothing and
  // takes its fallback, never Object's own), and addValues makes "__proto__" an own value.
  const values: TemplateValues = {}
  addValues(values, delivery.template, delivery.template, context, coupon, linkCode)
  if (delivery.mms) for (const slide of delivery.mms.slides) addValues(values, slide.text, delivery.template, context, coupon, linkCode)
  if (delivery.providerTemplate) for (const template of Object.values(delivery.providerTemplate.params)) addValues(values, template, delivery.template, context, coupon, linkCode)
  return values
}

/** Whether any text of the message (SMS, slides, a provider template's parameters) has a {{link}}. */
export function usesShortLink(delivery: Delivery): boolean {
  const texts = [delivery.template, ...(delivery.mms?.slides.map((slide) => slide.text) ?? []), ...Object.values(delivery.providerTemplate?.params ?? {})]
  return texts.some((text) => variableNames(text).includes('link'))
}

/** Characters in a short link code (of CODE_ALPHABET): every message with a link carries them. */
export const SHORT_LINK_CODE_LENGTH = 7

/**
 * One short link per message: the server maps the code back to the message and its node's URL.
 * A plain hash of the key, which anyone who knows how keys are made can compute: the server keys
 * the codes of messages it sends with a secret of its own (RunContext.linkCode); this serves where
 * a link leads nowhere (simulations, previews).
 */
export function shortLinkCode(idempotencyKey: string): string {
  return couponCodeFor(`link|${idempotencyKey}`).slice(0, SHORT_LINK_CODE_LENGTH)
}

export function issueCoupon(offer: Offer, nodeId: string, key: string, now: number): IssuedCoupon {
  const expiresAt = offer.validUntil ? (parseInstant(offer.validUntil) ?? now) : now + (offer.validHours ?? 72) * HOUR
  const coupon: IssuedCoupon = { nodeId, code: couponCodeFor(key), label: offer.label, value: offer.value, kind: offer.kind, issuedAt: now, expiresAt, redeemed: false }
  // Only when drawn from a pool (no spread of an object per coupon).
  if (offer.poolId) coupon.poolId = offer.poolId
  return coupon
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
function expiryOf(delivery: Delivery, coupon: IssuedCoupon | undefined): number | undefined {
  const { notAfter } = delivery
  const expiresAt = coupon?.expiresAt
  if (notAfter === undefined || expiresAt === undefined) return notAfter ?? expiresAt
  return Math.min(notAfter, expiresAt)
}

/** A message node's delivery, built once per node: it never changes, and sends are the simulator's commonest work. */
export function deliveryPerNode<Node extends object>(build: (node: Node) => Delivery): (node: Node) => Delivery {
  const built = new WeakMap<Node, Delivery>()
  return (node) => {
    let delivery = built.get(node)
    if (delivery === undefined) {
      delivery = build(node)
      built.set(node, delivery)
    }
    return delivery
  }
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
  const linkCode = context.linkCode?.(key) ?? shortLinkCode(key)
  const values = templateValues(delivery, context, coupon, linkCode)
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
  }
  const { zones, country } = context.zones
  if (zones.length > 1) {
    effect.window.timeZones = [...zones]
    if (country !== undefined) effect.window.country = country
  }
  // The optional fields in this order, each only when present (no spread of an object per field).
  if (delivery.offer && coupon) effect.coupon = coupon
  const notAfter = expiryOf(delivery, coupon)
  if (notAfter !== undefined) effect.notAfter = notAfter
  // Slides carry variables like the text: the phone shows them filled, never as {{name}}.
  if (delivery.mms) effect.mms = { ...delivery.mms, slides: delivery.mms.slides.map((slide) => ({ ...slide, text: fillTemplate(slide.text, values).text })) }
  if (delivery.providerTemplate)
    effect.template = {
      code: delivery.providerTemplate.code,
      params: Object.fromEntries(Object.entries(delivery.providerTemplate.params).map(([name, template]) => [name, fillTemplate(template, values).text])),
    }
  if (delivery.linkUrl && variableNames(delivery.template).includes('link')) effect.link = { code: linkCode, url: delivery.linkUrl }
  return { effect, coupon, parts: rendered.parts, missing: rendered.missing }
}
