import { contactTimeZone, describeLocal } from '@recall/engine'
import { type ReplyKeyword, readReplyKeyword } from '@recall/shared'
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, enrollments, inboundMessages, journeyVersions, suppressions } from '../db/schema/index'
import { settingsRepository } from '../repositories/settings'
import { writeLineForEach } from '../repositories/timeline'
import { cancelQueuedPromotions } from '../worker/outbox/record'
import { firstCallback } from './callbacks'

export interface InboundReply {
  provider: string
  /** The provider's id for the reply; a replay with the same id changes nothing. */
  providerMessageId: string
  /** E.164. */
  phone: string
  text: string
  /** When it was sent, by the provider's clock: orders an opt-in against an opt-out. */
  at: number
}

const OPTED_OUT = { en: 'exited: replied to opt out; no more marketing to this number', zh: '已退出:用户回复退订,此号码不再接收营销短信' }

/**
 * A reply from a phone: T, TD, 退订, STOP… put the number on the suppression list at once and end
 * its marketing and recall journeys; START takes it off again, when sent after the opt-out. Everything
 * in one transaction, with the contact rows locked like the worker locks them, so no step sends in between.
 * A reply already received (same provider message id) is a replay: nothing changes.
 */
export async function receiveReply(db: Database, reply: InboundReply): Promise<{ keyword: ReplyKeyword | undefined; exited: number; duplicate: boolean }> {
  const keyword = readReplyKeyword(reply.text)
  const at = new Date(reply.at)
  const outcome = await db.transaction(async (tx) => {
    if (!(await firstCallback(tx, reply.provider, 'reply', reply.providerMessageId))) return { keyword: undefined, exited: 0, duplicate: true }
    await tx.insert(inboundMessages).values({ provider: reply.provider, phone: reply.phone, text: reply.text, keyword: keyword ?? null, receivedAt: new Date(reply.at) })
    if (keyword === 'start') {
      // An opt-in older than the opt-out (delayed, or replayed) leaves the number suppressed.
      await tx.delete(suppressions).where(and(eq(suppressions.phone, reply.phone), lt(suppressions.optedOutAt, at)))
      return { keyword, exited: 0 }
    }
    if (keyword !== 'stop') return { keyword, exited: 0 }
    await tx
      .insert(suppressions)
      .values({ phone: reply.phone, reason: `replied "${reply.text.trim().slice(0, 40)}"`, optedOutAt: at })
      .onConflictDoUpdate({ target: suppressions.phone, set: { optedOutAt: sql`greatest(${suppressions.optedOutAt}, excluded.opted_out_at)` } })
    const owners = await tx
      .select({ id: contacts.id, timeZone: contacts.timeZone, phone: contacts.phone })
      .from(contacts)
      .where(eq(contacts.phone, reply.phone))
      .orderBy(asc(contacts.id))
      .for('update')
    const owner = owners[0]
    const local = describeLocal(
      reply.at,
      contactTimeZone({ timeZone: owner?.timeZone ?? undefined, phone: owner?.phone ?? reply.phone }, (await settingsRepository(tx).policies()).defaultTimeZone),
    )
    await cancelQueuedPromotions(tx, reply.phone, { en: `opted out at ${local.en}`, zh: `已于 ${local.zh} 退订` }, reply.at)
    if (owners.length === 0) return { keyword, exited: 0 }
    // Transactional journeys (order shipped, appointment) go on: the law asks to stop marketing.
    const exiting = await tx
      .select({ id: enrollments.id, nodeId: enrollments.nodeId })
      .from(enrollments)
      .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, enrollments.journeyId), eq(journeyVersions.version, enrollments.version)))
      .where(
        and(
          inArray(
            enrollments.contactId,
            owners.map((owner) => owner.id),
          ),
          eq(enrollments.status, 'active'),
          sql`${journeyVersions.document} -> 'settings' ->> 'category' <> 'transactional'`,
        ),
      )
    if (exiting.length === 0) return { keyword, exited: 0 }
    await tx
      .update(enrollments)
      .set({ status: 'exited', exitReason: 'opted_out', exitedAt: at, nextWakeAt: null })
      .where(
        inArray(
          enrollments.id,
          exiting.map((row) => row.id),
        ),
      )
    await writeLineForEach(tx, exiting, { at: at.getTime(), kind: 'exited', message: OPTED_OUT, detail: 'opted_out' })
    return { keyword, exited: exiting.length }
  })
  return { duplicate: false, ...outcome }
}
