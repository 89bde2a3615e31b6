import type { JourneyHead } from '@recall/shared'
import { and, desc, eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys, publishHistory } from '../db/schema/index'
import { journeyNotFound } from './journey-refusals'

/** Where a journey's draft and live version stand, read from two small rows: what an open editor polls. */
export async function journeyHead(db: Database, id: string): Promise<JourneyHead> {
  const [journey] = await db
    .select({ status: journeys.status, draftRevision: journeys.draftRevision, draftSavedBy: journeys.draftSavedBy, liveVersion: journeys.liveVersion })
    .from(journeys)
    .where(eq(journeys.id, id))
  if (!journey) throw journeyNotFound(id)
  if (journey.liveVersion === null) return { ...journey, published: null }
  const [event] = await db
    .select({ by: publishHistory.actor, at: publishHistory.at })
    .from(publishHistory)
    .where(and(eq(publishHistory.journeyId, id), eq(publishHistory.kind, 'published'), eq(publishHistory.version, journey.liveVersion)))
    .orderBy(desc(publishHistory.id))
    .limit(1)
  return { ...journey, published: event ? { version: journey.liveVersion, by: event.by, at: event.at.toISOString() } : null }
}
