import { contactTimeZone, describeLocal } from '@recall/engine'
import type { LocalizedText } from '@recall/shared'
import { and, asc, eq, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contacts, enrollments, journeyVersions, type OptOutSource, suppressions } from '../db/schema/index'
import { settingsRepository } from '../repositories/settings'
import { timelineRow, writeTimeline } from '../repositories/timeline'
import { cancelQueuedPromotions } from '../worker/outbox/record'
import { KEEP_STRONGER_OPT_OUT } from './opt-out-source'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

const OPTED_OUT = { en: 'exited: replied to opt out; no more marketing to this number', zh: '已退出:用户回复退订,此号码不再接收营销短信' }

export interface NumberOptOut {
  /** When, by the provider's clock for a reply, by the journeys' clock for a person's action. */
  at: number
  reason: string
  source: OptOutSource
  /** The line on the timelines of the journeys it ends. */
  exitLine?: LocalizedText
}

type Owner = { id: string; timeZone: string | null; phone: string | null }

/** What opt-outs taken together share (a push of replies): read once, written once. */
export interface OptOutBatch {
  /** The contacts holding each number, in id order, locked by the batch's caller. */
  owners: Map<string, Owner[]>
  defaultTimeZone: string
  /** Timeline rows for the journeys ended, written by the batch's caller with one statement. */
  timeline: ReturnType<typeof timelineRow>[]
}

/** Locks the contacts holding these numbers, in id order as every writer locks them, and answers them by number. */
async function lockNumberOwners(tx: Transaction, phones: readonly string[]): Promise<Map<string, Owner[]>> {
  const owners = new Map<string, Owner[]>()
  if (phones.length === 0) return owners
  const rows = await tx
    .select({ id: contacts.id, timeZone: contacts.timeZone, phone: contacts.phone })
    .from(contacts)
    .where(anyOf(contacts.phone, [...phones]))
    .orderBy(asc(contacts.id))
    .for('update')
  for (const row of rows) owners.set(row.phone as string, [...(owners.get(row.phone as string) ?? []), row])
  return owners
}

/** A batch of opt-outs of these numbers: their contacts locked, the workspace's zone read. */
export async function optOutBatch(tx: Transaction, phones: readonly string[]): Promise<OptOutBatch> {
  return { owners: await lockNumberOwners(tx, phones), defaultTimeZone: (await settingsRepository(tx).policies()).defaultTimeZone, timeline: [] }
}

/**
 * Puts a number on the suppression list (kept with the later opt-out time and the stronger source
 * when already there), cancels its queued marketing and recall messages and ends its marketing and
 * recall journeys; transactional ones go on. Answers how many journeys it ended. Within a `batch`,
 * its contacts are already locked and the timeline is the batch's to write; alone, it does both.
 */
export async function optOutNumber(tx: Transaction, phone: string, optOut: NumberOptOut, batch?: OptOutBatch): Promise<number> {
  const { at: atMs, reason, source, exitLine = OPTED_OUT } = optOut
  const at = new Date(atMs)
  const shared = batch ?? (await optOutBatch(tx, [phone]))
  await tx
    .insert(suppressions)
    .values({ phone, reason, source, optedOutAt: at })
    .onConflictDoUpdate({ target: suppressions.phone, set: { optedOutAt: sql`greatest(${suppressions.optedOutAt}, excluded.opted_out_at)`, ...KEEP_STRONGER_OPT_OUT } })
  const owners = shared.owners.get(phone) ?? []
  const owner = owners[0]
  const local = describeLocal(atMs, contactTimeZone({ timeZone: owner?.timeZone ?? undefined, phone }, shared.defaultTimeZone))
  await cancelQueuedPromotions(tx, phone, { en: `opted out at ${local.en}`, zh: `已于 ${local.zh} 退订` }, atMs)
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
  shared.timeline.push(...exited.map((row) => timelineRow(row.id, [{ at: atMs, nodeId: row.nodeId, kind: 'exited', message: exitLine, detail: 'opted_out' }])))
  if (!batch) await writeTimeline(tx, shared.timeline)
  return exited.length
}
