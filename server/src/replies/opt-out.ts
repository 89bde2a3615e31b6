import { contactTimeZone } from '@recall/engine'
import { describeOptOut, zonedTime } from '@recall/shared'
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contactPhoneHistory, contacts, deletedContactOptOuts, deletedContactPhones, enrollments, journeyVersions, type OptOutSource, suppressions } from '../db/schema/index'
import { settingsRepository } from '../repositories/settings'
import { timelineRow, writeTimeline } from '../repositories/timeline'
import { cancelQueuedPromotions } from '../worker/outbox/record'
import { KEEP_STRONGER_OPT_OUT, strongerOptOut } from './opt-out-source'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

export interface NumberOptOut {
  /** When, by the provider's clock for a reply, by the journeys' clock for a person's action. */
  at: number
  reason: string
  source: OptOutSource
  /** The colleague who made it (an admin's opt-out), named on the Replies page. */
  by?: string
}

type Owner = { id: string; timeZone: string | null; phone: string | null }

/**
 * How long after a person left a number a STOP from it is still taken as theirs. A STOP the cloud
 * pushes late was sent while they held it; one sent later may come from a SIM they kept, or from the
 * number's next holder: three months covers the first without reaching far into the second.
 */
export const PAST_NUMBER_DAYS = 90
const PAST_NUMBER_MS = PAST_NUMBER_DAYS * 86_400_000

/** What opt-outs taken together share (a push of replies): read once, written once. */
export interface OptOutBatch {
  /** The contacts holding each number, in id order, locked by the batch's caller. */
  owners: Map<string, Owner[]>
  /** The contacts who held each number before and hold another now, with when they left it; locked with the owners. */
  pastHolders: Map<string, { owner: Owner; leftAt: number }[]>
  defaultTimeZone: string
  /** Timeline rows for the journeys ended, written by the batch's caller with one statement. */
  timeline: ReturnType<typeof timelineRow>[]
}

/**
 * Locks the contacts holding these numbers now or before (one statement, in id order as every writer
 * locks them), and answers them by number: the holders, and those who left it for another.
 */
async function lockNumberHolders(tx: Transaction, phones: readonly string[]): Promise<Pick<OptOutBatch, 'owners' | 'pastHolders'>> {
  const owners = new Map<string, Owner[]>()
  const pastHolders: OptOutBatch['pastHolders'] = new Map()
  if (phones.length === 0) return { owners, pastHolders }
  // An array computed once, not `id in (select …)`: beside the OR, that is a hashed subplan filtering every
  // contact on a full scan; this reads both indexes.
  const heldBefore = sql`${contacts.id} = any(array(select ${contactPhoneHistory.contactId} from ${contactPhoneHistory} where ${anyOf(contactPhoneHistory.phone, [...phones])}))`
  const rows = await tx
    .select({ id: contacts.id, timeZone: contacts.timeZone, phone: contacts.phone })
    .from(contacts)
    .where(or(anyOf(contacts.phone, [...phones]), heldBefore))
    .orderBy(asc(contacts.id))
    .for('update')
  const asked = new Set(phones)
  for (const row of rows) if (row.phone && asked.has(row.phone)) owners.set(row.phone, [...(owners.get(row.phone) ?? []), row])
  // Read once the contacts are locked: a phone change writes its history row under the same lock.
  const left = await tx
    .select()
    .from(contactPhoneHistory)
    .where(anyOf(contactPhoneHistory.phone, [...phones]))
  const byId = new Map(rows.map((row) => [row.id, row]))
  for (const { contactId, phone, leftAt } of left) {
    const owner = byId.get(contactId)
    if (owner && owner.phone !== phone) pastHolders.set(phone, [...(pastHolders.get(phone) ?? []), { owner, leftAt: leftAt.getTime() }])
  }
  return { owners, pastHolders }
}

/** A batch of opt-outs of these numbers: their contacts, now and before, locked, the workspace's zone read. */
export async function optOutBatch(tx: Transaction, phones: readonly string[]): Promise<OptOutBatch> {
  return { ...(await lockNumberHolders(tx, phones)), defaultTimeZone: (await settingsRepository(tx).policies()).defaultTimeZone, timeline: [] }
}

/**
 * The person opted out, not only the number: the opt-out is written on each contact holding the number
 * (any of them may have sent it) and on those who left it for another number within PAST_NUMBER_DAYS
 * before the opt-out (or after it: the cloud pushed it late), who take it to the number they have now,
 * as they would have had it come before their phone changed. Kept with the stronger source.
 */
export async function recordOnPeople(tx: Transaction, people: readonly Owner[], optOut: NumberOptOut): Promise<void> {
  if (people.length === 0) return
  const stronger = strongerOptOut(contacts.optOutSource, optOut.source)
  await tx
    .update(contacts)
    .set({
      optedOutAt: stronger.at(contacts.optedOutAt, sql`${new Date(optOut.at).toISOString()}::timestamptz`),
      optOutSource: stronger.source,
      optedOutBy: stronger.pick(contacts.optedOutBy, optOut.by ?? null),
    })
    .where(
      inArray(
        contacts.id,
        people.map((person) => person.id),
      ),
    )
}

/**
 * The same for contacts deleted since they held the number (within PAST_NUMBER_DAYS of leaving it, their
 * deletion included): the opt-out waits under their external id, as theirs would have been kept had it
 * come before, and the same contact imported again comes back opted out (migrations 0026, 0030).
 */
async function followToDeletedContacts(tx: Transaction, phone: string, optOut: NumberOptOut, since: number): Promise<void> {
  const kept = deletedContactOptOuts
  await tx.execute(sql`
    insert into ${kept} (external_id, opted_out_at, source, opted_out_by)
    select ${deletedContactPhones.externalId}, ${new Date(optOut.at).toISOString()}::timestamptz, ${optOut.source}, ${optOut.by ?? null}
    from ${deletedContactPhones}
    where ${deletedContactPhones.phone} = ${phone} and ${deletedContactPhones.leftAt} >= ${new Date(since).toISOString()}::timestamptz
    on conflict (external_id) do update set
      opted_out_at = stronger_opt_out_at(${kept.source}, ${kept.optedOutAt}, excluded.source, excluded.opted_out_at),
      opted_out_by = stronger_opt_out_by(${kept.source}, ${kept.optedOutBy}, excluded.opted_out_by),
      source = stronger_opt_out_source(${kept.source}, excluded.source)`)
}

/**
 * Puts a number on the suppression list (kept with the stronger source and its time when already
 * there), writes it as their own on the contacts holding it and those who left it lately
 * (recordOnPeople), and cancels their queued marketing and recall messages and ends their marketing and
 * recall journeys; transactional ones go on. Answers how many journeys it ended. Within a `batch`,
 * its contacts are already locked and the timeline is the batch's to write; alone, it does both.
 */
export async function optOutNumber(tx: Transaction, phone: string, optOut: NumberOptOut, batch?: OptOutBatch): Promise<number> {
  const { at: atMs, reason, source, by = null } = optOut
  const at = new Date(atMs)
  const shared = batch ?? (await optOutBatch(tx, [phone]))
  await tx.insert(suppressions).values({ phone, reason, source, optedOutAt: at, optedOutBy: by }).onConflictDoUpdate({ target: suppressions.phone, set: KEEP_STRONGER_OPT_OUT })
  // Numbers are left by the database's (wall) clock: an opt-out timed past it (the demo clock, a skewed provider) counts as now.
  const since = Math.min(atMs, Date.now()) - PAST_NUMBER_MS
  const movedAway = (shared.pastHolders.get(phone) ?? []).filter((past) => past.leftAt >= since).map((past) => past.owner)
  const owners = [...(shared.owners.get(phone) ?? []), ...movedAway]
  await recordOnPeople(tx, owners, optOut)
  await followToDeletedContacts(tx, phone, optOut, since)
  const owner = owners[0]
  const local = zonedTime(atMs, contactTimeZone({ timeZone: owner?.timeZone ?? undefined, phone }, shared.defaultTimeZone))
  const cancelled = { phone, contactIds: movedAway.map((moved) => moved.id) }
  // The messages are to the people it was written on: their own opt-out stops them.
  const why = describeOptOut({ whose: 'person', record: { at: atMs, source, by } }, local)
  await cancelQueuedPromotions(tx, cancelled, why, atMs)
  if (owners.length === 0) return 0
  // Transactional journeys (order shipped, appointment) go on: the law asks to stop marketing.
  const exited = await tx
    .update(enrollments)
    .set({ status: 'exited', exitReason: 'opted_out', exitedAt: at, nextWakeAt: null })
    .from(journeyVersions)
    .where(
      and(
        eq(journeyVersions.journeyId, enrollments.journeyId),
        eq(journeyVersions.version, enrollments.version),
        anyOf(
          enrollments.contactId,
          owners.map((row) => row.id),
        ),
        eq(enrollments.status, 'active'),
        sql`${journeyVersions.document} -> 'settings' ->> 'category' <> 'transactional'`,
      ),
    )
    .returning({ id: enrollments.id, nodeId: enrollments.nodeId })
  // The person's opt-out, as the contact page says it: it follows them to any number, not only this one.
  const exitLine = { en: `exited: ${why.en}`, zh: `退出:${why.zh}` }
  shared.timeline.push(...exited.map((row) => timelineRow(row.id, [{ at: atMs, nodeId: row.nodeId, kind: 'exited', message: exitLine, detail: 'opted_out' }])))
  if (!batch) await writeTimeline(tx, shared.timeline)
  return exited.length
}
