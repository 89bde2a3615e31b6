import type { JourneyDocument } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coupons, messages } from '../../src/db/schema/index'
import { sandboxProvider } from '../../src/providers/sandbox'
import { ProviderError, type SmsProvider } from '../../src/providers/types'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const HOUR = 3_600_000
const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'vip-coupon',
  name: 'VIP coupon',
  description: '',
  settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    {
      id: 'gift',
      type: 'send_sms',
      position: { x: 300, y: 0 },
      data: {
        text: '{{name|亲}},您的{{coupon.label}}券码 {{coupon.code}}',
        category: 'recall',
        offer: { kind: 'amount_off', value: 20, label: '20元券', validHours: 72, poolId: 'vip' },
      },
    },
    {
      id: 'remind',
      type: 'reminder_before_expiry',
      position: { x: 600, y: 0 },
      data: { expiry: { source: 'coupon' }, before: { amount: 1, unit: 'days' }, text: '券码 {{coupon.code}} 明天到期', category: 'recall' },
    },
    { id: 'end', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'gift' },
    { id: 'e2', source: 'gift', sourceHandle: 'out', target: 'remind' },
    { id: 'e3', source: 'remind', sourceHandle: 'sent', target: 'end' },
    { id: 'e4', source: 'remind', sourceHandle: 'skipped', target: 'end' },
  ],
}

describe.each(DATABASE_KINDS)('coupon pools on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  const textsOf = async () =>
    await app.database.db.select({ contactId: messages.contactId, nodeId: messages.nodeId, text: messages.text, status: messages.status }).from(messages).orderBy(asc(messages.id))
  const codeStatus = async () => Object.fromEntries((await app.database.db.select().from(coupons).orderBy(asc(coupons.code))).map((row) => [row.code, row.status]))
  const deliverAll = (provider: SmsProvider = sandboxProvider({ deliveryRate: 1, receiptDelaySeconds: 1, clickRate: 0, clickDelaySeconds: 0 })) =>
    outboxDispatcher(app.database.db, provider, () => now).dispatch()

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    await app.inject({ method: 'POST', url: '/api/journeys/vip-coupon/publish', payload: {} })
    await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: ['V-1', 'V-2', 'V-3', 'V-4'].map((id, index) => ({ id, phone: `1381234100${index}`, consent: true, attributes: { name: `会员${index + 1}` } })),
    })
    await app.inject({ method: 'PUT', url: '/api/coupons/pools/vip', payload: { name: 'VIP 20 元券' } })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a file with a bad code, naming its line, and adds nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/coupons/pools/vip/codes',
      headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' },
      payload: 'code\nvip-0001\nno good\n',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().problems).toEqual([expect.objectContaining({ path: '/body/3', text: '"NO GOOD" 不是有效券码' })])
    expect(await codeStatus()).toEqual({})
  })

  it('refuses a JSON body that is not a list of texts, naming the item, and adds nothing', async () => {
    const post = (payload: unknown, language = 'en') =>
      app.inject({ method: 'POST', url: '/api/coupons/pools/vip/codes', headers: { 'accept-language': language }, payload: payload as object })
    const wrapped = await post({ codes: ['BBBB1'] })
    expect([wrapped.statusCode, wrapped.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      400,
      [['/body', 'Send a CSV file or a JSON list of codes, e.g. ["VIP-0001", "VIP-0002"]']],
    ])
    const mixed = await post(['GOOD-1', { code: 'X' }, 'no good'], 'zh-CN')
    expect(mixed.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/1', '第 1 项不是文本:券码须为字符串'],
      ['/body/2', '"NO GOOD" 不是有效券码'],
    ])
    const empty = await post([])
    expect([empty.statusCode, empty.json().problems[0].text]).toEqual([400, 'No codes were sent'])
    expect(await codeStatus()).toEqual({})
  })

  it('issues pool codes in the messages, and holds the send that finds the pool empty, with an alarm', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/coupons/pools/vip/codes',
      headers: { 'content-type': 'text/csv' },
      payload: 'code\nvip-0001\nVIP-0002\nVIP-0002\n',
    })
    // VIP-0002 twice: the repeat is a duplicate, not a second code.
    expect(added.json()).toEqual({ added: 2, duplicates: 1 })
    expect((await app.inject({ method: 'POST', url: '/api/journeys/vip-coupon/enroll', payload: { contactIds: ['V-1', 'V-2', 'V-3'] } })).json()).toEqual({
      accepted: 3,
      entered: 3,
    })
    // Which two contacts the worker takes first is its business; each gets its own code.
    const texts = (await textsOf()).map((message) => message.text.replace(/会员\d/, '会员N'))
    expect(texts).toEqual(['【乐享】会员N,您的20元券券码 VIP-0001 回T退订', '【乐享】会员N,您的20元券券码 VIP-0002 回T退订'])
    expect(await codeStatus()).toEqual({ 'VIP-0001': 'reserved', 'VIP-0002': 'reserved' })
    const alarms = (await app.inject({ method: 'GET', url: '/api/coupons/alarms' })).json().alarms
    expect(alarms).toEqual([expect.objectContaining({ key: 'coupon_pool_empty:vip', kind: 'coupon_pool_empty', detail: { poolId: 'vip' } })])
    const timelines = await Promise.all(
      ['V-1', 'V-2', 'V-3'].map(async (id) => (await app.inject({ method: 'GET', url: `/api/contacts/${id}` })).json().enrollments[0].timeline.at(-1).message.en),
    )
    expect(timelines.filter((line) => line === 'held: coupon pool "vip" has no codes left; tries again hourly')).toHaveLength(1)
    // The provider takes the two messages: their codes are issued.
    expect(await deliverAll()).toBe(2)
    expect(await codeStatus()).toEqual({ 'VIP-0001': 'issued', 'VIP-0002': 'issued' })
  })

  it('sends the held message with a new code once codes are added, and clears the alarm', async () => {
    await app.inject({ method: 'POST', url: '/api/coupons/pools/vip/codes', payload: ['VIP-0003'] })
    expect((await app.inject({ method: 'GET', url: '/api/coupons/alarms' })).json().alarms).toEqual([])
    now += HOUR
    await app.runner.processDue()
    const messagesNow = await textsOf()
    expect(messagesNow).toHaveLength(3)
    expect(new Set(messagesNow.map((message) => message.contactId)).size).toBe(3)
    expect(messagesNow.at(-1)?.text).toMatch(/^【乐享】会员[123],您的20元券券码 VIP-0003 回T退订$/)
    const pools = (await app.inject({ method: 'GET', url: '/api/coupons/pools' })).json().pools
    expect(pools).toEqual([expect.objectContaining({ id: 'vip', name: 'VIP 20 元券', available: 0, reserved: 1, issued: 2, redeemed: 0 })])
    await deliverAll()
  })

  it('gives the code back when the provider refuses the message for good', async () => {
    await app.inject({ method: 'POST', url: '/api/coupons/pools/vip/codes', payload: ['VIP-0004'] })
    await app.inject({ method: 'POST', url: '/api/journeys/vip-coupon/enroll', payload: { contactIds: ['V-4'] } })
    expect((await codeStatus())['VIP-0004']).toBe('reserved')
    const refusing: SmsProvider = { name: 'refusing', resend: 'none', send: async () => Promise.reject(new ProviderError('permanent', 'bad_number', 'not a mobile number')) }
    expect(await deliverAll(refusing)).toBe(1)
    expect((await codeStatus())['VIP-0004']).toBe('available')
    const [failed] = await app.database.db.select().from(messages).where(eq(messages.text, '【乐享】会员4,您的20元券券码 VIP-0004 回T退订'))
    expect(failed?.status).toBe('failed')
  })

  it('marks a redeemed code and skips its reminder; the others are reminded with their own code', async () => {
    const firstCode = /VIP-\d{4}/.exec((await app.inject({ method: 'GET', url: '/api/contacts/V-1' })).json().messages[0].text)?.[0] as string
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'V-1', name: 'coupon_redeemed', properties: { code: firstCode } }] })
    expect((await codeStatus())[firstCode]).toBe('redeemed')
    // A day before expiry for all three (the held one was issued an hour later). Reminding of a coupon is recall, so it carries the opt-out line.
    now = Date.parse('2026-11-26T11:30:00+08:00')
    await app.runner.processDue()
    const reminders = (await textsOf()).filter((message) => message.nodeId === 'remind').map((message) => message.text)
    const others = ['VIP-0001', 'VIP-0002', 'VIP-0003'].filter((code) => code !== firstCode)
    expect(reminders.sort()).toEqual(others.map((code) => `【乐享】券码 ${code} 明天到期 回T退订`))
    // V-4's message never went out: no reminder of a coupon it never got.
    const failed = (await app.inject({ method: 'GET', url: '/api/contacts/V-4' })).json().enrollments[0].timeline
    expect(failed.some((line: { kind: string; nodeId: string }) => line.kind === 'skipped' && line.nodeId === 'remind')).toBe(true)
    const first = (await app.inject({ method: 'GET', url: '/api/contacts/V-1' })).json().enrollments[0].timeline
    expect(first.some((line: { kind: string; message: { en: string } }) => line.kind === 'skipped' && line.message.en.includes('already redeemed'))).toBe(true)
  })

  it("stores each reminder with its coupon's expiry, and never sends one that is still queued once that has passed", async () => {
    const rows = await app.database.db
      .select({ contactId: messages.contactId, nodeId: messages.nodeId, coupon: messages.coupon, notAfter: messages.notAfter, status: messages.status })
      .from(messages)
      .orderBy(asc(messages.id))
    const expiryOf = new Map(rows.filter((row) => row.nodeId === 'gift' && row.coupon).map((row) => [row.contactId, row.coupon?.expiresAt]))
    const reminders = rows.filter((row) => row.nodeId === 'remind')
    expect(reminders).toHaveLength(2)
    for (const reminder of reminders) expect(reminder.notAfter?.getTime()).toBe(expiryOf.get(reminder.contactId))
    // The provider was down until after the expiries: the reminders are cancelled, not sent late.
    now = Math.max(...reminders.map((reminder) => reminder.notAfter?.getTime() ?? 0))
    await deliverAll()
    const after = await app.database.db.select({ status: messages.status, error: messages.error }).from(messages).where(eq(messages.nodeId, 'remind'))
    expect(after).toEqual([
      { status: 'cancelled', error: 'expired' },
      { status: 'cancelled', error: 'expired' },
    ])
  })
})
