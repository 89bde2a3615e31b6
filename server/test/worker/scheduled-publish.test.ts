import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { journeyVersions } from '../../src/db/schema/index'
import { scheduledPublisher } from '../../src/worker/scheduled-publish'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
const withText = (text: string) => {
  const document = structuredClone(cart)
  ;(document.nodes.find((node) => node.id === 'cart-reminder') as { data: { text: string } }).data.text = text
  return document
}

describe.each(DATABASE_KINDS)('scheduled publish on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-12-04T12:00:00Z')
  const clock = () => now
  const schedule = (body: object, language = 'en') =>
    app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/schedule', headers: { 'accept-language': language }, payload: body })
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('keeps the time as chosen in its zone (by its IANA name, whatever the case typed) and shows it on the journey and in the list', async () => {
    const answer = await schedule({ localTime: '2026-12-05T09:00', timeZone: 'asia/shanghai', note: 'Black Friday copy' })
    expect(answer.statusCode).toBe(200)
    const expected = {
      publishAt: '2026-12-05T01:00:00.000Z',
      localTime: '2026-12-05T09:00',
      timeZone: 'Asia/Shanghai',
      note: 'Black Friday copy',
      scheduledBy: 'Key maker (API key "tests")',
      failure: null,
    }
    expect(answer.json().schedule).toEqual(expected)
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().schedule).toEqual(expected)
    expect((await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys[0].schedule).toEqual(expected)
  })

  it('refuses a past time, an unknown zone, an impossible date and a draft with errors, naming the field', async () => {
    const past = await schedule({ localTime: '2026-12-04T19:59', timeZone: 'Asia/Shanghai' })
    expect([past.statusCode, past.json().message, past.json().problems[0].path]).toEqual([
      400,
      'Go-live time must be after now (2026-12-04 20:00 Asia/Shanghai)',
      '/body/localTime',
    ])
    const zone = await schedule({ localTime: '2026-12-05T09:00', timeZone: 'Mars/Olympus' }, 'zh-CN')
    expect([zone.statusCode, zone.json().message]).toEqual([400, '时区"Mars/Olympus"无效'])
    const date = await schedule({ localTime: '2026-02-30T09:00', timeZone: 'Asia/Shanghai' })
    expect([date.statusCode, date.json().message]).toEqual([400, 'Go-live time must be a date and time in the years 1970–2100, such as 2026-12-05T09:00'])
    const late = await schedule({ localTime: '2101-01-01T09:00', timeZone: 'Asia/Shanghai' }, 'zh-CN')
    expect([late.statusCode, late.json().message]).toEqual([400, '上线时间必须是 1970–2100 年间的日期和时间,例如 2026-12-05T09:00'])
    await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: withText('') })
    const invalid = await schedule({ localTime: '2026-12-06T09:00', timeZone: 'Asia/Shanghai' })
    expect([invalid.statusCode, invalid.json().error]).toEqual([422, 'journey_has_errors'])
    await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: cart })
    // The refused requests left the first schedule as it was.
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().schedule.publishAt).toBe('2026-12-05T01:00:00.000Z')
  })

  it('goes live at 09:00 Asia/Shanghai on the journeys clock, exactly once with several workers', async () => {
    const workers = [1, 2, 3, 4].map(() => scheduledPublisher(app.database.db, clock))
    expect(await workers[0]?.nextDueAt()).toBe(Date.parse('2026-12-05T01:00:00Z'))
    now = Date.parse('2026-12-05T00:59:59.999Z')
    expect(await Promise.all(workers.map((worker) => worker.publishDue()))).toEqual([0, 0, 0, 0])
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().journey.liveVersion).toBe(null)
    now = Date.parse('2026-12-05T01:00:00Z')
    const settled = await Promise.all(workers.map((worker) => worker.publishDue()))
    expect(settled.reduce((sum, count) => sum + count, 0)).toBe(1)
    const versions = await app.database.db.select().from(journeyVersions)
    expect(versions.map((version) => [version.version, version.note, version.publishedAt.toISOString()])).toEqual([[1, 'Black Friday copy', '2026-12-05T01:00:00.000Z']])
    const journey = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json()
    expect([journey.journey.status, journey.journey.liveVersion, journey.schedule]).toEqual(['live', 1, null])
    // Published by the scheduled publish, for the key that scheduled it.
    const [published] = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/history' })).json().events
    expect([published.kind, published.actor]).toEqual(['published', 'Key maker (API key "tests") (scheduled publish)'])
    expect(await workers[1]?.nextDueAt()).toBe(undefined)
  })

  it('does not publish a draft that became invalid, and shows why until cancelled', async () => {
    await schedule({ localTime: '2026-12-05T21:30', timeZone: 'Asia/Shanghai' })
    await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: withText('') })
    now = Date.parse('2026-12-05T13:30:00Z')
    expect(await scheduledPublisher(app.database.db, clock).publishDue()).toBe(1)
    const journey = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart', headers: { 'accept-language': 'zh-CN' } })).json()
    expect(journey.journey.liveVersion).toBe(1)
    expect(journey.schedule.failure.failedAt).toBe('2026-12-05T13:30:00.000Z')
    expect(journey.schedule.failure.message).toEqual({ en: 'The journey has errors; fix them before publishing', zh: '旅程存在错误,修正后才能发布' })
    expect(journey.schedule.failure.problems.map((problem: { nodeId: string }) => problem.nodeId)).toContain('cart-reminder')
    // A failed schedule is not tried again on every pass.
    now = Date.parse('2026-12-05T14:00:00Z')
    expect(await scheduledPublisher(app.database.db, clock).publishDue()).toBe(0)
    expect(await scheduledPublisher(app.database.db, clock).nextDueAt()).toBe(undefined)
    expect((await app.inject({ method: 'DELETE', url: '/api/journeys/abandoned-cart/schedule' })).statusCode).toBe(204)
    const again = await app.inject({ method: 'DELETE', url: '/api/journeys/abandoned-cart/schedule' })
    expect([again.statusCode, again.json().message]).toEqual([404, 'Journey "abandoned-cart" has no scheduled publish'])
  })

  it('cancels the pending schedule when the draft is published now, and says so', async () => {
    await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: cart })
    expect((await schedule({ localTime: '2026-12-06T09:00', timeZone: 'Asia/Shanghai' })).statusCode).toBe(200)
    const published = await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: { note: 'now instead' } })
    expect(published.statusCode).toBe(200)
    expect(published.json().cancelledSchedule).toBe('2026-12-06T01:00:00.000Z')
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().schedule).toBeNull()
    const versions = await app.database.db.select({ version: journeyVersions.version }).from(journeyVersions)
    now = Date.parse('2026-12-06T02:00:00Z')
    await scheduledPublisher(app.database.db, clock).publishDue()
    // Nothing more went live at the cancelled time.
    expect(await app.database.db.select({ version: journeyVersions.version }).from(journeyVersions)).toEqual(versions)
  })
})
