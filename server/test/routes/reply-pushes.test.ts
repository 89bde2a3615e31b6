import { asc, count, eq, like, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, enrollments, inboundMessages, stepLog, suppressions } from '../../src/db/schema/index'
import { type InboundReply, REPLIES_PER_TRANSACTION, receiveReplies } from '../../src/replies/replies'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')

/** A journey that waits three days before its SMS, so its contacts stay in it until a reply ends it. */
const waiting = (id: string, category: 'recall' | 'transactional') => ({
  schemaVersion: 1,
  id,
  name: id,
  description: '',
  settings: { category, brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'visit' } },
    { id: 'wait', type: 'wait', position: { x: 300, y: 0 }, data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'sms', type: 'send_sms', position: { x: 600, y: 0 }, data: { text: category === 'recall' ? '好久不见 回T退订' : '您的订单已发货', category } },
    { id: 'done', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'wait' },
    { id: 'e2', source: 'wait', sourceHandle: 'out', target: 'sms' },
    { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})

describe.each(DATABASE_KINDS)('a push of many replies, a chunk per transaction, on %s', (kind) => {
  let app: FastifyInstance
  const db = () => app.database.db
  /** `many` contacts in both journeys, with numbers starting `prefix`. */
  async function enrolled(prefix: string, many: number) {
    const phones = Array.from({ length: many }, (_, index) => `${prefix}${String(index).padStart(3, '0')}`)
    const imported = await app.inject({ method: 'POST', url: '/api/contacts/import', payload: phones.map((phone) => ({ id: `P${phone}`, phone, consent: true })) })
    expect(imported.json().inserted).toBe(many)
    const entered = await app.inject({ method: 'POST', url: '/api/events', payload: phones.map((phone) => ({ contactId: `P${phone}`, name: 'visit' })) })
    expect(entered.json().entered).toBe(many * 2)
    return phones
  }
  const reply = (phone: string, text: string, id: string, secondsAgo = 60): InboundReply => ({
    provider: 'aliyun',
    providerMessageId: id,
    phone,
    text,
    at: NOW - secondsAgo * 1000,
  })
  const journeysOf = async (prefix: string) =>
    db()
      .select({ journeyId: enrollments.journeyId, status: enrollments.status, rows: count() })
      .from(enrollments)
      .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
      .where(like(contacts.phone, `${prefix}%`))
      .groupBy(enrollments.journeyId, enrollments.status)
      .orderBy(asc(enrollments.journeyId))
  const suppressedCount = async (prefix: string) =>
    (
      await db()
        .select({ rows: count() })
        .from(suppressions)
        .where(like(suppressions.phone, `${prefix}%`))
    )[0]?.rows
  const received = (prefix: string) =>
    db()
      .select({ phone: inboundMessages.phone, text: inboundMessages.text, keyword: inboundMessages.keyword })
      .from(inboundMessages)
      .where(like(inboundMessages.phone, `${prefix}%`))
      .orderBy(asc(inboundMessages.id))
  const exitLines = async () => (await db().select({ rows: count() }).from(stepLog).where(sql`${stepLog.lines}::jsonb @> '[{"detail": "opted_out"}]'::jsonb`))[0]?.rows

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW })
    for (const document of [waiting('win-back', 'recall'), waiting('orders', 'transactional')]) {
      await app.inject({ method: 'POST', url: '/api/journeys', payload: document })
      await app.inject({ method: 'POST', url: `/api/journeys/${document.id}/publish`, payload: {} })
    }
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('acts on every reply of a push larger than a transaction, in order, and a replay of it changes nothing', async () => {
    const many = REPLIES_PER_TRANSACTION * 2 + 50
    const phones = await enrolled('+8613911100', many)
    const push = phones.map((phone, index) => reply(phone, index % 3 === 2 ? '什么时候发货' : 'TD', `up-${index}`))
    const outcomes = await receiveReplies(db(), push)
    const stops = push.filter((_, index) => index % 3 !== 2).length
    expect([outcomes.length, outcomes.filter((outcome) => outcome.keyword === 'stop').length, outcomes.reduce((sum, outcome) => sum + outcome.exited, 0)]).toEqual([
      many,
      stops,
      stops,
    ])
    expect(await journeysOf('+8613911100')).toEqual([
      { journeyId: 'orders', status: 'active', rows: many },
      { journeyId: 'win-back', status: 'active', rows: many - stops },
      { journeyId: 'win-back', status: 'exited', rows: stops },
    ])
    expect(await suppressedCount('+8613911100')).toBe(stops)
    expect((await received('+8613911100')).map((row) => row.phone)).toEqual(phones)
    const lines = await exitLines()
    expect(lines).toBe(stops)
    const replay = await receiveReplies(db(), push)
    expect(replay.every((outcome) => outcome.duplicate && outcome.exited === 0)).toBe(true)
    expect([(await received('+8613911100')).length, await suppressedCount('+8613911100'), await exitLines()]).toEqual([many, stops, lines])
  })

  it('keeps each reply as if it came alone: a START after a STOP in the same push opts back in, one before it does not, a repeat is a duplicate', async () => {
    const [first, second] = await enrolled('+8613912100', 2)
    const outcomes = await receiveReplies(db(), [
      reply(first as string, 'TD', 'a-1', 120),
      reply(first as string, 'START', 'a-2', 60),
      reply(second as string, 'START', 'b-1', 120),
      reply(second as string, 'TD', 'b-2', 60),
      reply(second as string, 'TD', 'b-2', 60),
    ])
    expect(outcomes).toEqual([
      { keyword: 'stop', exited: 1, duplicate: false },
      { keyword: 'start', exited: 0, duplicate: false },
      { keyword: 'start', exited: 0, duplicate: false },
      { keyword: 'stop', exited: 1, duplicate: false },
      { keyword: undefined, exited: 0, duplicate: true },
    ])
    expect(await db().select({ phone: suppressions.phone }).from(suppressions).where(like(suppressions.phone, '+8613912100%'))).toEqual([{ phone: second }])
    expect(await received('+8613912100')).toEqual([
      { phone: first, text: 'TD', keyword: 'stop' },
      { phone: first, text: 'START', keyword: 'start' },
      // Nothing was opted out yet when it came: stored as a START with nothing to lift.
      { phone: second, text: 'START', keyword: 'start_idle' },
      { phone: second, text: 'TD', keyword: 'stop' },
    ])
  })

  it('a chunk that fails is undone whole, the chunks before it stay, and the push sent again completes it once', async () => {
    const many = REPLIES_PER_TRANSACTION + 20
    const phones = await enrolled('+8613913100', many)
    const push = phones.map((phone, index) => reply(phone, 'TD', `f-${index}`))
    // A reply whose time cannot be stored breaks the second chunk.
    const broken = push.map((entry, index) => (index === REPLIES_PER_TRANSACTION + 10 ? { ...entry, at: Number.NaN } : entry))
    await expect(receiveReplies(db(), broken)).rejects.toThrow()
    expect([await suppressedCount('+8613913100'), (await received('+8613913100')).length]).toEqual([REPLIES_PER_TRANSACTION, REPLIES_PER_TRANSACTION])
    const retried = await receiveReplies(db(), push)
    expect([retried.filter((outcome) => outcome.duplicate).length, retried.filter((outcome) => outcome.exited === 1).length]).toEqual([REPLIES_PER_TRANSACTION, 20])
    expect([await suppressedCount('+8613913100'), (await received('+8613913100')).length]).toEqual([many, many])
    expect(await journeysOf('+8613913100')).toEqual([
      { journeyId: 'orders', status: 'active', rows: many },
      { journeyId: 'win-back', status: 'exited', rows: many },
    ])
  })
})
