import type { MessageCategory } from '@recall/shared'
import { eq, like, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretBox } from '../../src/access/secrets'
import { messages, suppressions } from '../../src/db/schema/index'
import { providerRouter } from '../../src/providers/router'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { type FakeAliyun, startFakeAliyun } from '../support/fake-aliyun'
import { type FakeTencent, startFakeTencent } from '../support/fake-tencent'

const CONTACTS = 1000
const SECRET_KEY = 'a-long-test-secret-key-0123456789'
const ALIYUN = { accessKeyId: 'LTAI5tAliyunTestKey', accessKeySecret: 'aliyun-secret-0123456789', callbackToken: 'aliyun-callback-token' }
const TENCENT = { secretId: 'AKIDTencentTestKey', secretKey: 'tencent-secret-0123456789', smsSdkAppId: '1400006666', callbackToken: 'tencent-callback-token' }

/** A recall journey entered by API: one template SMS (its text the template's, mapped), then out. */
const journey = (id: string, template: { code: string; params: Record<string, string> }, text: string) => ({
  schemaVersion: 1,
  id,
  name: id,
  description: '',
  settings: { category: 'recall', brand: '乐享商城', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'sms', type: 'send_sms', position: { x: 300, y: 0 }, data: { text, category: 'recall', providerTemplate: template } },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})

describe.each(DATABASE_KINDS)('1,000 contacts through Aliyun and Tencent batch sends, receipts and replies on %s', (kind) => {
  let app: FastifyInstance
  let aliyun: FakeAliyun
  let tencent: FakeTencent
  const now = Date.parse('2026-11-25T10:00:00+08:00')
  const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, headers: { anonymous: 'yes', 'content-type': 'application/json' }, payload: JSON.stringify(body) })
  const saveRoutes = (recall: 'aliyun' | 'tencent') =>
    app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: {
        routes: { marketing: 'sandbox', recall, transactional: 'sandbox' },
        aliyun: { endpoint: aliyun.endpoint, accessKeyId: ALIYUN.accessKeyId, signName: '乐享商城', accessKeySecret: ALIYUN.accessKeySecret, callbackToken: ALIYUN.callbackToken },
        tencent: {
          endpoint: tencent.endpoint,
          region: 'ap-guangzhou',
          secretId: TENCENT.secretId,
          smsSdkAppId: TENCENT.smsSdkAppId,
          signName: '乐享商城',
          secretKey: TENCENT.secretKey,
          callbackToken: TENCENT.callbackToken,
        },
      },
    })
  /** The journey live, `CONTACTS` contacts imported and enrolled, their messages queued. */
  async function enrollThousand(journeyId: string, template: { code: string; params: Record<string, string> }, text: string, prefix: string) {
    const created = await app.inject({ method: 'POST', url: '/api/journeys', payload: journey(journeyId, template, text) })
    expect([created.statusCode, created.json().problems ?? []]).toEqual([201, []])
    const published = await app.inject({ method: 'POST', url: `/api/journeys/${journeyId}/publish`, payload: {} })
    expect([published.statusCode, published.json().problems ?? []]).toEqual([200, []])
    const people = Array.from({ length: CONTACTS }, (_, index) => ({
      id: `${prefix}-${index}`,
      phone: `${prefix}${String(index).padStart(4, '0')}`,
      consent: true,
      attributes: { name: `客户${index}` },
    }))
    expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: people })).statusCode).toBe(200)
    const enrolled = await app.inject({ method: 'POST', url: `/api/journeys/${journeyId}/enroll`, payload: { contactIds: people.map((person) => person.id) } })
    expect(enrolled.json()).toEqual({ accepted: CONTACTS, entered: CONTACTS })
    while ((await app.runner.processDue()) > 0) {}
  }
  /** The providers as the saved settings say, read as the worker reads them. */
  const providersNow = async () => {
    const providers = await providerRouter(app.database.db, secretBox(SECRET_KEY))()
    return (category: MessageCategory) => providers.forCategory(category)
  }
  const statusCounts = async (journeyId: string) =>
    Object.fromEntries(
      (
        await app.database.db
          .select({ status: messages.status, error: messages.error, count: sql<number>`count(*)::int` })
          .from(messages)
          .where(eq(messages.journeyId, journeyId))
          .groupBy(messages.status, messages.error)
      ).map((row) => [row.error ? `${row.status}: ${row.error}` : row.status, row.count]),
    )

  beforeAll(async () => {
    aliyun = await startFakeAliyun({
      accessKeyId: ALIYUN.accessKeyId,
      accessKeySecret: ALIYUN.accessKeySecret,
      templates: ['SMS_100001'],
      listed: [{ code: 'SMS_100001', name: '召回', text: '${name},好久不见,送您满100减30券 回T退订', templateType: 1, auditStatus: 'AUDIT_STATE_PASS' }],
    })
    tencent = await startFakeTencent({ ...TENCENT, templates: ['1110001'], listed: [{ id: 1110001, name: '召回', text: '好久不见,送您{1}券 拒收请回复R', statusCode: 0 }] })
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now, secretKey: SECRET_KEY })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await aliyun?.close()
    await tencent?.close()
  })

  it('Aliyun: 10 SendBatchSms calls of 100, receipts pushed twice recorded once with the carrier code, an R reply suppresses the number', async () => {
    expect((await saveRoutes('aliyun')).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/provider-templates/aliyun/sync' })).statusCode).toBe(200)
    await enrollThousand('aliyun-recall', { code: 'SMS_100001', params: { name: '{{name|亲}}' } }, '{{name|亲}},好久不见,送您满100减30券 回T退订', '1380000')
    const dispatcher = outboxDispatcher(app.database.db, providersNow, () => now)
    aliyun.throttleNext(1)
    // The first call is throttled: its 100 go back to the queue without using up an attempt.
    expect(await dispatcher.dispatch()).toBe(100)
    const throttled = await app.database.db
      .select({ status: messages.status, attempts: messages.attempts, nextAttemptAt: messages.nextAttemptAt })
      .from(messages)
      .where(like(messages.error, 'isv.BUSINESS_LIMIT_CONTROL%'))
    expect(throttled).toHaveLength(100)
    expect(new Set(throttled.map((row) => JSON.stringify(row)))).toEqual(new Set([JSON.stringify({ status: 'queued', attempts: 0, nextAttemptAt: new Date(now + 60_000) })]))
    while ((await dispatcher.dispatch()) > 0) {}
    const later = outboxDispatcher(app.database.db, providersNow, () => now + 60_000)
    while ((await later.dispatch()) > 0) {}
    expect(await statusCounts('aliyun-recall')).toEqual({ sent: CONTACTS })
    expect(aliyun.calls.map((call) => [call.action, call.numbers.length])).toEqual(Array.from({ length: 10 }, () => ['SendBatchSms', 100]))
    expect(aliyun.calls[0]?.params[0]).toEqual({ name: expect.stringMatching(/^客户\d+$/) })

    const url = `/api/webhooks/sms/aliyun/status?token=${ALIYUN.callbackToken}`
    const failed = new Set(['13800000005'])
    const first = await Promise.all(aliyun.reports(failed).map((push) => post(url, push)))
    expect(first.map((answer) => answer.json().code)).toEqual(Array.from({ length: 10 }, () => 0))
    expect(first.reduce((sum, answer) => sum + answer.json().updated, 0)).toBe(CONTACTS)
    const again = await Promise.all(aliyun.reports(failed).map((push) => post(url, push)))
    expect(again.reduce((sum, answer) => sum + answer.json().updated, 0)).toBe(0)
    expect(await statusCounts('aliyun-recall')).toEqual({ delivered: CONTACTS - 1, 'failed: carrier: MK:0001': 1 })
    const [undelivered] = await app.database.db.select().from(messages).where(eq(messages.phone, '+8613800000005'))
    expect(undelivered).toMatchObject({ status: 'failed', carrierCode: 'MK:0001', error: 'carrier: MK:0001' })

    expect((await post('/api/webhooks/sms/aliyun/inbound?token=wrong', [])).statusCode).toBe(403)
    const reply = [{ phone_number: '13800000007', send_time: '2026-11-25 10:05:00', content: 'R', sign_name: '乐享商城', dest_code: '1234', sequence_id: 77 }]
    const answered = await post(`/api/webhooks/sms/aliyun/inbound?token=${ALIYUN.callbackToken}`, reply)
    expect(answered.json()).toMatchObject({ code: 0, received: 1, optedOut: 1 })
    expect(await app.database.db.select({ phone: suppressions.phone }).from(suppressions)).toEqual([{ phone: '+8613800000007' }])
  }, 120_000)

  it('Tencent: 5 SendSms calls of 200, status callbacks pushed twice recorded once, a 退订 reply suppresses the number', async () => {
    // The Aliyun journey is still live, and its Aliyun template means nothing to Tencent: the switch is refused until it is archived.
    const refused = await saveRoutes('tencent')
    expect([refused.statusCode, refused.json().problems.map((problem: { code: string; path: string }) => [problem.code, problem.path])]).toEqual([
      409,
      [['template.not_registered', '/journeys/aliyun-recall/nodes/1/data/providerTemplate/code']],
    ])
    expect((await app.inject({ method: 'POST', url: '/api/journeys/aliyun-recall/archive', payload: {} })).statusCode).toBe(200)
    expect((await saveRoutes('tencent')).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/provider-templates/tencent/sync' })).statusCode).toBe(200)
    await enrollThousand('tencent-recall', { code: '1110001', params: { 1: '满100减30' } }, '好久不见,送您满100减30券 拒收请回复R', '1390000')
    const dispatcher = outboxDispatcher(app.database.db, providersNow, () => now)
    while ((await dispatcher.dispatch(200)) > 0) {}
    expect(tencent.calls.map((call) => [call.numbers.length, call.params])).toEqual(Array.from({ length: 5 }, () => [200, ['满100减30']]))
    expect(await statusCounts('tencent-recall')).toEqual({ sent: CONTACTS })

    const url = `/api/webhooks/sms/tencent/status?token=${TENCENT.callbackToken}`
    const first = await Promise.all(tencent.reports().map((push) => post(url, push)))
    expect(first.map((answer) => answer.json().result)).toEqual([0, 0, 0, 0, 0])
    expect(first.reduce((sum, answer) => sum + answer.json().updated, 0)).toBe(CONTACTS)
    const again = await Promise.all(tencent.reports().map((push) => post(url, push)))
    expect(again.reduce((sum, answer) => sum + answer.json().updated, 0)).toBe(0)
    expect(await statusCounts('tencent-recall')).toEqual({ delivered: CONTACTS })

    const reply = { extend: '', mobile: '13900000009', nationcode: '86', sign: '乐享商城', text: '退订', time: now / 1000 + 300 }
    const answered = await post(`/api/webhooks/sms/tencent/inbound?token=${TENCENT.callbackToken}`, reply)
    expect(answered.json()).toMatchObject({ result: 0, received: 1, optedOut: 1 })
    const suppressed = await app.database.db.select({ phone: suppressions.phone }).from(suppressions).where(eq(suppressions.phone, '+8613900000009'))
    expect(suppressed).toEqual([{ phone: '+8613900000009' }])
  }, 120_000)
})
