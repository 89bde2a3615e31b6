import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { enrollments, entryQueue, journeys, stepLog } from '../db/schema/index'

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
    // One statement for the timelines however many exit (unnested arrays, as the worker writes).
    if (exited.length > 0)
      await tx.execute(sql`
        insert into ${stepLog} (enrollment_id, at, node_id, kind, message, detail)
        select id, ${new Date(now).toISOString()}::timestamptz, node_id, 'exited', ${JSON.stringify({ en: 'exited: the journey was archived', zh: '已退出:旅程已归档' })}::jsonb, 'archived'
        from unnest(${sql.param(exited.map((row) => row.id))}::text[], ${sql.param(exited.map((row) => row.nodeId))}::text[]) as t(id, node_id)`)
    await tx.delete(entryQueue).where(eq(entryQueue.journeyId, journeyId))
  })
}
