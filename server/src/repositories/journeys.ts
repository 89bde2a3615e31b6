import { type CompiledJourney, compileJourney, migrateEnrollment } from '@recall/engine'
import {
  hasErrors,
  type JourneyDocument,
  type JourneySummary,
  type Problem,
  type PublishForecastFigures,
  storedActorName,
  type ValidationOptions,
  validateJourney,
} from '@recall/shared'
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import { recordPublishEvent } from '../approvals/history'
import type { Database } from '../db/database'
import { enrollmentState, stateColumns, storedState } from '../db/enrollment-state'
import { enrollments, journeys, journeyVersions, publishSchedules } from '../db/schema/index'
import { ApiError, refusalError } from '../plugins/errors'
import { audienceZoneWarnings } from './audience-zones'
import { workspaceValidation } from './delivery-context'
import { draftChangedError, draftNotSeenError } from './draft-conflict'
import { draftAtRevision, keepDraftRevision } from './draft-history'
import { archive } from './journey-archive'
import { journeyNotFound } from './journey-refusals'
import { type DraftSaver, failScheduleOnOthersSave, scheduleView } from './publish-schedules'

/** A body that is not even a journey document (wrong shape, bad JSON types) is refused whole. */
export function documentOrThrow(input: unknown, workspace: ValidationOptions): { document: JourneyDocument; problems: Problem[] } {
  const { document, problems } = validateJourney(input, workspace)
  if (!document) throw new ApiError(400, 'invalid_journey', { en: 'The journey document is malformed', zh: '旅程文件格式不正确' }, problems)
  return { document, problems }
}

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/** Moves active enrollments of older versions onto `version` where their node still exists. */
async function migrateInFlight(tx: Transaction, journeyId: string, document: JourneyDocument, version: number): Promise<number> {
  const target = compileJourney(document)
  const active = await tx
    .select(stateColumns)
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active'), lt(enrollments.version, version)))
  const sources = new Map<number, CompiledJourney>()
  const moved: { id: string; state: string }[] = []
  for (const row of active) {
    let source = sources.get(row.version)
    if (!source) {
      const [old] = await tx
        .select({ document: journeyVersions.document })
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, row.version)))
      if (!old) continue
      source = compileJourney(old.document)
      sources.set(row.version, source)
    }
    const state = migrateEnrollment(source, target, enrollmentState(row), String(version))
    if (state) moved.push({ id: row.id, state: JSON.stringify(storedState(state)) })
  }
  if (moved.length > 0) {
    await tx.execute(sql`
      update ${enrollments} as e set state = v.state, version = ${version}
      from unnest(${sql.param(moved.map((row) => row.id))}::text[], ${sql.param(moved.map((row) => row.state))}::json[]) as v(id, state)
      where e.id = v.id`)
  }
  return moved.length
}

/**
 * A document's problems when it may be published; 422 with them when it has errors. Checked against
 * the routes, template registry and allowed sending hours as they are now: a template rejected since
 * the draft was saved, or hours that leave its window no time, stop it.
 */
export async function publishableOrThrow(db: Database | Transaction, document: JourneyDocument): Promise<Problem[]> {
  const { problems } = validateJourney(document, await workspaceValidation(db))
  if (hasErrors(problems)) throw new ApiError(422, 'journey_has_errors', { en: 'The journey has errors; fix them before publishing', zh: '旅程存在错误,修正后才能发布' }, problems)
  return problems
}

export interface PublishOptions {
  note: string
  migrate: boolean
  /** A document to publish instead of the draft, with the draft revision it was taken from (a submission's); null when none (an A/B winner). */
  documentToPublish?: { document: JourneyDocument; draftRevision: number | null }
  /** The journeys' clock at publishing (a scheduled publish on the demo clock); the database's time otherwise. */
  publishedAt?: Date
  /** Who publishes, for the journey's publishing history. */
  by?: string | undefined
  /** The forecast the publish was judged by (recorded with it). */
  forecast?: PublishForecastFigures | null
  /** The draft revision that was checked (forecast, approval rule): a newer draft is refused rather than published unchecked. */
  expectedRevision?: number | undefined
  /** The draft revision the publisher saw (their If-Match): another draft is refused with 412 naming who saved it. */
  seenRevision?: number | undefined
  /** The journeys' clock (the demo's when it runs), for the zones' offsets the warnings judge; `publishedAt` or the wall clock otherwise. */
  now?: number | undefined
}

const draftMovedOn = (checked: number, now: number) =>
  new ApiError(409, 'draft_changed_during_check', {
    en: `The draft changed (revision ${checked} → ${now}) while it was being checked; publish again to check the new one`,
    zh: `检查期间草稿已被修改(第 ${checked} 版 → 第 ${now} 版),请重新发布以检查新草稿`,
  })

/**
 * Publishing inside the caller's transaction (the scheduled publisher claims its row in the same
 * one). Every refusal is thrown before anything is written.
 */
export async function publishWithin(
  tx: Transaction,
  id: string,
  { note, migrate, documentToPublish, publishedAt, by, forecast, expectedRevision, seenRevision, now }: PublishOptions,
) {
  const [stored] = await tx.select().from(journeys).where(eq(journeys.id, id)).for('update')
  if (!stored) throw journeyNotFound(id)
  if (seenRevision !== undefined && stored.draftRevision !== seenRevision) throw draftNotSeenError(seenRevision, stored, 'publish')
  if (expectedRevision !== undefined && stored.draftRevision !== expectedRevision) throw draftMovedOn(expectedRevision, stored.draftRevision)
  const journey = documentToPublish ? { ...stored, draft: documentToPublish.document } : stored
  if (journey.status === 'archived') throw new ApiError(409, 'journey_archived', { en: 'An archived journey cannot be published', zh: '已归档的旅程不能发布' })
  // Sends are judged in each contact's zones, not the workspace's: the publish says where a fixed time or a window holds them.
  const problems = [...(await publishableOrThrow(tx, journey.draft)), ...(await audienceZoneWarnings(tx, journey.draft, now ?? publishedAt?.getTime() ?? Date.now()))]
  const version = (journey.liveVersion ?? 0) + 1
  await tx.insert(journeyVersions).values({ journeyId: id, version, document: journey.draft, note, ...(publishedAt ? { publishedAt } : {}) })
  await tx
    .update(journeys)
    .set({ liveVersion: version, status: journey.status === 'paused' ? 'paused' : 'live', updatedAt: new Date() })
    .where(eq(journeys.id, id))
  const kept = new Set(journey.draft.nodes.map((node) => node.id))
  const [atRemoved] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.journeyId, id),
        eq(enrollments.status, 'active'),
        sql`${enrollments.nodeId} is not null`,
        kept.size > 0 ? sql`not (${inArray(enrollments.nodeId, [...kept])})` : sql`true`,
      ),
    )
  const migrated = migrate ? await migrateInFlight(tx, id, journey.draft, version) : 0
  await recordPublishEvent(tx, {
    journeyId: id,
    kind: 'published',
    version,
    draftRevision: documentToPublish ? documentToPublish.draftRevision : stored.draftRevision,
    document: journey.draft,
    actor: by ?? storedActorName({ kind: 'system' }),
    text: note,
    forecast: forecast ?? null,
  })
  return { version, problems, contactsAtRemovedNodes: atRemoved?.count ?? 0, migrated }
}

/** Journeys, their drafts and immutable published versions. */
export function journeysRepository(db: Database) {
  async function row(id: string, executor: Database | Transaction = db) {
    const [found] = await executor.select().from(journeys).where(eq(journeys.id, id))
    if (!found) throw journeyNotFound(id)
    return found
  }

  return {
    async list(): Promise<JourneySummary[]> {
      const rows = await db
        .select({ id: journeys.id, name: journeys.name, status: journeys.status, liveVersion: journeys.liveVersion, updatedAt: journeys.updatedAt, tags: journeys.tags })
        .from(journeys)
        .orderBy(desc(journeys.updatedAt))
      const active = await db
        .select({ journeyId: enrollments.journeyId, count: sql<number>`count(*)::int` })
        .from(enrollments)
        .where(eq(enrollments.status, 'active'))
        .groupBy(enrollments.journeyId)
      const activeOf = new Map(active.map((row) => [row.journeyId, row.count]))
      const scheduleOf = new Map((await db.select().from(publishSchedules)).map((schedule) => [schedule.journeyId, scheduleView(schedule)]))
      return rows.map((journey) => ({
        ...journey,
        updatedAt: journey.updatedAt.toISOString(),
        activeContacts: activeOf.get(journey.id) ?? 0,
        schedule: scheduleOf.get(journey.id) ?? null,
      }))
    },

    /** Drafts may be unfinished: they are stored with their problems, not refused for them. */
    async create(input: unknown) {
      const { document, problems } = documentOrThrow(input, await workspaceValidation(db))
      const existing = await db.select({ id: journeys.id }).from(journeys).where(eq(journeys.id, document.id))
      if (existing.length > 0)
        throw refusalError({
          status: 409,
          code: 'journey_exists',
          path: '/body/id',
          text: { en: `A journey with id "${document.id}" already exists`, zh: `已存在标识为 "${document.id}" 的旅程` },
        })
      await db.transaction(async (tx) => {
        await tx.insert(journeys).values({ id: document.id, name: document.name, draft: document })
        await keepDraftRevision(tx, document.id, 1, document, null)
      })
      return { journey: await row(document.id), problems }
    },

    async get(id: string) {
      const journey = await row(id)
      return { journey, problems: validateJourney(journey.draft, await workspaceValidation(db)).problems }
    },

    /** The draft's problems and, once it has no errors, what its sends would meet in the zones of the workspace's contacts at `now`. */
    async validate(id: string, now: number): Promise<Problem[]> {
      const { journey, problems } = await this.get(id)
      if (hasErrors(problems)) return problems
      return [...problems, ...(await audienceZoneWarnings(db, journey.draft, now))]
    },

    /**
     * Saves the draft. With `ifRevision` (the If-Match of the save) it is refused with 412 when someone
     * saved a newer revision meanwhile; `by` is remembered to say who. With `saver` (a person's save,
     * not the system's), a pending scheduled publish fails in the same transaction unless the saver
     * scheduled it: both are written or neither.
     */
    async updateDraft(id: string, input: unknown, options: { ifRevision?: number | 'any' | undefined; by?: string; saver?: DraftSaver } = {}) {
      // Checked before the transaction opens: validation reads the workspace and may take a while on a big journey.
      const { document, problems } = documentOrThrow(input, await workspaceValidation(db))
      if (document.id !== id)
        throw refusalError({
          status: 400,
          code: 'journey_id_mismatch',
          path: '/body/id',
          text: { en: `The document's id "${document.id}" does not match "${id}"`, zh: `文件中的标识 "${document.id}" 与 "${id}" 不一致` },
        })
      const journey = await row(id)
      if (journey.status === 'archived') throw new ApiError(409, 'journey_archived', { en: 'An archived journey cannot be edited', zh: '已归档的旅程不能编辑' })
      const expected = typeof options.ifRevision === 'number' ? eq(journeys.draftRevision, options.ifRevision) : undefined
      const saved = await db.transaction(async (tx) => {
        if (options.saver) await failScheduleOnOthersSave(tx, id, options.saver, document)
        // One conditional update: two saves naming the same revision cannot both succeed.
        const [updated] = await tx
          .update(journeys)
          .set({ draft: document, name: document.name, updatedAt: new Date(), draftRevision: sql`${journeys.draftRevision} + 1`, draftSavedBy: options.by ?? null })
          .where(and(eq(journeys.id, id), expected))
          .returning()
        // Thrown inside, so a schedule just failed for this save is rolled back with it; told against the revision the save started from.
        if (!updated) throw draftChangedError(document, await row(id, tx), typeof options.ifRevision === 'number' ? await draftAtRevision(tx, id, options.ifRevision) : undefined)
        await keepDraftRevision(tx, id, updated.draftRevision, document, updated.draftSavedBy)
        return updated
      })
      return { journey: saved, problems }
    },

    /**
     * Publishes the draft (or, to roll out an A/B winner, a document derived from the live version)
     * as the next immutable version. Refused while it has errors. Contacts in flight stay on their
     * version; the answer counts those at nodes the new version drops.
     */
    async publish(
      id: string,
      note: string,
      migrate = false,
      documentToPublish?: JourneyDocument,
      checked: Pick<PublishOptions, 'by' | 'forecast' | 'expectedRevision' | 'seenRevision' | 'now'> = {},
    ) {
      return db.transaction(async (tx) => {
        const published = await publishWithin(tx, id, {
          note,
          migrate,
          ...(documentToPublish ? { documentToPublish: { document: documentToPublish, draftRevision: null } } : {}),
          ...checked,
        })
        // Published now, the draft has nothing left to go live later: a pending schedule would publish it again.
        const cancelled = await tx.delete(publishSchedules).where(eq(publishSchedules.journeyId, id)).returning({ publishAt: publishSchedules.publishAt })
        return { ...published, cancelledSchedule: cancelled[0] ? cancelled[0].publishAt.toISOString() : null }
      })
    },

    /** `now` is the journeys' clock, for the exits an archive writes on the contacts' timelines. */
    async setStatus(id: string, status: 'live' | 'paused' | 'archived', now = Date.now()) {
      const journey = await row(id)
      if (status !== 'archived' && journey.liveVersion === null) throw new ApiError(409, 'journey_not_published', { en: 'Publish the journey first', zh: '请先发布旅程' })
      if (journey.status === 'archived') throw new ApiError(409, 'journey_archived', { en: 'The journey is archived', zh: '旅程已归档' })
      if (status === 'archived') await archive(db, id, now)
      else await db.update(journeys).set({ status, updatedAt: new Date() }).where(eq(journeys.id, id))
      return row(id)
    },

    /** Only a journey never published may go: a published one is archived, so its contacts and messages keep their journey. */
    async remove(id: string) {
      const journey = await row(id)
      if (journey.liveVersion !== null)
        throw new ApiError(409, 'journey_published', {
          en: 'A published journey cannot be deleted; archive it (its contacts and messages keep pointing at it)',
          zh: '已发布的旅程不能删除,请归档(其联系人和消息仍关联此旅程)',
        })
      await db.delete(journeys).where(eq(journeys.id, id))
    },

    async versions(id: string) {
      await row(id)
      return db
        .select({ version: journeyVersions.version, note: journeyVersions.note, publishedAt: journeyVersions.publishedAt })
        .from(journeyVersions)
        .where(eq(journeyVersions.journeyId, id))
        .orderBy(desc(journeyVersions.version))
    },

    async version(id: string, version: number) {
      const [found] = await db
        .select()
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, id), eq(journeyVersions.version, version)))
      if (!found)
        throw refusalError({
          status: 404,
          code: 'version_not_found',
          path: '/params/version',
          text: { en: `Journey "${id}" has no version ${version}`, zh: `旅程 "${id}" 没有第 ${version} 版` },
        })
      return found
    },
  }
}

export type JourneysRepository = ReturnType<typeof journeysRepository>
