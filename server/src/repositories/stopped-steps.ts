import { storedActorText } from '@recall/shared'
import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contacts, enrollments } from '../db/schema/index'
import { WORK_CHANNEL } from '../worker/runner'
import { writeLineForEach } from './timeline'

/** Active enrollments of the journey whose step failed too often in a row (worker/failing-steps.ts). */
const stoppedIn = (journeyId: string) => and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active'), isNotNull(enrollments.stoppedAt))

/** Contacts a journey stopped because their step kept failing: counted for the live view's alarm, listed, tried again. */
export function stoppedStepsRepository(db: Database) {
  return {
    async count(journeyId: string): Promise<number> {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(enrollments).where(stoppedIn(journeyId))
      return row?.count ?? 0
    },

    /** A page of them (keyset on the enrollment id), with where each stopped and when. */
    async list(journeyId: string, { after, limit }: { after?: string | undefined; limit: number }) {
      const rows = await db
        .select({
          enrollmentId: enrollments.id,
          externalId: contacts.externalId,
          version: enrollments.version,
          nodeId: enrollments.nodeId,
          failures: enrollments.stepFailures,
          stoppedAt: enrollments.stoppedAt,
        })
        .from(enrollments)
        .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
        .where(and(stoppedIn(journeyId), after ? gt(enrollments.id, after) : undefined))
        .orderBy(asc(enrollments.id))
        .limit(limit)
      return { contacts: rows, next: rows.length === limit ? (rows.at(-1)?.enrollmentId ?? null) : null }
    },

    /**
     * Tries every stopped contact of the journey again now, with a fresh count of tries (after the
     * cause was fixed: a deploy, corrected data); each timeline says who asked. Their contacts are
     * locked first, in id order, as every writer locks them.
     */
    async retry(journeyId: string, by: string, now: number): Promise<{ retried: number }> {
      return db.transaction(async (tx) => {
        const stopped = await tx.select({ contactId: enrollments.contactId }).from(enrollments).where(stoppedIn(journeyId))
        if (stopped.length === 0) return { retried: 0 }
        await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(
            anyOf(
              contacts.id,
              stopped.map((row) => row.contactId),
            ),
          )
          .orderBy(asc(contacts.id))
          .for('update')
        const retried = await tx
          .update(enrollments)
          .set({ stoppedAt: null, stepFailures: 0, nextWakeAt: new Date(now) })
          .where(stoppedIn(journeyId))
          .returning({ id: enrollments.id, nodeId: enrollments.nodeId })
        const asker = storedActorText(by)
        await writeLineForEach(tx, retried, {
          at: now,
          kind: 'retried',
          message: { en: `retrying: ${asker.en} asked to try the step again`, zh: `重试:${asker.zh} 要求重新执行该步骤` },
          detail: 'retried',
        })
        // The worker may be asleep until its next known wake: these are due now.
        await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`)
        return { retried: retried.length }
      })
    },
  }
}
