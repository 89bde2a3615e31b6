import { type PublishForecastFigures, readActorName, storedActorName } from '@recall/shared'
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import { checkPublish } from '../approvals/publish-check'
import { schedulerRights } from '../approvals/scheduler-rights'
import type { Database } from '../db/database'
import { publishSchedules } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { publishWithin } from '../repositories/journeys'
import type { Executor } from './contact-view'
import { type FailureReporter, isDatabaseTrouble } from './isolation'

/** Schedules one worker claims per transaction. */
const CLAIM_BATCH = 20

export interface ScheduledPublisher {
  /** Publishes every schedule due on the clock; answers how many were settled (published or failed). */
  publishDue(): Promise<number>
  /** When the next pending schedule is due, so an idle worker wakes for it. */
  nextDueAt(): Promise<number | undefined>
}

type ScheduleRow = typeof publishSchedules.$inferSelect
type Judgement = { refusal: ApiError } | { forecast: PublishForecastFigures | null; revision: number }

function due(db: Executor, now: number, claim = false): Promise<ScheduleRow[]> {
  const query = db
    .select()
    .from(publishSchedules)
    .where(and(lte(publishSchedules.publishAt, new Date(now)), isNull(publishSchedules.failedAt)))
    .orderBy(asc(publishSchedules.publishAt))
    .limit(CLAIM_BATCH)
  return claim ? query.for('update', { skipLocked: true }) : query
}

/**
 * A publish that failed on our side (not the database's passing trouble, which is thrown to be tried
 * again next round), recorded on its schedule like a refusal: one journey's publish that keeps
 * failing must not hold up the schedules due after it, nor the worker round it runs in.
 */
function failedOnOurSide(error: unknown, journeyId: string, onFailure: FailureReporter): ApiError {
  if (error instanceof ApiError) return error
  if (isDatabaseTrouble(error)) throw error
  onFailure({ kind: 'scheduled_publish', ids: { journeyId }, failures: 1, outcome: 'failed', error })
  return new ApiError(500, 'publish_failed', {
    en: 'The scheduled publish failed on our side (the server log has the details); publish by hand or schedule it again',
    zh: '定时发布在服务器端出错(详情见服务器日志);请手动发布或重新安排',
  })
}

/**
 * Whether the scheduler, with the rights they have now, may publish the draft as it is now without a
 * review; a scheduler who is gone or may no longer publish is a refusal like any other, recorded.
 */
async function judge(db: Database, schedule: ScheduleRow, now: number, onFailure: FailureReporter): Promise<Judgement> {
  try {
    return await checkPublish(db, schedule.journeyId, await schedulerRights(db, schedule.scheduledByRef), { now, migrate: schedule.migrate })
  } catch (error) {
    return { refusal: failedOnOurSide(error, schedule.journeyId, onFailure) }
  }
}

/**
 * Carries out scheduled publishes on the journeys' clock (the demo clock in demo mode: this is
 * product time, not a security timer). A due row is claimed with FOR UPDATE SKIP LOCKED and
 * deleted in the publish's own transaction, so with several workers it goes live exactly once.
 * A draft that became invalid, or that needs an approval (the scheduler's rights, the workspace
 * rule on its forecast), is not published: the row keeps the refusal, shown until cancelled.
 */
export function scheduledPublisher(db: Database, clock: () => number, onFailure: FailureReporter = () => {}): ScheduledPublisher {
  return {
    async publishDue() {
      const now = clock()
      // Judged before the claim, outside its transaction: the forecast reads the database at length
      // (and PGlite runs one transaction at a time). The claim then insists on the draft revision judged.
      const checks = new Map<string, Judgement>()
      for (const schedule of await due(db, now)) checks.set(schedule.journeyId, await judge(db, schedule, now, onFailure))
      return db.transaction(async (tx) => {
        let settled = 0
        for (const schedule of await due(tx, now, true)) {
          const check = checks.get(schedule.journeyId)
          // Due since the check (or rescheduled meanwhile): judged on the next round.
          if (!check) continue
          try {
            if ('refusal' in check) throw check.refusal
            // In a savepoint: a publish that fails part way leaves nothing of itself for the others' commit.
            await tx.transaction(async (savepoint) => {
              await publishWithin(savepoint, schedule.journeyId, {
                note: schedule.note,
                migrate: schedule.migrate,
                publishedAt: new Date(now),
                by: storedActorName({ kind: 'scheduledPublish', scheduler: schedule.scheduledBy ? readActorName(schedule.scheduledBy) : { kind: 'system' } }),
                forecast: check.forecast,
                expectedRevision: check.revision,
              })
              await savepoint.delete(publishSchedules).where(eq(publishSchedules.journeyId, schedule.journeyId))
            })
          } catch (error) {
            const refusal = failedOnOurSide(error, schedule.journeyId, onFailure)
            // A draft saved while it was judged is judged again next round, not failed.
            if (refusal.code === 'draft_changed_during_check') continue
            await tx
              .update(publishSchedules)
              .set({ failedAt: new Date(now), failure: { code: refusal.code, message: refusal.localized, problems: refusal.problems } })
              .where(eq(publishSchedules.journeyId, schedule.journeyId))
          }
          settled++
        }
        return settled
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
