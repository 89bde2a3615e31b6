import type { LocalizedText } from '@recall/shared'
import { and, eq, lte } from 'drizzle-orm'
import type { Database } from '../db/database'
import { enrollments, entryQueue } from '../db/schema/index'
import { writeLineForEach } from '../repositories/timeline'
import { type IsolatedFailure, MAX_FAILURES, retryAt } from './isolation'

const atNode = (nodeId: string | null): LocalizedText => (nodeId ? { en: ` at node ${nodeId}`, zh: `节点 ${nodeId} 处的` } : { en: '', zh: '' })

function retryLine(nodeId: string | null, failures: number): LocalizedText {
  const node = atNode(nodeId)
  return {
    en: `retrying: the step${node.en} failed (${failures} of ${MAX_FAILURES} tries); it is tried again later`,
    zh: `重试中:${node.zh}步骤执行失败(第 ${failures} 次,最多 ${MAX_FAILURES} 次),稍后重试`,
  }
}

function stoppedLine(nodeId: string | null): LocalizedText {
  const node = atNode(nodeId)
  return {
    en: `stopped: the step${node.en} failed ${MAX_FAILURES} times in a row; the contact waits here until someone retries or removes it`,
    zh: `已停止:${node.zh}步骤连续失败 ${MAX_FAILURES} 次;联系人停在此处,直到有人重试或将其移出`,
  }
}

/**
 * A due step that failed alone, in a transaction of its own: tried again after a wait that grows
 * with each failure in a row, or stopped at the fifth (no wake time, so no claim takes it; the
 * timeline says so). Only while it is still due as claimed: a worker that recorded the same
 * failure meanwhile has put its wake later, and the failure is counted once.
 */
export async function recordStepFailure(
  db: Database,
  { enrollmentId, dueBy, now, realPerSimulated, error }: { enrollmentId: string; dueBy: number; now: number; realPerSimulated: number; error: unknown },
): Promise<IsolatedFailure | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ nodeId: enrollments.nodeId, failures: enrollments.stepFailures })
      .from(enrollments)
      .where(and(eq(enrollments.id, enrollmentId), eq(enrollments.status, 'active'), lte(enrollments.nextWakeAt, new Date(dueBy))))
      .for('update')
    if (!row) return undefined
    const failures = row.failures + 1
    const next = retryAt(failures, now, realPerSimulated)
    await tx
      .update(enrollments)
      .set({ stepFailures: failures, nextWakeAt: next === undefined ? null : new Date(next), stoppedAt: next === undefined ? new Date(now) : null })
      .where(eq(enrollments.id, enrollmentId))
    await writeLineForEach(tx, [{ id: enrollmentId, nodeId: row.nodeId }], {
      at: now,
      kind: next === undefined ? 'stopped' : 'step_failed',
      message: next === undefined ? stoppedLine(row.nodeId) : retryLine(row.nodeId, failures),
      detail: `failures:${failures}`,
    })
    return {
      kind: 'step',
      ids: { enrollmentId, nodeId: row.nodeId },
      failures,
      outcome: next === undefined ? 'stopped' : 'retried',
      ...(next === undefined ? {} : { retryAt: new Date(next).toISOString() }),
      error,
    }
  })
}

/**
 * A queued entry whose turn failed alone: its turn put back after the same growing waits, and
 * dropped from the queue at the fifth failure (there is no enrollment yet to stop; the log says so).
 */
export async function recordEntryFailure(
  db: Database,
  { entryId, dueBy, now, realPerSimulated, error }: { entryId: number; dueBy: number; now: number; realPerSimulated: number; error: unknown },
): Promise<IsolatedFailure | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ journeyId: entryQueue.journeyId, triggerNodeId: entryQueue.triggerNodeId, failures: entryQueue.failures })
      .from(entryQueue)
      .where(and(eq(entryQueue.id, entryId), lte(entryQueue.admitAt, new Date(dueBy))))
      .for('update')
    if (!row) return undefined
    const failures = row.failures + 1
    const next = retryAt(failures, now, realPerSimulated)
    if (next === undefined) await tx.delete(entryQueue).where(eq(entryQueue.id, entryId))
    else
      await tx
        .update(entryQueue)
        .set({ failures, admitAt: new Date(next) })
        .where(eq(entryQueue.id, entryId))
    return {
      kind: 'queued_entry',
      ids: { entryId, journeyId: row.journeyId, nodeId: row.triggerNodeId },
      failures,
      outcome: next === undefined ? 'dropped' : 'retried',
      ...(next === undefined ? {} : { retryAt: new Date(next).toISOString() }),
      error,
    }
  })
}
