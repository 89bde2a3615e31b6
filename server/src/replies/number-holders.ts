import { and, eq, gt, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contactPhoneHistory, contacts } from '../db/schema/index'

type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Since when a contact has held the number it has now, by the database's clock: when it left the
 * number before (its phone history), else when it was created. A contact given its first number after
 * it was created counts from its creation: it may have held the number for less time, never more.
 */
export const holdsPhoneSince: SQL<Date> = sql<Date>`greatest(${contacts.createdAt}, (select max(h.left_at) from ${contactPhoneHistory} h
  where h.contact_id = ${contacts.id} and h.phone is distinct from ${contacts.phone}))`.mapWith(contacts.createdAt)

/**
 * Since when a contact held a number it has left (at `contactPhoneHistory.leftAt`): when it left the
 * number it had before that one, else when it was created.
 */
export const heldLeftPhoneSince: SQL<Date> = sql<Date>`greatest(${contacts.createdAt}, (select max(h.left_at) from ${contactPhoneHistory} h
  where h.contact_id = ${contacts.id} and h.phone <> ${contactPhoneHistory.phone} and h.left_at < ${contactPhoneHistory.leftAt}))`.mapWith(contacts.createdAt)

/**
 * The external ids of the contacts that hold `phone` now and took it after `arrivedAt` (a reply's arrival):
 * the reply was not theirs, and neither is an opt-out made from it.
 */
export async function holdersSince(db: Executor, phone: string, arrivedAt: Date): Promise<string[]> {
  const rows = await db
    .select({ externalId: contacts.externalId })
    .from(contacts)
    .where(and(eq(contacts.phone, phone), gt(holdsPhoneSince, arrivedAt)))
    .orderBy(contacts.externalId)
  return rows.map((row) => row.externalId)
}
