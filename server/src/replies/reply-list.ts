import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contactPhoneHistory, contacts, deletedContactPhones, inboundMessages, type OptOutSource, type ReplyAction, suppressions } from '../db/schema/index'
import { refusalError } from '../plugins/errors'
import { heldLeftPhoneSince, holdsPhoneSince } from './number-holders'
import { PAST_NUMBER_DAYS } from './opt-out'

/** What was done on a reply, as the page names it. */
const ACTIONS: Record<ReplyAction, 'opted_out' | 'opted_in' | 'opt_in_held' | 'opt_out_kept' | 'opt_in_too_early' | 'opt_in_nothing'> = {
  stop: 'opted_out',
  start: 'opted_in',
  start_held: 'opt_in_held',
  start_kept: 'opt_out_kept',
  start_early: 'opt_in_too_early',
  start_idle: 'opt_in_nothing',
}

const PAST_NUMBER_MS = PAST_NUMBER_DAYS * 86_400_000

type Person = Pick<typeof contacts.$inferSelect, 'id' | 'externalId' | 'consent' | 'optedOutAt' | 'optOutSource' | 'optedOutBy'> & { name: string | null }
/** A contact holding the number now, since when (the database's clock). */
type Holder = { person: Person; since: Date }
/**
 * One that held a number from `since` until `leftAt`: a contact, or `null` for one deleted since (its
 * numbers are kept, see deletedContactPhones, but not since when it held them: taken as always).
 */
type Leaver = { person: Person | null; since: Date; leftAt: Date }

/** The earliest of the times given, if any. */
const earliest = (times: readonly (Date | null | undefined)[]) => times.filter((time): time is Date => time instanceof Date).sort((a, b) => a.getTime() - b.getTime())[0]

/** Pushes into a list kept by key. */
const addTo = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value])

/**
 * Who a reply came from, as far as the rows tell: a contact that left the number after the reply
 * (they held it then; deleted since, when that is how they left it), else the number's contact now,
 * else one that left it within PAST_NUMBER_DAYS before the reply (a STOP from it still follows them).
 * Only a contact that held the number when the reply came (`arrivedAt`; both clocks the database's)
 * can be it: one that took the number since is not who wrote it, and the reply names no one rather than them.
 */
function replyContact(
  reply: { receivedAt: Date; arrivedAt: Date },
  holders: readonly Holder[],
  leavers: readonly Leaver[],
): { person: Person | null; leftAt: Date | null } | undefined {
  const at = reply.receivedAt.getTime()
  const heldWhenItCame = <T extends { since: Date }>(held: T) => held.since <= reply.arrivedAt
  const heldThen = leavers.filter((left) => left.leftAt.getTime() > at && heldWhenItCame(left)).sort((a, b) => a.leftAt.getTime() - b.leftAt.getTime())[0]
  if (heldThen) return heldThen
  const holder = holders.find(heldWhenItCame)
  if (holder) return { person: holder.person, leftAt: null }
  return leavers.filter((left) => left.leftAt.getTime() >= at - PAST_NUMBER_MS).sort((a, b) => b.leftAt.getTime() - a.leftAt.getTime())[0]
}

/**
 * The replies after the one a page ended on, in the list's order (their own time, then id, both
 * descending): a reply pushed late with an earlier time sorts among its time, not at the top, so the
 * cursor is a place in that order. A `before` naming no reply is refused: no page can follow it.
 */
async function afterCursor(db: Database, before: number): Promise<SQL> {
  const [cursor] = await db.select({ receivedAt: inboundMessages.receivedAt }).from(inboundMessages).where(eq(inboundMessages.id, before))
  if (!cursor)
    throw refusalError({
      status: 400,
      code: 'reply_cursor_unknown',
      path: '/querystring/before',
      text: {
        en: `No reply has the id ${before} given in "before": page on with the "next" of the page before`,
        zh: `"before" 中的 ${before} 不是任何回复的编号:请用上一页答复中的 "next" 继续翻页`,
      },
    })
  // One row comparison, which the index on (received_at, id) answers in order.
  return sql`(${inboundMessages.receivedAt}, ${inboundMessages.id}) < (${cursor.receivedAt.toISOString()}::timestamptz, ${before})`
}

/**
 * Replies from phones, newest first by their own time (then id), each with its contact (the one holding the number, or one that
 * left it, with when: `contactLeftAt`; `contactDeleted` when it was deleted since, as far as its kept numbers tell), whether that person is still opted out (`suppressed`: for the
 * number's contact now, the number's entry or their own opt-out; for one that left it, their own), and
 * who made that opt-out (`optOutSource`, `optedOutBy`). `review` keeps those Recall did not act on and
 * the STARTs it held.
 */
export async function listReplies(db: Database, options: { review: boolean; before: number | undefined; limit: number }) {
  const filters: SQL[] = []
  if (options.review) filters.push(or(isNull(inboundMessages.keyword), eq(inboundMessages.keyword, 'start_held')) as SQL)
  if (options.before !== undefined) filters.push(await afterCursor(db, options.before))
  const rows = await db
    .select()
    .from(inboundMessages)
    .where(and(...filters))
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(options.limit)
  const phones = [...new Set(rows.map((row) => row.phone))]
  const person = {
    id: contacts.id,
    externalId: contacts.externalId,
    // The name a person reads a contact by (its `name` attribute), beside the business's id.
    name: sql<string | null>`${contacts.attributes} ->> 'name'`,
    consent: contacts.consent,
    optedOutAt: contacts.optedOutAt,
    optOutSource: contacts.optOutSource,
    optedOutBy: contacts.optedOutBy,
  }
  const [held, left, deleted, numbers] =
    phones.length === 0
      ? [[], [], [], []]
      : await Promise.all([
          db
            .select({ ...person, phone: contacts.phone, since: holdsPhoneSince })
            .from(contacts)
            .where(anyOf(contacts.phone, phones))
            .orderBy(asc(contacts.id)),
          db
            .select({ ...person, phone: contactPhoneHistory.phone, leftAt: contactPhoneHistory.leftAt, since: heldLeftPhoneSince })
            .from(contactPhoneHistory)
            .innerJoin(contacts, eq(contacts.id, contactPhoneHistory.contactId))
            // A contact that took the number back holds it: it is among the holders.
            .where(and(anyOf(contactPhoneHistory.phone, phones), sql`${contacts.phone} is distinct from ${contactPhoneHistory.phone}`))
            .orderBy(asc(contacts.id)),
          db.select({ phone: deletedContactPhones.phone, leftAt: deletedContactPhones.leftAt }).from(deletedContactPhones).where(anyOf(deletedContactPhones.phone, phones)),
          db.select().from(suppressions).where(anyOf(suppressions.phone, phones)),
        ])
  const holdersOf = new Map<string, Holder[]>()
  for (const { phone, since, ...holder } of held) if (phone) addTo(holdersOf, phone, { person: holder, since })
  const leaversOf = new Map<string, Leaver[]>()
  for (const { phone, leftAt, since, ...leaver } of left) addTo(leaversOf, phone, { person: leaver, since, leftAt })
  for (const { phone, leftAt } of deleted) addTo(leaversOf, phone, { person: null, since: new Date(0), leftAt })
  const numberOf = new Map(numbers.map((number) => [number.phone, number]))
  const replies = rows.map(({ keyword, reviewedByRef: _ref, arrivedAt, ...row }) => {
    const holding = holdersOf.get(row.phone) ?? []
    // Those that took the number since are not the reply's: their own opt-outs say nothing of it.
    const holders = holding.filter((holder) => holder.since <= arrivedAt).map((holder) => holder.person)
    const contact = replyContact({ receivedAt: row.receivedAt, arrivedAt }, holding, leaversOf.get(row.phone) ?? [])
    const number = numberOf.get(row.phone)
    // The number's entry stops whoever holds it; a contact that left it is stopped by its own opt-out
    // only. A deleted one is no one's to stop: the reply reads as the number's, as with no contact.
    const person = contact?.person ?? undefined
    const stillHolds = !person || contact?.leftAt === null
    const opted = stillHolds ? holders.find((holder) => holder.optOutSource !== null) : person
    return {
      ...row,
      contactId: person?.externalId ?? null,
      contactName: person?.name ?? null,
      // The reply came from a contact deleted since: the page says so rather than naming no one.
      contactDeleted: contact !== undefined && contact.person === null,
      contactLeftAt: (person && contact?.leftAt?.toISOString()) ?? null,
      // Whether that person may get marketing at all: a START lifts an opt-out, it gives no consent.
      contactConsent: person?.consent ?? null,
      suppressed: (stillHolds && number !== undefined) || (person?.optedOutAt ?? null) !== null,
      // Since when (the earlier of the number's and the person's): a reply written before is not "still" opted out.
      optedOutAt: earliest([stillHolds ? number?.optedOutAt : undefined, person?.optedOutAt])?.toISOString() ?? null,
      optOutSource: ((stillHolds ? number?.source : undefined) ?? opted?.optOutSource ?? null) as OptOutSource | null,
      optedOutBy: (stillHolds && number ? number.optedOutBy : (opted?.optedOutBy ?? null)) ?? null,
      action: keyword ? ACTIONS[keyword] : null,
      // Someone took the number after the reply came: opting it out from this reply is refused (see optOutFromReply).
      numberChangedHands: holding.some((holder) => holder.since > arrivedAt),
    }
  })
  return { replies, next: rows.length > 0 ? String(rows.at(-1)?.id) : null }
}
