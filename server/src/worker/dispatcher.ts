import { and, asc, eq, lt } from 'drizzle-orm'
import type { Database } from '../db/database'
import { messages } from '../db/schema/index'
import type { SmsProvider } from './providers'

export const DISPATCH_BATCH = 100
/** A message that fails this many times is marked failed for good. */
export const MAX_ATTEMPTS = 5

/**
 * Hands queued outbox rows to the provider. Rows are claimed with SKIP LOCKED, so several
 * dispatchers never take the same row; a row is marked sent in the same transaction that claimed
 * it, and the idempotency key lets the provider drop a resend after a crash in between.
 */
export interface Click {
  /** The contact's row id. */
  contactId: string
  at: number
}

export function outboxDispatcher(db: Database, provider: SmsProvider, clock: () => number, onClicks: (clicks: Click[]) => Promise<void> = async () => {}) {
  return {
    async dispatch(limit = DISPATCH_BATCH): Promise<number> {
      const now = clock()
      const clicks: Click[] = []
      const count = await db.transaction(async (tx) => {
        const queued = await tx
          .select()
          .from(messages)
          .where(and(eq(messages.status, 'queued'), lt(messages.attempts, MAX_ATTEMPTS)))
          .orderBy(asc(messages.id))
          .limit(limit)
          .for('update', { skipLocked: true })
        for (const message of queued) {
          if (!message.phone) {
            await tx
              .update(messages)
              .set({ status: 'failed', error: 'the contact has no phone number', attempts: message.attempts + 1 })
              .where(eq(messages.id, message.id))
            continue
          }
          try {
            const answer = await provider.send({ idempotencyKey: message.idempotencyKey, phone: message.phone, channel: message.channel, text: message.text }, now)
            const receipt = answer.receipt
            await tx
              .update(messages)
              .set({
                status: answer.click ? 'clicked' : (receipt?.status ?? 'sent'),
                clickedAt: answer.click ? new Date(answer.click.at) : null,
                providerId: answer.providerId,
                sentAt: new Date(now),
                attempts: message.attempts + 1,
                deliveredAt: receipt?.status === 'delivered' ? new Date(receipt.at) : null,
                error: receipt?.status === 'failed' ? (receipt.code ?? 'failed') : null,
              })
              .where(eq(messages.id, message.id))
            if (answer.click) clicks.push({ contactId: message.contactId, at: answer.click.at })
          } catch (cause) {
            const attempts = message.attempts + 1
            await tx
              .update(messages)
              .set({ attempts, error: cause instanceof Error ? cause.message : String(cause), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued' })
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
