import type { Database } from '../db/database'
import { webhookCallbacks } from '../db/schema/index'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Claims a provider's callback by its message id, inside the transaction that acts on it: true
 * the first time, false for a replay or a retry, which then changes nothing.
 */
export async function firstCallback(tx: Transaction, provider: string, kind: string, providerMessageId: string): Promise<boolean> {
  const claimed = await tx.insert(webhookCallbacks).values({ provider, kind, providerMessageId }).onConflictDoNothing().returning({ kind: webhookCallbacks.kind })
  return claimed.length > 0
}
