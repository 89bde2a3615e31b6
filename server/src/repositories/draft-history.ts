import type { JourneyDocument } from '@recall/shared'
import { and, eq, lte } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeyDraftRevisions } from '../db/schema/index'
import type { Transaction } from './journeys'

/**
 * How many of a journey's latest draft revisions are kept. A save is refused for a newer revision
 * within the saves of a few people editing at once; one that started further back than this is told
 * what differs without who changed it.
 */
export const DRAFT_REVISIONS_KEPT = 50

/** Keeps a revision just saved (in the save's transaction), and lets the oldest go. */
export async function keepDraftRevision(tx: Database | Transaction, journeyId: string, revision: number, document: JourneyDocument, savedBy: string | null): Promise<void> {
  await tx.insert(journeyDraftRevisions).values({ journeyId, revision, document, savedBy })
  await tx.delete(journeyDraftRevisions).where(and(eq(journeyDraftRevisions.journeyId, journeyId), lte(journeyDraftRevisions.revision, revision - DRAFT_REVISIONS_KEPT)))
}

/** The draft as it was saved at a revision, while it is kept. */
export async function draftAtRevision(executor: Database | Transaction, journeyId: string, revision: number): Promise<JourneyDocument | undefined> {
  const [found] = await executor
    .select({ document: journeyDraftRevisions.document })
    .from(journeyDraftRevisions)
    .where(and(eq(journeyDraftRevisions.journeyId, journeyId), eq(journeyDraftRevisions.revision, revision)))
  return found?.document
}
