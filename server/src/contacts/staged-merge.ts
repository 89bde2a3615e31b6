import { eq, sql } from 'drizzle-orm'
import type { AttributeTally } from '../catalog/catalog'
import type { Database } from '../db/database'
import { contactImportRows, contactImports, contacts } from '../db/schema/index'
import { claimForMerge } from './import-sweep'
import { mergeImported } from './merge-contacts'

const rowsOf = <T>(answer: unknown) => (answer as { rows: T[] }).rows

/**
 * Merges an import's staged rows into contacts and marks the job done, in one transaction, by
 * external id as every import merges (see mergeImported: a field a row leaves out keeps the stored
 * value), then drops the staging rows and adds the file's attribute names to the catalog.
 * The database does the work set-wise: nothing passes through the server's memory. A job swept as
 * interrupted meanwhile is not merged (ImportNoLongerRunningError).
 */
export async function mergeStagedContacts(db: Database, importId: string, attributes: AttributeTally): Promise<void> {
  await db.transaction(async (tx) => {
    await claimForMerge(tx, importId)
    const [counts] = rowsOf<{ staged: number; existing: number }>(
      await tx.execute(sql`
        select count(*)::int as staged, count(${contacts.id})::int as existing
        from ${contactImportRows} left join ${contacts} on ${contacts.externalId} = ${contactImportRows.externalId}
        where ${contactImportRows.importId} = ${importId}`),
    )
    const { consentGiven, stillOptedOut } = await mergeImported(
      tx,
      sql`select external_id, phone, time_zone, attributes, consent, suppressed, kept from ${contactImportRows} where import_id = ${importId}`,
    )
    await tx.execute(sql`delete from ${contactImportRows} where import_id = ${importId}`)
    await attributes.save(tx)
    const staged = counts?.staged ?? 0
    const existing = counts?.existing ?? 0
    // How many rows stay opted out (an import never lifts an opt-out): the import page says so beside "updated".
    const result = {
      inserted: staged - existing,
      updated: existing,
      consentGiven,
      consentNotGiven: staged - consentGiven,
      ...(stillOptedOut.count > 0 ? { keptOptedOut: stillOptedOut.count } : {}),
    }
    // Done in the same transaction as the rows: a job is never "done" without them, nor written and still "running".
    await tx.update(contactImports).set({ status: 'done', result, finishedAt: new Date() }).where(eq(contactImports.id, importId))
  })
}
