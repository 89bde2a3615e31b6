import { matchesCondition } from '@recall/engine'
import type { ConditionGroup } from '@recall/shared'
import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import type { Database } from '../db/database'
import { events, segments, suppressions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { contactPages, contactViewOf } from '../worker/contact-view'

const EVENT_LOOKBACK_DAYS = 366

/** Segments are saved conditions; membership is the engine's own condition evaluation. */
export function segmentsRepository(db: Database, clock: () => number) {
  return {
    list: () => db.select().from(segments).orderBy(asc(segments.id)),

    async save(id: string, segment: { id: string; name: string; condition: ConditionGroup }) {
      if (segment.id !== id)
        throw new ApiError(400, 'segment_id_mismatch', { en: `The body's id "${segment.id}" does not match "${id}"`, zh: `请求中的标识 "${segment.id}" 与 "${id}" 不一致` })
      await db
        .insert(segments)
        .values(segment)
        .onConflictDoUpdate({ target: segments.id, set: { name: segment.name, condition: segment.condition } })
      return segment
    },

    /** Walks contacts page by page; membership is the engine's own condition evaluation. */
    async count(id: string): Promise<number> {
      const [segment] = await db.select().from(segments).where(eq(segments.id, id))
      if (!segment) throw new ApiError(404, 'segment_not_found', { en: `No segment "${id}"`, zh: `分群 "${id}" 不存在` })
      const now = clock()
      let members = 0
      for await (const page of contactPages(db)) {
        const history = await db
          .select({ contactId: events.contactId, name: events.name, at: events.occurredAt })
          .from(events)
          .where(
            and(
              inArray(
                events.contactId,
                page.map((contact) => contact.id),
              ),
              gt(events.occurredAt, new Date(now - EVENT_LOOKBACK_DAYS * 86_400_000)),
            ),
          )
        const eventsOf = new Map<string, { name: string; at: number }[]>()
        for (const event of history) {
          const list = eventsOf.get(event.contactId) ?? []
          list.push({ name: event.name, at: event.at.getTime() })
          eventsOf.set(event.contactId, list)
        }
        const phones = page.flatMap((contact) => (contact.phone ? [contact.phone] : []))
        const suppressed = new Set(
          phones.length > 0 ? (await db.select({ phone: suppressions.phone }).from(suppressions).where(inArray(suppressions.phone, phones))).map((row) => row.phone) : [],
        )
        for (const contact of page) {
          const view = contactViewOf(contact, contact.phone ? suppressed.has(contact.phone) : false)
          view.events = eventsOf.get(contact.id) ?? []
          if (matchesCondition(segment.condition, view, now)) members += 1
        }
      }
      return members
    },
  }
}
