import type { Database } from '../db/database'
import { webhookCallbacks } from '../db/schema/index'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Claims a provider's callbacks by their message ids with one statement, inside the transaction that
 * acts on them: answers the ids claimed now. A replay's or a retry's id is taken already, and the
 * callback then changes nothing.
 */
export async function firstCallbacks(tx: Transaction, provider: string, kind: string, providerMessageIds: readonly string[]): Promise<Set<string>> {
  if (providerMessageIds.length === 0) return new Set()
  const claimed = await tx
    .insert(webhookCallbacks)
    .values([...new Set(providerMessageIds)].map((providerMessageId) => ({ provider, kind, providerMessageId })))
    .onConflictDoNothing()
    .returning({ id: webhookCallbacks.providerMessageId })
  return new Set(claimed.map((row) => row.id))
}

/** One callback claimed as firstCallbacks claims many: true the first time, false for a replay or a retry. */
export async function firstCallback(tx: Transaction, provider: string, kind: string, providerMessageId: string): Promise<boolean> {
  return (await firstCallbacks(tx, provider, kind, [providerMessageId])).has(providerMessageId)
}
