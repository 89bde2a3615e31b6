import { createHash } from 'node:crypto'
import { contactTimeZone, describeLocal } from '@recall/engine'
import { type LocalizedText, type ReplyKeyword, readReplyKeyword } from '@recall/shared'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, enrollments, inboundMessages, journeyVersions, type OptOutSource, suppressions } from '../db/schema/index'
import { settingsRepository } from '../repositories/settings'
import { writeLineForEach } from '../repositories/timeline'
import { cancelQueuedPromotions } from '../worker/outbox/record'
import { firstCallback } from './callbacks'
import { optInFromReply } from './opt-in'
import { KEEP_STRONGER_OPT_OUT } from './opt-out-source'

export interface InboundReply {
  provider: string
  /** The provider's id for the reply; a replay (same id, number and text) changes nothing. */
  providerMessageId: string
  /** E.164. */
  phone: string
  text: string
  /** When it was sent, by the provider's clock: orders an opt-in against an opt-out. */
  at: number
}

const OPTED_OUT = { en: 'exited: replied to opt out; no more marketing to this number', zh: '已退出:用户回复退订,此号码不再接收营销短信' }

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * What makes a reply a replay: the provider, its id, the number and a digest of the text. Some
 * relays reuse ids ("hi" then "TD" under one id, or one id for two phones): keyed by the id alone,
 * the opt-out would be thrown away as a replay.
 */
export function replyReplayKey(reply: Pick<InboundReply, 'providerMessageId' | 'phone' | 'text'>): string {
  const digest = createHash('sha256').update(reply.text).digest('hex').slice(0, 32)
  return `${reply.providerMessageId}|${reply.phone}|${digest}`
}

/**
 * A reply from a phone: T, TD, 退订, STOP… put the number on the suppression list at once and end
 * its marketing and recall journeys; START lifts the person's own reply opt-out when sent after it
 * (see optInFromReply), and is held for review when the opt-out was not theirs. Everything
 * in one transaction, with the contact rows locked like the worker locks them, so no step sends in between.
 * A reply already received (same provider, id, number and text) is a replay: nothing changes.
 */
export async function receiveReply(db: Database, reply: InboundReply): Promise<{ keyword: ReplyKeyword | undefined; exited: number; duplicate: boolean }> {
  const keyword = readReplyKeyword(reply.text)
  const at = new Date(reply.at)
  const outcome = await db.transaction(async (tx) => {
    if (!(await firstCallback(tx, reply.provider, 'reply', replyReplayKey(reply)))) return { keyword: undefined, exited: 0, duplicate: true }
    const [received] = await tx
      .insert(inboundMessages)
      .values({ provider: reply.provider, phone: reply.phone, text: reply.text, keyword: keyword ?? null, receivedAt: at })
      .returning({ id: inboundMessages.id })
    if (keyword === 'start') {
      // Not the person's own opt-out: the number stays suppressed, and the reply waits for a person.
      if ((await optInFromReply(tx, reply.phone, at)) === 'held')
        await tx
          .update(inboundMessages)
          .set({ keyword: 'start_held' })
          .where(eq(inboundMessages.id, received?.id ?? 0))
      return { keyword, exited: 0 }
    }
    if (keyword !== 'stop') return { keyword, exited: 0 }
    return { keyword, exited: await optOutNumber(tx, reply.phone, reply.at, { reason: `replied "${reply.text.trim().slice(0, 40)}"`, source: 'reply' }) }
  })
  return { duplicate: false, ...outcome }
}

/**
 * Puts a number on the suppression list (kept with the later opt-out time and the stronger source
 * when already there), cancels its queued marketing and recall messages and ends its marketing and recall journeys;
 * transactional ones go on. Answers how many journeys it ended.
 */
export async function optOutNumber(
  tx: Transaction,
  phone: string,
  atMs: number,
  by: { reason: string; source: OptOutSource },
  exitLine: LocalizedText = OPTED_OUT,
): Promise<number> {
  const at = new Date(atMs)
  await tx
    .insert(suppressions)
    .values({ phone, ...by, optedOutAt: at })
    .onConflictDoUpdate({ target: suppressions.phone, set: { optedOutAt: sql`greatest(${suppressions.optedOutAt}, excluded.opted_out_at)`, ...KEEP_STRONGER_OPT_OUT } })
  const owners = await tx
    .select({ id: contacts.id, timeZone: contacts.timeZone, phone: contacts.phone })
    .from(contacts)
    .where(eq(contacts.phone, phone))
    .orderBy(asc(contacts.id))
    .for('update')
  const owner = owners[0]
  const local = describeLocal(
    atMs,
    contactTimeZone({ timeZone: owner?.timeZone ?? undefined, phone: owner?.phone ?? phone }, (await settingsRepository(tx).policies()).defaultTimeZone),
  )
  await cancelQueuedPromotions(tx, phone, { en: `opted out at ${local.en}`, zh: `已于 ${local.zh} 退订` }, atMs)
  if (owners.length === 0) return 0
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
  if (exiting.length === 0) return 0
  await tx
    .update(enrollments)
    .set({ status: 'exited', exitReason: 'opted_out', exitedAt: at, nextWakeAt: null })
    .where(
      inArray(
        enrollments.id,
        exiting.map((row) => row.id),
      ),
    )
  await writeLineForEach(tx, exiting, { at: atMs, kind: 'exited', message: exitLine, detail: 'opted_out' })
  return exiting.length
}

/**
 * A person read a reply Recall did not act on ("不需要", "NO", "please don't text me") and opts its
 * number out: recorded like a reply's opt-out, with a reason naming who did it, and the reply is
 * marked as a stop so it leaves the "needs review" list. Undefined when there is no such reply.
 */
export async function optOutFromReply(db: Database, replyId: number, by: string, now: number): Promise<{ exited: number; alreadySuppressed: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const [reply] = await tx.select({ phone: inboundMessages.phone, text: inboundMessages.text }).from(inboundMessages).where(eq(inboundMessages.id, replyId)).for('update')
    if (!reply) return undefined
    const [already] = await tx.select({ phone: suppressions.phone }).from(suppressions).where(eq(suppressions.phone, reply.phone))
    const reason = `replied "${reply.text.trim().slice(0, 40)}"; opted out by ${by}`
    // A person's decision, not the number's own reply: its START does not lift it.
    const exited = await optOutNumber(
      tx,
      reply.phone,
      now,
      { reason, source: 'admin' },
      {
        en: `exited: ${by} opted this number out after reading its reply; no more marketing to it`,
        zh: `已退出:${by} 阅读用户回复后将此号码退订,不再接收营销短信`,
      },
    )
    await tx.update(inboundMessages).set({ keyword: 'stop' }).where(eq(inboundMessages.id, replyId))
    return { exited, alreadySuppressed: already !== undefined }
  })
}
