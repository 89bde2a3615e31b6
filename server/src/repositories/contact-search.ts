import { ilike, or, type SQL, sql } from 'drizzle-orm'
import { contacts } from '../db/schema/index'

/**
 * Contacts whose id, phone or name holds the text a marketer typed; % and _ are taken literally.
 * A phone typed without +86 still matches, since the stored E.164 number contains it.
 */
export function contactMatching(search: string | undefined): SQL | undefined {
  const text = search?.trim()
  if (!text) return undefined
  const pattern = `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
  return or(ilike(contacts.externalId, pattern), ilike(contacts.phone, pattern), sql`${contacts.attributes} ->> 'name' ilike ${pattern}`)
}
