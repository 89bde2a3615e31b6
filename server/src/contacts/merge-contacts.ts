import { type Locale, localize } from '@recall/shared'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, suppressions } from '../db/schema/index'
import { IMPORTED_OPT_OUT, KEEP_STRONGER_OPT_OUT, strongerOptOut } from '../replies/opt-out-source'
import type { ImportedContactRow } from './read-contacts'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/** An imported row as the merge reads it: its attributes carry each one the row cleared as null. */
export interface MergedRow {
  external_id: string
  phone: string | null
  time_zone: string | null
  attributes: Record<string, unknown>
  consent: boolean
  suppressed: boolean
  /** The fields the row left out, which keep a stored contact's values. */
  kept: string[]
}

export function mergedRow(contact: ImportedContactRow): MergedRow {
  return {
    external_id: contact.id,
    phone: contact.phone ?? null,
    time_zone: contact.timeZone ?? null,
    attributes: { ...contact.attributes, ...Object.fromEntries((contact.cleared ?? []).map((name) => [name, null])) },
    consent: contact.consent,
    suppressed: contact.suppressed,
    kept: contact.kept ?? [],
  }
}

/** The rows' column types, for a source read from JSON. */
export const MERGED_COLUMNS = sql`external_id text, phone text, time_zone text, attributes jsonb, consent boolean, suppressed boolean, kept text[]`

/**
 * A row marked opted out is the person's own opt-out, written on the contact (`import`, the stronger
 * source kept, with its time); a row that is not leaves the stored one as it is (the stronger source of
 * nothing keep it): an import never lifts an opt-out.
 */
const onContacts = strongerOptOut(contacts.optOutSource, sql`excluded.opt_out_source`)

/** An import's answer names at most this many of the rows it left opted out (and counts them all). */
export const MAX_NAMED_STILL_OPTED_OUT = 200

/**
 * The rows not marked opted out whose contact stays opted out (an import never lifts an opt-out): how
 * many, and the first of their ids, so the answer says so rather than only "updated".
 */
export interface StillOptedOut {
  count: number
  ids: string[]
}

const STILL_OPTED_OUT_NOTE = { en: 'kept opted out: an import cannot lift an opt-out', zh: '保持退订:导入不能解除退订' }

/** What an import's answer says of them, in the caller's language: a note per row named, and how many in all (nothing when none). */
export function stillOptedOutNotes(still: StillOptedOut, locale: Locale) {
  if (still.count === 0) return {}
  const message = localize(STILL_OPTED_OUT_NOTE, locale)
  return { keptOptedOut: still.count, notes: still.ids.map((id) => ({ id, code: 'kept_opted_out', message })) }
}

/** A field the row left out takes the stored contact's value (none for a new contact). */
const keptOr = (field: string, column: string) => sql.raw(`case when '${field}' = any(s.kept) then c.${column} else s.${column} end`)

/**
 * Upserts contacts by external id from `source` (rows shaped as MergedRow), in one statement: a field
 * a row leaves out keeps the stored value, one it gives empty clears it, attributes are merged
 * name by name (a null clears that one). A row marked suppressed opts out the contact (with or without
 * a phone) and its number goes on the suppression list, both as imported opt-outs (the stronger of two
 * sources kept). Answers how many of the contacts
 * written consent, kept consents included, and which rows not marked opted out stay opted out. Read against the statement's snapshot: a contact
 * changed by another writer meanwhile is overwritten, as an import always did.
 */
export async function mergeImported(tx: Transaction, source: SQL): Promise<{ consentGiven: number; stillOptedOut: StillOptedOut }> {
  const answer = await tx.execute(sql`
    with s as (${source}),
    merged as (
      insert into ${contacts} (id, external_id, phone, time_zone, attributes, consent, opted_out_at, opt_out_source)
      select gen_random_uuid()::text, s.external_id, ${keptOr('phone', 'phone')}, ${keptOr('time_zone', 'time_zone')},
        (coalesce(c.attributes, '{}'::jsonb) || s.attributes) - array(select key from jsonb_each(s.attributes) where value = 'null'::jsonb),
        coalesce(${keptOr('consent', 'consent')}, false),
        case when s.suppressed then now() end, case when s.suppressed then 'import' end
      from s left join ${contacts} c on c.external_id = s.external_id
      on conflict (external_id) do update set phone = excluded.phone, time_zone = excluded.time_zone, attributes = excluded.attributes,
        consent = excluded.consent, updated_at = now(),
        opted_out_at = ${onContacts.at(contacts.optedOutAt, sql`excluded.opted_out_at`)}, opt_out_source = ${onContacts.source},
        opted_out_by = ${onContacts.pick(contacts.optedOutBy, sql`excluded.opted_out_by`)}
      returning external_id, phone, consent, opted_out_at
    ),
    opted_out as (
      insert into ${suppressions} (phone, reason, source)
      select distinct merged.phone, ${IMPORTED_OPT_OUT}, 'import' from merged join s on s.external_id = merged.external_id
      where s.suppressed and merged.phone is not null
      on conflict (phone) do update set source = ${KEEP_STRONGER_OPT_OUT.source}, opted_out_at = ${KEEP_STRONGER_OPT_OUT.optedOutAt}, reason = ${KEEP_STRONGER_OPT_OUT.reason},
        opted_out_by = ${KEEP_STRONGER_OPT_OUT.optedOutBy}
    ),
    still_opted_out as (
      select merged.external_id from merged join s on s.external_id = merged.external_id where not s.suppressed and merged.opted_out_at is not null
    )
    select (select count(*) filter (where consent) from merged)::int as consent_given, (select count(*) from still_opted_out)::int as still_opted_out,
      array(select external_id from still_opted_out order by external_id limit ${MAX_NAMED_STILL_OPTED_OUT}) as still_opted_out_ids`)
  const [row] = (answer as unknown as { rows: { consent_given: number; still_opted_out: number; still_opted_out_ids: string[] }[] }).rows
  return { consentGiven: row?.consent_given ?? 0, stillOptedOut: { count: row?.still_opted_out ?? 0, ids: row?.still_opted_out_ids ?? [] } }
}
