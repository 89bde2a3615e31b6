import { defaultPolicies } from '@recall/engine'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settings } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

describe.each(DATABASE_KINDS)('settings API on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T09:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('starts from the default policies', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()).toEqual(defaultPolicies())
  })

  it('applies a saved recall window to live sends', async () => {
    const policies = { ...defaultPolicies(), categoryWindows: { recall: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '12:00' }] } }
    expect((await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: policies })).json()).toEqual(policies)
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'M-1', phone: '13812345678', timeZone: 'Asia/Shanghai', consent: true }] })
    const journey = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days'))
    const trigger = journey?.nodes.find((node) => node.type === 'trigger')
    if (!journey || !trigger) throw new Error('template missing')
    trigger.data = { on: 'event', event: 'lapsed' }
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'M-1', name: 'lapsed' }] })
    const contact = (await app.inject({ method: 'GET', url: '/api/contacts/M-1' })).json()
    expect(contact.enrollments[0]).toMatchObject({ nodeId: 'first-touch', nextWakeAt: new Date(Date.parse('2026-11-24T10:00:00+08:00')).toISOString() })
  })

  it('refuses bad policies with the field named and keeps the old ones', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()
    const badZone = await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: { ...defaultPolicies(), defaultTimeZone: 'Mars/Base' } })
    expect(badZone.json()).toMatchObject({ error: 'invalid_request', problems: [{ path: '/body/defaultTimeZone', text: '"Mars/Base" is not a known time zone' }] })
    const badCap = await app.inject({
      method: 'PUT',
      url: '/api/settings/policies',
      headers: { 'accept-language': 'zh-CN' },
      payload: { ...defaultPolicies(), caps: [{ id: 'x', categories: ['recall'], limit: -1, window: { amount: 30, unit: 'days' } }] },
    })
    expect(badCap.statusCode).toBe(400)
    expect(badCap.json().problems).toEqual([expect.objectContaining({ path: '/body/caps/0/limit', text: '频次上限不能小于 0' })])
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()).toEqual(before)
  })

  it('keeps a daily ceiling of 10 messages when a client or an older stored row leaves it out, and refuses 0', async () => {
    const { dailyMessageCeiling: _left, ...withoutCeiling } = defaultPolicies()
    const saved = await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: { ...withoutCeiling, caps: [] } })
    expect(saved.json()).toEqual({ ...defaultPolicies(), caps: [] })
    await app.database.db.update(settings).set({ value: withoutCeiling }).where(eq(settings.key, 'send_policies'))
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()).toMatchObject({ dailyMessageCeiling: 10 })
    const three = await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: { ...defaultPolicies(), dailyMessageCeiling: 3 } })
    expect(three.json()).toMatchObject({ dailyMessageCeiling: 3 })
    const zero = await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: { ...defaultPolicies(), dailyMessageCeiling: 0 } })
    expect(zero.statusCode).toBe(400)
    expect(zero.json().problems).toEqual([expect.objectContaining({ path: '/body/dailyMessageCeiling', text: 'Daily message ceiling must be at least 1' })])
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()).toMatchObject({ dailyMessageCeiling: 3 })
  })
})
