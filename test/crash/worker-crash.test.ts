import { contactsRepository, journeyRunner, journeysRepository } from '@recall/server'
import type { JourneyDocument } from '@recall/shared'

const { enrollments, messages } = schema

import { schema } from '@recall/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'
import { exited, spawnWorker } from '../support/workers'

const CONTACTS = 1000
const KILLS = 20

/** api → SMS a → wait 10 min → SMS b → wait 10 min → SMS c → exit; transactional, so no window or cap holds. */
const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'crash',
  name: 'Crash test',
  description: '',
  settings: { category: 'transactional', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'a', type: 'send_sms', position: { x: 1, y: 0 }, data: { text: '订单已确认', category: 'transactional' } },
    { id: 'w1', type: 'wait', position: { x: 2, y: 0 }, data: { mode: 'duration', duration: { amount: 10, unit: 'minutes' } } },
    { id: 'b', type: 'send_sms', position: { x: 3, y: 0 }, data: { text: '订单已发货', category: 'transactional' } },
    { id: 'w2', type: 'wait', position: { x: 4, y: 0 }, data: { mode: 'duration', duration: { amount: 10, unit: 'minutes' } } },
    { id: 'c', type: 'send_sms', position: { x: 5, y: 0 }, data: { text: '订单已送达', category: 'transactional' } },
    { id: 'end', type: 'exit', position: { x: 6, y: 0 }, data: { reason: 'done' } },
  ],
  edges: ['start', 'a', 'w1', 'b', 'w2', 'c'].map((source, index, all) => ({ id: `e${index}`, source, sourceHandle: 'out', target: all[index + 1] ?? 'end' })),
}

describe('a worker killed with SIGKILL at random points', () => {
  let handle: DatabaseHandle
  let url: string
  // Ten simulated minutes take five real seconds, so the journeys outlast several kills.
  const clockEnv = { RECALL_CLOCK_START: '2026-11-24T10:00:00+08:00', RECALL_CLOCK_SPEED: '120', RECALL_CLOCK_EPOCH: String(Date.now()) }
  const clock = () => Date.parse(clockEnv.RECALL_CLOCK_START) + (Date.now() - Number(clockEnv.RECALL_CLOCK_EPOCH)) * 120

  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    await journeysRepository(handle.db).create(journey)
    await journeysRepository(handle.db).publish('crash', '')
    const people = Array.from({ length: CONTACTS }, (_, index) => ({
      id: `K-${index}`,
      phone: `+86139${String(index).padStart(8, '0')}`,
      timeZone: 'Asia/Shanghai',
      attributes: {},
      consent: true,
      suppressed: false,
      sends: [],
      events: [],
    }))
    await contactsRepository(handle.db).upsert(people)
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
