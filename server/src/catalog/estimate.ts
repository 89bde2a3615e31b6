import { randomUUID } from 'node:crypto'
import { matchesCondition } from '@recall/engine'
import type { ConditionGroup } from '@recall/shared'
import { asc, count, gte, lt } from 'drizzle-orm'
import { contacts } from '../db/schema/index'
import { type Executor, pageViewsWithHistory } from '../worker/contact-view'

/** Contacts judged per estimate: a few percent of error at most, in well under a second. */
export const ESTIMATE_SAMPLE = 2_000

/**
 * How many contacts a condition selects, for the editor while the marketer types: the engine's
 * own evaluation on a random sample (a run of contact ids from a random point: ids are random
 * UUIDs), scaled to the total. Exact when everyone fits in the sample.
 */
export async function estimateMembers(db: Executor, condition: ConditionGroup, now: number): Promise<{ count: number; total: number; sampled: number; exact: boolean }> {
  const [counted] = await db.select({ total: count() }).from(contacts)
  const total = counted?.total ?? 0
  const start = randomUUID()
  const after = await db.select().from(contacts).where(gte(contacts.id, start)).orderBy(asc(contacts.id)).limit(ESTIMATE_SAMPLE)
  // Past the last id, the run continues from the first.
  const before =
    after.length < ESTIMATE_SAMPLE
      ? await db
          .select()
          .from(contacts)
          .where(lt(contacts.id, start))
          .orderBy(asc(contacts.id))
          .limit(ESTIMATE_SAMPLE - after.length)
      : []
  const sample = [...after, ...before]
  if (sample.length === 0) return { count: 0, total, sampled: 0, exact: true }
  let matching = 0
  for (const view of await pageViewsWithHistory(db, sample, now)) if (matchesCondition(condition, view, now)) matching += 1
  const exact = sample.length >= total
  return { count: exact ? matching : Math.round((matching / sample.length) * total), total, sampled: sample.length, exact }
}
