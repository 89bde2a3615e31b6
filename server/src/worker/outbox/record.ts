import type { LocalizedText } from '@recall/shared'
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { anyOf } from '../../db/any-of'
import type { Database } from '../../db/database'
import { selectRows } from '../../db/json-rows'
import { coupons, enrollments, messages } from '../../db/schema/index'
import type { ProviderReceipt } from '../../providers/types'
import { applyEarlyReceipts } from '../../replies/receipts'
import { writeLineForEach } from '../../repositories/timeline'

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type OutboxRow = typeof messages.$inferSelect

/** Only the dispatcher that holds the lease (status and hand-over count unchanged since the claim) may record. */
const stillOurs = (message: OutboxRow) => and(eq(messages.id, message.id), inArray(messages.status, ['sending', 'uncertain']), eq(messages.attempts, message.attempts))

/** A line on the contact's timeline, where a marketer looks for what happened to a message. */
export async function logOnTimeline(tx: Transaction, message: OutboxRow, kind: string, text: LocalizedText, detail: string, at: number) {
  await writeLineForEach(tx, [{ id: message.enrollmentId, nodeId: message.nodeId }], { at, kind, message: text, detail })
}

/** The provider took the message: its id, the carrier's verdict when known at once, and the coupon is the contact's. */
export async function recordAccepted(tx: Transaction, message: OutboxRow, answer: ProviderReceipt, now: number, provider?: string): Promise<boolean> {
  return (await recordAllAccepted(tx, [{ message, answer, provider }], now)).has(message.id)
}

/**
 * Many accepted messages with one update and one coupon statement, each row only while this
 * dispatcher still holds its lease (status and hand-over count as claimed); answers the ids recorded.
 */
export async function recordAllAccepted(
  tx: Transaction,
  accepted: readonly { message: OutboxRow; answer: ProviderReceipt; provider?: string | undefined }[],
  now: number,
): Promise<Set<number>> {
  if (accepted.length === 0) return new Set()
  const sentAt = new Date(now).toISOString()
  const rows = accepted.map(({ message, answer, provider }) => {
    const receipt = answer.receipt
    return {
      id: message.id,
      attempts: message.attempts,
      status: answer.click ? 'clicked' : (receipt?.status ?? 'sent'),
      clicked_at: answer.click ? new Date(answer.click.at).toISOString() : null,
      provider_id: answer.providerId,
      provider: provider ?? null,
      delivered_at: receipt?.status === 'delivered' ? new Date(receipt.at).toISOString() : null,
      error: receipt?.status === 'failed' ? (receipt.code ?? 'failed') : null,
      carrier_code: receipt?.status === 'failed' ? (receipt.code ?? null) : null,
    }
  })
  const updated = (await tx.execute(sql`
    update ${messages} as m set status = v.status, clicked_at = v.clicked_at, provider_id = v.provider_id, provider = coalesce(v.provider, m.provider), sent_at = ${sentAt}::timestamptz,
      lease_until = null, next_attempt_at = null, delivered_at = v.delivered_at, error = v.error, carrier_code = v.carrier_code
    from (${selectRows(rows, { id: 'bigint', attempts: 'int', status: 'text', clicked_at: 'timestamptz', provider_id: 'text', provider: 'text', delivered_at: 'timestamptz', error: 'text', carrier_code: 'text' })}) as v
    -- stillOurs, row by row: the lease is still this dispatcher's (status and hand-over count as claimed).
    where m.id = v.id and m.status in ('sending', 'uncertain') and m.attempts = v.attempts
    returning m.id, m.idempotency_key as key, m.provider, m.provider_id`)) as unknown as {
    rows: { id: string | number; key: string; provider: string | null; provider_id: string }[]
  }
  const recorded = updated.rows
  // Delivery reports that overtook these answers, kept until now.
  await applyEarlyReceipts(
    tx,
    recorded.map((row) => ({ id: Number(row.id), provider: row.provider, providerId: row.provider_id })),
  )
  if (recorded.length > 0)
    await tx
      .update(coupons)
      .set({ status: 'issued', issuedAt: new Date(now) })
      .where(
        and(
          anyOf(
            coupons.messageKey,
            recorded.map((row) => row.key),
          ),
          eq(coupons.status, 'reserved'),
        ),
      )
  return new Set(recorded.map((row) => Number(row.id)))
}

/** A passing failure: back in the queue until `retryAt`, the hand-over counted unless the provider only throttled it. */
export async function recordRetry(tx: Transaction, message: OutboxRow, error: string, retryAt: number, counted = true): Promise<void> {
  await tx
    .update(messages)
    .set({ status: 'queued', leaseUntil: null, error, nextAttemptAt: new Date(retryAt), ...(counted ? {} : { attempts: sql`${messages.attempts} - 1` }) })
    .where(stillOurs(message))
}

/**
 * A message that never went out gives its code back: a pool code to the pool, a generated one to
 * nobody; and the contact's journey forgets it, so no reminder speaks of a coupon never received.
 */
export async function releaseCoupon(tx: Transaction, message: OutboxRow) {
  const messageKey = message.idempotencyKey
  if (message.coupon)
    await tx.execute(sql`
      update ${enrollments} set state = jsonb_set(state::jsonb, '{coupons}',
        coalesce((select jsonb_agg(issued) from json_array_elements(state -> 'coupons') as issued where issued ->> 'code' <> ${message.coupon.code}), '[]'::jsonb))::json
      where id = ${message.enrollmentId}`)
  await tx.delete(coupons).where(and(eq(coupons.messageKey, messageKey), isNull(coupons.poolId)))
  await tx
    .update(coupons)
    .set({ status: 'available', messageKey: null, contactId: null, journeyId: null, nodeId: null, expiresAt: null })
    .where(and(eq(coupons.messageKey, messageKey), eq(coupons.status, 'reserved')))
}

/** A failure for good: on the message and on the contact's timeline. */
export async function recordFailed(tx: Transaction, message: OutboxRow, reason: string, now: number) {
  const updated = await tx
    .update(messages)
    .set({ status: 'failed', error: reason, leaseUntil: null, nextAttemptAt: null })
    .where(and(eq(messages.id, message.id), inArray(messages.status, ['queued', 'sending'])))
    .returning({ id: messages.id })
  if (updated.length === 0) return
  await releaseCoupon(tx, message)
  await logOnTimeline(tx, message, 'failed', { en: `not sent: ${reason}`, zh: `发送失败:${reason}` }, reason, now)
}

/** Checked again at the moment of sending and no longer allowed: never handed to the provider. */
export async function recordCancelled(tx: Transaction, message: OutboxRow, reason: LocalizedText, code: string, now: number) {
  await tx.update(messages).set({ status: 'cancelled', error: code, leaseUntil: null, nextAttemptAt: null }).where(eq(messages.id, message.id))
  await releaseCoupon(tx, message)
  await logOnTimeline(tx, message, 'cancelled', { en: `cancelled: ${reason.en}`, zh: `已取消:${reason.zh}` }, code, now)
}

const LEASE_EXPIRED = {
  en: 'uncertain: the sender stopped while handing this message to the provider; it may have been sent and is not sent again',
  zh: '状态未知:交给短信服务商时发送进程中断,可能已发出,不会重发',
}

/**
 * The provider may or may not have the message (a lease ran out mid-call, or the call timed out
 * after the request left) and can neither drop a repeat nor say whether it has it: it is not
 * sent again. It stays counted for caps, since the phone may have it.
 */
export async function recordUncertain(
  tx: Transaction,
  message: OutboxRow,
  now: number,
  why: { code: string; text: LocalizedText } = { code: 'lease_expired', text: LEASE_EXPIRED },
) {
  await tx.update(messages).set({ status: 'uncertain', error: why.code, leaseUntil: null, nextAttemptAt: null }).where(eq(messages.id, message.id))
  await logOnTimeline(tx, message, 'uncertain', why.text, why.code, now)
}

/**
 * An opt-out stops what is already queued: every queued or retrying marketing and recall message
 * to the number, and to the contacts it follows to another number (`contactIds`), is cancelled, in the
 * transaction that records the opt-out. Transactional messages go on.
 */
export async function cancelQueuedPromotions(tx: Transaction, to: { phone: string; contactIds?: readonly string[] }, reason: LocalizedText, now: number): Promise<number> {
  const addressed = to.contactIds?.length ? or(eq(messages.phone, to.phone), anyOf(messages.contactId, to.contactIds)) : eq(messages.phone, to.phone)
  const cancelled = await tx
    .update(messages)
    .set({ status: 'cancelled', error: 'opted_out', nextAttemptAt: null })
    .where(and(addressed, eq(messages.status, 'queued'), inArray(messages.category, ['marketing', 'recall'])))
    .returning()
  for (const message of cancelled) {
    await releaseCoupon(tx, message)
    await logOnTimeline(tx, message, 'cancelled', { en: `cancelled: ${reason.en}`, zh: `已取消:${reason.zh}` }, 'opted_out', now)
  }
  return cancelled.length
}
