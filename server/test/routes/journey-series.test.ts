import type { JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxProvider } from '../../src/providers/sandbox'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'visit-offer',
  name: 'Visit offer',
  description: '',
  settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip', goal: { event: 'order_completed' } },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'visit' } },
    { id: 'offer', type: 'send_sms', position: { x: 300, y: 0 }, data: { text: '欢迎回来,今天下单九折', category: 'recall' } },
    { id: 'wait', type: 'wait', position: { x: 600, y: 0 }, data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'end', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'offer' },
    { id: 'e2', source: 'offer', sourceHandle: 'out', target: 'wait' },
    { id: 'e3', source: 'wait', sourceHandle: 'out', target: 'end' },
  ],
}

const at = (local: string) => Date.parse(`${local}+08:00`)
const zero = { entries: 0, sends: 0, conversions: 0, revenue: 0 }

/** Entries, sends, conversions and revenue at known times, bucketed in the workspace's zone on the server's clock. */
describe.each(DATABASE_KINDS)('the live view over time on %s', (kind) => {
  let app: FastifyInstance
  let now = at('2026-11-24T10:15:00')
  const event = (contactId: string, name: string, properties?: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId, name, ...(properties ? { properties } : {}) }] })
  const dispatch = async () => {
    await app.runner.processDue()
    await outboxDispatcher(app.database.db, sandboxProvider({ deliveryRate: 1, receiptDelaySeconds: 1, clickRate: 0, clickDelaySeconds: 0 }), () => now).dispatch()
  }
  const series = async (query: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/api/journeys/visit-offer/series${query}`, headers })
  /** Only the buckets where something happened, by start. */
  const busy = (points: { start: string; entries: number; sends: number; conversions: number; revenue: number }[]) =>
    Object.fromEntries(points.filter((point) => point.entries + point.sends + point.conversions > 0).map(({ start, ...counts }) => [start, counts]))

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    await app.inject({ method: 'POST', url: '/api/journeys/visit-offer/publish', payload: {} })
    const people = ['C-1', 'C-2', 'C-3', 'C-4', 'C-5'].map((id, index) => ({ id, phone: `1381234200${index}`, consent: true }))
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: people })
    // An order before C-5 entered is no revenue of this journey's.
    await event('C-5', 'order_completed', { revenue: 500 })
    for (const id of ['C-1', 'C-2', 'C-3']) await event(id, 'visit')
    await dispatch()
    now = at('2026-11-24T12:40:00')
    for (const id of ['C-4', 'C-5']) await event(id, 'visit')
    await dispatch()
    now = at('2026-11-24T13:05:00')
    await event('C-1', 'order_completed', { revenue: 99.5 })
    await event('C-2', 'order_completed', { revenue: 'abc' })
    now = at('2026-11-24T14:20:00')
    await event('C-4', 'order_completed', { revenue: '20.25' })
    await event('C-3', 'order_completed', { revenue: { amount: 5 } })
    await event('C-5', 'order_completed', { revenue: 'NaN' })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('counts per local hour over the last 24 hours, revenue from the converting goal event only when it is a number', async () => {
    const response = await series('?lastHours=24')
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ timeZone: 'Asia/Shanghai', bucket: 'hour', from: '2026-11-23T06:20:00.000Z', to: '2026-11-24T06:20:00.000Z', hasRevenue: true })
    expect(body.points).toHaveLength(25)
    expect(body.points[0]).toEqual({ start: '2026-11-23T06:00:00.000Z', ...zero })
    expect(busy(body.points)).toEqual({
      '2026-11-24T02:00:00.000Z': { entries: 3, sends: 3, conversions: 0, revenue: 0 },
      '2026-11-24T04:00:00.000Z': { entries: 2, sends: 2, conversions: 0, revenue: 0 },
      '2026-11-24T05:00:00.000Z': { entries: 0, sends: 0, conversions: 2, revenue: 99.5 },
      '2026-11-24T06:00:00.000Z': { entries: 0, sends: 0, conversions: 3, revenue: 20.25 },
    })
    expect(body.totals).toEqual({ entries: 5, sends: 5, conversions: 5, revenue: 119.75 })
  })

  it('counts per local day over 7 days and since launch, and follows the workspace time zone', async () => {
    const week = (await series('?lastHours=168')).json()
    expect([week.bucket, week.points.length, week.points[0].start]).toEqual(['day', 8, '2026-11-16T16:00:00.000Z'])
    expect(busy(week.points)).toEqual({ '2026-11-23T16:00:00.000Z': { entries: 5, sends: 5, conversions: 5, revenue: 119.75 } })
    const launch = (await series('')).json()
    expect([launch.bucket, launch.from, launch.points.length, launch.points[0]]).toEqual([
      'day',
      '2026-11-24T02:15:00.000Z',
      1,
      { start: '2026-11-23T16:00:00.000Z', entries: 5, sends: 5, conversions: 5, revenue: 119.75 },
    ])
    const policies = (await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()
    await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: { ...policies, defaultTimeZone: 'Asia/Kolkata' } })
    // India is 5:30 ahead of UTC: its hours start at half past in UTC (six hours back from 11:50 is 05:50, in the 05:00 hour), its day at 18:30 the day before.
    const india = (await series('?lastHours=6&bucket=hour')).json()
    expect([india.timeZone, india.points[0].start]).toEqual(['Asia/Kolkata', '2026-11-23T23:30:00.000Z'])
    expect(busy(india.points)).toEqual({
      '2026-11-24T01:30:00.000Z': { entries: 3, sends: 3, conversions: 0, revenue: 0 },
      '2026-11-24T04:30:00.000Z': { entries: 2, sends: 2, conversions: 2, revenue: 99.5 },
      '2026-11-24T05:30:00.000Z': { entries: 0, sends: 0, conversions: 3, revenue: 20.25 },
    })
    expect((await series('?bucket=day')).json().points[0].start).toBe('2026-11-23T18:30:00.000Z')
    await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: policies })
  })

  it('refuses a bad range naming the field in both languages, and answers 404 for an unknown journey', async () => {
    const refused = async (query: string, locale: string) => {
      const response = await series(query, { 'accept-language': locale })
      const body = response.json()
      return [response.statusCode, body.error, body.message, body.problems.map((problem: { path: string }) => problem.path)]
    }
    expect(await refused('?lastHours=0', 'en')).toEqual([400, 'invalid_request', 'Hours back has the wrong format', ['/querystring/lastHours']])
    expect(await refused('?lastHours=0', 'zh-CN')).toEqual([400, 'invalid_request', '回溯小时数格式不正确', ['/querystring/lastHours']])
    expect(await refused('?bucket=week', 'en')).toEqual([400, 'invalid_request', 'Chart interval must be one of "hour", "day"', ['/querystring/bucket']])
    expect(await refused('?lastHours=745&bucket=hour', 'zh-CN')).toEqual([
      400,
      'invalid_request',
      '按小时统计时,回溯小时数不能大于 744:请改为按天统计(bucket=day)',
      ['/querystring/lastHours'],
    ])
    const missing = await app.inject({ method: 'GET', url: '/api/journeys/nope/series' })
    expect([missing.statusCode, missing.json().error]).toEqual([404, 'journey_not_found'])
    const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(openapi.paths['/api/journeys/{id}/series'].get.tags).toEqual(['monitoring'])
  })
})
