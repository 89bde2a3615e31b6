import type { ContactView, SendRecord } from '@recall/engine'
import { type MessageCategory, type OptOutRecord, stoppingOptOut } from '@recall/shared'
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm'
import { numberOptOut, ownOptOut } from '../contacts/opt-out-records'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contacts, events, journeys, messages, suppressions } from '../db/schema/index'
import { countedTowardCaps } from './outbox/counted'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type Executor = Database | Transaction

const DAY = 86_400_000
/** Caps look back 30 days at most; a day more keeps the boundary exact. */
const SENDS_LOOKBACK_DAYS = 31
/** Event-history conditions look back this far. */
const EVENTS_LOOKBACK_DAYS = 366

export interface StoredContactView extends ContactView {
  /** The row id; `id` is the business's external id, which A/B assignment and send spreading hash. */
  rowId: string
  phone: string | null
}

/**
 * The engine's view of a stored contact; sends and events are filled by the caller when it needs them.
 * Suppressed when its number is on the suppression list (`numberOptedOut`, its entry) or the person
 * opted out (their own opt-out, which follows them to any number); `optOut` says whose stops them.
 */
export function contactViewOf(contact: typeof contacts.$inferSelect, numberOptedOut: OptOutRecord | undefined): StoredContactView {
  return {
    id: contact.externalId,
    rowId: contact.id,
    phone: contact.phone,
    timeZone: contact.timeZone ?? undefined,
    attributes: contact.attributes,
    consent: contact.consent,
    suppressed: numberOptedOut !== undefined || contact.optedOutAt !== null,
    optOut: stoppingOptOut(ownOptOut(contact), numberOptedOut),
    sends: [],
    events: [],
  }
}

/** The suppression entries of these numbers, by number. */
async function numberOptOuts(db: Executor, phones: readonly string[]): Promise<Map<string, OptOutRecord>> {
  if (phones.length === 0) return new Map()
  const entries = await db
    .select({ phone: suppressions.phone, optedOutAt: suppressions.optedOutAt, source: suppressions.source, optedOutBy: suppressions.optedOutBy })
    .from(suppressions)
    .where(anyOf(suppressions.phone, [...phones]))
  return new Map(entries.map((entry) => [entry.phone, numberOptOut(entry)]))
}

/**
 * Locks the batch's contact rows for the rest of the transaction, so steps for one contact are
 * serialised across journeys and workers (caps are per contact), and reads what the engine needs.
 * One statement locks them all, in id order: the global order keeps concurrent batches from
 * deadlocking. Sends, events and suppressions come with one query each.
 */
export async function lockContactViews(db: Executor, rowIds: readonly string[], now: number): Promise<Map<string, StoredContactView>> {
  return contactViews(db, rowIds, now, true)
}

/**
 * The same views read without locking, for forecasts that only look: with `lock`, inside the
 * caller's transaction, as the worker needs.
 */
export async function contactViews(db: Executor, rowIds: readonly string[], now: number, lock = false): Promise<Map<string, StoredContactView>> {
  const ids = [...new Set(rowIds)]
  const views = new Map<string, StoredContactView>()
  if (ids.length === 0) return views
  const query = db.select().from(contacts).where(anyOf(contacts.id, ids)).orderBy(asc(contacts.id))
  const rows = lock ? await query.for('update') : await query
  const optedOut = await numberOptOuts(
    db,
    rows.flatMap((row) => (row.phone ? [row.phone] : [])),
  )
  // With the journey that sent each message, so a cap's hold or skip reason names who used it.
  const sent = await db
    .select({
      contactId: messages.contactId,
      at: messages.createdAt,
      category: messages.category,
      template: sql<string | null>`${messages.template}->>'code'`,
      journeyId: messages.journeyId,
      journeyName: journeys.name,
    })
    .from(messages)
    .leftJoin(journeys, eq(journeys.id, messages.journeyId))
    .where(and(anyOf(messages.contactId, ids), gt(messages.createdAt, new Date(now - SENDS_LOOKBACK_DAYS * DAY)), countedTowardCaps()))
  const history = await db
    .select({ contactId: events.contactId, name: events.name, at: events.occurredAt })
    .from(events)
    .where(and(anyOf(events.contactId, ids), gt(events.occurredAt, new Date(now - EVENTS_LOOKBACK_DAYS * DAY))))
  for (const contact of rows) views.set(contact.id, contactViewOf(contact, contact.phone ? optedOut.get(contact.phone) : undefined))
  for (const send of sent)
    (views.get(send.contactId)?.sends as SendRecord[] | undefined)?.push({
      at: send.at.getTime(),
      category: send.category as MessageCategory,
      template: send.template ?? undefined,
      journey: send.journeyName ? { id: send.journeyId, name: send.journeyName } : undefined,
    })
  for (const event of history) (views.get(event.contactId)?.events as { name: string; at: number }[] | undefined)?.push({ name: event.name, at: event.at.getTime() })
  return views
}

/** After a step sends, later steps in the same batch must count that send in the contact's caps. */
export function recordSends(
  view: StoredContactView,
  result: { effects: readonly { type: string; category?: MessageCategory; template?: { code: string } }[] },
  now: number,
  journey: { id: string; name: string },
): void {
  for (const effect of result.effects)
    if (effect.type === 'send' && effect.category) (view.sends as SendRecord[]).push({ at: now, category: effect.category, template: effect.template?.code, journey })
}

/** Contacts read per page when scanning everyone, so a large audience never sits in memory at once. */
const CONTACT_PAGE = 5_000

/** Every contact (or those `only` lets through), page by page in id order (keyset paging: no OFFSET that slows down as it goes). */
export async function* contactPages(db: Executor, only?: SQL): AsyncGenerator<(typeof contacts.$inferSelect)[]> {
  let after = ''
  for (;;) {
    const page = await db
      .select()
      .from(contacts)
      .where(and(gt(contacts.id, after), only))
      .orderBy(asc(contacts.id))
      .limit(CONTACT_PAGE)
    if (page.length === 0) return
    after = page.at(-1)?.id as string
    yield page
  }
}

/**
 * Engine views of one page of contacts with their suppression and event history, for judging
 * segment membership (segment counts and segment-entered triggers) the way the engine does.
 */
export async function pageViewsWithHistory(db: Executor, page: readonly (typeof contacts.$inferSelect)[], now: number): Promise<StoredContactView[]> {
  if (page.length === 0) return []
  const ids = page.map((contact) => contact.id)
  const optedOut = await numberOptOuts(
    db,
    page.flatMap((contact) => (contact.phone ? [contact.phone] : [])),
  )
  const history = await db
    .select({ contactId: events.contactId, name: events.name, at: events.occurredAt })
    .from(events)
    .where(and(anyOf(events.contactId, ids), gt(events.occurredAt, new Date(now - EVENTS_LOOKBACK_DAYS * DAY))))
  const eventsOf = new Map<string, { name: string; at: number }[]>()
  for (const event of history) {
    const list = eventsOf.get(event.contactId) ?? []
    list.push({ name: event.name, at: event.at.getTime() })
    eventsOf.set(event.contactId, list)
  }
  return page.map((contact) => ({ ...contactViewOf(contact, contact.phone ? optedOut.get(contact.phone) : undefined), events: eventsOf.get(contact.id) ?? [] }))
}
