import { type JourneyDocument, LEGAL_WINDOW, type MessageCategory, toWeeklyIntervals } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const message = (id: string, category: MessageCategory, text: string) => ({ id, type: 'send_sms', position: { x: 300, y: 0 }, data: { text, category } }) as const

/** A marketing text naming what a plain object inherits, and an order notice. */
const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'ping-test',
  name: 'Ping test',
  description: '',
  settings: { category: 'marketing', brand: 'Ping', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    message('sms', 'marketing', 'Hi {{constructor|friend}} {{toString|x}} {{__proto__|y}}'),
    message('notice', 'transactional', 'Your order has shipped'),
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'notice' },
  ],
}

const RENDERED = '【Ping】Hi friend x y Reply STOP to opt out'

describe.each(DATABASE_KINDS)('test sends protect whoever holds the phone on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  const testSend = (phone: string, nodeId = 'sms', headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/journeys/ping-test/test-sends', headers, payload: { document: journey, nodeId, phone } })
  const rowCount = async () => (await app.database.db.select({ id: messages.id }).from(messages)).length

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    const imported = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'T-SUP', phone: '+8613912345678', consent: false, suppressed: true },
        { id: 'T-NO', phone: '+8613912345679', consent: false },
        { id: 'T-LDN', phone: '+8613912345677', consent: true, timeZone: 'Europe/London' },
      ],
    })
    expect(imported.statusCode).toBeLessThan(300)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a marketing test to an opted-out number before any provider call, on the phone field, in both languages', async () => {
    now = Date.parse('2026-11-24T10:00:00+08:00')
    const before = await rowCount()
    const refused = await testSend('13912345678')
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      error: 'test_send_refused',
      message: "This number opted out (replied T/退订/STOP, or was imported as opted out): tests are not sent to it, whatever the message's category",
      problems: [{ code: 'test_send.opted_out', severity: 'error', path: '/body/phone' }],
    })
    const chinese = await testSend('13912345678', 'sms', { 'accept-language': 'zh-CN' })
    expect(chinese.json().message).toBe('该号码已退订(回复了 T/退订/STOP,或导入时已退订):无论消息类别,测试都不会发送给它')
    // No row: the row is written before the provider is called, so nothing was handed over.
    expect(await rowCount()).toBe(before)
    // The category comes with the sender's own document: calling the text transactional changes nothing.
    const relabelled = await testSend('13912345678', 'notice')
    expect([relabelled.statusCode, relabelled.json().problems[0].code]).toEqual([409, 'test_send.opted_out'])
    expect(await rowCount()).toBe(before)
  })

  it('refuses a marketing test to a known contact without consent', async () => {
    const refused = await testSend('+86 139 1234 5679')
    expect([refused.statusCode, refused.json().problems[0].code]).toEqual([409, 'test_send.no_consent'])
  })

  it('refuses outside 08:00–21:00 in the number’s zone with the time now and next, and records the window it sent in', async () => {
    now = Date.parse('2026-11-24T06:32:00+08:00')
    const early = await testSend('13912340000')
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({
      error: 'test_send_refused',
      message: 'Test not sent: tests go out only within 08:00–21:00 in Asia/Shanghai; it is now 2026-11-24 06:32 Asia/Shanghai, next allowed 2026-11-24 08:00 Asia/Shanghai',
      problems: [{ code: 'test_send.window', path: '/body/nodeId' }],
    })
    now = Date.parse('2026-11-24T06:04:00-05:00')
    const newYork = await testSend('+1 212 555 0199')
    expect(newYork.statusCode).toBe(409)
    expect(newYork.json().message).toContain('it is now 2026-11-24 06:04 America/New_York')

    now = Date.parse('2026-11-24T10:00:00+08:00')
    const sent = await testSend('13912340000')
    expect(sent.statusCode).toBe(201)
    expect(sent.json().message.sendWindow).toEqual({ timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) })
    // 10:00 in Beijing is 02:00 in London: a stored contact's own zone counts, and for a +86 number Beijing time beside it.
    const london = await testSend('13912345677')
    expect(london.statusCode).toBe(409)
    expect(london.json().message).toContain(
      "in Europe/London (the contact's own zone) and Asia/Shanghai (China's legal time) at once; it is now 2026-11-24 02:00 Europe/London, next allowed 2026-11-24 08:00 Europe/London",
    )
  })

  it('previews and test-sends fallbacks, never what a plain object inherits', async () => {
    now = Date.parse('2026-11-24T10:00:00+08:00')
    const preview = await app.inject({ method: 'POST', url: '/api/journeys/ping-test/preview', payload: { document: journey } })
    expect(preview.json().messages[0]).toMatchObject({ nodeId: 'sms', text: RENDERED, missing: [] })
    const sent = await testSend('13912340000')
    expect(sent.json().message.text).toBe(RENDERED)
  })
})
