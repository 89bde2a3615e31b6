import type { MessageCategory } from '@recall/shared'
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { coupons, enrollments, messages, stepLog } from '../db/schema/index'
import { ProviderError, type ProviderReceipt, type SmsProvider } from '../providers/types'

export const DISPATCH_BATCH = 100
/** A message that fails this many times is marked failed for good. */
export const MAX_ATTEMPTS = 5
/** Waits before attempts 2, 3, 4…: 30 s, 1 min, 2 min, 4 min (or what the provider's Retry-After asks). */
const BACKOFF_BASE_MS = 30_000
const BACKOFF_MAX_MS = 60 * 60_000

export interface Click {
  /** The contact's row id. */
  contactId: string
  at: number
}

/**
 * Which provider sends a message: one for everything, or a chooser by category, read once per
 * batch before the batch's transaction opens (PGlite has one connection: a read inside would wait
 * for the transaction it is part of).
 */
export type ProviderChoice = SmsProvider | (() => Promise<(category: MessageCategory) => SmsProvider>)

type Row = typeof messages.$inferSelect
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

function backoffMs(attempts: number, retryAfterSeconds: number | undefined): number {
  const exponential = Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS)
  return retryAfterSeconds ? Math.max(retryAfterSeconds * 1000, exponential) : exponential
}

async function recordAccepted(tx: Transaction, message: Row, answer: ProviderReceipt, now: number) {
  const receipt = answer.receipt
  await tx
    .update(messages)
    .set({
      status: answer.click ? 'clicked' : (receipt?.status ?? 'sent'),
      clickedAt: answer.click ? new Date(answer.click.at) : null,
      providerId: answer.providerId,
      sentAt: new Date(now),
      attempts: message.attempts + 1,
      nextAttemptAt: null,
      deliveredAt: receipt?.status === 'delivered' ? new Date(receipt.at) : null,
      error: receipt?.status === 'failed' ? (receipt.code ?? 'failed') : null,
      carrierCode: receipt?.status === 'failed' ? (receipt.code ?? null) : null,
    })
    .where(eq(messages.id, message.id))
  // The coupon is the contact's from the moment the provider takes the message.
  await tx
    .update(coupons)
    .set({ status: 'issued', issuedAt: new Date(now) })
    .where(and(eq(coupons.messageKey, message.idempotencyKey), eq(coupons.status, 'reserved')))
}

/**
 * A message that never went out gives its code back: a pool code to the pool, a generated one to
 * nobody; and the contact's journey forgets it, so no reminder speaks of a coupon never received.
 */
async function releaseCoupon(tx: Transaction, message: Row) {
  const messageKey = message.idempotencyKey
  if (message.coupon)
    await tx.execute(sql`
      update ${enrollments} set state = jsonb_set(state, '{coupons}',
        coalesce((select jsonb_agg(issued) from jsonb_array_elements(state -> 'coupons') as issued where issued ->> 'code' <> ${message.coupon.code}), '[]'::jsonb))
      where id = ${message.enrollmentId}`)
  await tx.delete(coupons).where(and(eq(coupons.messageKey, messageKey), isNull(coupons.poolId)))
  await tx
    .update(coupons)
    .set({ status: 'available', messageKey: null, contactId: null, journeyId: null, nodeId: null, expiresAt: null })
    .where(and(eq(coupons.messageKey, messageKey), eq(coupons.status, 'reserved')))
}

/** A failure for good: on the message and on the contact's timeline, where a marketer looks. */
async function recordFailed(tx: Transaction, message: Row, reason: string, now: number) {
  await tx
    .update(messages)
    .set({ status: 'failed', error: reason, attempts: message.attempts + 1, nextAttemptAt: null })
    .where(eq(messages.id, message.id))
  await releaseCoupon(tx, message)
  await tx.insert(stepLog).values({
    enrollmentId: message.enrollmentId,
    at: new Date(now),
    nodeId: message.nodeId,
    kind: 'failed',
    message: { en: `not sent: ${reason}`, zh: `发送失败:${reason}` },
    detail: reason,
  })
}

/**
 * Hands queued outbox rows to the provider. Rows are claimed with SKIP LOCKED, so several
 * dispatchers never take the same row; a row is marked sent in the same transaction that claimed
 * it, and the idempotency key lets the provider drop a resend after a crash in between. A passing
 * failure is tried again with backoff; a permanent one fails the message at once.
 */
export function outboxDispatcher(db: Database, provider: ProviderChoice, clock: () => number, onClicks: (clicks: Click[]) => Promise<void> = async () => {}) {
  return {
    async dispatch(limit = DISPATCH_BATCH): Promise<number> {
      const now = clock()
      const providerFor = typeof provider === 'function' ? await provider() : () => provider
      const clicks: Click[] = []
      const count = await db.transaction(async (tx) => {
        const queued = await tx
          .select()
          .from(messages)
          .where(and(eq(messages.status, 'queued'), lt(messages.attempts, MAX_ATTEMPTS), or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, new Date(now)))))
          .orderBy(asc(messages.id))
          .limit(limit)
          .for('update', { skipLocked: true })
        for (const message of queued) {
          if (!message.phone) {
            await recordFailed(tx, message, 'the contact has no phone number', now)
            continue
          }
          try {
            const sender = providerFor(message.category)
            const answer = await sender.send(
              {
                idempotencyKey: message.idempotencyKey,
                phone: message.phone,
                channel: message.channel,
                category: message.category,
                text: message.text,
                template: message.template,
                mms: message.mms,
              },
              now,
            )
            await recordAccepted(tx, message, answer, now)
            if (answer.click) clicks.push({ contactId: message.contactId, at: answer.click.at })
          } catch (cause) {
            const error = cause instanceof ProviderError ? cause : new ProviderError('transient', 'error', cause instanceof Error ? cause.message : String(cause))
            const attempts = message.attempts + 1
            if (error.kind === 'permanent' || attempts >= MAX_ATTEMPTS) {
              await recordFailed(tx, message, `${error.code}: ${error.message}`, now)
              continue
            }
            await tx
              .update(messages)
              .set({ attempts, error: `${error.code}: ${error.message}`, nextAttemptAt: new Date(now + backoffMs(attempts, error.retryAfterSeconds)) })
              .where(eq(messages.id, message.id))
          }
        }
        return queued.length
      })
      // Clicks are events like any other: they can resolve a wait-for-event or enter a journey.
      if (clicks.length > 0) await onClicks(clicks)
      return count
    },
  }
}

export type OutboxDispatcher = ReturnType<typeof outboxDispatcher>
