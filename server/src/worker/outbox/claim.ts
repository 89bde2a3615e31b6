import { type MessageCategory, stoppingOptOut } from '@recall/shared'
import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm'
import { numberOptOut, ownOptOut } from '../../contacts/opt-out-records'
import { anyOf } from '../../db/any-of'
import type { Database } from '../../db/database'
import { contacts, enrollments, journeys, messages, suppressions } from '../../db/schema/index'
import { sendPolicies } from '../../providers/send-rules'
import type { ResendMode } from '../../providers/types'
import { countedTowardCaps } from './counted'
import { recheckAtSending, type SendingContext } from './recheck'
import { logOnTimeline, type OutboxRow, recordCancelled, recordFailed, recordUncertain, type Transaction } from './record'

/** A message that fails this many hand-overs is marked failed for good. */
export const MAX_ATTEMPTS = 5
const DAY = 86_400_000
/** Caps look back 30 days at most; a day more keeps the boundary exact. */
const SENDS_LOOKBACK_MS = 31 * DAY

export interface ClaimedMessage {
  message: OutboxRow
  /** A lease that ran out before: ask the provider first (`lookup`) or resend with the same key. */
  recovered: boolean
}

export interface ClaimOptions {
  /**
   * The journeys' clock (send windows, caps, timelines), read once the claim's transaction has begun:
   * on PGlite it may wait for the one connection while a request holds it, and on the demo clock a
   * second of that wait is an hour, long enough to step over a holiday's 10:00–10:30.
   */
  clock: () => number
  /** Leases run on the wall clock: a crashed dispatcher is a real-time matter, whatever the demo clock does. */
  wallNow: number
  leaseMs: number
  limit: number
  resendModeOf: (category: MessageCategory) => ResendMode
  /** Only these messages (a failed claim's, tried again in parts). */
  only?: readonly number[]
  /** Gets the ids of the messages taken, as soon as they are: a claim that then fails knows whom it held. */
  taken?: number[]
}

/** Due queued rows and rows whose lease ran out, oldest first; paused journeys' messages wait. */
async function candidates(tx: Transaction, now: number, { wallNow, limit, only }: ClaimOptions) {
  return (
    tx
      .select({ id: messages.id, contactId: messages.contactId })
      .from(messages)
      .leftJoin(journeys, eq(journeys.id, messages.journeyId))
      .where(
        and(
          or(
            and(eq(messages.status, 'queued'), lt(messages.attempts, MAX_ATTEMPTS), or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, new Date(now)))),
            and(eq(messages.status, 'sending'), lt(messages.leaseUntil, new Date(wallNow))),
          ),
          or(isNull(journeys.status), ne(journeys.status, 'paused')),
          only ? anyOf(messages.id, only, 'bigint') : undefined,
        ),
      )
      .orderBy(asc(messages.id))
      .limit(limit)
      // Rows another dispatcher is claiming are passed over, not waited for and not claimed again:
      // without this every dispatcher read the same oldest rows and all but one came away empty.
      // Nothing in a claim waits for a lock (contacts are skipped too), so this order cannot deadlock.
      .for('update', { of: messages, skipLocked: true })
  )
}

const sentOrQueuedAt = sql<Date>`coalesce(${messages.sentAt}, ${messages.createdAt})`.mapWith(messages.createdAt)

async function sendingContexts(tx: Transaction, rows: readonly OutboxRow[], lockedContacts: readonly (typeof contacts.$inferSelect)[], now: number) {
  const contactIds = lockedContacts.map((contact) => contact.id)
  const phones = [...new Set(rows.flatMap((row) => (row.phone ? [row.phone] : [])))]
  const optOuts = phones.length > 0 ? await tx.select().from(suppressions).where(anyOf(suppressions.phone, phones)) : []
  const journeyRows = await tx
    .select({ id: journeys.id, status: journeys.status })
    .from(journeys)
    .where(inArray(journeys.id, [...new Set(rows.map((row) => row.journeyId))]))
  const enrollmentRows = await tx
    .select({
      id: enrollments.id,
      status: enrollments.status,
      exitedAt: enrollments.exitedAt,
      exitReason: enrollments.exitReason,
      exitCode: sql<string | null>`${enrollments.state} -> 'exit' ->> 'code'`,
    })
    .from(enrollments)
    .where(anyOf(enrollments.id, [...new Set(rows.map((row) => row.enrollmentId))]))
  // Counted from when each went out: a message held overnight and sent this morning counts in today's caps.
  const goneOut = await tx
    .select({ contactId: messages.contactId, at: sentOrQueuedAt, category: messages.category, template: sql<string | null>`${messages.template}->>'code'` })
    .from(messages)
    .where(and(anyOf(messages.contactId, contactIds), gt(sentOrQueuedAt, new Date(now - SENDS_LOOKBACK_MS)), countedTowardCaps({ queued: false })))
  const contactOf = new Map(lockedContacts.map((contact) => [contact.id, contact]))
  const numberOf = new Map(optOuts.map((row) => [row.phone, numberOptOut(row)]))
  const ownOfContact = (contact: (typeof lockedContacts)[number] | undefined) => (contact ? ownOptOut(contact) : undefined)
  const journeyStatus = new Map(journeyRows.map((row) => [row.id, row.status]))
  const enrollmentOf = new Map(enrollmentRows.map((row) => [row.id, row]))
  const goneOutOf = new Map<string, SendingContext['goneOut']>()
  for (const send of goneOut)
    goneOutOf.set(send.contactId, [
      ...(goneOutOf.get(send.contactId) ?? []),
      { at: new Date(send.at).getTime(), category: send.category as MessageCategory, template: send.template ?? undefined },
    ])
  return (row: OutboxRow): SendingContext => {
    const list = goneOutOf.get(row.contactId) ?? []
    goneOutOf.set(row.contactId, list)
    return {
      contact: contactOf.get(row.contactId),
      // The person's own opt-out (made at any number), else the one of the number the message is queued to.
      optOut: stoppingOptOut(ownOfContact(contactOf.get(row.contactId)), row.phone ? numberOf.get(row.phone) : undefined),
      journeyStatus: journeyStatus.get(row.journeyId),
      enrollment: enrollmentOf.get(row.enrollmentId),
      goneOut: list,
    }
  }
}

/**
 * Claims due outbox rows in one short transaction: the contacts' rows are locked first (the order
 * every writer uses: steps, opt-outs, claims), each message is checked again against what may have
 * changed since it was queued, and the ones that may go get a lease. The transaction commits
 * before any provider is called.
 */
export async function claimDueMessages(db: Database, options: ClaimOptions): Promise<{ claimed: ClaimedMessage[]; examined: number; now: number }> {
  const { wallNow } = options
  return db.transaction(async (tx) => {
    const now = options.clock()
    const due = await candidates(tx, now, options)
    options.taken?.push(...due.map((row) => row.id))
    if (due.length === 0) return { claimed: [], examined: 0, now }
    // Contacts in another worker's batch are skipped, not waited for: their messages come next round.
    const lockedContacts = await tx
      .select()
      .from(contacts)
      .where(anyOf(contacts.id, [...new Set(due.map((row) => row.contactId))]))
      .orderBy(asc(contacts.id))
      .for('update', { skipLocked: true })
    const lockedIds = new Set(lockedContacts.map((contact) => contact.id))
    const orphans = await cancelForDeletedContacts(
      tx,
      due.filter((row) => !lockedIds.has(row.contactId)),
    )
    const ids = due.filter((row) => lockedIds.has(row.contactId)).map((row) => row.id)
    if (ids.length === 0) return { claimed: [], examined: orphans, now }
    const rows = await tx
      .select()
      .from(messages)
      .where(and(anyOf(messages.id, ids, 'bigint'), or(eq(messages.status, 'queued'), and(eq(messages.status, 'sending'), lt(messages.leaseUntil, new Date(wallNow))))))
      .orderBy(asc(messages.id))
      .for('update', { skipLocked: true })
    const policies = await sendPolicies(tx)
    const contextOf = await sendingContexts(tx, rows, lockedContacts, now)
    const leaseUntil = new Date(wallNow + options.leaseMs)
    const sendable: { row: OutboxRow; recovered: boolean }[] = []
    for (const row of rows) {
      const recovered = row.status === 'sending'
      const context = contextOf(row)
      const verdict = recheckAtSending(row, context, policies, now)
      // The provider may already have a recovered message: without a way to ask or to drop a
      // repeat, and whenever it may no longer go, its fate stays unknown and it is never resent.
      if (recovered && (verdict.kind !== 'send' || options.resendModeOf(row.category as MessageCategory) === 'none')) {
        await recordUncertain(tx, row, now)
        context.goneOut.push({ at: row.createdAt.getTime(), category: row.category as MessageCategory, template: row.template?.code })
        continue
      }
      if (verdict.kind === 'fail') await recordFailed(tx, row, verdict.reason, now)
      else if (verdict.kind === 'cancel') await recordCancelled(tx, row, verdict.reason, verdict.code, now)
      else if (verdict.kind === 'hold') await holdUntil(tx, row, verdict.until, verdict.reason, now)
      else {
        context.goneOut.push({ at: row.createdAt.getTime(), category: row.category as MessageCategory, template: row.template?.code })
        sendable.push({ row, recovered })
      }
    }
    // Every message that may go gets its lease with one statement (the rows are locked by this claim).
    const leased =
      sendable.length > 0
        ? await tx
            .update(messages)
            .set({ status: 'sending', leaseUntil, attempts: sql`${messages.attempts} + 1` })
            .where(
              anyOf(
                messages.id,
                sendable.map(({ row }) => row.id),
                'bigint',
              ),
            )
            .returning()
        : []
    const leasedById = new Map(leased.map((message) => [message.id, message]))
    const claimed: ClaimedMessage[] = sendable.flatMap(({ row, recovered }) => {
      const message = leasedById.get(row.id)
      return message ? [{ message, recovered }] : []
    })
    return { claimed, examined: rows.length + orphans, now }
  })
}

async function holdUntil(tx: Transaction, row: OutboxRow, until: number, reason: { en: string; zh: string }, now: number) {
  await tx
    .update(messages)
    .set({ nextAttemptAt: new Date(until) })
    .where(eq(messages.id, row.id))
  await logOnTimeline(tx, row, 'held', reason, 'window', now)
}

/** Messages of contacts deleted since they were queued go nowhere; busy contacts' messages wait for the next round. */
async function cancelForDeletedContacts(tx: Transaction, unlocked: readonly { id: number; contactId: string }[]): Promise<number> {
  if (unlocked.length === 0) return 0
  const existing = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(inArray(contacts.id, [...new Set(unlocked.map((row) => row.contactId))]))
  const present = new Set(existing.map((row) => row.id))
  const gone = unlocked.filter((row) => !present.has(row.contactId)).map((row) => row.id)
  if (gone.length === 0) return 0
  // A queued one never left; one whose lease ran out may have.
  const cancelled = await tx
    .update(messages)
    .set({ status: 'cancelled', error: 'contact_deleted', nextAttemptAt: null })
    .where(and(inArray(messages.id, gone), eq(messages.status, 'queued')))
    .returning({ id: messages.id })
  const unknown = await tx
    .update(messages)
    .set({ status: 'uncertain', error: 'contact_deleted', leaseUntil: null })
    .where(and(inArray(messages.id, gone), eq(messages.status, 'sending')))
    .returning({ id: messages.id })
  return cancelled.length + unknown.length
}
