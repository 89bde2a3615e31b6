import type { StepResult } from '@recall/engine'
import { eq } from 'drizzle-orm'
import { enrollments, messages, stepLog } from '../db/schema/index'
import type { Executor } from './contact-view'

export interface Pricing {
  perPart: number
  perMms: number
}

export const DEFAULT_PRICING: Pricing = { perPart: 0.05, perMms: 0.15 }

/**
 * Writes one engine step: the enrollment's state, its timeline lines and the outbox rows, in the
 * caller's transaction, so they commit together or not at all. An outbox row that already exists
 * (the same idempotency key after a crash and retry) is left as it is: nothing is sent twice.
 */
export async function persistStep(db: Executor, result: StepResult, contact: { rowId: string; phone: string | null }, pricing: Pricing, now: number): Promise<void> {
  const { state } = result
  const exit = result.effects.find((effect) => effect.type === 'exit')
  await db
    .update(enrollments)
    .set({
      state,
      status: state.status,
      nodeId: state.nodeId ?? null,
      nextWakeAt: state.status === 'active' && state.wake ? new Date(state.wake.at) : null,
      exitedAt: exit ? new Date(now) : null,
      exitReason: exit?.reason ?? null,
      converted: state.converted,
    })
    .where(eq(enrollments.id, state.enrollmentId))
  if (result.log.length > 0) {
    await db.insert(stepLog).values(
      result.log.map((entry) => ({
        enrollmentId: state.enrollmentId,
        at: new Date(entry.at),
        nodeId: entry.nodeId ?? null,
        kind: entry.kind,
        message: entry.message,
        detail: entry.detail ?? null,
      })),
    )
  }
  const sends = result.effects.filter((effect) => effect.type === 'send')
  if (sends.length > 0) {
    await db
      .insert(messages)
      .values(
        sends.map((send) => ({
          idempotencyKey: send.idempotencyKey,
          enrollmentId: state.enrollmentId,
          journeyId: state.journeyId,
          contactId: contact.rowId,
          nodeId: send.nodeId,
          channel: send.channel,
          category: send.category,
          phone: contact.phone,
          text: send.text,
          parts: send.parts,
          cost: String(send.channel === 'mms' ? pricing.perMms : send.parts * pricing.perPart),
          coupon: send.coupon ?? null,
          createdAt: new Date(now),
        })),
      )
      .onConflictDoNothing({ target: messages.idempotencyKey })
  }
}
