import { acceleratedClock, journeyRunner, openDatabase, schema, startBackgroundWorker } from '@recall/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../support/fixtures'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'

const { enrollments, messages } = schema
const CONTACTS = 300
const journey = linearJourney('faults', [transactionalSms('a', '订单已确认'), waitMinutes('w', 10), transactionalSms('b', '订单已发货')])

describe('PostgreSQL ends every connection of the server while the worker and dispatcher are busy', () => {
  let handle: DatabaseHandle
  let url: string
  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    await setUpLiveJourneys(handle, [journey], numberedContacts('F', CONTACTS, '136'))
  }, 60_000)
  afterAll(async () => {
    await handle?.close()
  })

  it('keeps running, loses no step and no message, sends nothing twice, and resumes within seconds', async () => {
    // Ten simulated minutes take five real seconds.
    const clock = acceleratedClock(Date.parse('2026-11-25T10:00:00+08:00'), 120, Date.now())
    const errors: unknown[] = []
    const database = await openDatabase({ url, onConnectionError: (error) => errors.push(error) })
    const deliveries = new Map<string, number>()
    const calls: number[] = []
    const worker = await startBackgroundWorker({
      database,
      runner: journeyRunner(database.db, { clock: clock.now }),
      clock,
      // Idempotent like the sandbox: a resend after a lost record reaches no phone twice.
      provider: {
        name: 'slow',
        resend: 'idempotent',
        async send(message) {
          calls.push(Date.now())
          await new Promise((resolve) => setTimeout(resolve, 100))
          deliveries.set(message.idempotencyKey, 1)
          return { providerId: `P-${message.idempotencyKey}` }
        },
      },
      onError: (error) => errors.push(error),
      sendLeaseMs: 2_000,
    })
    const runner = journeyRunner(handle.db, { clock: clock.now })
    await runner.enrollByApi(
      'faults',
      Array.from({ length: CONTACTS }, (_, index) => `F-${index}`),
    )
    // End every backend of this database (the worker's pool, its LISTEN connection, ours) three times, mid-work.
    let lastKill = 0
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 700))
      await handle.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)
      lastKill = Date.now()
    }
    const done = async () =>
      (await handle.db.select({ count: sql<number>`count(*)::int` }).from(enrollments).where(eq(enrollments.status, 'active')))[0]?.count === 0 &&
      (await handle.db.select({ count: sql<number>`count(*)::int` }).from(messages).where(sql`${messages.status} in ('queued', 'sending')`))[0]?.count === 0
    const deadline = Date.now() + 90_000
    while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    await worker.stop()
    await database.close()

    const perNode = await handle.db
      .select({ nodeId: messages.nodeId, status: messages.status, error: messages.error, count: sql<number>`count(*)::int` })
      .from(messages)
      .groupBy(messages.nodeId, messages.status, messages.error)
      .orderBy(messages.nodeId)
    expect(perNode).toEqual([
      { nodeId: 'a', status: 'sent', error: null, count: CONTACTS },
      { nodeId: 'b', status: 'sent', error: null, count: CONTACTS },
    ])
    expect(deliveries.size).toBe(2 * CONTACTS)
    const exits = await handle.db.select({ reason: enrollments.exitReason, count: sql<number>`count(*)::int` }).from(enrollments).groupBy(enrollments.exitReason)
    expect(exits).toEqual([{ reason: 'exited: done', count: CONTACTS }])
    // The kills were felt (connections lost, queries failed) and sending went on soon after the last one.
    expect(errors.length).toBeGreaterThan(0)
    expect(calls.filter((at) => at < lastKill).length).toBeLessThan(2 * CONTACTS)
    const firstCallAfter = calls.find((at) => at > lastKill)
    expect(firstCallAfter).toBeDefined()
    // Nothing in the worker waits longer than its 1 s retry pause and this test's 2 s send lease; the
    // bound is loose for a machine under heavy load and still catches a worker that hangs (a leaked
    // pool client once left it waiting forever).
    expect((firstCallAfter as number) - lastKill).toBeLessThan(15_000)
  }, 180_000)
})
