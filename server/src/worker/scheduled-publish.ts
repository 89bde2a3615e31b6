import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { publishSchedules } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { publishWithin } from '../repositories/journeys'

/** Schedules one worker claims per transaction. */
const CLAIM_BATCH = 20

export interface ScheduledPublisher {
  /** Publishes every schedule due on the clock; answers how many were settled (published or failed). */
  publishDue(): Promise<number>
  /** When the next pending schedule is due, so an idle worker wakes for it. */
  nextDueAt(): Promise<number | undefined>
}

/**
 * Carries out scheduled publishes on the journeys' clock (the demo clock in demo mode: this is
 * product time, not a security timer). A due row is claimed with FOR UPDATE SKIP LOCKED and
 * deleted in the publish's own transaction, so with several workers it goes live exactly once.
 * A draft that became invalid is not published: the row keeps the refusal, shown until cancelled.
 */
export function scheduledPublisher(db: Database, clock: () => number): ScheduledPublisher {
  return {
    async publishDue() {
      const now = clock()
      return db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(publishSchedules)
          .where(and(lte(publishSchedules.publishAt, new Date(now)), isNull(publishSchedules.failedAt)))
          .orderBy(asc(publishSchedules.publishAt))
          .limit(CLAIM_BATCH)
          .for('update', { skipLocked: true })
        for (const schedule of due) {
          try {
            await publishWithin(tx, schedule.journeyId, { note: schedule.note, migrate: schedule.migrate, publishedAt: new Date(now) })
            await tx.delete(publishSchedules).where(eq(publishSchedules.journeyId, schedule.journeyId))
          } catch (refusal) {
            // publishWithin refuses before writing anything, so the transaction stays clean to record why.
            if (!(refusal instanceof ApiError)) throw refusal
            await tx
              .update(publishSchedules)
              .set({ failedAt: new Date(now), failure: { code: refusal.code, message: refusal.localized, problems: refusal.problems } })
              .where(eq(publishSchedules.journeyId, schedule.journeyId))
          }
        }
        return due.length
      })
    },

    async nextDueAt() {
      const [row] = await db
        .select({ at: sql<Date | null>`min(${publishSchedules.publishAt})` })
        .from(publishSchedules)
        .where(isNull(publishSchedules.failedAt))
      return row?.at ? new Date(row.at).getTime() : undefined
    },
  }
}
