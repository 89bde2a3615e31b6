import { isDeepStrictEqual } from 'node:util'
import { canonicalTimeZone, fromLocal, toLocal } from '@recall/engine'
import { error, hasErrors, type JourneyDocument, type Problem, type PublishSchedule, storedActorText, validateJourney } from '@recall/shared'
import { and, eq, isNull } from 'drizzle-orm'
import { schedulerPerson } from '../approvals/scheduler-rights'
import type { Database } from '../db/database'
import { journeys, publishSchedules } from '../db/schema/index'
import { ApiError, invalidRequest } from '../plugins/errors'
import type { Executor } from '../worker/contact-view'
import { workspaceValidation } from './delivery-context'
import { journeyNotFound } from './journey-refusals'

export interface ScheduleRequest {
  /** The zone's wall-clock date and time, "2026-12-05T09:00". */
  localTime: string
  timeZone: string
  note?: string | undefined
  migrate?: boolean | undefined
}

type ScheduleRow = typeof publishSchedules.$inferSelect

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

const pad = (value: number) => String(value).padStart(2, '0')

/** "2026-12-05T09:00" for the instant on the zone's wall clock. */
export function localTimeOf(instant: number, timeZone: string): string {
  const local = toLocal(instant, timeZone)
  return `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)}`
}

/** The instant a wall-clock time names in a zone and the zone's IANA name, or the problems with the request, by field. */
function instantOf(request: ScheduleRequest): { instant: number; timeZone: string } | Problem[] {
  const problems: Problem[] = []
  const timeZone = canonicalTimeZone(request.timeZone)
  if (!timeZone) problems.push(error('schedule.time_zone', '/body/timeZone', { en: `Time zone "${request.timeZone}" is not known`, zh: `时区"${request.timeZone}"无效` }))
  const match = LOCAL_TIME.exec(request.localTime)
  const [year, month, day, hour, minute] = (match?.slice(1) ?? []).map(Number) as number[]
  const real = match && new Date(Date.UTC(year as number, (month as number) - 1, day as number)).getUTCDate() === day && (hour as number) < 24 && (minute as number) < 60
  // The input policy's years, as for every date the API takes.
  const inYears = (year as number) >= 1970 && (year as number) <= 2100
  if (!real || !inYears)
    problems.push(
      error('schedule.local_time', '/body/localTime', {
        en: 'Go-live time must be a date and time in the years 1970–2100, such as 2026-12-05T09:00',
        zh: '上线时间必须是 1970–2100 年间的日期和时间,例如 2026-12-05T09:00',
      }),
    )
  if (problems.length > 0 || !timeZone) return problems
  return { instant: fromLocal(year as number, month as number, day as number, (hour as number) * 60 + (minute as number), timeZone), timeZone }
}

export function scheduleView(row: ScheduleRow): PublishSchedule {
  return {
    publishAt: row.publishAt.toISOString(),
    localTime: localTimeOf(row.publishAt.getTime(), row.timeZone),
    timeZone: row.timeZone,
    note: row.note,
    scheduledBy: row.scheduledBy,
    failure: row.failedAt && row.failure ? { failedAt: row.failedAt.toISOString(), message: row.failure.message, problems: row.failure.problems } : null,
  }
}

/** Who saved a draft, and when on the journeys' clock. */
export interface DraftSaver {
  /** "user:<id>", a key's maker included: the same person whichever way they signed in. */
  person: string
  name: string
  at: number
}

/**
 * A pending schedule publishes the draft as it is at its time, on its scheduler's word. A save by
 * anyone else takes that word away: the schedule fails, saying who changed the draft, until
 * someone who may publish schedules it again (an editor without "can publish" once got an
 * unreviewed text published through a colleague's schedule). The scheduler's own saves keep it.
 *
 * Called inside the save's own transaction, before the draft is written (with the document it writes): a save that lands while
 * the schedule stays pending would put an unreviewed draft live. The schedule row is locked
 * first, as the scheduled publisher locks it before the journey, so the two never deadlock.
 */
export async function failScheduleOnOthersSave(tx: Executor, journeyId: string, saver: DraftSaver, document: JourneyDocument): Promise<void> {
  const [pending] = await tx
    .select()
    .from(publishSchedules)
    .where(and(eq(publishSchedules.journeyId, journeyId), isNull(publishSchedules.failedAt)))
    .for('update')
  if (!pending || (await schedulerPerson(tx, pending.scheduledByRef)) === saver.person) return
  // A save that changes nothing (an editor's autosave of the draft as it was) leaves the scheduler's word standing.
  const [current] = await tx.select({ draft: journeys.draft }).from(journeys).where(eq(journeys.id, journeyId))
  if (current && isDeepStrictEqual(current.draft, JSON.parse(JSON.stringify(document)))) return
  const scheduler = storedActorText(pending.scheduledBy)
  const changer = storedActorText(saver.name)
  const message = {
    en: `Not published: ${changer.en} changed the draft after ${scheduler.en} scheduled it. Someone who may publish must look at the change and schedule it again`,
    zh: `未发布:${scheduler.zh} 安排定时发布后,${changer.zh} 修改了草稿。需由有发布权限的人查看修改后重新安排`,
  }
  await tx
    .update(publishSchedules)
    .set({ failedAt: new Date(saver.at), failure: { code: 'draft_changed_after_schedule', message, problems: [] } })
    .where(eq(publishSchedules.journeyId, journeyId))
}

/** Publishing a journey's draft at a set time in a chosen zone; the scheduled publisher carries it out. */
export function publishSchedulesRepository(db: Database) {
  return {
    /**
     * Sets (or replaces) the journey's scheduled publish. Refused like publishing now: an archived
     * journey or a draft with errors; and a time that is not after the journeys' clock.
     */
    async schedule(journeyId: string, request: ScheduleRequest, now: number, by: { name?: string | undefined; ref?: string } = {}): Promise<PublishSchedule> {
      const at = instantOf(request)
      if (Array.isArray(at)) throw invalidRequest(at)
      const { instant, timeZone } = at
      const [journey] = await db.select({ status: journeys.status, draft: journeys.draft }).from(journeys).where(eq(journeys.id, journeyId))
      if (!journey) throw journeyNotFound(journeyId)
      if (journey.status === 'archived') throw new ApiError(409, 'journey_archived', { en: 'An archived journey cannot be published', zh: '已归档的旅程不能发布' })
      if (instant <= now) {
        const current = `${localTimeOf(now, timeZone).replace('T', ' ')} ${timeZone}`
        throw invalidRequest([error('schedule.past', '/body/localTime', { en: `Go-live time must be after now (${current})`, zh: `上线时间必须晚于当前时间(${current})` })])
      }
      const { problems } = validateJourney(journey.draft, await workspaceValidation(db))
      if (hasErrors(problems))
        throw new ApiError(422, 'journey_has_errors', { en: 'The journey has errors; fix them before publishing', zh: '旅程存在错误,修正后才能发布' }, problems)
      const values = {
        publishAt: new Date(instant),
        timeZone,
        note: request.note ?? '',
        migrate: request.migrate ?? false,
        scheduledBy: by.name ?? null,
        scheduledByRef: by.ref ?? null,
        failedAt: null,
        failure: null,
      }
      const [saved] = await db
        .insert(publishSchedules)
        .values({ journeyId, ...values })
        .onConflictDoUpdate({ target: publishSchedules.journeyId, set: values })
        .returning()
      return scheduleView(saved as ScheduleRow)
    },

    async cancel(journeyId: string): Promise<void> {
      const removed = await db.delete(publishSchedules).where(eq(publishSchedules.journeyId, journeyId)).returning({ journeyId: publishSchedules.journeyId })
      if (removed.length === 0) throw new ApiError(404, 'no_schedule', { en: `Journey "${journeyId}" has no scheduled publish`, zh: `旅程 "${journeyId}" 没有定时发布` })
    },

    async of(journeyId: string): Promise<PublishSchedule | null> {
      const [row] = await db.select().from(publishSchedules).where(eq(publishSchedules.journeyId, journeyId))
      return row ? scheduleView(row) : null
    },
  }
}
