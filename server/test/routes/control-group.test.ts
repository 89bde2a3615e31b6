import { inControlGroup } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendPolicies } from '../../src/providers/send-rules'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'win-back',
  name: 'Win-back',
  description: '',
  settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip', goal: { event: 'order_completed' } },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'visit' } },
    { id: 'offer', type: 'send_sms', position: { x: 300, y: 0 }, data: { text: '好久不见,今天下单九折', category: 'recall' } },
    { id: 'wait', type: 'wait', position: { x: 600, y: 0 }, data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'end', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'offer' },
    { id: 'e2', source: 'offer', sourceHandle: 'out', target: 'wait' },
    { id: 'e3', source: 'wait', sourceHandle: 'out', target: 'end' },
  ],
}

const ids = Array.from({ length: 40 }, (_, index) => `W-${index + 1}`)

/** The control group live: held-out contacts get no message, and the journey's report compares the groups exactly. */
describe.each(DATABASE_KINDS)('the global control group on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:15:00+08:00')
  const saveShare = (controlGroupPercent: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'PUT', url: '/api/settings/workspace', headers, payload: { ...DEFAULTS, controlGroupPercent } })
  const DEFAULTS = { pricePerPart: 0.05, pricePerMms: 0.15, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 }
  const salt = async () => (await sendPolicies(app.database.db)).controlGroup?.salt

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a share outside 0–50% naming the field in both languages, and is off by default', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json().controlGroupPercent).toBe(0)
    expect((await sendPolicies(app.database.db)).controlGroup).toBeUndefined()
    for (const [share, locale, message] of [
      [60, 'en', 'Global control group share must be at most 50'],
      [-1, 'zh-CN', '全局对照组比例不能小于 0'],
      ['5%', 'en', 'Global control group share must be a number'],
    ] as const) {
      const response = await saveShare(share, { 'accept-language': locale })
      const body = response.json()
      expect([response.statusCode, body.error, body.message, body.problems.map((problem: { path: string }) => problem.path)]).toEqual([
        400,
        'invalid_request',
        message,
        ['/body/controlGroupPercent'],
      ])
    }
  })

  it('chooses the salt once: the same after saving the same share, turning it off and on, and reading it again', async () => {
    expect((await saveShare(5)).statusCode).toBe(200)
    const stored = await salt()
    expect(stored).toMatch(/^[0-9a-f]{32}$/)
    await saveShare(5)
    await saveShare(0)
    expect(await salt()).toBeUndefined()
    await saveShare(5)
    expect(await salt()).toBe(stored)
    const members = Array.from({ length: 100_000 }, (_, index) => `contact-${index}`).filter((id) => inControlGroup({ percent: 5, salt: stored as string }, id))
    expect(members.length).toBeGreaterThanOrEqual(4_700)
    expect(members.length).toBeLessThanOrEqual(5_300)
  })

  it('sends held-out contacts nothing, records why, and reports treated against held out exactly', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    await app.inject({ method: 'POST', url: '/api/journeys/win-back/publish', payload: {} })
    const everyone = [...ids, 'EARLY-1', 'EARLY-2']
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: everyone.map((id, index) => ({ id, phone: `138${String(10_000_000 + index)}`, consent: true })) })
    // Entered with no control group: assigned to neither group, so left out of the comparison.
    await saveShare(0)
    await app.inject({ method: 'POST', url: '/api/events', payload: ['EARLY-1', 'EARLY-2'].map((contactId) => ({ contactId, name: 'visit' })) })
    await app.runner.processDue()
    await saveShare(50)
    const group = (await sendPolicies(app.database.db)).controlGroup
    const heldOut = ids.filter((id) => inControlGroup(group, id))
    const treated = ids.filter((id) => !heldOut.includes(id))
    await app.inject({ method: 'POST', url: '/api/events', payload: ids.map((contactId) => ({ contactId, name: 'visit' })) })
    await app.runner.processDue()
    // Four treated and two held-out contacts order; one treated order has no price.
    const orders = [
      ...treated.slice(0, 4).map((id, index) => [id, index === 3 ? {} : { revenue: 100 }] as const),
      ...heldOut.slice(0, 2).map((id) => [id, { revenue: 60 }] as const),
    ]
    await app.inject({ method: 'POST', url: '/api/events', payload: orders.map(([contactId, properties]) => ({ contactId, name: 'order_completed', properties })) })
    await app.runner.processDue()

    const messages = (await app.inject({ method: 'GET', url: '/api/messages?journeyId=win-back&limit=100' })).json()
    expect(messages.messages.map((message: { contactId: string }) => message.contactId).sort()).toEqual([...treated, 'EARLY-1', 'EARLY-2'].sort())
    const timeline = (await app.inject({ method: 'GET', url: `/api/contacts/${heldOut[0]}` })).json()
    expect(JSON.stringify(timeline)).toContain('held out (global control group)')

    const report = (await app.inject({ method: 'GET', url: '/api/journeys/win-back/control-group' })).json()
    expect(report.controlGroupPercent).toBe(50)
    expect(report.treated).toEqual({ contacts: treated.length, conversions: 4, revenue: 300, conversionRate: 4 / treated.length, revenuePerContact: 300 / treated.length })
    expect(report.heldOut).toEqual({ contacts: heldOut.length, conversions: 2, revenue: 120, conversionRate: 2 / heldOut.length, revenuePerContact: 120 / heldOut.length })
    expect(report.difference.rate).toBeCloseTo(4 / treated.length - 2 / heldOut.length, 12)
    expect(report.difference.lower).toBeLessThan(report.difference.rate)
    expect(report.difference.upper).toBeGreaterThan(report.difference.rate)
    expect(report.incrementalConversions).toBeCloseTo(4 - (treated.length * 2) / heldOut.length, 12)
    expect(treated.length + heldOut.length).toBe(40)
    const missing = await app.inject({ method: 'GET', url: '/api/journeys/nope/control-group' })
    expect([missing.statusCode, missing.json().error]).toEqual([404, 'journey_not_found'])
  })
})
