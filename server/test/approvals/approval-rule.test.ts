import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scheduledPublisher } from '../../src/worker/scheduled-publish'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { liveJourneyWithContactsWaiting, NOW, type Session, signIn, withSecondText } from './fixture'

describe.each(DATABASE_KINDS)('the workspace approval rule on %s', (kind) => {
  let app: FastifyInstance
  let clock = 0
  let pat: Session // editor who can publish
  const rule = async (limits: { approvalMessagesPer24h?: number | null; approvalCost?: number | null }) =>
    expect((await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: limits })).statusCode).toBe(200)
  const publish = (session: Session | undefined, note = '') =>
    app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', headers: session?.headers ?? {}, payload: { note } })
  const paths = (body: { problems: { path: string }[] }) => body.problems.map((problem) => problem.path)

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => clock })
    clock = Date.parse('2026-11-24T10:15:00+08:00')
    pat = await signIn(app, 'Pat', 'editor', true)
    await liveJourneyWithContactsWaiting(app, (at) => {
      clock = at
    })
    await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', payload: withSecondText('九折券今晚到期') })
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })

  // The forecast of the draft: the 20 contacts waiting get the second touch in the next 24 hours, one part each at ¥0.05.
  it('asks for an approval above N messages in 24 hours: 20 forecast against a limit of 19, not against 20', async () => {
    await rule({ approvalMessagesPer24h: 19 })
    const refused = await publish(pat)
    expect([refused.statusCode, refused.json().error, paths(refused.json())]).toEqual([403, 'approval_required', ['/forecast/next24hMessages']])
    expect(refused.json().problems[0].text).toBe("The forecast sends 20 messages in the next 24 hours, more than the workspace's limit of 19")
    await rule({ approvalMessagesPer24h: 20 })
    const published = await publish(pat, 'at the limit')
    expect([published.statusCode, published.json().version]).toEqual([200, 2])
    const [line] = (await app.inject({ method: 'GET', url: '/api/journeys/lapsed/history' })).json().events
    expect(line).toMatchObject({ kind: 'published', actor: 'Pat', version: 2, text: 'at the limit', forecast: { next24hMessages: 20, cost: 1, days: 14, over: [] } })
  })

  it('asks for an approval above X yuan: ¥1.00 forecast against ¥0.99, not against ¥1; an admin publishes over it, recorded', async () => {
    await rule({ approvalMessagesPer24h: null, approvalCost: 0.99 })
    const refused = await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', headers: { ...pat.headers, 'accept-language': 'zh-CN' }, payload: {} })
    expect([refused.statusCode, paths(refused.json()), refused.json().problems[0].text]).toEqual([403, ['/forecast/cost'], '预测 14 天费用 ¥1.00,超过工作区上限 ¥0.99'])
    await rule({ approvalCost: 1 })
    expect((await publish(pat)).json().version).toBe(3)
    await rule({ approvalCost: 0.5 })
    expect((await publish(undefined, 'admin key')).json().version).toBe(4)
    const [line] = (await app.inject({ method: 'GET', url: '/api/journeys/lapsed/history' })).json().events
    expect(line).toMatchObject({ kind: 'published', actor: 'Key maker (API key "tests")', version: 4, forecast: { next24hMessages: 20, cost: 1, days: 14, over: ['cost'] } })
  })

  it('does not let a scheduled publish go live when, at its time, the rule asks for an approval', async () => {
    await rule({ approvalCost: null, approvalMessagesPer24h: null })
    const scheduled = await app.inject({
      method: 'PUT',
      url: '/api/journeys/lapsed/schedule',
      headers: pat.headers,
      payload: { localTime: '2026-12-01T12:15', timeZone: 'Asia/Shanghai' },
    })
    expect(scheduled.statusCode).toBe(200)
    await rule({ approvalMessagesPer24h: 10 })
    clock = NOW + 3_600_000
    expect(await scheduledPublisher(app.database.db, () => clock).publishDue()).toBe(1)
    const { schedule } = (await app.inject({ method: 'GET', url: '/api/journeys/lapsed' })).json()
    expect([schedule.failure.message.en, schedule.failure.problems.map((problem: { path: string }) => problem.path)]).toEqual([
      'This version needs an approval before it goes live: submit it for review, and someone who can publish approves it',
      ['/forecast/next24hMessages'],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/journeys/lapsed/versions' })).json().versions.length).toBe(4)
  })

  it('takes any approval limit that is a number in range or null, and refuses anything else naming the field, changing nothing', async () => {
    const limit = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -5, max: 2_000_000_000 }),
      fc.double({ min: -10, max: 2e9, noNaN: true }),
      fc.string({ maxLength: 4 }),
      fc.boolean(),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('approvalMessagesPer24h', 'approvalCost'), limit, async (field, value) => {
        const before = (await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()
        const response = await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { [field]: value } })
        const valid = value === null || (typeof value === 'number' && value >= 0 && value <= 1_000_000_000 && (field === 'approvalCost' || Number.isInteger(value)))
        const after = (await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()
        if (valid) {
          expect(response.statusCode).toBe(200)
          expect(after).toEqual({ ...before, [field]: value })
        } else {
          expect([response.statusCode, paths(response.json())]).toEqual([400, [`/body/${field}`]])
          expect(after).toEqual(before)
        }
      }),
      { numRuns: 60, seed: 17 },
    )
  })
})
