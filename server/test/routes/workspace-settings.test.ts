import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

describe.each(DATABASE_KINDS)('PUT /api/settings/workspace on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const put = (payload: object) => app.inject({ method: 'PUT', url: '/api/settings/workspace', payload })
  const DEFAULTS = {
    pricePerPart: 0.05,
    pricePerMms: 0.15,
    deliveryRateMin: 0.95,
    unsubscribeRateMax: 0.02,
    unknownContacts: 'create',
    lateEventHours: 24,
    controlGroupPercent: 0,
    approvalMessagesPer24h: null,
    approvalCost: null,
  }

  it('merges a partial body into the stored settings, keeping the fields left out', async () => {
    const first = await put({ lateEventHours: 48 })
    expect([first.statusCode, first.json()]).toEqual([200, { ...DEFAULTS, lateEventHours: 48 }])
    const second = await put({ unknownContacts: 'refuse', pricePerPart: 0.06 })
    expect(second.json()).toEqual({ ...DEFAULTS, lateEventHours: 48, unknownContacts: 'refuse', pricePerPart: 0.06 })
    expect((await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()).toEqual({ ...DEFAULTS, lateEventHours: 48, unknownContacts: 'refuse', pricePerPart: 0.06 })
  })

  it('still refuses an unknown field or a bad value, naming it, and changes nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()
    const unknown = await put({ lateEventHour: 2 })
    expect([unknown.statusCode, unknown.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/lateEventHour']])
    const bad = await put({ lateEventHours: -1, pricePerMms: 0.2 })
    expect([bad.statusCode, bad.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/lateEventHours']])
    expect((await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()).toEqual(before)
  })
})
