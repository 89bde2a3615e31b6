import type { Scope } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages } from '../../src/db/schema/index'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { keyMaker } from '../support/keys'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const REFUSAL = {
  en: 'This needs the "contacts:read" permission, which this API key does not have',
  'zh-CN': '此操作需要"contacts:read"权限,该 API 密钥没有此权限',
}
const SAMPLE = { count: 1, clickRate: 0, orderRate: 0, redeemRate: 0, start: '2026-12-01T00:00:00+08:00', days: 1 }

/**
 * Whatever else a key may read (journeys, messages, segments), a real contact's data (name, phone,
 * attributes, timeline) takes contacts:read too: 403 naming it, in the request's language.
 */
describe.each(DATABASE_KINDS)('contact data behind contacts:read on %s', (kind) => {
  let app: FastifyInstance
  const keys = new Map<string, string>()
  const as = async (scopes: Scope[], method: 'GET' | 'POST', url: string, payload?: object, language = 'en') => {
    const name = scopes.join(',')
    if (!keys.has(name)) keys.set(name, (await accessRepository(app.database.db).createApiKey(name, scopes, await keyMaker(app.database.db))).secret)
    return app.inject({ method, url, headers: { authorization: `Bearer ${keys.get(name)}`, 'accept-language': language }, ...(payload ? { payload } : {}) })
  }
  const refusedIn = async (language: 'en' | 'zh-CN', scopes: Scope[], method: 'GET' | 'POST', url: string, payload?: object) => {
    const answer = await as(scopes, method, url, payload, language)
    expect([answer.statusCode, answer.json().error, answer.json().message]).toEqual([403, 'forbidden', REFUSAL[language]])
  }
  const refused = (scopes: Scope[], method: 'GET' | 'POST', url: string, payload?: object) => refusedIn('en', scopes, method, url, payload)
  /** A simulation once it stopped running (runs of one person are few at a time). */
  async function finished(url: string) {
    for (;;) {
      const run = (await app.inject({ method: 'GET', url })).json()
      if (run.status !== 'running') return run
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => Date.parse('2026-11-24T10:00:00+08:00') })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'W-1', phone: '13812340001', consent: true, attributes: { name: '周七' } }] })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'W-1', name: 'cart_added' }] })
    const segment = { id: 'zhou', name: 'Zhou', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'name', operator: 'eq', value: '周七' }] } }
    expect((await app.inject({ method: 'PUT', url: '/api/segments/zhou', payload: segment })).statusCode).toBe(200)
    await app.database.db.insert(messages).values({
      idempotencyKey: 'message-1',
      enrollmentId: 'enrollment-1',
      journeyId: 'abandoned-cart',
      contactId: 'contact-1',
      nodeId: 'cart-reminder',
      channel: 'sms',
      category: 'marketing',
      phone: '+8613812340001',
      text: '【乐享】周七,购物车里的宝贝还在 回T退订',
      parts: 1,
      status: 'sent',
      createdAt: new Date('2026-11-24T10:00:00+08:00'),
    })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses who waits at a node (names, phones, searchable by phone) to a key without contacts:read, and lists them with it', async () => {
    const url = '/api/journeys/abandoned-cart/nodes/wait-for-order/contacts?search=13812340001'
    await refused(['journeys:read'], 'GET', url)
    await refusedIn('zh-CN', ['journeys:read'], 'GET', url)
    // The journey's own figures stay the journey's.
    expect((await as(['journeys:read'], 'GET', '/api/journeys/abandoned-cart/stats')).statusCode).toBe(200)
    const listed = await as(['journeys:read', 'contacts:read'], 'GET', url)
    expect([listed.statusCode, listed.json().contacts.map((contact: { externalId: string; name: string }) => [contact.externalId, contact.name])]).toEqual([200, [['W-1', '周七']]])
  })

  it('previews and test-sends as a real contact only with contacts:read, refused before the contact is looked up; the sample needs none', async () => {
    const preview = (contactId?: string) => ({ document: cart, ...(contactId ? { contactId } : {}) })
    await refused(['journeys:read'], 'POST', '/api/journeys/abandoned-cart/preview', preview('W-1'))
    // Nor does it say who exists: an unknown id is refused the same, not answered 404.
    await refused(['journeys:read'], 'POST', '/api/journeys/abandoned-cart/preview', preview('NOBODY'))
    const sample = await as(['journeys:read'], 'POST', '/api/journeys/abandoned-cart/preview', preview())
    expect([sample.statusCode, sample.json().contact.sample]).toEqual([200, true])
    const real = await as(['journeys:read', 'contacts:read'], 'POST', '/api/journeys/abandoned-cart/preview', preview('W-1'))
    expect([real.statusCode, real.json().contact]).toEqual([200, { id: 'W-1', sample: false, name: '周七' }])

    const testSend = (contactId?: string) => ({ ...preview(contactId), nodeId: 'cart-reminder', phone: '13812345670' })
    await refused(['journeys:write'], 'POST', '/api/journeys/abandoned-cart/test-sends', testSend('W-1'))
    expect((await as(['journeys:write'], 'POST', '/api/journeys/abandoned-cart/test-sends', testSend())).statusCode).toBe(201)
    const sent = await as(['journeys:write', 'contacts:read'], 'POST', '/api/journeys/abandoned-cart/test-sends', testSend('W-1'))
    expect([sent.statusCode, sent.json().message.text.includes('周七')]).toEqual([201, true])
  })

  it('starts a simulation over the real contacts or a segment of them only with contacts:read, and shows such a run only to callers with it', async () => {
    const url = '/api/journeys/abandoned-cart/simulations'
    await refused(['journeys:write'], 'POST', url, { ...SAMPLE, source: 'contacts' })
    await refused(['journeys:write'], 'POST', url, { ...SAMPLE, source: 'segment', segmentId: 'no-such-segment' })
    await refused(['journeys:write'], 'POST', '/api/program/simulations', { ...SAMPLE, source: 'contacts' })

    const generated = await as(['journeys:write'], 'POST', url, SAMPLE)
    expect(generated.statusCode).toBe(202)
    const generatedRun = `/api/simulations/${generated.json().id}`
    expect((await finished(generatedRun)).request.source).toBe('generated')
    expect((await as(['journeys:read'], 'GET', generatedRun)).statusCode).toBe(200)

    const real = await as(['journeys:write', 'contacts:read'], 'POST', url, { ...SAMPLE, source: 'segment', segmentId: 'zhou' })
    expect(real.statusCode).toBe(202)
    const realRun = `/api/simulations/${real.json().id}`
    const done = await finished(realRun)
    expect([done.status, done.error, Object.keys(done.result?.timelines ?? {})]).toEqual(['done', undefined, ['W-1']])
    await refused(['journeys:read'], 'GET', realRun)
    expect((await as(['journeys:read', 'contacts:read'], 'GET', realRun)).statusCode).toBe(200)

    const program = await as(['journeys:write', 'contacts:read'], 'POST', '/api/program/simulations', { ...SAMPLE, source: 'contacts' })
    expect(program.statusCode).toBe(202)
    const programRun = `/api/program/simulations/${program.json().id}`
    expect((await finished(programRun)).status).toBe('done')
    await refused(['journeys:read'], 'GET', programRun)
    expect((await as(['journeys:read', 'contacts:read'], 'GET', programRun)).statusCode).toBe(200)
  })

  it('refuses the messages and replies lists (numbers, texts, contact ids) to a messages:read key without contacts:read', async () => {
    await refused(['messages:read'], 'GET', '/api/messages?contactId=W-1')
    await refused(['messages:read'], 'GET', '/api/replies')
    const listed = await as(['messages:read', 'contacts:read'], 'GET', '/api/messages?test=false')
    expect([listed.statusCode, listed.json().messages.map((message: { phone: string }) => message.phone)]).toEqual([200, ['+8613812340001']])
    expect((await as(['messages:read', 'contacts:read'], 'GET', '/api/replies')).json()).toEqual({ replies: [], next: null })
  })

  it('refuses the catalog, whose examples are contacts’ own values, to a segments:read key without contacts:read', async () => {
    await refused(['segments:read'], 'GET', '/api/catalog')
    const catalog = await as(['segments:read', 'contacts:read'], 'GET', '/api/catalog')
    expect(catalog.json().attributes).toEqual([{ name: 'name', type: 'string', examples: ['周七'] }])
  })

  it('refuses counts of any condition (a segment’s members, an estimate) to a key without contacts:read: a count of name = X says whether someone is called X', async () => {
    const condition = { match: 'all', conditions: [{ kind: 'attribute', attribute: 'name', operator: 'eq', value: '周七' }] }
    await refused(['segments:read'], 'GET', '/api/segments/zhou/count')
    await refusedIn('zh-CN', ['segments:read', 'segments:write'], 'POST', '/api/catalog/estimate', { condition })
    const counted = await as(['segments:read', 'contacts:read'], 'GET', '/api/segments/zhou/count')
    const estimated = await as(['segments:read', 'contacts:read'], 'POST', '/api/catalog/estimate', { condition })
    expect([counted.statusCode, counted.json().members, estimated.statusCode, estimated.json().count]).toEqual([200, 1, 200, 1])
    // Saved conditions without their counts stay a segments:read matter.
    expect((await as(['segments:read'], 'GET', '/api/segments')).json().segments.map((segment: { id: string }) => segment.id)).toEqual(['zhou'])
  })
})
