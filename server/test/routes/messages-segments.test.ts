import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

describe.each(DATABASE_KINDS)('messages and segments API on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'G-1', phone: '13812345671', timeZone: 'Asia/Shanghai', consent: true, attributes: { tier: 'gold', points: 1200 } },
        { id: 'G-2', phone: '13812345672', timeZone: 'Asia/Shanghai', consent: true, attributes: { tier: 'gold', points: 80 } },
        { id: 'S-1', phone: '13812345673', timeZone: 'Asia/Shanghai', consent: true, attributes: { tier: 'silver', points: 5000 } },
      ],
    })
    const journey = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'ab-offer-test'))
    const trigger = journey?.nodes.find((node) => node.type === 'trigger')
    if (!journey || !trigger) throw new Error('template missing')
    trigger.data = { on: 'api' }
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    await app.inject({ method: 'POST', url: '/api/journeys/ab-offer-test/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/journeys/ab-offer-test/enroll', payload: { contactIds: ['G-1', 'G-2', 'S-1'] } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('lists messages by journey, contact and status, newest first, in pages', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/messages?journeyId=ab-offer-test' })).json()
    const expected = all.messages.length
    expect(expected).toBeGreaterThan(0)
    expect(all.messages.every((message: { status: string; journeyId: string }) => message.status === 'queued' && message.journeyId === 'ab-offer-test')).toBe(true)
    const ids = all.messages.map((message: { id: number }) => message.id)
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a))
    const first = (await app.inject({ method: 'GET', url: '/api/messages?limit=1' })).json()
    expect(first.messages).toHaveLength(1)
    const second = (await app.inject({ method: 'GET', url: `/api/messages?limit=1&before=${first.next}` })).json()
    expect(second.messages[0]?.id).toBe(ids[1])
    const forContact = (await app.inject({ method: 'GET', url: '/api/messages?contactId=G-1' })).json()
    expect(forContact.messages.every((message: { contactId: string }) => message.contactId === 'G-1')).toBe(true)
    expect((await app.inject({ method: 'GET', url: '/api/messages?status=delivered' })).json().messages).toEqual([])
    expect((await app.inject({ method: 'GET', url: '/api/messages?status=lost' })).json().problems[0].path).toBe('/querystring/status')
  })

  it('defines a segment and counts its members with the engine conditions', async () => {
    const condition = {
      match: 'all',
      conditions: [
        { kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' },
        { match: 'any', conditions: [{ kind: 'attribute', attribute: 'points', operator: 'gte', value: 1000 }] },
      ],
    }
    expect((await app.inject({ method: 'PUT', url: '/api/segments/gold-rich', payload: { id: 'gold-rich', name: '金卡高积分', condition } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/segments/gold-rich/count' })).json()).toEqual({ members: 1 })
    expect((await app.inject({ method: 'GET', url: '/api/segments' })).json().segments.map((segment: { id: string }) => segment.id)).toEqual(['gold-rich'])
    const bad = await app.inject({ method: 'PUT', url: '/api/segments/x', payload: { id: 'x', name: 'x', condition: { match: 'some', conditions: [] } } })
    expect(bad.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/body/condition/match'])
  })
})
