import { normalizedExternalId } from '@recall/shared'
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { AttributeTally } from '../catalog/catalog'
import { MAX_NAMED_STILL_OPTED_OUT, MERGED_COLUMNS, mergedRow, mergeImported, type StillOptedOut } from '../contacts/merge-contacts'
import type { ImportedContactRow } from '../contacts/read-contacts'
import type { Database } from '../db/database'
import { contacts, enrollments, messages, suppressions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { contactMatching } from './contact-search'
import { readTimeline } from './timeline'

export const MAX_IMPORT_ROWS = 100_000
/** Rows per statement: one JSON parameter each, the ids looked up with one parameter a row (PostgreSQL allows 65,535). */
const ROWS_PER_STATEMENT = 5_000

export type ImportedContact = ImportedContactRow

/** Contacts: bulk upsert by external id, read with their journeys and messages, delete. */
export function contactsRepository(db: Database) {
  return {
    /**
     * Upserts by external id in one transaction, all rows or none, merged as every import merges
     * (see mergeImported); answers how many contacts were new or updated, and how many consent.
     */
    async upsert(rows: readonly ImportedContact[]): Promise<{ inserted: number; updated: number; consentGiven: number; stillOptedOut: StillOptedOut }> {
      if (rows.length > MAX_IMPORT_ROWS)
        throw new ApiError(413, 'too_many_rows', { en: `At most ${MAX_IMPORT_ROWS} contacts per request`, zh: `每次最多导入 ${MAX_IMPORT_ROWS} 个联系人` })
      return db.transaction(async (tx) => {
        const existing = new Set<string>()
        let consentGiven = 0
        const stillOptedOut: StillOptedOut = { count: 0, ids: [] }
        for (let index = 0; index < rows.length; index += ROWS_PER_STATEMENT) {
          const chunk = rows.slice(index, index + ROWS_PER_STATEMENT)
          const found = await tx
            .select({ externalId: contacts.externalId })
            .from(contacts)
            .where(
              inArray(
                contacts.externalId,
                chunk.map((row) => row.id),
              ),
            )
          for (const row of found) existing.add(row.externalId)
          // One JSON parameter per chunk, read as rows by the database.
          const source = sql`select * from jsonb_to_recordset(${JSON.stringify(chunk.map(mergedRow))}::jsonb) as rows(${MERGED_COLUMNS})`
          const merged = await mergeImported(tx, source)
          consentGiven += merged.consentGiven
          stillOptedOut.count += merged.stillOptedOut.count
          stillOptedOut.ids.push(...merged.stillOptedOut.ids.slice(0, MAX_NAMED_STILL_OPTED_OUT - stillOptedOut.ids.length))
        }
        const tally = new AttributeTally()
        for (const row of rows) tally.add(row.attributes)
        await tally.save(tx)
        return { inserted: rows.length - existing.size, updated: existing.size, consentGiven, stillOptedOut }
      })
    },

    /** Which of these external ids are contacts (an enrollment by id says which are not). */
    async existing(externalIds: readonly string[]): Promise<Set<string>> {
      const found = new Set<string>()
      for (let index = 0; index < externalIds.length; index += ROWS_PER_STATEMENT) {
        const chunk = externalIds.slice(index, index + ROWS_PER_STATEMENT)
        for (const row of await db.select({ externalId: contacts.externalId }).from(contacts).where(inArray(contacts.externalId, chunk))) found.add(row.externalId)
      }
      return found
    },

    /**
     * Contacts in id order, a page at a time (keyset on the external id), searchable by id, name or
     * phone, with how many match in all and whether each number has opted out.
     */
    async list(options: { search?: string | undefined; after?: string | undefined; limit: number }) {
      const matching = contactMatching(options.search)
      const rows = await db
        .select({
          externalId: contacts.externalId,
          name: sql<string | null>`${contacts.attributes} ->> 'name'`,
          phone: contacts.phone,
          timeZone: contacts.timeZone,
          consent: contacts.consent,
          // One suppression row at most per number: the join never repeats a contact. The person may
          // also have taken an opt-out with them from an earlier number.
          suppressed: sql<boolean>`${suppressions.phone} is not null or ${contacts.optedOutAt} is not null`,
          createdAt: contacts.createdAt,
        })
        .from(contacts)
        .leftJoin(suppressions, eq(suppressions.phone, contacts.phone))
        .where(and(options.after ? gt(contacts.externalId, options.after) : undefined, matching))
        .orderBy(asc(contacts.externalId))
        .limit(options.limit)
      const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(contacts).where(matching)
      return { total: counted?.total ?? 0, contacts: rows, next: rows.length === options.limit ? (rows.at(-1)?.externalId ?? null) : null }
    },

    async get(externalId: string) {
      const [contact] = await db
        .select()
        .from(contacts)
        .where(eq(contacts.externalId, normalizedExternalId(externalId)))
      if (!contact) throw new ApiError(404, 'contact_not_found', { en: `No contact "${externalId}"`, zh: `联系人 "${externalId}" 不存在` })
      const [suppressed] = contact.phone ? await db.select().from(suppressions).where(eq(suppressions.phone, contact.phone)) : []
      const journeys = await db.select().from(enrollments).where(eq(enrollments.contactId, contact.id)).orderBy(desc(enrollments.enteredAt))
      const sent = await db.select().from(messages).where(eq(messages.contactId, contact.id)).orderBy(desc(messages.id)).limit(200)
      const lines = await readTimeline(
        db,
        journeys.map((enrollment) => enrollment.id),
      )
      return {
        contact: {
          ...contact,
          suppressed: suppressed !== undefined || contact.optedOutAt !== null,
          // The number's own entry (`numberOptOut`: since when, how, the colleague); `optedOutAt`/`optOutSource`/
          // `optedOutBy`: the person's own, which follows them to other numbers.
          numberSuppressed: suppressed !== undefined,
          numberOptOut: suppressed ? { at: suppressed.optedOutAt.toISOString(), source: suppressed.source, by: suppressed.optedOutBy } : null,
        },
        // Each enrollment with its timeline: every step with its time and reason.
        enrollments: journeys.map(({ state: _state, ...rest }) => ({
          ...rest,
          timeline: lines.filter((line) => line.enrollmentId === rest.id).map(({ enrollmentId: _id, ...line }) => line),
        })),
        messages: sent,
      }
    },

    /** Deletes the contact and its journeys; the suppression entry for its number stays. */
    async remove(externalId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [contact] = await tx
          .delete(contacts)
          .where(eq(contacts.externalId, normalizedExternalId(externalId)))
          .returning({ id: contacts.id })
        if (!contact) throw new ApiError(404, 'contact_not_found', { en: `No contact "${externalId}"`, zh: `联系人 "${externalId}" 不存在` })
        await tx.delete(enrollments).where(eq(enrollments.contactId, contact.id))
      })
    },
  }
}
