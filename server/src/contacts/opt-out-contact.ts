import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { optOutNumber, recordOnPeople } from '../replies/opt-out'

/**
 * A colleague opts a contact out from its page: an admin opt-out naming them, as opting a number out
 * from its reply is (replies.ts optOutFromReply), at the journeys' clock. With a phone, the same path:
 * the number goes on the suppression list, the opt-out is written on the person (and on whoever else
 * holds the number or left it lately), their marketing and recall journeys end and queued messages are
 * cancelled. Without one, it is written on the person, whose next step stops at the send gate. It
 * follows them to any number; only a colleague lifts it, after a START reply from them.
 */
export async function optOutContact(db: Database, externalId: string, by: string, now: number): Promise<{ exited: number; alreadyOptedOut: boolean }> {
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id, phone: contacts.phone, timeZone: contacts.timeZone, optedOutAt: contacts.optedOutAt })
      .from(contacts)
      .where(eq(contacts.externalId, externalId))
    if (!contact) throw new ApiError(404, 'contact_not_found', { en: `No contact "${externalId}"`, zh: `联系人 "${externalId}" 不存在` })
    const optOut = { at: now, reason: `opted out by ${by} on the contact page`, source: 'admin' as const, by }
    const alreadyOptedOut = contact.optedOutAt !== null
    if (contact.phone) return { exited: await optOutNumber(tx, contact.phone, optOut), alreadyOptedOut }
    await recordOnPeople(tx, [contact], optOut)
    return { exited: 0, alreadyOptedOut }
  })
}
