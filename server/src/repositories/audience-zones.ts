import { type AudienceZones, audienceZoneProblems, contactZones } from '@recall/engine'
import type { JourneyDocument, Problem } from '@recall/shared'
import { and, eq, isNotNull, isNull, notExists, sql } from 'drizzle-orm'
import { contacts, suppressions } from '../db/schema/index'
import { sendPolicies } from '../providers/send-rules'
import type { Executor } from '../worker/contact-view'

/**
 * The zones the contacts a promotional send can reach are judged in, as sending judges them, with
 * how many contacts each: those with consent and a phone, and no opt-out, neither their number's
 * nor one they took with them from an old number (they would never be sent anything, so nothing of
 * theirs is held). Read as one row per stored zone and number prefix: "+" and four digits hold every
 * country code and a +1 number's area code, which is all a number's country is read from, so
 * 200,000 contacts are a few hundred rows.
 */
export async function audienceZones(db: Executor, defaultTimeZone: string, now: number): Promise<AudienceZones[]> {
  const rows = await db
    .select({ timeZone: contacts.timeZone, phone: sql<string | null>`min(${contacts.phone})`, contacts: sql<number>`count(*)::int` })
    .from(contacts)
    .where(
      and(
        sql`${contacts.consent}`,
        isNotNull(contacts.phone),
        isNull(contacts.optedOutAt),
        notExists(db.select({ phone: suppressions.phone }).from(suppressions).where(eq(suppressions.phone, contacts.phone))),
      ),
    )
    .groupBy(contacts.timeZone, sql`left(${contacts.phone}, 5)`)
  const groups = new Map<string, AudienceZones>()
  for (const row of rows) {
    const judged = contactZones({ timeZone: row.timeZone, phone: row.phone }, defaultTimeZone, now)
    const key = `${judged.source} ${judged.country ?? ''} ${judged.zones.join(' ')}`
    const group = groups.get(key)
    if (group) group.contacts += row.contacts
    else groups.set(key, { judged, contacts: row.contacts })
  }
  return [...groups.values()]
}

/** What publishing the document would do to its promotional sends in the zones of the workspace's contacts (warnings). */
export async function audienceZoneWarnings(db: Executor, document: JourneyDocument, now: number): Promise<Problem[]> {
  const policies = await sendPolicies(db)
  return audienceZoneProblems(document, policies, await audienceZones(db, policies.defaultTimeZone, now), now)
}
