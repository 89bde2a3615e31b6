import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../approvals/fixture'
import { authorizedApp } from '../support/app'
import { testDatabase } from '../support/databases'

const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
const request = { count: 300, clickRate: 0.3, orderRate: 0.1, redeemRate: 0.1, start: '2026-12-01T00:00:00+08:00', days: 14 }

describe('simulations from the editor', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase('pglite') })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: winBack })
  })
  afterAll(async () => {
    await app?.close()
  })

  /** A cancelled run once its threads have stopped and its partial result is in. */
  async function stopped(runId: string) {
    for (;;) {
      const run = (await app.inject({ method: 'GET', url: `/api/simulations/${runId}` })).json()
      if (run.status !== 'running' && !run.stopping) return run
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async function finished(runId: string) {
    for (;;) {
      const run = (await app.inject({ method: 'GET', url: `/api/simulations/${runId}` })).json()
      if (run.status !== 'running') return run
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('simulates the draft over sample contacts: node counts, messages by day, reasons and timelines', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: request })
    expect(started.statusCode).toBe(202)
    const run = await finished(started.json().id)
    expect(run).toMatchObject({ status: 'done', progress: 1 })
    const { result } = run
    expect(result.contacts).toBe(300)
    expect(result.nodes.trigger.entered).toBe(300)
    // Days with messages, in order, inside the fortnight.
    expect(result.messages.byDay.length).toBeGreaterThan(1)
    // Every date of the fortnight in the workspace's zone, the quiet ones at zero.
    expect(result.messages.byDay.map((day: { date: string }) => day.date)).toEqual(Array.from({ length: 14 }, (_, index) => `2026-12-${String(index + 1).padStart(2, '0')}`))
    expect(result.messages.byDay.reduce((sum: number, day: { messages: number }) => sum + day.messages, 0)).toBe(result.messages.total)
    expect(result.messages.total).toBeGreaterThan(0)
    expect(result.messages.cost).toBeCloseTo(result.messages.parts * 0.05, 5)
    // Prices are the workspace's.
    await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { pricePerPart: 0.04, pricePerMms: 0.12, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 } })
    const cheaper = await finished((await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: request })).json().id)
    expect(cheaper.result.messages.cost).toBeCloseTo(result.messages.parts * 0.04, 5)
    await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { pricePerPart: 0.05, pricePerMms: 0.15, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 } })
    expect(Object.keys(result.timelines)).toHaveLength(25)
    // The same request gives the same numbers: sample and behaviour are seeded.
    const again = await finished((await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: request })).json().id)
    expect(again.result.nodes).toEqual(result.nodes)
  })

  it("refuses a viewer's start (403, both languages) and cancel of someone else's run, yet shows them its results; an admin cancels anyone's", async () => {
    const viewer = await signIn(app, 'Vic', 'viewer')
    const editor = await signIn(app, 'Eda', 'editor')
    const long = { ...request, count: 3000, days: 120 }
    const url = '/api/journeys/win-back-90-days/simulations'
    const refusals = await Promise.all(
      ['en', 'zh-CN'].map((language) => app.inject({ method: 'POST', url, headers: { ...viewer.headers, 'accept-language': language }, payload: long })),
    )
    expect(refusals.map((refused) => [refused.statusCode, refused.json()])).toEqual([
      [
        403,
        {
          error: 'forbidden',
          message: 'Starting a simulation needs the editor or admin role; viewers can open the results of runs',
          problems: [],
        },
      ],
      [403, { error: 'forbidden', message: '发起模拟需要编辑者或管理员角色;查看者可以查看模拟结果', problems: [] }],
    ])
    // Nor by the program page's door.
    const program = await app.inject({ method: 'POST', url: '/api/program/simulations', headers: viewer.headers, payload: long })
    expect([program.statusCode, program.json().message]).toEqual([403, 'Starting a simulation needs the editor or admin role; viewers can open the results of runs'])
    const editors = (await app.inject({ method: 'POST', url, headers: editor.headers, payload: long })).json().id
    const admins = (await app.inject({ method: 'POST', url, payload: long })).json().id
    const seen = await app.inject({ method: 'GET', url: `/api/simulations/${editors}`, headers: viewer.headers })
    expect([seen.statusCode, seen.json().id]).toEqual([200, editors])
    const refused = await app.inject({ method: 'DELETE', url: `/api/simulations/${admins}`, headers: { ...viewer.headers, 'accept-language': 'zh-CN' } })
    expect([refused.statusCode, refused.json().error, refused.json().message]).toEqual([403, 'forbidden', '只有发起此模拟的人或管理员可以取消它'])
    expect((await app.inject({ method: 'DELETE', url: `/api/simulations/${editors}`, headers: editor.headers })).statusCode).toBe(204)
    expect((await app.inject({ method: 'DELETE', url: `/api/simulations/${admins}` })).statusCode).toBe(204)
    for (const id of [admins, editors]) expect((await finished(id)).status).toBe('cancelled')
  })

  it('says when to try again when too many run (429 with Retry-After), and a cancel frees a place at once', async () => {
    const long = { ...request, count: 20_000, days: 120 }
    const url = '/api/journeys/win-back-90-days/simulations'
    const first = (await app.inject({ method: 'POST', url, payload: long })).json().id
    const second = (await app.inject({ method: 'POST', url, payload: long })).json().id
    const busy = await app.inject({ method: 'POST', url, headers: { 'accept-language': 'zh-CN' }, payload: long })
    expect([busy.statusCode, busy.headers['retry-after'], busy.json()]).toEqual([
      429,
      '5',
      { error: 'simulations_busy', message: '你已有 2 个模拟在运行;请等其中一个结束,或取消它', problems: [] },
    ])
    expect((await app.inject({ method: 'DELETE', url: `/api/simulations/${first}` })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: `/api/simulations/${first}` })).json()).toMatchObject({ status: 'cancelled' })
    const third = await app.inject({ method: 'POST', url, payload: long })
    expect(third.statusCode).toBe(202)
    for (const id of [second, third.json().id]) await app.inject({ method: 'DELETE', url: `/api/simulations/${id}` })
    for (const id of [first, second, third.json().id]) await stopped(id)
  })

  it('compares the draft with the live version on the same sample', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/publish', payload: {} })
    const cheaper = {
      ...winBack,
      nodes: winBack?.nodes.map((node) => (node.id === 'wait-4-days' ? { ...node, data: { mode: 'duration', duration: { amount: 10, unit: 'days' } } } : node)),
    }
    await app.inject({ method: 'PUT', url: '/api/journeys/win-back-90-days/draft', payload: cheaper })
    const run = await finished(
      (await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, days: 8, compareLive: true } })).json().id,
    )
    expect(run.baseline.version).toBe(1)
    expect(run.baseline.contacts).toBe(300)
    // Waiting ten days instead of four leaves no second touch inside eight days.
    expect(run.result.messages.total).toBeLessThan(run.baseline.messages.total)
  })

  it('cancels a long run, charting only the days it simulated, and refuses a bad request naming the field', async () => {
    const long = (await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, count: 20_000, days: 90 } })).json()
    // Let it simulate a few days first.
    for (;;) {
      const run = (await app.inject({ method: 'GET', url: `/api/simulations/${long.id}` })).json()
      if (run.progress > 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect((await app.inject({ method: 'DELETE', url: `/api/simulations/${long.id}` })).statusCode).toBe(204)
    const cancelled = await stopped(long.id)
    const days = cancelled.result.simulatedDays
    expect([cancelled.status, cancelled.result.cancelled, days > 0 && days < 90]).toEqual(['cancelled', true, true])
    // Only the days every thread simulated, quiet ones too: none of the 90 it never reached.
    expect(cancelled.result.messages.byDay.map((day: { date: string }) => day.date)).toEqual(
      Array.from({ length: days }, (_, index) => new Date(Date.parse('2026-12-01T00:00:00Z') + index * 86_400_000).toISOString().slice(0, 10)),
    )
    const bad = await app.inject({
      method: 'POST',
      url: '/api/journeys/win-back-90-days/simulations',
      headers: { 'accept-language': 'zh-CN' },
      payload: { ...request, count: 500_000 },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().problems[0].path).toBe('/body/count')
  })

  it('simulates the real contacts of a saved segment or of an uploaded file, naming bad rows', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'S-1', phone: '13812345601', consent: true, timeZone: 'Europe/London', attributes: { tier: 'gold' } },
        { id: 'S-2', phone: '13812345602', consent: true, attributes: { tier: 'gold' } },
        { id: 'S-3', phone: '13812345603', consent: true, attributes: { tier: 'silver' } },
      ],
    })
    await app.inject({
      method: 'PUT',
      url: '/api/segments/gold',
      payload: { id: 'gold', name: 'Gold', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] } },
    })
    const fromSegment = await finished(
      (await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, source: 'segment', segmentId: 'gold' } })).json().id,
    )
    expect(fromSegment.result.contacts).toBe(2)
    expect(Object.keys(fromSegment.result.timelines).sort()).toEqual(['S-1', 'S-2'])
    // A missing segment is refused at once; an empty one is only known once its contacts are read, after the 202.
    const missing = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, source: 'segment', segmentId: 'none' } })
    expect([missing.statusCode, missing.json().error, missing.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      404,
      'segment_not_found',
      [['/body/segmentId', 'No segment "none"']],
    ])
    // Naming no segment is a field left out, not a segment called "".
    const unnamed = await app.inject({
      method: 'POST',
      url: '/api/journeys/win-back-90-days/simulations',
      headers: { 'accept-language': 'zh-CN' },
      payload: { ...request, source: 'segment' },
    })
    expect([unnamed.statusCode, unnamed.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      400,
      [['/body/segmentId', 'source 为 "segment" 时必须提供 segmentId']],
    ])
    await app.inject({
      method: 'PUT',
      url: '/api/segments/platinum',
      payload: { id: 'platinum', name: 'Platinum', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'platinum' }] } },
    })
    const empty = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, source: 'segment', segmentId: 'platinum' } })
    expect(empty.statusCode).toBe(202)
    expect(await finished(empty.json().id)).toMatchObject({
      status: 'failed',
      errorMessage: { en: 'Segment "platinum" has no contacts to simulate', zh: '分群 "platinum" 中没有可模拟的联系人' },
    })
    const csv = 'id,phone,time_zone\nF-1,13812345611,Asia/Shanghai\nF-2,13812345612,America/New_York\n'
    const fromFile = await finished(
      (await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, source: 'csv', csv } })).json().id,
    )
    expect(fromFile.result.contacts).toBe(2)
    const bad = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: { ...request, source: 'csv', csv: 'id,phone\nF-3,123\n' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().problems[0]).toMatchObject({ path: '/body/csv/2/phone' })
    const headerOnly = { ...request, source: 'csv', csv: 'id,phone,time_zone\n' }
    const none = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: headerOnly })
    const noneZh = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: headerOnly, headers: { 'accept-language': 'zh-CN' } })
    expect([none.statusCode, none.json().problems[0].path, none.json().problems[0].text, noneZh.json().problems[0].text]).toEqual([
      400,
      '/body/csv',
      'The CSV has no contact rows: add at least one row under the header',
      'CSV 中没有联系人行:请在表头下至少添加一行',
    ])
  })
})
