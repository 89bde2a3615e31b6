import type { JourneyDocument } from '@recall/shared'
import { asc, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, events } from '../../src/db/schema/index'
import { forecastPublish } from '../../src/forecast/forecast'
import { readLiveState } from '../../src/forecast/live-state'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { edge, lapsedJourney, node } from '../support/lapsed-journey'

/** v1: first touch, a 10-day wait, second touch. */
const live: JourneyDocument = lapsedJourney({ id: 'hold', amount: 10, unit: 'days' })
/** The draft drops the wait. */
const withoutHold: JourneyDocument = {
  ...live,
  nodes: live.nodes.filter((candidate) => candidate.id !== 'hold'),
  edges: [edge('start', 'first'), edge('first', 'second'), edge('second', 'end')],
}
/** The draft keeps every node; the second touch becomes two SMS parts. */
const longerSecond: JourneyDocument = {
  ...live,
  nodes: live.nodes.map((candidate) => (candidate.id === 'second' ? node('second', 'send_sms', 900, { text: '九折券明天到期'.repeat(10), category: 'recall' }) : candidate)),
}

const ids = Array.from({ length: 1000 }, (_, index) => `L-${index + 1}`)

/** The publish forecast from a real live state: 1,000 contacts entered through the runner and waiting. */
describe.each(DATABASE_KINDS)('the publish forecast on %s', (kind) => {
  let app: FastifyInstance
  const entered = Date.parse('2026-11-24T10:15:00+08:00')
  // A week and an hour later: the entries are older than the week the entry rate is read over.
  const now = entered + 7 * 86_400_000 + 3_600_000
  let clock = entered
  const forecast = async (query: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/api/journeys/lapsed/forecast${query}`, headers })
  const saveDraft = async (document: JourneyDocument) => expect((await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', payload: document })).statusCode).toBe(200)

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => clock })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: live })
    expect((await forecast('')).json().error).toBe('journey_not_published')
    await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: ids.map((id, index) => ({ id, phone: `139${String(10_000_000 + index)}`, consent: true })) })
    await app.inject({ method: 'POST', url: '/api/events', payload: ids.map((contactId) => ({ contactId, name: 'visit' })) })
    await app.runner.processDue()
    clock = now
  }, 300_000)
  afterAll(async () => {
    await app?.close()
  })

  it('counts the 1,000 contacts waiting at a node the draft removes; they stay on v1 and still get its second touch at their stored time', async () => {
    await saveDraft(withoutHold)
    const response = await forecast('')
    expect(response.statusCode).toBe(200)
    const body = response.json()
    // The days are Beijing dates (the workspace's default zone), and the answer says so.
    expect([body.days, body.start, body.timeZone, body.inFlight, body.newEntriesPerDay, body.migrate]).toEqual([14, new Date(now).toISOString(), 'Asia/Shanghai', 1000, 0, false])
    expect(body.removedNodes).toEqual([{ nodeId: 'hold', label: 'Wait: Wait 10 days', summary: { en: 'Wait: Wait 10 days', zh: '等待:等待 10 天' }, contacts: 1000 }])
    // The wait ends on 12-04 at 10:15, when the contacts entered plus 10 days.
    for (const figures of [body.proposed, body.current]) {
      expect(figures.byDay.length).toBe(15)
      expect(figures.byDay.filter((day: { messages: number }) => day.messages > 0)).toEqual([{ date: '2026-12-04', messages: 1000, parts: 1000, cost: 50 }])
      expect([figures.messages, figures.parts, figures.cost, figures.next24hMessages, figures.conversions]).toEqual([1000, 1000, 50, 0, 0])
    }
    expect(body.difference).toEqual({ messages: 0, cost: 0, conversions: 0 })
    // The same for a caller on the server (the approval rule), with the same clock.
    const direct = await forecastPublish(app.database.db, 'lapsed', { now })
    expect([direct.proposed.next24hMessages, direct.proposed.cost, direct.removedNodes[0]?.contacts]).toEqual([0, 50, 1000])
  })

  it('gives a difference of 0 when the draft is the live version', async () => {
    await saveDraft(live)
    const body = (await forecast('?days=7&migrate=true')).json()
    expect(body.removedNodes).toEqual([])
    expect(body.proposed).toEqual(body.current)
    expect(body.difference).toEqual({ messages: 0, cost: 0, conversions: 0 })
    expect(body.proposed.byDay.map((day: { date: string }) => day.date)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
    ])
  })

  it('moves contacts onto the draft only when publishing would: a longer second touch costs more with migrate', async () => {
    await saveDraft(longerSecond)
    const moved = (await forecast('?migrate=true')).json()
    expect([moved.proposed.parts, moved.current.parts, moved.difference]).toEqual([2000, 1000, { messages: 0, cost: 50, conversions: 0 }])
    const stayed = (await forecast('?migrate=false')).json()
    expect([stayed.proposed.parts, stayed.difference]).toEqual([1000, { messages: 0, cost: 0, conversions: 0 }])
  })

  it('refuses days outside 1–60 naming the field in both languages, and an unknown journey', async () => {
    for (const [query, locale, message] of [
      ['?days=61', 'en', 'Days must be a whole number from 1 to 60'],
      ['?days=0', 'zh-CN', '天数必须是 1 到 60 之间的整数'],
      ['?days=two', 'en', 'Days has the wrong format'],
    ] as const) {
      const body = (await forecast(query, { 'accept-language': locale })).json()
      expect([body.statusCode ?? 400, body.error, body.message, body.problems.map((problem: { path: string }) => problem.path)]).toEqual([
        400,
        'invalid_request',
        message,
        ['/querystring/days'],
      ])
    }
    const missing = await app.inject({ method: 'GET', url: '/api/journeys/nope/forecast' })
    expect([missing.statusCode, missing.json().error]).toEqual([404, 'journey_not_found'])
  })

  it('replays how contacts answered the journey lately: the share of its messages followed within 48 hours by each event', async () => {
    const rows = await app.database.db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.externalId, ids)).orderBy(asc(contacts.externalId))
    const hour = 3_600_000
    await app.database.db.insert(events).values([
      // 250 of the 1,000 first touches clicked an hour later; 100 ordered, but 3 days later: too late to count.
      ...rows.slice(0, 250).map((row) => ({ contactId: row.id, name: 'link_clicked', occurredAt: new Date(entered + hour) })),
      ...rows.slice(0, 100).map((row) => ({ contactId: row.id, name: 'order_completed', occurredAt: new Date(entered + 72 * hour) })),
    ])
    const { input } = await readLiveState(app.database.db, 'lapsed', { now, days: 14, migrate: false })
    expect(input.options.behaviours).toEqual([
      {
        reactions: [
          { event: 'coupon_redeemed', probability: 0, delayHours: [0, 48] },
          { event: 'link_clicked', probability: 0.25, delayHours: [0, 48] },
          { event: 'order_completed', probability: 0, delayHours: [0, 48] },
        ],
      },
    ])
  })
})
