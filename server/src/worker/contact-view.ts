import type { ContactView } from '@recall/engine'
import type { MessageCategory } from '@recall/shared'
import { and, eq, gt, ne } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, events, messages, suppressions } from '../db/schema/index'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type Executor = Database | Transaction

const DAY = 86_400_000
/** Caps look back 30 days at most; a day more keeps the boundary exact. */
const SENDS_LOOKBACK_DAYS = 31
/** Event-history conditions look back this far. */
const EVENTS_LOOKBACK_DAYS = 366

/**
 * Locks the contact row for the rest of the transaction, so steps for one contact are serialised
 * across journeys and workers (caps are per contact), and reads what the engine needs.
 */
export interface StoredContactView extends ContactView {
  /** The row id; `id` is the business's external id, which A/B assignment and send spreading hash. */
  rowId: string
  phone: string | null
}

export async function lockContactView(db: Executor, contactId: string, now: number): Promise<StoredContactView | undefined> {
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, contactId)).for('update')
  if (!contact) return undefined
  const [suppressed] = contact.phone ? await db.select({ phone: suppressions.phone }).from(suppressions).where(eq(suppressions.phone, contact.phone)) : []
  const sent = await db
    .select({ at: messages.createdAt, category: messages.category })
    .from(messages)
    .where(and(eq(messages.contactId, contactId), gt(messages.createdAt, new Date(now - SENDS_LOOKBACK_DAYS * DAY)), ne(messages.status, 'failed')))
  const history = await db
    .select({ name: events.name, at: events.occurredAt })
    .from(events)
    .where(and(eq(events.contactId, contactId), gt(events.occurredAt, new Date(now - EVENTS_LOOKBACK_DAYS * DAY))))
  return {
    id: contact.externalId,
    rowId: contact.id,
    phone: contact.phone,
    timeZone: contact.timeZone ?? undefined,
    attributes: contact.attributes,
    consent: contact.consent,
    suppressed: suppressed !== undefined,
    sends: sent.map((send) => ({ at: send.at.getTime(), category: send.category as MessageCategory })),
    events: history.map((event) => ({ name: event.name, at: event.at.getTime() })),
  }
}
