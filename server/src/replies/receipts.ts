import { type LocalizedText, undeliveredText } from '@recall/shared'
import { and, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { messages } from '../db/schema/index'
import { writeLineForEach } from '../repositories/timeline'
import { firstCallback } from './callbacks'
import { carriedIds, keepEarly, lockToKeepEarly, takeEarly } from './early-receipts'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

export interface DeliveryReceipt {
  /** The provider's id for the message, as its send answer gave it. */
  providerId: string
  /** Other ids the report may mean (a number pushed without "+", read two ways): a message with any of them is the one. */
  otherProviderIds?: string[] | undefined
  status: 'delivered' | 'failed'
  /** The carrier's code for a failure. */
  code?: string | undefined
  at: number
}

const DELIVERED_AFTER_ALL: LocalizedText = {
  en: 'delivered: the carrier reported it delivered after reporting a failure',
  zh: '已送达:运营商先报告投递失败,随后报告已送达',
}

// A click proves delivery too: a message clicked before its late report stays clicked.
const deliveredOrClicked = sql`case when ${messages.clickedAt} is not null then 'clicked' else 'delivered' end`

/**
 * A delivery report. Delivered is a fact about the phone and wins over any failure, whichever came
 * first: it moves a sent message, and a failed one the provider had accepted (the carrier reported a
 * failure, then the delivery), with a line on the timeline saying so. A failure only moves a message
 * still waiting for its verdict: it never undoes a delivery or a click. Neither ever puts a message
 * back in the queue: a failed message is not sent again.
 */
async function applyReceipt(tx: Transaction, matching: SQL, receipt: Pick<DeliveryReceipt, 'status' | 'code' | 'at'>): Promise<number> {
  const at = new Date(receipt.at)
  const lines = (rows: { enrollmentId: string; nodeId: string }[]) => rows.map((row) => ({ id: row.enrollmentId, nodeId: row.nodeId }))
  const moved = { enrollmentId: messages.enrollmentId, nodeId: messages.nodeId }
  if (receipt.status === 'failed') {
    const failed = await tx
      .update(messages)
      .set({ status: 'failed', carrierCode: receipt.code ?? null, error: `carrier: ${receipt.code ?? 'failed'}` })
      .where(and(matching, eq(messages.status, 'sent')))
      .returning(moved)
    if (failed.length > 0) await writeLineForEach(tx, lines(failed), { at: receipt.at, kind: 'failed', message: undeliveredText(receipt.code), detail: receipt.code ?? null })
    return failed.length
  }
  const overturned = await tx
    .update(messages)
    .set({ status: deliveredOrClicked, deliveredAt: at, error: null, carrierCode: null })
    .where(and(matching, eq(messages.status, 'failed'), isNotNull(messages.sentAt)))
    .returning(moved)
  if (overturned.length > 0) await writeLineForEach(tx, lines(overturned), { at: receipt.at, kind: 'delivered', message: DELIVERED_AFTER_ALL })
  const delivered = await tx
    .update(messages)
    .set({ status: 'delivered', deliveredAt: at })
    .where(and(matching, eq(messages.status, 'sent')))
    .returning(moved)
  return overturned.length + delivered.length
}

const idsOf = (receipt: DeliveryReceipt) => [receipt.providerId, ...(receipt.otherProviderIds ?? [])]

/**
 * Carrier verdicts on sent messages (see applyReceipt for which verdict stands). A report the
 * provider already sent (same message, same status) is skipped. A receipt only moves messages sent
 * through the provider whose callback carried it: a signed sandbox or relay report naming a Twilio
 * message's id must not fail it (an outside tester did). Rows sent before the provider was recorded
 * have none and are matched by id alone, as they were. A report for an id no message carries yet
 * (it overtook the send call's answer) is kept, `pending`, and applied when the answer is recorded.
 */
export async function recordReceipts(db: Database, provider: string, receipts: readonly DeliveryReceipt[]): Promise<{ updated: number; pending: number }> {
  if (receipts.length === 0) return { updated: 0, pending: 0 }
  return db.transaction(async (tx) => {
    const ids = receipts.flatMap(idsOf)
    let carried = await carriedIds(tx, ids)
    // Read again under the lock: an answer being recorded meanwhile is either seen now or finds the report kept.
    if (receipts.some((receipt) => !idsOf(receipt).some((id) => carried.has(id)))) {
      await lockToKeepEarly(tx)
      carried = await carriedIds(tx, ids)
    }
    let updated = 0
    let pending = 0
    for (const receipt of receipts) {
      if (!(await firstCallback(tx, provider, `receipt:${receipt.status}`, receipt.providerId))) continue
      const named = idsOf(receipt)
      if (named.some((id) => carried.has(id)))
        updated += await applyReceipt(tx, and(anyOf(messages.providerId, named), or(eq(messages.provider, provider), isNull(messages.provider))) as SQL, receipt)
      else {
        await keepEarly(tx, provider, named, receipt)
        pending += 1
      }
    }
    return { updated, pending }
  })
}

/** Applies the reports kept for messages whose send answers were just recorded (see recordReceipts), in the recording's transaction. */
export async function applyEarlyReceipts(tx: Transaction, recorded: readonly { id: number; provider: string | null; providerId: string }[]): Promise<void> {
  for (const { messageId, report } of await takeEarly(tx, recorded)) await applyReceipt(tx, eq(messages.id, messageId), report)
}
