import { conditionStableUntil, contactTimeZone, matchesCondition, nextDateTrigger, readsEvents } from '@recall/engine'
import { byCodeUnits, type ConditionGroup, type JourneyDocument, type JourneyNodeOf } from '@recall/shared'
import { and, eq, gt, notExists, or, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, enrollments, segments, settings } from '../db/schema/index'
import { contactPages, contactViewOf, pageViewsWithHistory, type StoredContactView } from './contact-view'
import type { Judge, Judgement, ScanMemory } from './scan-memory'

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

interface Plan {
  journeyId: string
  trigger: Trigger
  /** The journey's last scan: a date trigger enters who came due after it. */
  since: number
  contactIds: string[]
}

/**
 * Whether a contact is due to enter through this trigger now, and until when that answer holds
 * while the contact does not change: a segment's member until its condition may flip with time; a
 * date trigger's contact from its date on (then judged again at each scan, the date counting from it).
 */
function judgeOf(plan: Plan, condition: ConditionGroup | undefined, now: number, defaultTimeZone: string): Judge {
  const { data } = plan.trigger
  if (data.on === 'segment_entered')
    return (_contact, view): Judgement =>
      condition ? { member: matchesCondition(condition, view, now), until: conditionStableUntil(condition, view, now) } : { member: false, until: Number.POSITIVE_INFINITY }
  return (contact): Judgement => {
    // Counted from a time still to come (a journey published ahead of a simulated clock): the next
    // scan counts from now, which may find an earlier date, so judged again then.
    if (plan.since > now) return { member: false, until: now }
    const at = nextDateTrigger(plan.trigger, contact.attributes, contactTimeZone(contact, defaultTimeZone), plan.since)
    // Counted from a later scan, the next date is never earlier (the same one until it comes due).
    if (at !== undefined) return { member: at <= now, until: Math.max(at, now) }
    // A one-off date that has passed stays passed; a yearly one with none near may find one when the year turns.
    return { member: false, until: data.on === 'date_attribute' && data.yearly ? now : Number.POSITIVE_INFINITY }
  }
}

/**
 * A judge that answers "not a member, judge again at the next scan" for a contact it throws on (data
 * the engine cannot read, such as a time zone this runtime does not know), telling `failed`: one such
 * contact must not stop every segment and date entry of every journey.
 */
function sparing(judge: Judge, failed: (error: unknown) => void, now: number): Judge {
  return (contact, view) => {
    try {
      return judge(contact, view)
    } catch (error) {
      failed(error)
      return { member: false, until: now }
    }
  }
}

/** Every enterable contact judged now, page by page (the way without memory, and for segments that count events). */
async function judgeEveryone(db: Database, plans: Plan[], judges: Judge[], enterable: SQL | undefined, now: number, judgesHistory: boolean): Promise<void> {
  for await (const page of contactPages(db, enterable)) {
    // Membership is judged as the engine judges it, event history included; date triggers need only attributes.
    const views = judgesHistory ? await pageViewsWithHistory(db, page, now) : page.map((contact) => contactViewOf(contact, undefined))
    for (const [index, contact] of page.entries()) {
      const view = views[index] as StoredContactView
      for (const [plan, judge] of judges.entries()) if (judge(contact, view).member) plans[plan]?.contactIds.push(contact.id)
    }
  }
}

/** The enterable contacts' members the memory knows (judging again only contacts that changed or may have moved with time). */
async function judgeChanged(db: Database, memory: ScanMemory, plans: Plan[], judges: Judge[], enterable: SQL | undefined, now: number, scanKey: string): Promise<void> {
  const continuous = plans.every((plan) => plan.trigger.data.on !== 'date_attribute' || plan.since === memory.lastNow)
  const members = await memory.members(db, scanKey, judges, now, continuous, enterable)
  for (const [index, plan] of plans.entries()) plan.contactIds = [...(members[index] ?? [])].sort(byCodeUnits)
}

/**
 * Who should enter through segment and date triggers since the journey's last scan: contacts now
 * in the segment, and contacts whose date (birthday, sign-up + N days…) came due. Entry rules are
 * applied by the runner when they enter; the scan only proposes. With `memory` (the worker's), only
 * contacts that changed or may have moved with time are read and judged again, to the same answer.
 */
export async function dueScheduledEntries(
  db: Database,
  live: { journeyId: string; document: JourneyDocument; publishedAt: Date }[],
  now: number,
  defaultTimeZone: string,
  memory?: ScanMemory,
  onJudgeFailure: (trigger: { journeyId: string; triggerNodeId: string }, error: unknown) => void = () => {},
): Promise<ScheduledEntry[]> {
  const triggers = live.flatMap((journey) =>
    journey.document.nodes
      .filter((node): node is Trigger => node.type === 'trigger' && (node.data.on === 'segment_entered' || node.data.on === 'date_attribute'))
      .map((trigger) => ({ journey, trigger })),
  )
  if (triggers.length === 0) return []
  const conditions = new Map((await db.select().from(segments)).map((segment) => [segment.id, segment.condition]))
  const lastScans = new Map<string, number>()
  for (const { journey } of triggers) {
    const [row] = await db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, scanKey(journey.journeyId)))
    lastScans.set(journey.journeyId, typeof row?.value === 'number' ? row.value : journey.publishedAt.getTime())
  }
  const plans: Plan[] = triggers.map(({ journey, trigger }) => ({ journeyId: journey.journeyId, trigger, since: lastScans.get(journey.journeyId) as number, contactIds: [] }))
  const conditionOf = (plan: Plan) => (plan.trigger.data.on === 'segment_entered' ? conditions.get(plan.trigger.data.segmentId) : undefined)
  const judges = plans.map((plan) =>
    sparing(judgeOf(plan, conditionOf(plan), now, defaultTimeZone), (error) => onJudgeFailure({ journeyId: plan.journeyId, triggerNodeId: plan.trigger.id }, error), now),
  )
  // Event history is read only for segments that count events: the scan runs every few seconds on
  // the demo clock, and reading every contact's events for attribute-only segments was most of it.
  // Events are not versioned with their contact's row, so such segments are judged afresh each time.
  const judgesHistory = plans.some((plan) => {
    const condition = conditionOf(plan)
    return condition !== undefined && readsEvents(condition)
  })
  const enterable = stillEnterable(db, [...new Set(triggers.map(({ journey }) => journey))], now)
  if (memory && !judgesHistory) {
    const judged = JSON.stringify({ defaultTimeZone, plans: plans.map((plan) => [plan.journeyId, plan.trigger, conditionOf(plan)]) })
    await judgeChanged(db, memory, plans, judges, enterable, now, judged)
  } else await judgeEveryone(db, plans, judges, enterable, now, judgesHistory)
  for (const journeyId of new Set(plans.map((plan) => plan.journeyId))) {
    await db
      .insert(settings)
      .values({ key: scanKey(journeyId), value: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: now, updatedAt: new Date() } })
  }
  return plans.filter((plan) => plan.contactIds.length > 0).map(({ journeyId, trigger, contactIds }) => ({ journeyId, triggerNodeId: trigger.id, contactIds }))
}
