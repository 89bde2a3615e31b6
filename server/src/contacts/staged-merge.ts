import { eq, sql } from 'drizzle-orm'
import type { AttributeTally } from '../catalog/catalog'
import type { Database } from '../db/database'
import { contactImportRows, contactImports, contacts, suppressions } from '../db/schema/index'
import { IMPORTED_OPT_OUT, KEEP_STRONGER_OPT_OUT } from '../replies/opt-out-source'
import { claimForMerge } from './import-sweep'

const rowsOf = <T>(answer: unknown) => (answer as { rows: T[] }).rows

/**
 * Merges an import's staged rows into contacts and marks the job done, in one transaction, upserting by external id as
 * the JSON import does (the file's fields replace the stored ones), then drops the staging rows
 * and adds the file's attribute names to the catalog.
 * The database does the work set-wise: nothing passes through the server's memory. A job swept as
 * interrupted meanwhile is not merged (ImportNoLongerRunningError).
 */
export async function mergeStagedContacts(db: Database, importId: string, attributes: AttributeTally): Promise<void> {
  await db.transaction(async (tx) => {
    await claimForMerge(tx, importId)
    const [counts] = rowsOf<{ staged: number; existing: number; consent: number }>(
      await tx.execute(sql`
        select count(*)::int as staged, count(${contacts.id})::int as existing, count(*) filter (where ${contactImportRows.consent})::int as consent
        from ${contactImportRows} left join ${contacts} on ${contacts.externalId} = ${contactImportRows.externalId}
        where ${contactImportRows.importId} = ${importId}`),
    )
    await tx.execute(sql`
      insert into ${contacts} (id, external_id, phone, time_zone, attributes, consent)
      select gen_random_uuid()::text, external_id, phone, time_zone, attributes, consent from ${contactImportRows} where import_id = ${importId}
      on conflict (external_id) do update set phone = excluded.phone, time_zone = excluded.time_zone, attributes = excluded.attributes,
        consent = excluded.consent, updated_at = now()`)
    await tx.execute(sql`
      insert into ${suppressions} (phone, reason, source)
      select distinct phone, ${IMPORTED_OPT_OUT}, 'import' from ${contactImportRows} where import_id = ${importId} and suppressed and phone is not null
      on conflict (phone) do update set source = ${KEEP_STRONGER_OPT_OUT.source}, reason = ${KEEP_STRONGER_OPT_OUT.reason},
        opted_out_by = ${KEEP_STRONGER_OPT_OUT.optedOutBy}`)
    await tx.execute(sql`delete from ${contactImportRows} where import_id = ${importId}`)
    await attributes.save(tx)
    const staged = counts?.staged ?? 0
    const existing = counts?.existing ?? 0
    const consent = counts?.consent ?? 0
    const result = { inserted: staged - existing, updated: existing, consentGiven: consent, consentNotGiven: staged - consent }
    // Done in the same transaction as the rows: a job is never "done" without them, nor written and still "running".
    await tx.update(contactImports).set({ status: 'done', result, finishedAt: new Date() }).where(eq(contactImports.id, importId))
  })
}
