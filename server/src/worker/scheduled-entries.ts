import { contactTimeZone, matchesCondition, nextDateTrigger, readsEvents } from '@recall/engine'
import type { JourneyDocument, JourneyNodeOf } from '@recall/shared'
import { and, eq, gt, notExists, or, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, enrollments, segments, settings } from '../db/schema/index'
import { contactPages, contactViewOf, pageViewsWithHistory, type StoredContactView } from './contact-view'

type Trigger = JourneyNodeOf<'trigger'>

export interface ScheduledEntry {
  journeyId: string
  triggerNodeId: string
  /** Contact row ids due to enter through this trigger now. */
  contactIds: string[]
}

const scanKey = (journeyId: string) => `scan:${journeyId}`

const DAY = 86_400_000

/**
 * The enrollments of a journey that turn a contact away now, as `canEnter` judges them: an active
 * one always; any one when the journey lets no one back; one entered within the last N days when it
 * lets people back N days after their last entry.
 */
function turnsAway(entry: JourneyDocument['settings']['entry'], now: number): SQL | undefined {
  switch (entry.reentry) {
    case 'never':
      return undefined
    case 'after_exit':
      return eq(enrollments.status, 'active')
    case 'after_days':
      return or(eq(enrollments.status, 'active'), gt(enrollments.enteredAt, new Date(now - (entry.reentryDays ?? 0) * DAY)))
  }
}

/**
 * Contacts that at least one of these journeys could still take by its entry rules. The others
 * would be turned away anyway; most of a segment's members are, at every scan (in the journey now,
 * or in it within its re-entry days), and reading them was most of an idle server's work.
 */
function stillEnterable(db: Database, journeys: { journeyId: string; document: JourneyDocument }[], now: number): SQL | undefined {
  return or(
    ...journeys.map(({ journeyId, document }) =>
      notExists(
        db
          .select({ one: sql`1` })
          .from(enrollments)
          .where(and(eq(enrollments.contactId, contacts.id), eq(enrollments.journeyId, journeyId), turnsAway(document.settings.entry, now))),
      ),
    ),
  )
}

/**
 * Who should enter through segment and date triggers since the journey's last scan: contacts now
 * in the segment, and contacts whose date (birthday, sign-up + N days…) came due. Entry rules are
 * applied by the runner when they enter; the scan only proposes.
 */
export async function dueScheduledEntries(
  db: Database,
  live: { journeyId: string; document: JourneyDocument; publishedAt: Date }[],
  now: number,
  defaultTimeZone: string,
): Promise<ScheduledEntry[]> {
  const plans = live.flatMap((journey) =>
    journey.document.nodes
      .filter((node): node is Trigger => node.type === 'trigger' && (node.data.on === 'segment_entered' || node.data.on === 'date_attribute'))
      .map((trigger) => ({ journey, trigger })),
  )
  if (plans.length === 0) return []
  const conditions = new Map((await db.select().from(segments)).map((segment) => [segment.id, segment.condition]))
  const lastScans = new Map<string, number>()
  for (const { journey } of plans) {
    const [row] = await db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, scanKey(journey.journeyId)))
    lastScans.set(journey.journeyId, typeof row?.value === 'number' ? row.value : journey.publishedAt.getTime())
  }
  const entries = plans.map(({ journey, trigger }) => ({
    journeyId: journey.journeyId,
    triggerNodeId: trigger.id,
    contactIds: [] as string[],
    trigger,
    since: lastScans.get(journey.journeyId) as number,
  }))
  // Event history is read only for segments that count events: the scan runs every few seconds on
  // the demo clock, and reading every contact's events for attribute-only segments was most of it.
  const judgesHistory = entries.some((entry) => {
    const condition = entry.trigger.data.on === 'segment_entered' ? conditions.get(entry.trigger.data.segmentId) : undefined
    return condition !== undefined && readsEvents(condition)
  })
  for await (const page of contactPages(db, stillEnterable(db, [...new Set(plans.map((plan) => plan.journey))], now))) {
    // Membership is judged as the engine judges it, event history included; date triggers need only attributes.
    const views = judgesHistory ? await pageViewsWithHistory(db, page, now) : page.map((contact) => contactViewOf(contact, false))
    for (const [index, contact] of page.entries()) {
      const view = views[index] as StoredContactView
      for (const entry of entries) {
        const { data } = entry.trigger
        if (data.on === 'segment_entered') {
          const condition = conditions.get(data.segmentId)
          if (condition && matchesCondition(condition, view, now)) entry.contactIds.push(contact.id)
        } else {
          const at = nextDateTrigger(entry.trigger, contact.attributes, contactTimeZone(contact, defaultTimeZone), entry.since)
          if (at !== undefined && at <= now) entry.contactIds.push(contact.id)
        }
      }
    }
  }
  for (const journeyId of new Set(entries.map((entry) => entry.journeyId))) {
    await db
      .insert(settings)
      .values({ key: scanKey(journeyId), value: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: now, updatedAt: new Date() } })
  }
  return entries.filter((entry) => entry.contactIds.length > 0).map(({ journeyId, triggerNodeId, contactIds }) => ({ journeyId, triggerNodeId, contactIds }))
}
