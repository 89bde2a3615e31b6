import { asc, gt, sql } from 'drizzle-orm'
import { attributeCatalog, eventCounts } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

const DAY = 86_400_000
export const EVENT_COUNT_DAYS = 30

/** What the data holds: attribute names with type and examples, event names with their count in the last 30 days. */
export async function readCatalog(db: Executor, now: number) {
  const attributes = await db
    .select({ name: attributeCatalog.name, type: attributeCatalog.type, examples: attributeCatalog.examples })
    .from(attributeCatalog)
    .orderBy(asc(attributeCatalog.name))
  const since = new Date(now - EVENT_COUNT_DAYS * DAY).toISOString().slice(0, 10)
  const events = await db
    .select({ name: eventCounts.name, count: sql<number>`sum(${eventCounts.count})::int` })
    .from(eventCounts)
    .where(gt(eventCounts.day, since))
    .groupBy(eventCounts.name)
    .orderBy(asc(eventCounts.name))
  return { attributes, events }
}
