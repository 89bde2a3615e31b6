import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { deletedContactOptOuts, deletedContactPhones, type OptOutSource } from '../db/schema/index'
import { PAST_NUMBER_DAYS } from './opt-out'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * The deleted contacts (by external id) that held `phone` when they were deleted, within
 * PAST_NUMBER_DAYS: their last number is the one kept with the latest time (the deletion's; the
 * numbers they had left before carry the earlier times they left them, see migration 0030). A START
 * from it is theirs, as a live contact's START from the number it has now.
 */
function lastHeldBy(phone: string): SQL {
  const last = sql`(select max(q.left_at) from ${deletedContactPhones} q where q.external_id = ${deletedContactPhones.externalId})`
  return sql`(select ${deletedContactPhones.externalId} from ${deletedContactPhones}
    where ${deletedContactPhones.phone} = ${phone} and ${deletedContactPhones.leftAt} = ${last}
      and ${deletedContactPhones.leftAt} > now() - make_interval(days => ${PAST_NUMBER_DAYS}))`
}

/** How the deleted contacts that last held `phone` were opted out, kept for their return. */
export async function keptOptOutSources(tx: Transaction, phone: string): Promise<OptOutSource[]> {
  const kept = await tx
    .select({ source: deletedContactOptOuts.source })
    .from(deletedContactOptOuts)
    .where(inArray(deletedContactOptOuts.externalId, lastHeldBy(phone)))
  return kept.map((row) => row.source)
}

/**
 * Drops the opt-outs kept for deleted contacts that last held `phone`, so the same contact imported
 * again is not opted out by an opt-out it reversed while away: with `before` (a START sent then), only
 * their own reply opt-outs older than it; without, every one (a colleague lifted it on review). Answers how many it dropped.
 */
export async function liftKeptOptOuts(tx: Transaction, phone: string, before?: Date): Promise<number> {
  const theirs = inArray(deletedContactOptOuts.externalId, lastHeldBy(phone))
  const reversed = before ? and(theirs, eq(deletedContactOptOuts.source, 'reply'), lt(deletedContactOptOuts.optedOutAt, before)) : theirs
  return (await tx.delete(deletedContactOptOuts).where(reversed).returning({ externalId: deletedContactOptOuts.externalId })).length
}
