import type { JourneyDocument, PublishEvent, PublishEventKind, PublishForecastFigures } from '@recall/shared'
import { desc, eq } from 'drizzle-orm'
import { publishHistory } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'
import { documentHash } from './document-hash'

export interface PublishEventInput {
  journeyId: string
  kind: PublishEventKind
  version: number | null
  draftRevision: number | null
  document: JourneyDocument
  actor: string
  text: string
  approvalId?: string
  forecast: PublishForecastFigures | null
}

/** Written in the transaction of what it records, so a publish or review is never without its line (nor a line without it). */
export async function recordPublishEvent(tx: Executor, event: PublishEventInput): Promise<void> {
  const { document, ...rest } = event
  await tx.insert(publishHistory).values({ ...rest, approvalId: event.approvalId ?? null, documentHash: documentHash(document), at: new Date() })
}

/** The journey's publishing history, newest first. */
export async function publishHistoryOf(db: Executor, journeyId: string): Promise<PublishEvent[]> {
  const rows = await db.select().from(publishHistory).where(eq(publishHistory.journeyId, journeyId)).orderBy(desc(publishHistory.id))
  return rows.map(({ journeyId: _journey, at, ...row }) => ({ ...row, at: at.toISOString() }))
}
