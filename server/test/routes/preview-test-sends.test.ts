import { couponCodeFor, shortLinkCode, unitInterval } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages } from '../../src/db/schema/index'
import { sandboxProvider } from '../../src/providers/sandbox'
import { accessRepository } from '../../src/repositories/access'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { keyedLinkCodes, shortLinkSecret } from '../../src/worker/link-codes'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { type FakeAliyun, startFakeAliyun } from '../support/fake-aliyun'

const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'win-back',
  name: 'Win back',
  description: '',
  settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    {
      id: 'gift',
      type: 'send_sms',
      position: { x: 300, y: 0 },
      data: {
        text: '{{name|亲}},送您{{coupon.label}},券码 {{coupon.code}} {{link}}',
        category: 'recall',
        offer: { kind: 'amount_off', value: 20, label: '20元券', validHours: 72 },
        linkUrl: 'https://shop.example.com/sale',
        providerTemplate: { code: 'SMS_900', params: { name: '{{name|亲}}', code: '{{coupon.code}}' } },
      },
    },
    { id: 'end', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'gift' },
    { id: 'e2', source: 'gift', sourceHandle: 'out', target: 'end' },
  ],
}

/** The gift text as the sender renders it for `name` under the message key `key` (a preview's link code is the plain hash; a sent one's is keyed). */
const giftText = (name: string, key: string, linkCode = shortLinkCode(key)) => `【乐享】${name},送您20元券,券码 ${couponCodeFor(key)} https://rcl.to/${linkCode} 回T退订`

describe.each(DATABASE_KINDS)('preview as a contact and test sends on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:00:00+08:00')
  const preview = (payload: object) => app.inject({ method: 'POST', url: '/api/journeys/win-back/preview', payload: { document: journey, ...payload } })
  const testSend = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/journeys/win-back/test-sends', headers, payload: { document: journey, nodeId: 'gift', ...payload } })

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now, secretKey: 'a-long-test-secret-key-0123456789' })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'G-1', phone: '13812345671', consent: true, attributes: { name: '王先生' } }] })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('renders every message for a stored contact exactly as the sender does', async () => {
    const answer = await preview({ contactId: 'G-1' })
    expect(answer.statusCode).toBe(200)
    const key = 'preview:G-1:gift'
    const text = giftText('王先生', key)
    expect(answer.json()).toEqual({
      contact: { id: 'G-1', sample: false, name: '王先生' },
      incomplete: [],
      messages: [
        {
          nodeId: 'gift',
          kind: 'send_sms',
          channel: 'sms',
          category: 'recall',
          text,
          parts: { encoding: 'UCS-2', units: text.length, parts: 1, perPart: 70, remainingInPart: 70 - text.length },
          missing: [],
          coupon: { code: couponCodeFor(key), label: '20元券', expiresAt: '2026-11-27T02:00:00.000Z' },
          link: { shortUrl: `https://rcl.to/${shortLinkCode(key)}`, url: 'https://shop.example.com/sale' },
          template: { code: 'SMS_900', params: { name: '王先生', code: couponCodeFor(key) } },
        },
      ],
    })
  })

  it('renders for the sample contact, names an incomplete node and refuses an unknown contact by field', async () => {
    expect((await preview({})).json().messages[0].text).toBe(giftText('张女士', 'preview:sample:gift'))
    const broken = structuredClone(journey)
    ;(broken.nodes[1] as { data: { category: string } }).data.category = 'spam'
    const incomplete = (await app.inject({ method: 'POST', url: '/api/journeys/win-back/preview', payload: { document: broken } })).json()
    expect(incomplete).toEqual({ contact: { id: 'sample', sample: true, name: '张女士' }, messages: [], incomplete: ['gift'] })
    const unknown = await preview({ contactId: 'NOPE' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/body/contactId'])
  })

  it('test-sends through the sandbox: marked test, listed apart, outside the journey figures', async () => {
    const answer = await testSend({ phone: '138 1234 5670', contactId: 'G-1' })
    expect(answer.statusCode).toBe(201)
    const { message } = answer.json()
    expect(message.idempotencyKey).toMatch(/^test:[0-9a-f-]{36}:gift$/)
    const delivered = unitInterval(`delivery|${message.idempotencyKey}`) < 0.97
    expect(message).toMatchObject({
      test: true,
      phone: '+8613812345670',
      contactId: '',
      enrollmentId: '',
      journeyId: 'win-back',
      nodeId: 'gift',
      text: giftText('王先生', message.idempotencyKey, keyedLinkCodes(await shortLinkSecret(app.database.db))(message.idempotencyKey)),
      status: delivered ? 'delivered' : 'failed',
      providerId: `sbx-${message.idempotencyKey}`,
      clickedAt: null,
      leaseUntil: null,
    })
    const tests = (await app.inject({ method: 'GET', url: '/api/messages?test=true' })).json().messages
    expect(tests.map((row: { id: number; test: boolean }) => [row.id, row.test])).toEqual([[message.id, true]])
    expect((await app.inject({ method: 'GET', url: '/api/messages?test=false' })).json().messages).toEqual([])
    const stats = (await app.inject({ method: 'GET', url: '/api/journeys/win-back/stats' })).json()
    expect(stats.totals).toMatchObject({ sent: 0, delivered: 0, failed: 0, messaged: 0 })
  })

  it('refuses a bad phone and a non-message node by field, in both languages, sending nothing', async () => {
    const before = (await app.database.db.select().from(messages)).length
    const phone = await testSend({ phone: '12345' }, { 'accept-language': 'zh-CN' })
    expect(phone.statusCode).toBe(400)
    expect(phone.json().problems).toEqual([
      {
        code: 'test_send.phone',
        severity: 'error',
        path: '/body/phone',
        message: { en: 'Test phone number: "12345" is not a valid phone number (default region CN)', zh: '测试手机号:"12345" 不是有效的手机号码(默认地区 CN)' },
        text: '测试手机号:"12345" 不是有效的手机号码(默认地区 CN)',
      },
    ])
    const node = await testSend({ phone: '13812345670', nodeId: 'start' })
    expect(node.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/body/nodeId'])
    expect((await app.database.db.select().from(messages)).length).toBe(before)
  })

  it('leaves caps alone: a contact at the daily ceiling after test sends still gets its real message', async () => {
    const policies = (await app.inject({ method: 'GET', url: '/api/settings/policies' })).json<object>()
    expect((await app.inject({ method: 'PUT', url: '/api/settings/policies', payload: { ...policies, dailyMessageCeiling: 1 } })).statusCode).toBe(200)
    expect((await testSend({ phone: '13812345671', contactId: 'G-1' })).statusCode).toBe(201)
    await app.inject({ method: 'POST', url: '/api/journeys/win-back/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/journeys/win-back/enroll', payload: { contactIds: ['G-1'] } })
    await app.runner.processDue()
    const rows = await app.database.db.select({ test: messages.test, status: messages.status, contactId: messages.contactId }).from(messages).orderBy(asc(messages.id))
    const real = rows.filter((row) => !row.test)
    expect(real).toHaveLength(1)
    expect(real[0]?.status).toBe('queued')
    expect(rows.filter((row) => row.test)).toHaveLength(2)
    // At sending, the ceiling is checked again: the test sends still do not count.
    await outboxDispatcher(app.database.db, sandboxProvider({ deliveryRate: 1, receiptDelaySeconds: 1, clickRate: 0, clickDelaySeconds: 0 }), () => now).dispatch()
    const [sent] = await app.database.db.select({ status: messages.status }).from(messages).where(eq(messages.test, false))
    expect(sent?.status).toBe('delivered')
  })
})

describe.each(DATABASE_KINDS)('test send rate limit on %s', (kind) => {
  let app: FastifyInstance
  // A demo clock racing a day ahead at every reading (10:00 each time, inside the send window): the
  // limit must not let its minutes pass.
  let demoNow = Date.parse('2026-11-24T10:00:00+08:00')
  const keys: string[] = []
  let session: Record<string, string> = {}
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => (demoNow += 86_400_000) })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    const access = accessRepository(app.database.db)
    const ops = await access.createUser({ email: 'ops@shop.example', name: 'Ops', role: 'admin', password: 'ops-password-1' })
    for (const name of ['key A', 'key B']) keys.push((await access.createApiKey(name, ['journeys:write'], ops.id)).secret)
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email: 'ops@shop.example', password: 'ops-password-1' } })
    session = { cookie: String(login.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': login.json().csrfToken }
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const testSend = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/journeys/win-back/test-sends', headers, payload: { document: journey, nodeId: 'gift', phone: '13812345670' } })

  it('allows 10 test sends a minute per person, whichever key or session, on the wall clock', async () => {
    const [keyA, keyB] = keys.map((secret) => ({ authorization: `Bearer ${secret}` }))
    const statuses: number[] = []
    for (let index = 0; index < 10; index++) statuses.push((await testSend(keyA as Record<string, string>)).statusCode)
    expect(statuses).toEqual(Array(10).fill(201))
    // Another key of the same maker, and the maker's own session, are the same person.
    const other = await testSend(keyB as Record<string, string>)
    expect([other.statusCode, other.json().error]).toEqual([429, 'rate_limited'])
    expect(other.json().message).toMatch(/^Too many requests; try again in \d+ s$/)
    const signedIn = await testSend({ ...session, 'accept-language': 'zh-CN' })
    expect(signedIn.statusCode).toBe(429)
    expect(signedIn.json().message).toMatch(/^请求过于频繁,请 \d+ 秒后再试$/)
    // Someone else (the tests' own key, made by another admin) is not held back.
    expect((await testSend({})).statusCode).toBe(201)
  })
})

describe.each(DATABASE_KINDS)('test sends through Aliyun on %s', (kind) => {
  let app: FastifyInstance
  let cloud: FakeAliyun
  const account = { accessKeyId: 'LTAI5tTest', accessKeySecret: 'aliyun-secret-123' }
  beforeAll(async () => {
    cloud = await startFakeAliyun({ ...account, templates: ['SMS_900'] })
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => Date.parse('2026-11-24T10:00:00+08:00'), secretKey: 'a-long-test-secret-key-0123456789' })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: {
        routes: { marketing: 'sandbox', recall: 'aliyun', transactional: 'sandbox' },
        aliyun: { endpoint: cloud.endpoint, ...account, signName: '召回测试', callbackToken: 'aliyun-token-123' },
      },
    })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await cloud?.close()
  })

  it("sends the node's approved template with its filled parameters", async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/journeys/win-back/test-sends', payload: { document: journey, nodeId: 'gift', phone: '13812345670' } })
    expect(answer.statusCode).toBe(201)
    const { message } = answer.json()
    // The text shown and stored is what the handset gets: signed with the account's sign, not the journey's brand.
    expect(message.text.startsWith('【召回测试】')).toBe(true)
    expect(message).toMatchObject({ test: true, status: 'sent', template: { code: 'SMS_900', params: { name: '张女士', code: couponCodeFor(message.idempotencyKey) } } })
    expect(cloud.calls.map((call) => [call.action, call.numbers, call.templateCode, call.params])).toEqual([
      ['SendSms', ['13812345670'], 'SMS_900', [{ name: '张女士', code: couponCodeFor(message.idempotencyKey) }]],
    ])
  })

  it('never asks the cloud for a test it refuses: an opted-out number', async () => {
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'OUT', phone: '13812345679', consent: true, suppressed: true }] })
    const calls = cloud.calls.length
    const refused = await app.inject({ method: 'POST', url: '/api/journeys/win-back/test-sends', payload: { document: journey, nodeId: 'gift', phone: '13812345679' } })
    expect([refused.statusCode, refused.json().problems[0].code]).toEqual([409, 'test_send.opted_out'])
    expect(cloud.calls).toHaveLength(calls)
  })
})
