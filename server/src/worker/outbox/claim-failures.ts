import { and, eq, isNull, lt, lte, or } from 'drizzle-orm'
import type { Database } from '../../db/database'
import { messages } from '../../db/schema/index'
import { type FailureReporter, type IsolatedFailure, isDatabaseTrouble, isolateFailures, retryAt } from '../isolation'
import { type ClaimOptions, claimDueMessages, MAX_ATTEMPTS } from './claim'
import { logOnTimeline, type OutboxRow, recordUncertain, releaseCoupon, type Transaction } from './record'

type ClaimResult = Awaited<ReturnType<typeof claimDueMessages>>

const CHECK_FAILED = 'check_failed'
const NOT_SENT = {
  en: `not sent: the checks before sending failed ${MAX_ATTEMPTS} times in a row (the server log has the details)`,
  zh: `发送失败:发送前的检查连续 ${MAX_ATTEMPTS} 次出错(详情见服务器日志)`,
}

export interface ClaimFailureOptions {
  /** Real milliseconds per journeys' millisecond: a message whose claim fails waits real time, as a failing step does. */
  realPerSimulated: number
  onFailure: FailureReporter
}

/**
 * Claims as claimDueMessages does. When the claim fails on some message's own account (a check that
 * throws on its data, a write its row refuses), the messages it had taken are claimed again in
 * halves, down to those that fail alone: each of them is tried again after the steps' waits, and
 * failed for good at its fifth try. The outbox never stops behind one message.
 */
export async function claimIsolating(db: Database, options: ClaimOptions, { realPerSimulated, onFailure }: ClaimFailureOptions): Promise<ClaimResult> {
  const taken: number[] = []
  try {
    return await claimDueMessages(db, { ...options, taken })
  } catch (error) {
    if (taken.length === 0) throw error
    const dueBy = options.clock()
    const result: ClaimResult = { claimed: [], examined: 0, now: dueBy }
    await isolateFailures(
      taken,
      error,
      async (part) => {
        const group = await claimDueMessages(db, { ...options, only: part, limit: part.length })
        result.claimed.push(...group.claimed)
        result.examined += group.examined
        result.now = Math.max(result.now, group.now)
      },
      async (id, cause) => {
        result.examined += 1
        const failure = await recordClaimFailure(db, id, { dueBy, now: options.clock(), wallNow: options.wallNow, realPerSimulated, error: cause })
        if (failure) onFailure(failure)
      },
    )
    return result
  }
}

/** Failed for good: its coupon goes back as a failed message's does, unless that is what throws (then it stays reserved, for nobody). */
async function failForGood(tx: Transaction, row: OutboxRow, now: number): Promise<void> {
  await tx
    .update(messages)
    .set({ status: 'failed', error: CHECK_FAILED, attempts: row.attempts + 1, leaseUntil: null, nextAttemptAt: null })
    .where(eq(messages.id, row.id))
  await tx
    .transaction((savepoint) => releaseCoupon(savepoint, row))
    .catch((error: unknown) => {
      if (isDatabaseTrouble(error)) throw error
    })
  await logOnTimeline(tx, row, 'failed', NOT_SENT, CHECK_FAILED, now)
}

/**
 * A message whose claim failed alone, in a transaction of its own, while it is still due as it was
 * (another dispatcher that recorded the same failure has put it later): queued, it is tried again
 * later or failed for good; one whose lease ran out may have reached the phone and is never resent.
 */
async function recordClaimFailure(
  db: Database,
  id: number,
  { dueBy, now, wallNow, realPerSimulated, error }: { dueBy: number; now: number; wallNow: number; realPerSimulated: number; error: unknown },
): Promise<IsolatedFailure | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.id, id),
          or(
            and(eq(messages.status, 'queued'), or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, new Date(dueBy)))),
            and(eq(messages.status, 'sending'), lt(messages.leaseUntil, new Date(wallNow))),
          ),
        ),
      )
      .for('update')
    if (!row) return undefined
    const report = { kind: 'message', ids: { messageId: id, journeyId: row.journeyId, nodeId: row.nodeId }, failures: row.attempts + 1, error } as const
    if (row.status === 'sending') {
      await recordUncertain(tx, row, now)
      return { ...report, outcome: 'failed' }
    }
    const next = row.attempts + 1 < MAX_ATTEMPTS ? retryAt(row.attempts + 1, now, realPerSimulated) : undefined
    if (next === undefined) {
      await failForGood(tx, row, now)
      return { ...report, outcome: 'failed' }
    }
    await tx
      .update(messages)
      .set({ attempts: row.attempts + 1, error: CHECK_FAILED, nextAttemptAt: new Date(next) })
      .where(eq(messages.id, id))
    return { ...report, outcome: 'retried', retryAt: new Date(next).toISOString() }
  })
}
