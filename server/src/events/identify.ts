import { randomUUID } from 'node:crypto'
import { canonicalTimeZone } from '@recall/engine'
import { error, normalizedExternalId, normalizePhone, PhoneNumberError, type Problem } from '@recall/shared'
import { sql } from 'drizzle-orm'
import { AttributeTally } from '../catalog/catalog'
import { fieldOfName, reservedFieldOf, sameFieldTwiceMessage } from '../contacts/contact-fields'
import { fieldText, notTextMessage } from '../contacts/field-text'
import { type ContactRowError, flag } from '../contacts/read-contacts'
import { contacts } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'
import type { EventOutcome } from './intake'
import { claimMessageIds } from './receipts'

/** An identify call as Segment and RudderStack send it; their other fields (context, sentAt…) are accepted and ignored. */
export interface IdentifyCall {
  userId: string
  traits?: Record<string, unknown>
  messageId?: string
  context?: Record<string, unknown>
}

/** Traits that are contact fields rather than attributes, by the names CDPs and shops use for them. */
const PHONE_TRAITS = ['phone', 'mobile']
const TIME_ZONE_TRAITS = ['timezone', 'time_zone', 'timeZone']
const CONSENT_TRAITS = ['consent', 'sms_consent', 'smsConsent']
/** The contact field a trait gives, by its CDP name or by any name a contacts file reads as it (Consent, 手机号…). */
const TRAIT_FIELDS: Record<'phone' | 'time_zone' | 'consent', readonly string[]> = { phone: PHONE_TRAITS, time_zone: TIME_ZONE_TRAITS, consent: CONSENT_TRAITS }
const traitField = (name: string) => (Object.keys(TRAIT_FIELDS) as (keyof typeof TRAIT_FIELDS)[]).find((field) => TRAIT_FIELDS[field].includes(name) || fieldOfName(name) === field)

interface ContactChange {
  externalId: string
  phone?: string
  timeZone?: string
  consent?: boolean
  attributes: Record<string, unknown>
}

/**
 * The one trait that gives `field` (by any of its names), or undefined. Two of them (sms_consent false and
 * consent true) are refused naming both, as a contacts file's two columns for one field are:
 * taking either would guess, and a guess at consent can send to someone who said no.
 */
function givenOnce(traits: Record<string, unknown>, field: keyof typeof TRAIT_FIELDS, path: string, problems: Problem[]) {
  const given = Object.keys(traits).filter((name) => traitField(name) === field && traits[name] !== undefined && traits[name] !== null && traits[name] !== '')
  const [name, second] = given
  if (name === undefined) return undefined
  if (second !== undefined) {
    problems.push(error('contact.field_twice', `${path}/traits/${second}`, sameFieldTwiceMessage({ field, first: name, second })))
    return undefined
  }
  return { name, value: traits[name] }
}

/** A phone or a zone trait as text; a list or an object is refused under its path. */
function textTrait(trait: { name: string; value: unknown }, code: string, path: string, problems: Problem[]): string | undefined {
  const text = fieldText(trait.value)
  if (text === undefined) problems.push(error(code, `${path}/traits/${trait.name}`, notTextMessage(trait.name)))
  return text
}

/** The contact fields an identify sets, or the problems of its traits, each under its path. */
export function contactChange(call: IdentifyCall, path: string): ContactChange | Problem[] {
  const traits = call.traits ?? {}
  const problems: Problem[] = []
  const change: ContactChange = {
    externalId: normalizedExternalId(call.userId),
    attributes: Object.fromEntries(Object.entries(traits).filter(([name]) => traitField(name) === undefined)),
  }
  const phone = givenOnce(traits, 'phone', path, problems)
  const phoneText = phone && textTrait(phone, 'contact.phone', path, problems)
  if (phone && phoneText !== undefined) {
    try {
      change.phone = normalizePhone(phoneText)
    } catch (cause) {
      if (!(cause instanceof PhoneNumberError)) throw cause
      problems.push(error('contact.phone', `${path}/traits/${phone.name}`, cause.localized))
    }
  }
  const zone = givenOnce(traits, 'time_zone', path, problems)
  const zoneText = zone && textTrait(zone, 'contact.time_zone', path, problems)
  if (zone && zoneText !== undefined) {
    const typed = zoneText.trim()
    const timeZone = canonicalTimeZone(typed)
    if (timeZone) change.timeZone = timeZone
    else
      problems.push(
        error('contact.time_zone', `${path}/traits/${zone.name}`, {
          en: `"${typed}" is not a known time zone (e.g. Asia/Shanghai)`,
          zh: `"${typed}" 不是有效的时区(例如 Asia/Shanghai)`,
        }),
      )
  } else if (!zone && typeof call.context?.timezone === 'string') {
    // Segment's libraries report the device's zone in the context; a trait says it better.
    const timeZone = canonicalTimeZone(call.context.timezone)
    if (timeZone) change.timeZone = timeZone
  }
  const consent = givenOnce(traits, 'consent', path, problems)
  if (consent) {
    const errors: ContactRowError[] = []
    const value = flag(consent.value, consent.name, 0, errors, false, consent.name)
    if (errors.length === 0) change.consent = value
    for (const failure of errors) problems.push(error('contact.consent', `${path}/traits/${consent.name}`, failure.message))
  }
  optOutTraits(traits, change, path, problems)
  return problems.length > 0 ? problems : change
}

/**
 * A CDP's do-not-contact trait (unsubscribed, opted_out, 是否退订…, the names a contacts file reads
 * as its `suppressed` column) reading yes withdraws the contact's consent, which stops marketing at
 * once; kept as a mere attribute it once let marketing through (it is still kept as one). With consent given as yes too, the
 * call contradicts itself and is refused naming both.
 */
function optOutTraits(traits: Record<string, unknown>, change: ContactChange, path: string, problems: Problem[]): void {
  for (const [name, value] of Object.entries(traits)) {
    if (fieldOfName(name) !== 'suppressed' || value === undefined || value === null) continue
    const errors: ContactRowError[] = []
    const optedOut = flag(value, name, 0, errors, false, name)
    // A trait named as the opt-out itself (unsubscribed, 是否退订) must say yes or no: its "maybe" kept as an attribute would
    // do nothing while the sender believed it counted. One that only speaks of it (unsubscribe_reason: "too many") stays an attribute.
    if (errors.length > 0 && reservedFieldOf(name) === 'suppressed')
      for (const failure of errors) problems.push(error('contact.suppressed', `${path}/traits/${name}`, failure.message))
    if (!optedOut || errors.length > 0) continue
    if (change.consent === true)
      problems.push(
        error('contact.consent_contradicted', `${path}/traits/${name}`, {
          en: `${name} says this person opted out, but consent says yes: send one of them`,
          zh: `${name} 表示此人已退订,但同意状态为"是":请只发送其中一个`,
        }),
      )
    else change.consent = false
  }
}

/** Creates the contact or updates the fields the identify gives; attributes are merged, as CDPs merge traits. */
async function upsertContact(tx: Executor, change: ContactChange): Promise<boolean> {
  const given = {
    ...(change.phone ? { phone: change.phone } : {}),
    ...(change.timeZone ? { timeZone: change.timeZone } : {}),
    ...(change.consent !== undefined ? { consent: change.consent } : {}),
  }
  const [row] = await tx
    .insert(contacts)
    .values({ id: randomUUID(), externalId: change.externalId, attributes: change.attributes, consent: false, ...given })
    .onConflictDoUpdate({
      target: contacts.externalId,
      set: { ...given, attributes: sql`${contacts.attributes} || ${JSON.stringify(change.attributes)}::jsonb`, updatedAt: sql`now()` },
    })
    // xmax is 0 on a row this statement inserted, set on one it updated.
    .returning({ inserted: sql<boolean>`(xmax = 0)` })
  return row?.inserted === true
}

/**
 * Applies a batch's identify calls in order, inside the batch's transaction: bad traits refuse
 * that call with the field, a repeated message id is acknowledged and ignored.
 */
export async function identifyContacts(
  tx: Executor,
  calls: readonly { call: IdentifyCall; index: number; path: string }[],
): Promise<{ outcomes: EventOutcome[]; created: number }> {
  const outcomes: EventOutcome[] = []
  const valid: { change: ContactChange; index: number; messageId: string | undefined }[] = []
  for (const { call, index, path } of calls) {
    const change = contactChange(call, path)
    if (Array.isArray(change)) outcomes.push({ index, status: 'refused', problems: change })
    else valid.push({ change, index, messageId: call.messageId })
  }
  const fresh = await claimMessageIds(
    tx,
    valid.flatMap((entry) => (entry.messageId ? [entry.messageId] : [])),
  )
  let created = 0
  const tally = new AttributeTally()
  for (const { change, index, messageId } of valid) {
    if (messageId !== undefined) {
      if (!fresh.has(messageId)) {
        outcomes.push({ index, status: 'duplicate' })
        continue
      }
      fresh.delete(messageId)
    }
    if (await upsertContact(tx, change)) created += 1
    tally.add(change.attributes)
    outcomes.push({ index, status: 'accepted' })
  }
  await tally.save(tx)
  return { outcomes, created }
}
