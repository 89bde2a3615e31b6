import { admitThroughThrottle, throttleOf } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import { entryQueue, entryThrottles, journeys } from '../db/schema/index'
import type { Executor } from './contact-view'

export type ThrottleVerdict = 'admit' | 'queued' | 'already_queued'

/**
 * Judges one entry through a trigger against its throttle: admitted now while the clock minute or
 * hour has room, otherwise put in the journey's queue with the time its turn comes (in arrival
 * order, never dropped). The trigger's count is locked for the rest of the transaction, so
 * concurrent entries count against one limit.
 */
export async function throttleEntry(
  tx: Executor,
  journey: { journeyId: string; document: JourneyDocument },
  triggerNodeId: string,
  contactId: string,
  now: number,
): Promise<ThrottleVerdict> {
  const throttle = throttleOf(journey.document, triggerNodeId)
  if (!throttle) return 'admit'
  const key = and(eq(entryThrottles.journeyId, journey.journeyId), eq(entryThrottles.triggerNodeId, triggerNodeId))
  const [waiting] = await tx
    .select({ id: entryQueue.id })
    .from(entryQueue)
    .where(and(eq(entryQueue.journeyId, journey.journeyId), eq(entryQueue.contactId, contactId)))
  if (waiting) return 'already_queued'
  const [stored] = await tx.select().from(entryThrottles).where(key).for('update')
  const admission = admitThroughThrottle(
    throttle,
    stored && { windowStart: stored.windowStart.getTime(), admitted: stored.admitted, lastAdmitAt: stored.lastAdmitAt.getTime() },
    now,
  )
  const state = { windowStart: new Date(admission.state.windowStart), admitted: admission.state.admitted, lastAdmitAt: new Date(admission.state.lastAdmitAt) }
  await tx
    .insert(entryThrottles)
    .values({ journeyId: journey.journeyId, triggerNodeId, ...state })
    .onConflictDoUpdate({ target: [entryThrottles.journeyId, entryThrottles.triggerNodeId], set: state })
  if (admission.at === now) return 'admit'
  await tx.insert(entryQueue).values({ journeyId: journey.journeyId, triggerNodeId, contactId, arrivedAt: new Date(now), admitAt: new Date(admission.at) })
  return 'queued'
}

/**
 * Claims queued entries of live journeys whose turn has come (SKIP LOCKED, so workers share them),
 * or only those of `only`, and takes them off the queue.
 */
export async function claimDueEntries(tx: Executor, now: number, limit: number, only?: readonly number[]) {
  const due = await tx
    .select({ id: entryQueue.id, journeyId: entryQueue.journeyId, triggerNodeId: entryQueue.triggerNodeId, contactId: entryQueue.contactId })
    .from(entryQueue)
    .innerJoin(journeys, eq(journeys.id, entryQueue.journeyId))
    .where(and(lte(entryQueue.admitAt, new Date(now)), eq(journeys.status, 'live'), only ? anyOf(entryQueue.id, only, 'bigint') : undefined))
    .orderBy(asc(entryQueue.admitAt), asc(entryQueue.id))
    .limit(limit)
    .for('update', { of: entryQueue, skipLocked: true })
  if (due.length > 0)
    await tx.delete(entryQueue).where(
      inArray(
        entryQueue.id,
        due.map((row) => row.id),
      ),
    )
  return due
}

/** The next turn in a live journey's queue, so an idle worker wakes for it. */
export async function nextAdmissionAt(tx: Executor): Promise<number | undefined> {
  const [row] = await tx
    .select({ at: sql<Date | null>`min(${entryQueue.admitAt})` })
    .from(entryQueue)
    .innerJoin(journeys, eq(journeys.id, entryQueue.journeyId))
    .where(eq(journeys.status, 'live'))
  return row?.at ? new Date(row.at).getTime() : undefined
}

/** Contacts waiting in a journey's queue, by trigger: shown on the trigger node. */
export async function queuedPerTrigger(tx: Executor, journeyId: string): Promise<Record<string, number>> {
  const rows = await tx
    .select({ triggerNodeId: entryQueue.triggerNodeId, count: sql<number>`count(*)::int` })
    .from(entryQueue)
    .where(eq(entryQueue.journeyId, journeyId))
    .groupBy(entryQueue.triggerNodeId)
  return Object.fromEntries(rows.map((row) => [row.triggerNodeId, row.count]))
}
