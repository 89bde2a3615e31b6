import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const DAY = 86_400_000

describe.each(DATABASE_KINDS)('catalog and estimates on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })
  const catalog = async () => (await app.inject({ method: 'GET', url: '/api/catalog' })).json()

  it('lists attribute names with type and examples after an import and an identify', async () => {
    expect(await catalog()).toEqual({ attributes: [], events: [] })
    const csv = 'id,phone,name,tier,points,last_order_at\nA-1,13812345601,张伟,gold,1200,2026-08-01\nA-2,13812345602,王芳,silver,30,2026-11-01\nA-3,,李娜,gold,,\n'
    await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: csv })
    await app.inject({ method: 'POST', url: '/api/v1/identify', payload: { userId: 'A-4', traits: { tier: 'platinum', vip: true } } })
    expect((await catalog()).attributes).toEqual([
      { name: 'last_order_at', type: 'date', examples: ['2026-08-01', '2026-11-01'] },
      { name: 'name', type: 'string', examples: ['张伟', '王芳', '李娜'] },
      { name: 'points', type: 'number', examples: [1200, 30] },
      { name: 'tier', type: 'string', examples: ['gold', 'silver', 'platinum'] },
      { name: 'vip', type: 'boolean', examples: [true] },
    ])
  })

  it('counts events per name over the last 30 days, by when they happened', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/events',
      payload: [
        { contactId: 'A-1', name: 'order_paid' },
        { contactId: 'A-2', name: 'order_paid', occurredAt: new Date(now - 3 * DAY).toISOString() },
        { contactId: 'A-2', name: 'order_paid', occurredAt: new Date(now - 40 * DAY).toISOString() },
        { contactId: 'A-3', name: 'app_open' },
      ],
    })
    expect((await catalog()).events).toEqual([
      { name: 'app_open', count: 1 },
      { name: 'order_paid', count: 2 },
    ])
  })

  it('estimates how many contacts a condition selects, exactly while everyone fits the sample', async () => {
    const estimate = async (conditions: unknown[]) =>
      (await app.inject({ method: 'POST', url: '/api/catalog/estimate', payload: { condition: { match: 'all', conditions } } })).json()
    expect(await estimate([{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }])).toEqual({ count: 2, total: 4, sampled: 4, exact: true })
    expect(await estimate([{ kind: 'event_count', event: 'order_paid', operator: 'gte', count: 1, withinDays: 30 }])).toEqual({ count: 2, total: 4, sampled: 4, exact: true })
    const refused = await app.inject({ method: 'POST', url: '/api/catalog/estimate', payload: { condition: { match: 'all' } } })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().problems[0].path).toBe('/body/condition/conditions')
  })
})
