import { and, asc, eq, inArray, isNotNull, lt } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, suppressions } from '../db/schema/index'
import { keptOptOutSources, liftKeptOptOuts } from './kept-opt-outs'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * What a START did: lifted an opt-out (`applied`), was held for review (`held`), lifted nothing as it
 * was sent before the opt-out (`early`), or found nothing opted out (`nothing`).
 */
export type OptInOutcome = 'applied' | 'held' | 'early' | 'nothing'

/**
 * A START (订阅) from a number, sent at `at`: lifts the person's own reply opt-outs made before it,
 * the number's entry on the suppression list and the opt-out its contacts took with them from an
 * earlier number, and those kept for a contact deleted while it held the number (see kept-opt-outs.ts). An opt-out the person did not make by a reply (an import's 黑名单/DNC column, an
 * admin's "opt out this number", a complaint) is not theirs to lift: it stays, and the answer is
 * `held`, for a person to review. The contacts are locked in id order, as every writer locks them.
 */
export async function optInFromReply(tx: Transaction, phone: string, at: Date): Promise<OptInOutcome> {
  const owners = await tx
    .select({ id: contacts.id, source: contacts.optOutSource })
    .from(contacts)
    .where(and(eq(contacts.phone, phone), isNotNull(contacts.optedOutAt)))
    .orderBy(asc(contacts.id))
    .for('update')
  const [number] = await tx.select({ source: suppressions.source }).from(suppressions).where(eq(suppressions.phone, phone))
  // An opt-in older than the opt-out (delayed, or replayed) leaves it in place, as it always did.
  const dropped = await tx
    .delete(suppressions)
    .where(and(eq(suppressions.phone, phone), eq(suppressions.source, 'reply'), lt(suppressions.optedOutAt, at)))
    .returning({ phone: suppressions.phone })
  const cleared =
    owners.length === 0
      ? []
      : await tx
          .update(contacts)
          .set({ optedOutAt: null, optOutSource: null })
          .where(
            and(
              inArray(
                contacts.id,
                owners.map((owner) => owner.id),
              ),
              eq(contacts.optOutSource, 'reply'),
              lt(contacts.optedOutAt, at),
            ),
          )
          .returning({ id: contacts.id })
  // A deleted contact that held the number keeps its opt-out for its return: the START reverses it too.
  const kept = await keptOptOutSources(tx, phone)
  const unkept = await liftKeptOptOuts(tx, phone, at)
  const sources = [number?.source, ...owners.map((owner) => owner.source), ...kept].filter((source) => source !== undefined && source !== null)
  if (sources.some((source) => source !== 'reply')) return 'held'
  if (dropped.length + cleared.length + unkept > 0) return 'applied'
  return sources.length > 0 ? 'early' : 'nothing'
}
