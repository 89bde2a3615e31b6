import { acceleratedClock, journeyRunner, openDatabase, schema, startBackgroundWorker } from '@recall/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../support/fixtures'
import { type PrivatePostgres, privatePostgres } from '../support/private-postgres'

const { enrollments, messages } = schema
const CONTACTS = 300
const journey = linearJourney('restarts', [transactionalSms('a', '订单已确认'), waitMinutes('w', 10), transactionalSms('b', '订单已发货')])
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Outage {
  mode: 'fast' | 'immediate'
  downMs: number
}

/**
 * Runs the journey for CONTACTS contacts through a provider that cannot drop repeats (like Aliyun
 * and Tencent) while the server goes down as told, and reports what the provider and the database saw.
 */
async function sendThroughOutages(server: PrivatePostgres, url: string, outages: Outage[], leaseMs?: number) {
  // Ten simulated minutes take five real seconds.
  const clock = acceleratedClock(Date.parse('2026-11-25T10:00:00+08:00'), 120, Date.now())
  const errors: unknown[] = []
  const database = await openDatabase({ url, onConnectionError: (error) => errors.push(error) })
  const calls = new Map<string, number>()
  const callTimes: number[] = []
  const worker = await startBackgroundWorker({
    database,
    runner: journeyRunner(database.db, { clock: clock.now }),
    clock,
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
    sendLeaseMs: leaseMs,
  })
  const enroller = await openDatabase({ url })
  await journeyRunner(enroller.db, { clock: clock.now }).enrollByApi(
    'restarts',
    Array.from({ length: CONTACTS }, (_, index) => `R-${index}`),
  )
  await enroller.close()

  const windows: { stoppedAt: number; startedAt: number }[] = []
  for (const outage of outages) {
    await pause(800)
    const stoppedAt = Date.now()
    await server.stop(outage.mode)
    await pause(outage.downMs)
    await server.start()
    windows.push({ stoppedAt, startedAt: Date.now() })
  }

  const check = await openDatabase({ url })
  const count = async (table: typeof enrollments | typeof messages, where: ReturnType<typeof sql>) =>
    (await check.db.select({ count: sql<number>`count(*)::int` }).from(table).where(where))[0]?.count ?? 0
  const done = async () =>
    (await count(enrollments, sql`${enrollments.status} = 'active'`)) === 0 && (await count(messages, sql`${messages.status} in ('queued', 'sending')`)) === 0
  const deadline = Date.now() + (process.env.DEBUG_RESTART ? 40_000 : 150_000)
  while (!(await done()) && Date.now() < deadline) {
    await pause(250)
    if (process.env.DEBUG_RESTART)
      console.log(
        JSON.stringify(await check.db.select({ status: messages.status, count: sql<number>`count(*)::int` }).from(messages).groupBy(messages.status)),
        JSON.stringify(
          await check.db
            .select({ status: enrollments.status, node: enrollments.nodeId, count: sql<number>`count(*)::int` })
            .from(enrollments)
            .groupBy(enrollments.status, enrollments.nodeId),
        ),
        errors.length,
        String(errors.at(-1)).slice(0, 200),
      )
  }
  await worker.stop()
  await database.close()
  const perNode = await check.db
    .select({ nodeId: messages.nodeId, status: messages.status, count: sql<number>`count(*)::int` })
    .from(messages)
    .groupBy(messages.nodeId, messages.status)
    .orderBy(messages.nodeId, messages.status)
  const uncertainKeys = (await check.db.select({ key: messages.idempotencyKey }).from(messages).where(eq(messages.status, 'uncertain'))).map((row) => row.key)
  const exits = await check.db.select({ reason: enrollments.exitReason, count: sql<number>`count(*)::int` }).from(enrollments).groupBy(enrollments.exitReason)
  await check.close()
  const first = windows[0] as { stoppedAt: number }
  const last = windows.at(-1) as { startedAt: number }
  return {
    perNode,
    uncertainKeys,
    exits,
    calls,
    errors,
    callsBeforeFirstStop: callTimes.filter((at) => at < first.stoppedAt).length,
    callsAfterLastStart: callTimes.filter((at) => at > last.startedAt).length,
  }
}

describe('PostgreSQL stops and starts again while the worker and dispatcher are busy', () => {
  let server: PrivatePostgres
  beforeAll(async () => {
    server = await privatePostgres()
  }, 120_000)
  afterAll(async () => {
    await server?.destroy()
  })

  /** A database of its own on the private server, with the journey live and the contacts imported. */
  async function freshDatabase(name: string): Promise<string> {
    const admin = await openDatabase({ url: server.url })
    await admin.db.execute(sql.raw(`create database ${name}`))
    await admin.close()
    const url = server.url.replace(/\/postgres$/, `/${name}`)
    const setUp = await openDatabase({ url })
    await setUpLiveJourneys(setUp, [journey], numberedContacts('R', CONTACTS, '137'))
    await setUp.close()
    return url
  }

  it('after a clean stop and a crash, each a few seconds, hands every message over exactly once and finishes every journey', async () => {
    const url = await freshDatabase('short_outages')
    const result = await sendThroughOutages(server, url, [
      { mode: 'fast', downMs: 1_500 },
      { mode: 'immediate', downMs: 1_500 },
    ])
    // Outages shorter than the dispatcher's record retries (about 15 s): every answer the provider
    // gave was written down, none left "uncertain", none lost, none sent twice.
    expect(result.perNode).toEqual([
      { nodeId: 'a', status: 'sent', count: CONTACTS },
      { nodeId: 'b', status: 'sent', count: CONTACTS },
    ])
    expect(result.calls.size).toBe(2 * CONTACTS)
    expect([...result.calls.values()].filter((times) => times !== 1)).toEqual([])
    expect(result.exits).toEqual([{ reason: 'exited: done', count: CONTACTS }])
    expect(result.callsBeforeFirstStop).toBeGreaterThan(0)
    expect(result.callsAfterLastStart).toBeGreaterThan(0)
    expect(result.errors.length).toBeGreaterThan(0)
  }, 240_000)

  it('after a crash longer than the record retries, marks the messages whose answers were lost uncertain and never hands any over twice', async () => {
    const url = await freshDatabase('long_outage')
    // A short lease, so the messages whose record gave up are resolved soon after the server is back.
    const result = await sendThroughOutages(server, url, [{ mode: 'immediate', downMs: 20_000 }], 2_000)
    expect([...result.calls.values()].filter((times) => times !== 1)).toEqual([])
    // Every message was handed over once (sent) or may have been (uncertain, the provider was called):
    // none is lost, none waits, and an uncertain one is never one the provider did not get.
    const total = result.perNode.reduce((sum, row) => sum + row.count, 0)
    expect(total).toBe(2 * CONTACTS)
    expect(result.perNode.every((row) => row.status === 'sent' || row.status === 'uncertain')).toBe(true)
    expect(result.uncertainKeys.length).toBeGreaterThan(0)
    expect(result.uncertainKeys.filter((key) => !result.calls.has(key))).toEqual([])
    expect(result.calls.size).toBe(2 * CONTACTS)
    expect(result.exits).toEqual([{ reason: 'exited: done', count: CONTACTS }])
  }, 240_000)
})
