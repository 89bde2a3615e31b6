import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const HOUR = 3_600_000

/** The demo clock is days ahead of the browser's: ranges must be counted back from the server's time. */
describe.each(DATABASE_KINDS)('live ranges on the server clock (%s)', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2027-03-01T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    const people = Array.from({ length: 10 }, (_, index) => ({ id: `R-${index}`, phone: `1391234${String(index).padStart(4, '0')}`, consent: true }))
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: people })
    await app.inject({ method: 'POST', url: '/api/events', payload: people.map((person) => ({ contactId: person.id, name: 'cart_added' })) })
    now += HOUR
    await app.runner.processDue()
  })
  afterAll(async () => {
    await app?.close()
  })

  const messagedWithin = async (query: string) => {
    const body = (await app.inject({ method: 'GET', url: `/api/journeys/abandoned-cart/stats${query}` })).json()
    return body.totals.messaged
  }

  it('counts the last 24 hours and 7 days back from the demo clock', async () => {
    expect([await messagedWithin(''), await messagedWithin('?lastHours=24'), await messagedWithin('?lastHours=168')]).toEqual([10, 10, 10])
    now += 3 * 24 * HOUR
    expect([await messagedWithin(''), await messagedWithin('?lastHours=24'), await messagedWithin('?lastHours=168')]).toEqual([10, 0, 10])
    const bad = await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/stats?lastHours=0' })
    expect(bad.statusCode).toBe(400)
  })
})
