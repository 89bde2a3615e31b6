import { ilike, or, type SQL, sql } from 'drizzle-orm'
import { contacts } from '../db/schema/index'

/**
 * Contacts whose id, phone or name holds the text a marketer typed; % and _ are taken literally.
 * A phone typed without +86 still matches, since the stored E.164 number contains it.
 */
export function contactMatching(search: string | undefined): SQL | undefined {
  const text = search?.trim()
  if (!text) return undefined
  const containing = (part: string) => `%${part.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
  const pattern = containing(text)
  // Phones are stored as +8613812345678: "+86 138 1234 5678" and "138-1234-5678" match without their spaces and dashes.
  const phonePattern = containing(text.replace(/[\s()-]/g, ''))
  return or(ilike(contacts.externalId, pattern), ilike(contacts.phone, phonePattern), sql`${contacts.attributes} ->> 'name' ilike ${pattern}`)
}
