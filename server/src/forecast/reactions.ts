import type { Reaction } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { events, messages } from '../db/schema/index'
import { countedTowardCaps } from '../worker/outbox/counted'

const HOUR = 3_600_000
/** Responses are read over the journey's messages of this many days before now. */
const LOOKBACK_DAYS = 30
/** An event this soon after a message counts as a response to it. */
const RESPONSE_HOURS = 48

/** Events a journey reacts to: its goal, clicks and redemptions, and what its waits wait for. */
function eventsReactedTo(documents: readonly JourneyDocument[]): string[] {
  const names = new Set(['link_clicked', 'coupon_redeemed'])
  for (const document of documents) {
    if (document.settings.goal?.event) names.add(document.settings.goal.event)
    for (const node of document.nodes) if (node.type === 'wait' && node.data.mode === 'for_event') names.add(node.data.event)
  }
  return [...names].sort()
}

/**
 * How contacts answered this journey's messages lately: for each event it reacts to, the share of
 * its messages of the last 30 days followed by that event within 48 hours. The forecast replays
 * these shares, so its conversions come from what happened, not from a guess.
 */
export async function observedReactions(db: Database, journeyId: string, documents: readonly JourneyDocument[], now: number): Promise<Reaction[]> {
  const recent = and(
    eq(messages.journeyId, journeyId),
    gt(messages.createdAt, new Date(now - LOOKBACK_DAYS * 24 * HOUR)),
    lte(messages.createdAt, new Date(now)),
    countedTowardCaps(),
  )
  const [sent] = await db.select({ count: sql<number>`count(*)::int` }).from(messages).where(recent)
  if (!sent?.count) return []
  const names = eventsReactedTo(documents)
  const answered = await db
    .select({ name: events.name, count: sql<number>`count(distinct ${messages.id})::int` })
    .from(messages)
    .innerJoin(
      events,
      and(
        eq(events.contactId, messages.contactId),
        gt(events.occurredAt, messages.createdAt),
        lte(events.occurredAt, sql`${messages.createdAt} + make_interval(hours => ${RESPONSE_HOURS})`),
        inArray(events.name, names),
      ),
    )
    .where(recent)
    .groupBy(events.name)
  const shares = new Map(answered.map((row) => [row.name, row.count / sent.count]))
  return names.map((event) => ({ event, probability: shares.get(event) ?? 0, delayHours: [0, RESPONSE_HOURS] }))
}
