import { journeyRunner } from '@recall/server'

const { enrollments, messages } = schema

import { schema } from '@recall/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../support/fixtures'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'
import { exited, spawnWorker } from '../support/workers'

const CONTACTS = 1000
const KILLS = 20

/** api → SMS a → wait 10 min → SMS b → wait 10 min → SMS c → exit; transactional, so no window or cap holds. */
const journey = linearJourney('crash', [
  transactionalSms('a', '订单已确认'),
  waitMinutes('w1', 10),
  transactionalSms('b', '订单已发货'),
  waitMinutes('w2', 10),
  transactionalSms('c', '订单已送达'),
])

describe('a worker killed with SIGKILL at random points', () => {
  let handle: DatabaseHandle
  let url: string
  // Ten simulated minutes take five real seconds, so the journeys outlast several kills.
  const clockEnv = { RECALL_CLOCK_START: '2026-11-24T10:00:00+08:00', RECALL_CLOCK_SPEED: '120', RECALL_CLOCK_EPOCH: String(Date.now()) }
  const clock = () => Date.parse(clockEnv.RECALL_CLOCK_START) + (Date.now() - Number(clockEnv.RECALL_CLOCK_EPOCH)) * 120

  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    const people = numberedContacts('K', CONTACTS, '139')
    await setUpLiveJourneys(handle, [journey], people)
    await journeyRunner(handle.db, { clock }).enrollByApi(
      'crash',
      people.map((person) => person.id),
    )
  }, 60_000)
  afterAll(async () => {
    await handle?.close()
  })

  const worker = () => spawnWorker(url, clockEnv)
  const killed = exited
  const pending = async () => (await handle.db.select({ count: sql<number>`count(*)::int` }).from(enrollments).where(eq(enrollments.status, 'active')))[0]?.count ?? 0
  const queued = async () => (await handle.db.select({ count: sql<number>`count(*)::int` }).from(messages).where(eq(messages.status, 'queued')))[0]?.count ?? 0

  it('loses nothing and sends nothing twice', async () => {
    const sentAtKill: number[] = []
    for (let kill = 0; kill < KILLS; kill++) {
      const child = worker()
      await new Promise((resolve) => setTimeout(resolve, 600 + Math.random() * 1400))
      child.kill('SIGKILL')
      await killed(child)
      sentAtKill.push((await handle.db.select({ count: sql<number>`count(*)::int` }).from(messages))[0]?.count ?? 0)
    }
    // The kills landed while work was under way, not only before or after it.
    expect(sentAtKill.filter((count) => count > 0 && count < 3 * CONTACTS).length).toBeGreaterThanOrEqual(5)
    const last = worker()
    const deadline = Date.now() + 120_000
    while ((await pending()) + (await queued()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    last.kill('SIGTERM')
    await killed(last)

    const exits = await handle.db.select({ reason: enrollments.exitReason, count: sql<number>`count(*)::int` }).from(enrollments).groupBy(enrollments.exitReason)
    expect(exits).toEqual([{ reason: 'exited: done', count: CONTACTS }])
    const perNode = await handle.db
      .select({ nodeId: messages.nodeId, count: sql<number>`count(*)::int`, contacts: sql<number>`count(distinct ${messages.contactId})::int` })
      .from(messages)
      .groupBy(messages.nodeId)
      .orderBy(messages.nodeId)
    expect(perNode).toEqual(['a', 'b', 'c'].map((nodeId) => ({ nodeId, count: CONTACTS, contacts: CONTACTS })))
    expect(await queued()).toBe(0)
  }, 300_000)
})
