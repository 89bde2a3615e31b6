import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages } from '../../src/db/schema/index'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { keyMaker } from '../support/keys'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const HOUR = 3_600_000

describe.each(DATABASE_KINDS)('live monitoring on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    const people = Array.from({ length: 30 }, (_, index) => ({
      id: `L-${index}`,
      phone: `1381234${String(index).padStart(4, '0')}`,
      consent: true,
      attributes: { name: index === 7 ? '周七' : `客户${index}` },
    }))
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: people })
    await app.inject({ method: 'POST', url: '/api/events', payload: people.map((person) => ({ contactId: person.id, name: 'cart_added' })) })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('counts contacts per node, the funnel of each send node, and raises the delivery alarm under 95%', async () => {
    let stats = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/stats' })).json()
    expect(stats.nodes['wait-for-order']).toEqual({ active: 30, sent: 0, delivered: 0, clicked: 0, failed: 0, redeemed: 0 })
    now += HOUR
    await app.runner.processDue()
    const rows = await app.database.db.select({ id: messages.id }).from(messages)
    // 26 delivered (3 clicked), 4 failed: 86.7% delivered.
    for (const [index, row] of rows.entries())
      await app.database.db
        .update(messages)
        .set({ status: index < 4 ? 'failed' : index < 7 ? 'clicked' : 'delivered' })
        .where(eq(messages.id, row.id))
    stats = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/stats' })).json()
    expect(stats.nodes['cart-reminder']).toEqual({ active: 0, sent: 30, delivered: 26, clicked: 3, failed: 4, redeemed: 0 })
    expect(stats.nodes['wait-1-day'].active).toBe(30)
    expect(stats.edges).toEqual({ 'e-trigger-out': 30, 'e-wait-for-order-timeout': 30, 'e-cart-reminder-out': 30 })
    expect(stats.totals).toMatchObject({ active: 30, sent: 30, delivered: 26, failed: 4, messaged: 30 })
    expect(stats.alarms).toEqual([{ code: 'delivery_rate', value: 26 / 30, threshold: 0.95 }])
    const listed = (await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys
    expect(listed.find((journey: { id: string }) => journey.id === 'abandoned-cart').alarms).toEqual(['delivery_rate'])
    // The alarm level is the workspace's: at 80% this journey is fine.
    await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { pricePerPart: 0.05, pricePerMms: 0.15, deliveryRateMin: 0.8, unsubscribeRateMax: 0.02 } })
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/stats' })).json().alarms).toEqual([])
  })

  it('raises a rate alarm only when the numbers show it beyond chance', async () => {
    await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { pricePerPart: 0.05, pricePerMms: 0.15, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 } })
    const stats = async () => (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/stats' })).json()
    const setStatus = async (ids: number[], status: 'delivered' | 'failed') => {
      for (const id of ids) await app.database.db.update(messages).set({ status }).where(eq(messages.id, id))
    }
    const failed = (await app.database.db.select({ id: messages.id }).from(messages).where(eq(messages.status, 'failed'))).map((row) => row.id)
    // 28 of 30 delivered is 93.3%, under 95%, but two failures in thirty can be bad luck.
    await setStatus(failed.slice(0, 2), 'delivered')
    expect((await stats()).totals.deliveryRate).toBeCloseTo(28 / 30, 10)
    expect((await stats()).alarms).toEqual([])
    await setStatus(failed.slice(0, 2), 'failed')
    // Opt-outs: 1 of 30 contacts messaged (3.3%) may be chance; 3 of 30 (10%) is not.
    const optOut = async (contactIds: string[]) => {
      for (const id of contactIds)
        await app.database.db.execute(
          sql`update enrollments set exit_reason = 'opted_out' where contact_id = (select id from contacts where external_id = ${id}) and journey_id = 'abandoned-cart'`,
        )
    }
    await optOut(['L-20'])
    expect((await stats()).alarms.map((alarm: { code: string }) => alarm.code)).toEqual(['delivery_rate'])
    await optOut(['L-21', 'L-22'])
    expect((await stats()).alarms).toEqual([
      { code: 'delivery_rate', value: 26 / 30, threshold: 0.95 },
      { code: 'unsubscribe_rate', value: 3 / 30, threshold: 0.02 },
    ])
    await app.database.db.execute(sql`update enrollments set exit_reason = null where exit_reason = 'opted_out'`)
  })

  it('lists who waits at a node, searchable, and removes a contact with the reason on its timeline', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/nodes/wait-1-day/contacts' })).json()
    expect(all.contacts).toHaveLength(30)
    const found = (await app.inject({ method: 'GET', url: `/api/journeys/abandoned-cart/nodes/wait-1-day/contacts?search=${encodeURIComponent('周')}` })).json()
    expect(found.contacts.map((contact: { externalId: string }) => contact.externalId)).toEqual(['L-7'])
    const removed = await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/contacts/L-7/remove' })
    expect(removed.json()).toEqual({ removed: 1 })
    const timeline = (await app.inject({ method: 'GET', url: '/api/contacts/L-7' })).json().enrollments[0]
    expect(timeline).toMatchObject({ status: 'exited', exitReason: 'removed' })
    expect(timeline.timeline.at(-1).message).toEqual({ en: 'exited: removed by Key maker (API key "tests")', zh: '已退出:由 Key maker(API 密钥"tests") 移出旅程' })
    const again = await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/contacts/L-7/remove', headers: { 'accept-language': 'zh-CN' } })
    expect([again.statusCode, again.json().message]).toEqual([404, '"L-7" 当前不在此旅程中'])
  })

  it('answers 404 for a node or journey it does not have, rather than an empty page', async () => {
    const node = await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/nodes/wait-1-dya/contacts' })
    expect([node.statusCode, node.json().error, node.json().message]).toEqual([404, 'node_not_found', 'Journey "abandoned-cart" has no node "wait-1-dya"'])
    const zh = await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/nodes/wait-1-dya/contacts', headers: { 'accept-language': 'zh-CN' } })
    expect(zh.json().message).toBe('旅程 "abandoned-cart" 中没有节点 "wait-1-dya"')
    const journey = await app.inject({ method: 'GET', url: '/api/journeys/no-such-journey/nodes/wait-1-day/contacts' })
    expect([journey.statusCode, journey.json().error]).toEqual([404, 'journey_not_found'])
  })

  it('streams the counts as server-sent events and pushes each change', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const { secret } = await accessRepository(app.database.db).createApiKey('sse', ['journeys:read'], await keyMaker(app.database.db))
    const abort = new AbortController()
    const response = await fetch(`${address}/api/journeys/abandoned-cart/live`, { headers: { authorization: `Bearer ${secret}` }, signal: abort.signal })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const next = async () => {
      const { value } = await reader.read()
      return JSON.parse(new TextDecoder().decode(value).replace(/^data: /, ''))
    }
    expect((await next()).nodes['wait-1-day'].active).toBe(29)
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/contacts/L-8/remove' })
    expect((await next()).nodes['wait-1-day'].active).toBe(28)
    abort.abort()
  })

  it('shares one snapshot per interval among 20 open streams of the journey', async () => {
    const address = app.server.listening ? `http://127.0.0.1:${(app.server.address() as { port: number }).port}` : await app.listen({ host: '127.0.0.1', port: 0 })
    const { secret } = await accessRepository(app.database.db).createApiKey('sse-20', ['journeys:read'], await keyMaker(app.database.db))
    const abort = new AbortController()
    const readers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await fetch(`${address}/api/journeys/abandoned-cart/live`, { headers: { authorization: `Bearer ${secret}` }, signal: abort.signal })
        const reader = (response.body as ReadableStream<Uint8Array>).getReader()
        return JSON.parse(new TextDecoder().decode((await reader.read()).value).replace(/^data: /, ''))
      }),
    )
    expect(readers.map((snapshot) => snapshot.nodes['wait-1-day'].active)).toEqual(Array(20).fill(28))
    const before = app.liveSnapshots.computations
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const perSecond = (app.liveSnapshots.computations - before) / 3
    abort.abort()
    // At most one computation a second for the journey (fewer when one takes longer than a second), not twenty.
    expect(perSecond).toBeGreaterThan(0)
    expect(perSecond).toBeLessThanOrEqual(4 / 3)
  })
})
