import { matchesCondition } from '@recall/engine'
import type { ConditionGroup } from '@recall/shared'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys, journeyVersions, segments } from '../db/schema/index'
import { refusalError } from '../plugins/errors'
import { contactPages, pageViewsWithHistory } from '../worker/contact-view'

/** Segments are saved conditions; membership is the engine's own condition evaluation. */
export function segmentsRepository(db: Database, clock: () => number) {
  return {
    list: () => db.select().from(segments).orderBy(asc(segments.id)),

    /** Live or paused journeys whose live version enters contacts from this segment: changing it changes who they reach. */
    liveJourneysEntering: (id: string) =>
      db
        .select({ id: journeys.id, name: journeys.name })
        .from(journeys)
        .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
        .where(
          and(
            inArray(journeys.status, ['live', 'paused']),
            sql`${journeyVersions.document}->'nodes' @> ${JSON.stringify([{ type: 'trigger', data: { on: 'segment_entered', segmentId: id } }])}::jsonb`,
          ),
        )
        .orderBy(asc(journeys.name)),

    async save(id: string, segment: { id: string; name: string; condition: ConditionGroup }) {
      if (segment.id !== id)
        throw refusalError({
          status: 400,
          code: 'segment_id_mismatch',
          path: '/body/id',
          text: { en: `The body's id "${segment.id}" does not match "${id}"`, zh: `请求中的标识 "${segment.id}" 与 "${id}" 不一致` },
        })
      await db
        .insert(segments)
        .values(segment)
        .onConflictDoUpdate({ target: segments.id, set: { name: segment.name, condition: segment.condition } })
      return segment
    },

    /** Walks contacts page by page; membership is the engine's own condition evaluation. */
    async count(id: string): Promise<number> {
      const [segment] = await db.select().from(segments).where(eq(segments.id, id))
      if (!segment) throw refusalError({ status: 404, code: 'segment_not_found', path: '/params/id', text: { en: `No segment "${id}"`, zh: `分群 "${id}" 不存在` } })
      const now = clock()
      let members = 0
      for await (const page of contactPages(db)) {
        for (const view of await pageViewsWithHistory(db, page, now)) if (matchesCondition(segment.condition, view, now)) members += 1
      }
      return members
    },
  }
}
