import { acceleratedClock, journeyRunner, openDatabase, schema, startBackgroundWorker } from '@recall/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../support/fixtures'
import { type PrivatePostgres, privatePostgres } from '../support/private-postgres'

const { enrollments, messages } = schema
const CONTACTS = 300
const journey = linearJourney('restarts', [transactionalSms('a', '订单已确认'), waitMinutes('w', 10), transactionalSms('b', '订单已发货')])
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('PostgreSQL stops and starts again, cleanly and by a crash, while the worker and dispatcher are busy', () => {
  let server: PrivatePostgres
  beforeAll(async () => {
    server = await privatePostgres()
    const setUp = await openDatabase({ url: server.url })
    await setUpLiveJourneys(setUp, [journey], numberedContacts('R', CONTACTS, '137'))
    await setUp.close()
  }, 120_000)
  afterAll(async () => {
    await server?.destroy()
  })

  it('hands every message to a provider that cannot drop repeats exactly once, and finishes every journey', async () => {
    // Ten simulated minutes take five real seconds.
    const clock = acceleratedClock(Date.parse('2026-11-25T10:00:00+08:00'), 120, Date.now())
    const errors: unknown[] = []
    const database = await openDatabase({ url: server.url, onConnectionError: (error) => errors.push(error) })
    const calls = new Map<string, number>()
    const callTimes: number[] = []
    const worker = await startBackgroundWorker({
      database,
      runner: journeyRunner(database.db, { clock: clock.now }),
      clock,
      // Like Aliyun and Tencent: a repeat reaches the phone again, so a message must never be handed over twice.
      provider: {
        name: 'strict',
        resend: 'none',
        async send(message) {
          callTimes.push(Date.now())
          calls.set(message.idempotencyKey, (calls.get(message.idempotencyKey) ?? 0) + 1)
          await pause(50)
          return { providerId: `P-${message.idempotencyKey}` }
        },
      },
      onError: (error) => errors.push(error),
    })
    const enroller = await openDatabase({ url: server.url })
    await journeyRunner(enroller.db, { clock: clock.now }).enrollByApi(
      'restarts',
      Array.from({ length: CONTACTS }, (_, index) => `R-${index}`),
    )
    await enroller.close()

    // A clean stop, then a crash (PostgreSQL recovers from its WAL), each while messages are in flight.
    const outages: { stoppedAt: number; startedAt: number }[] = []
    for (const mode of ['fast', 'immediate'] as const) {
      await pause(800)
      const stoppedAt = Date.now()
      await server.stop(mode)
      await pause(1_500)
      await server.start()
      outages.push({ stoppedAt, startedAt: Date.now() })
    }

    const check = await openDatabase({ url: server.url })
    const count = async (where: ReturnType<typeof sql>) => (await check.db.select({ count: sql<number>`count(*)::int` }).from(messages).where(where))[0]?.count ?? 0
    const done = async () =>
      (await check.db.select({ count: sql<number>`count(*)::int` }).from(enrollments).where(eq(enrollments.status, 'active')))[0]?.count === 0 &&
      (await count(sql`${messages.status} in ('queued', 'sending')`)) === 0
    const deadline = Date.now() + 120_000
    while (!(await done()) && Date.now() < deadline) await pause(250)
    await worker.stop()
    await database.close()

    const perNode = await check.db
      .select({ nodeId: messages.nodeId, status: messages.status, error: messages.error, count: sql<number>`count(*)::int` })
      .from(messages)
      .groupBy(messages.nodeId, messages.status, messages.error)
      .orderBy(messages.nodeId)
    const exits = await check.db.select({ reason: enrollments.exitReason, count: sql<number>`count(*)::int` }).from(enrollments).groupBy(enrollments.exitReason)
    await check.close()

    // The outages were short enough for the dispatcher's record retries: every answer the provider
    // gave was written down, none left "uncertain", none lost.
    expect(perNode).toEqual([
      { nodeId: 'a', status: 'sent', error: null, count: CONTACTS },
      { nodeId: 'b', status: 'sent', error: null, count: CONTACTS },
    ])
    expect(calls.size).toBe(2 * CONTACTS)
    expect([...calls.values()].filter((times) => times !== 1)).toEqual([])
    expect(exits).toEqual([{ reason: 'exited: done', count: CONTACTS }])
    // The restarts came mid-work: messages went out before the first stop and after the last start.
    const first = outages[0] as { stoppedAt: number }
    const last = outages[1] as { startedAt: number }
    expect(callTimes.filter((at) => at < first.stoppedAt).length).toBeGreaterThan(0)
    expect(callTimes.filter((at) => at > last.startedAt).length).toBeGreaterThan(0)
    expect(errors.length).toBeGreaterThan(0)
  }, 240_000)
})
