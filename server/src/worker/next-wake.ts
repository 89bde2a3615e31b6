import { and, asc, eq, exists, isNotNull, sql } from 'drizzle-orm'
import { enrollments, journeys } from '../db/schema/index'
import type { Executor } from './contact-view'

/**
 * The earliest wake of an active enrollment in a live journey, as a query (awaited by the runner,
 * explained by the test of its plan). The first in the due index whose journey is live, not a
 * min() over the join: PostgreSQL cannot answer a min() across a join from an index, so that form
 * read every active enrollment at every idle look of the worker (on a demo folder, about 1,500
 * pages several times a second, and more as the folder aged).
 */
export function nextLiveWake(db: Executor) {
  const live = db
    .select({ live: sql`1` })
    .from(journeys)
    .where(and(eq(journeys.id, enrollments.journeyId), eq(journeys.status, 'live')))
  return db
    .select({ at: enrollments.nextWakeAt })
    .from(enrollments)
    .where(and(eq(enrollments.status, 'active'), isNotNull(enrollments.nextWakeAt), exists(live)))
    .orderBy(asc(enrollments.nextWakeAt))
    .limit(1)
}
