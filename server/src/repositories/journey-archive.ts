import { and, eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { enrollments, entryQueue, journeys } from '../db/schema/index'
import { writeLineForEach } from './timeline'

/**
 * Archives a journey: read-only from now on, and nobody stays in it. Its active contacts exit with
 * the reason on their timelines, and contacts queued behind a throttled trigger never enter; its
 * queued messages are cancelled by the dispatcher ("the journey was archived"). One transaction, so
 * a worker batch that claimed some of its contacts first finishes before they exit.
 */
export async function archive(db: Database, journeyId: string, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(journeys).set({ status: 'archived', updatedAt: new Date() }).where(eq(journeys.id, journeyId))
    const exited = await tx
      .update(enrollments)
      .set({ status: 'exited', exitReason: 'archived', exitedAt: new Date(now), nextWakeAt: null })
      .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active')))
      .returning({ id: enrollments.id, nodeId: enrollments.nodeId })
    // One statement for the timelines however many exit.
    await writeLineForEach(tx, exited, { at: now, kind: 'exited', message: { en: 'exited: the journey was archived', zh: '已退出:旅程已归档' }, detail: 'archived' })
    await tx.delete(entryQueue).where(eq(entryQueue.journeyId, journeyId))
  })
}
