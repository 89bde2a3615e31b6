import { JOURNEY_TEMPLATES } from '@recall/shared'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const sample = { count: 40, clickRate: 0.3, orderRate: 0.1, redeemRate: 0.1, start: '2026-12-01T00:00:00+08:00', days: 7 }

describe.each(DATABASE_KINDS)('the Program page simulation on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind) })
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })

  const post = (payload: object, locale = 'en') => app.inject({ method: 'POST', url: '/api/program/simulations', headers: { 'accept-language': locale }, payload })
  async function finished(runId: string) {
    for (;;) {
      const run = (await app.inject({ method: 'GET', url: `/api/program/simulations/${runId}` })).json()
      if (run.status !== 'running') return run
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('refuses to simulate nothing, naming the field in English and Chinese', async () => {
    const en = await post(sample)
    expect(en.statusCode).toBe(400)
    expect(en.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/body/drafts'])
    expect(en.json().message).toBe('No journey is live and no draft was chosen: there is nothing to simulate')
    const zh = await post(sample, 'zh-CN')
    expect(zh.json().message).toBe('没有上线中的旅程,也没有选择草稿:没有可模拟的内容')
  })

  it('names an unknown draft, an unknown cap, a provider window without a cloud and an empty what-if', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys', payload: winBack })
    const unknown = await post({ ...sample, drafts: ['win-back-90-days', 'nope'] })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().problems).toMatchObject([{ path: '/body/drafts/1', code: 'program.unknown_journey', text: 'No journey "nope" to take the draft of' }])
    const cap = await post({ ...sample, drafts: ['win-back-90-days'], changes: { caps: [{ id: 'recall-7d', limit: 3 }] } }, 'zh-CN')
    expect(cap.json().problems).toMatchObject([{ path: '/body/changes/caps/0/id', text: '工作区没有频次上限"recall-7d"(现有:recall-30d、marketing-30d、marketing-1d)' }])
    const provider = await post({ ...sample, drafts: ['win-back-90-days'], changes: { providerWindows: { recall: { start: '09:00', end: '20:00' } } } })
    expect(provider.json().problems).toMatchObject([{ path: '/body/changes/providerWindows/recall', code: 'what_if.no_provider_window' }])
    const empty = await post({ ...sample, drafts: ['win-back-90-days'], changes: {} })
    expect(empty.json().problems).toMatchObject([{ path: '/body/changes', code: 'what_if.empty' }])
    const blocked = await post({ ...sample, drafts: ['win-back-90-days'], changes: { quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '23:00' }] } })
    expect(blocked.json().problems).toMatchObject([{ path: '/body/changes/quietHoursWindow', code: 'settings.no_allowed_time' }])
    const schema = await post({ ...sample, drafts: ['win-back-90-days'], days: 91 })
    expect(schema.json().problems[0].path).toBe('/body/days')
  })

  it('answers 202 with the journeys it simulates: live versions, and drafts in their place', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    const started = await post({ ...sample, drafts: ['win-back-90-days'] })
    expect(started.statusCode).toBe(202)
    expect(started.json()).toMatchObject({
      status: 'running',
      journeys: [
        { id: 'abandoned-cart', name: cart?.name, version: 1 },
        { id: 'win-back-90-days', name: winBack?.name, version: null },
      ],
    })
    const run = await finished(started.json().id)
    expect(run).toMatchObject({ status: 'done', progress: 1, request: { count: 40, days: 7, seed: 1 } })
    expect(Object.keys(run.result.journeys)).toEqual(['abandoned-cart', 'win-back-90-days'])
    expect(run.result.contacts).toBe(40)
    const { zero, one, two, threePlus } = run.result.perContactWeekly
    expect(zero + one + two + threePlus).toBe(40)
    expect(run.result.total.messages).toBe(run.result.journeys['abandoned-cart'].messages.total + run.result.journeys['win-back-90-days'].messages.total)
    // The daily cap is shared: the journey that used it is named.
    const reasons = run.result.total.held.map((reason: { message: { en: string } }) => reason.message.en)
    expect(reasons.some((reason: string) => /used by journey "(Abandoned cart|90-day win-back)/.test(reason))).toBe(true)
    expect((await app.inject({ method: 'DELETE', url: `/api/program/simulations/${run.id}` })).statusCode).toBe(204)
  })

  it('runs a what-if on the same sample: one more marketing message a day gives more sends, and the comparison is the difference', async () => {
    const base = (await finished((await post({ ...sample, drafts: ['win-back-90-days'] })).json().id)).result
    const started = await post({ ...sample, drafts: ['win-back-90-days'], changes: { caps: [{ id: 'marketing-1d', limit: 2 }] } })
    expect(started.json().changes).toEqual({ caps: [{ id: 'marketing-1d', limit: 2 }] })
    const run = await finished(started.json().id)
    // The first run of a what-if is the workspace's settings: the same figures as a plain run of the same sample.
    expect(run.result.total).toEqual(base.total)
    expect(run.changed.total.messages).toBeGreaterThan(run.result.total.messages)
    expect(run.comparison.total.messages).toEqual({
      base: run.result.total.messages,
      changed: run.changed.total.messages,
      difference: run.changed.total.messages - run.result.total.messages,
    })
    expect(run.comparison.journeys.map((journey: { id: string }) => journey.id)).toEqual(['abandoned-cart', 'win-back-90-days'])
    expect((await app.inject({ method: 'GET', url: '/api/program/simulations/nope' })).statusCode).toBe(404)
  })

  it('samples the real contacts at random, the same ones for the same seed', async () => {
    const refused = await post({ ...sample, source: 'contacts', drafts: ['win-back-90-days'] })
    expect(refused.json().error).toBe('no_contacts')
    const headerOnly = await post({ ...sample, source: 'csv', csv: 'id,phone\n', drafts: ['win-back-90-days'] })
    expect([headerOnly.statusCode, headerOnly.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/csv']])
    await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: ['R-1', 'R-2', 'R-3', 'R-4', 'R-5'].map((id, index) => ({ id, phone: `1381234560${index}`, consent: true })),
    })
    const sampled = async () => (await finished((await post({ ...sample, source: 'contacts', count: 3, seed: 7, drafts: ['win-back-90-days'] })).json().id)).result
    const first = await sampled()
    expect(first.contacts).toBe(3)
    const ids = first.topContacts.map((contact: { contactId: string }) => contact.contactId).sort()
    expect(ids.every((id: string) => /^R-[1-5]$/.test(id))).toBe(true)
    expect((await sampled()).topContacts.map((contact: { contactId: string }) => contact.contactId).sort()).toEqual(ids)
  })

  it('answers any body with 202 or a 400 naming a field under /body, never 5xx', async () => {
    const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, fc.constantFrom(-1, 'x', null, 1e9, [], {}))
    const bodies = fc.record(
      {
        count: field(fc.integer({ min: 1, max: 20 })),
        clickRate: field(fc.double({ min: 0, max: 1, noNaN: true })),
        orderRate: field(fc.constant(0.1)),
        redeemRate: field(fc.constant(0.1)),
        start: field(fc.constantFrom('2026-12-01T00:00:00Z', 'yesterday')),
        days: field(fc.integer({ min: 1, max: 3 })),
        source: field(fc.constantFrom('generated', 'segment', 'csv', 'contacts')),
        drafts: field(fc.array(fc.constantFrom('win-back-90-days', 'abandoned-cart', 'nope'), { maxLength: 3 })),
        changes: field(
          fc.record(
            {
              caps: fc.array(fc.record({ id: fc.constantFrom('recall-30d', 'recall-90d'), limit: fc.integer({ min: 0, max: 5 }) }), { maxLength: 2 }),
              dailyMessageCeiling: fc.integer({ min: 0, max: 20 }),
              providerWindows: fc.record({ marketing: fc.record({ start: fc.constantFrom('09:00', '25:00'), end: fc.constantFrom('21:00', '08:00') }) }),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom('en', 'zh-CN'), async (body, locale) => {
        const answer = await post(body, locale)
        if (answer.statusCode === 202) {
          await app.inject({ method: 'DELETE', url: `/api/program/simulations/${answer.json().id}` })
          return
        }
        expect(answer.statusCode).toBe(400)
        const refusal = answer.json()
        expect(typeof refusal.message).toBe('string')
        // Every refusal is said in the request's language (the messages of unknown sources name no field).
        if (locale === 'zh-CN') expect(refusal.message).toMatch(/[\u4e00-\u9fff]/)
        for (const problem of refusal.problems) expect(problem.path).toMatch(/^\/body(\/|$)/)
      }),
      { numRuns: 60, seed: 17 },
    )
  }, 120_000)
})
