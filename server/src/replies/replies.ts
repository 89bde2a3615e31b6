import { describeLocal } from '@recall/engine'
import { type ReplyKeyword, readReplyKeyword } from '@recall/shared'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, enrollments, inboundMessages, journeyVersions, stepLog, suppressions } from '../db/schema/index'
import { settingsRepository } from '../repositories/settings'
import { cancelQueuedPromotions } from '../worker/outbox/record'

export interface InboundReply {
  provider: string
  /** E.164. */
  phone: string
  text: string
  at: number
}

const OPTED_OUT = { en: 'exited: replied to opt out; no more marketing to this number', zh: '已退出:用户回复退订,此号码不再接收营销短信' }

/**
 * A reply from a phone: T, TD, 退订, STOP… put the number on the suppression list at once and end
 * its marketing and recall journeys; START takes it off again. Everything in one transaction, with
 * the contact rows locked like the worker locks them, so no step sends in between.
 */
export async function receiveReply(db: Database, reply: InboundReply): Promise<{ keyword: ReplyKeyword | undefined; exited: number }> {
  const keyword = readReplyKeyword(reply.text)
  return db.transaction(async (tx) => {
    await tx.insert(inboundMessages).values({ provider: reply.provider, phone: reply.phone, text: reply.text, keyword: keyword ?? null, receivedAt: new Date(reply.at) })
    if (keyword === 'start') {
      await tx.delete(suppressions).where(eq(suppressions.phone, reply.phone))
      return { keyword, exited: 0 }
    }
    if (keyword !== 'stop') return { keyword, exited: 0 }
    await tx
      .insert(suppressions)
      .values({ phone: reply.phone, reason: `replied "${reply.text.trim().slice(0, 40)}"`, createdAt: new Date(reply.at) })
      .onConflictDoNothing()
    const owners = await tx.select({ id: contacts.id, timeZone: contacts.timeZone }).from(contacts).where(eq(contacts.phone, reply.phone)).orderBy(asc(contacts.id)).for('update')
    const at = describeLocal(reply.at, owners[0]?.timeZone ?? (await settingsRepository(tx).policies()).defaultTimeZone)
    await cancelQueuedPromotions(tx, reply.phone, { en: `opted out at ${at.en}`, zh: `已于 ${at.zh} 退订` }, reply.at)
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
      .set({ status: 'exited', exitReason: 'opted_out', exitedAt: new Date(reply.at), nextWakeAt: null })
      .where(
        inArray(
          enrollments.id,
          exiting.map((row) => row.id),
        ),
      )
    await tx
      .insert(stepLog)
      .values(exiting.map((row) => ({ enrollmentId: row.id, at: new Date(reply.at), nodeId: row.nodeId, kind: 'exited', message: OPTED_OUT, detail: 'opted_out' })))
    return { keyword, exited: exiting.length }
  })
}
