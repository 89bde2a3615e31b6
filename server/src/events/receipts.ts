import { lt, sql } from 'drizzle-orm'
import { eventReceipts } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/** How long a message id is remembered: longer than any sender retries a batch. */
export const RECEIPT_RETENTION_DAYS = 7

/**
 * Records message ids and answers which were new. A repeat inside the retention window (a batch
 * retried by an at-least-once pipeline) is not new. Runs inside the caller's transaction, so a
 * batch that fails remembers nothing; a concurrent batch with the same id waits for this one.
 * The window runs on the database's wall clock.
 */
export async function claimMessageIds(tx: Executor, messageIds: readonly string[]): Promise<Set<string>> {
  await tx.delete(eventReceipts).where(lt(eventReceipts.receivedAt, sql`now() - make_interval(days => ${RECEIPT_RETENTION_DAYS})`))
  const unique = [...new Set(messageIds)]
  if (unique.length === 0) return new Set()
  const fresh = new Set<string>()
  for (let index = 0; index < unique.length; index += 5_000) {
    const rows = await tx
      .insert(eventReceipts)
      .values(unique.slice(index, index + 5_000).map((messageId) => ({ messageId })))
      .onConflictDoNothing()
      .returning({ messageId: eventReceipts.messageId })
    for (const row of rows) fresh.add(row.messageId)
  }
  return fresh
}
