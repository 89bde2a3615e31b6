import { undeliveredText } from '@recall/shared'
import { and, eq, isNull, or } from 'drizzle-orm'
import type { Database } from '../db/database'
import { messages } from '../db/schema/index'
import { writeLineForEach } from '../repositories/timeline'
import { firstCallback } from './callbacks'

export interface DeliveryReceipt {
  /** The provider's id for the message, as its send answer gave it. */
  providerId: string
  status: 'delivered' | 'failed'
  /** The carrier's code for a failure. */
  code?: string | undefined
  at: number
}

/**
 * Carrier verdicts on sent messages. A receipt never moves a message backwards (a click already
 * implies delivery), a failure lands on the contact's timeline too, and a report the provider
 * already sent (same message, same status) is skipped. A receipt only moves messages sent through the
 * provider whose callback carried it: a signed sandbox or relay report naming a Twilio message's id
 * must not fail it (an outside tester did). Rows sent before the provider was recorded have none and
 * are matched by id alone, as they were.
 */
export async function recordReceipts(db: Database, provider: string, receipts: readonly DeliveryReceipt[]): Promise<number> {
  if (receipts.length === 0) return 0
  return db.transaction(async (tx) => {
    let updated = 0
    for (const receipt of receipts) {
      if (!(await firstCallback(tx, provider, `receipt:${receipt.status}`, receipt.providerId))) continue
      const at = new Date(receipt.at)
      const rows = await tx
        .update(messages)
        .set(
          receipt.status === 'delivered'
            ? { status: 'delivered', deliveredAt: at }
            : { status: 'failed', carrierCode: receipt.code ?? null, error: `carrier: ${receipt.code ?? 'failed'}` },
        )
        .where(and(eq(messages.providerId, receipt.providerId), or(eq(messages.provider, provider), isNull(messages.provider)), eq(messages.status, 'sent')))
        .returning({ enrollmentId: messages.enrollmentId, nodeId: messages.nodeId })
      updated += rows.length
      if (receipt.status === 'failed' && rows.length > 0)
        await writeLineForEach(
          tx,
          rows.map((row) => ({ id: row.enrollmentId, nodeId: row.nodeId })),
          { at: receipt.at, kind: 'failed', message: undeliveredText(receipt.code), detail: receipt.code ?? null },
        )
    }
    return updated
  })
}
