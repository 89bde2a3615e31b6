import { randomUUID } from 'node:crypto'
import { matchesCondition } from '@recall/engine'
import type { ConditionGroup } from '@recall/shared'
import { asc, count, getTableName, gte, lt, sql } from 'drizzle-orm'
import { contacts } from '../db/schema/index'
import { type Executor, pageViewsWithHistory } from '../worker/contact-view'

/** Contacts judged per estimate: a few percent of error at most, in well under a second. */
export const ESTIMATE_SAMPLE = 2_000
/** Tables the planner puts under this size are counted exactly (a few milliseconds); larger ones are not scanned. */
export const EXACT_TOTAL_UNDER = 100_000

/**
 * How many contacts there are, without reading them when there are many: the planner's row
 * estimate from the last ANALYZE (autovacuum's on PostgreSQL; imports run one, for PGlite, which
 * has no autovacuum), scaled to the table's current size in pages as the planner itself scales it,
 * so growth since is counted. A `count(*)` of 1,000,000 rows cost 200–700 ms and grew with the
 * table. Exact below EXACT_TOTAL_UNDER, or when the table was never analyzed.
 */
async function contactTotal(db: Executor): Promise<{ total: number; counted: boolean }> {
  const answer = await db.execute(sql`
    select case when reltuples > 0 and relpages > 0
      then reltuples / relpages * (pg_relation_size(oid) / current_setting('block_size')::int) else -1 end as planned
    from pg_class where oid = ${getTableName(contacts)}::regclass`)
  const planned = Number((answer as unknown as { rows: { planned: number | string }[] }).rows[0]?.planned ?? -1)
  if (planned >= EXACT_TOTAL_UNDER) return { total: Math.round(planned), counted: false }
  const [counted] = await db.select({ total: count() }).from(contacts)
  return { total: counted?.total ?? 0, counted: true }
}

/**
 * How many contacts a condition selects, for the editor while the marketer types: the engine's
 * own evaluation on a random sample (a run of contact ids from a random point: ids are random
 * UUIDs), scaled to the total. Exact when everyone fits in the sample. Nothing in it grows with
 * the number of contacts: the total is the planner's, the sample is read through the primary key.
 */
export async function estimateMembers(db: Executor, condition: ConditionGroup, now: number): Promise<{ count: number; total: number; sampled: number; exact: boolean }> {
  const { total, counted } = await contactTotal(db)
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
  const exact = counted && sample.length >= total
  return { count: exact ? matching : Math.round((matching / sample.length) * total), total, sampled: sample.length, exact }
}
