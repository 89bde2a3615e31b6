import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages, suppressions } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { ALIYUN_ACCOUNT as ALIYUN, TENCENT_ACCOUNT as TENCENT } from '../support/cloud-accounts'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const SENT_AT = new Date('2026-11-25T10:00:00+08:00')

const sentMessage = (id: string, phone: string, providerId: string) => ({
  idempotencyKey: `key-${id}`,
  enrollmentId: `enrollment-${id}`,
  journeyId: 'journey',
  contactId: `contact-${id}`,
  nodeId: 'sms',
  channel: 'sms' as const,
  category: 'recall' as const,
  phone,
  text: '【乐享商城】好久不见 回T退订',
  parts: 1,
  status: 'sent' as const,
  providerId,
  createdAt: SENT_AT,
})

describe.each(DATABASE_KINDS)('a cloud batch holding a malformed record on %s', (kind) => {
  let app: FastifyInstance
  const push = (url: string, body: string) => app.inject({ method: 'POST', url, headers: { anonymous: 'yes', 'content-type': 'application/json' }, payload: body })
  const statusOf = async (id: string) =>
    (
      await app.database.db
        .select({ status: messages.status })
        .from(messages)
        .where(eq(messages.idempotencyKey, `key-${id}`))
    )[0]?.status
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
    expect((await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { aliyun: ALIYUN, tencent: TENCENT } })).statusCode).toBe(200)
    await app.database.db
      .insert(messages)
      .values([sentMessage('m1', '+8613800138000', '9001^0/13800138000'), sentMessage('m2', '+8613800138001', '9001^0/13800138001'), sentMessage('m3', '+8613800138002', '2640:3')])
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('Aliyun SmsReport: records the valid receipts, skips and names the malformed ones, and acknowledges so the cloud stops retrying', async () => {
    const batch = [
      { phone_number: '13800138000', biz_id: '9001^0', success: true, err_code: 'DELIVERED', report_time: '2026-11-25 10:00:05' },
      { phone_number: '', biz_id: '' },
      { phone_number: '13800138001', biz_id: '9001^0', success: false, err_code: 'MK:0001', report_time: '2026-11-25 10:00:06' },
      42,
      { phone_number: 'not-a-number', biz_id: '9001^0', success: true },
    ]
    const answer = await push(`/api/webhooks/sms/aliyun/status?token=${ALIYUN.callbackToken}`, JSON.stringify(batch))
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        code: 0,
        msg: '接收成功',
        updated: 2,
        skipped: [
          { index: 1, field: 'biz_id' },
          { index: 3, field: 'record' },
          { index: 4, field: 'phone_number' },
        ],
      },
    ])
    expect([await statusOf('m1'), await statusOf('m2')]).toEqual(['delivered', 'failed'])
  })

  it('Aliyun SmsUp: the valid opt-outs count, a record with no number or an unsafe text is skipped', async () => {
    const batch = [
      { phone_number: '13800138010', send_time: '2026-11-25 10:01:00', content: 'T', sequence_id: 501 },
      { phone_number: '', biz_id: '' },
      { phone_number: '13800138011', send_time: '2026-11-25 10:02:00', content: '退订\u0000', sequence_id: 502 },
      { phone_number: '13800138012', send_time: '2026-11-25 10:03:00', content: '退订', sequence_id: 503 },
    ]
    const answer = await push(`/api/webhooks/sms/aliyun/inbound?token=${ALIYUN.callbackToken}`, JSON.stringify(batch))
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        code: 0,
        msg: '接收成功',
        received: 2,
        duplicates: 0,
        optedOut: 2,
        exited: 0,
        skipped: [
          { index: 1, field: 'phone_number' },
          { index: 2, field: 'text' },
        ],
      },
    ])
    const opted = await app.database.db.select({ phone: suppressions.phone }).from(suppressions).orderBy(suppressions.phone)
    expect(opted).toEqual([{ phone: '+8613800138010' }, { phone: '+8613800138012' }])
  })

  it('Tencent: a status batch keeps its valid receipt, a lone malformed reply is acknowledged and named', async () => {
    const status = [{ nationcode: '86', mobile: '13800138002', report_status: 'SUCCESS', sid: '2640:3', user_receive_time: '2026-11-25 10:00:05' }, { report_status: 'SUCCESS' }]
    const answer = await push(`/api/webhooks/sms/tencent/status?token=${TENCENT.callbackToken}`, JSON.stringify(status))
    expect([answer.statusCode, answer.json()]).toEqual([200, { result: 0, errmsg: 'OK', updated: 1, skipped: [{ index: 1, field: 'sid' }] }])
    expect(await statusOf('m3')).toBe('delivered')
    const reply = await push(`/api/webhooks/sms/tencent/inbound?token=${TENCENT.callbackToken}`, JSON.stringify({ nationcode: '86', mobile: '', text: 'TD', time: 1764036000 }))
    expect([reply.statusCode, reply.json()]).toEqual([
      200,
      { result: 0, errmsg: 'OK', received: 0, duplicates: 0, optedOut: 0, exited: 0, skipped: [{ index: 0, field: 'mobile' }] },
    ])
  })

  it('refuses a body that is not a JSON array with 400 naming "body"', async () => {
    for (const body of ['{"phone_number":"","biz_id":""}', 'not json', '"text"']) {
      const answer = await push(`/api/webhooks/sms/aliyun/status?token=${ALIYUN.callbackToken}`, body)
      expect([answer.statusCode, answer.json().error, answer.json().message]).toEqual([400, 'invalid_callback', 'The callback has no valid "body"'])
    }
    const tencent = await push(`/api/webhooks/sms/tencent/status?token=${TENCENT.callbackToken}`, '[broken')
    expect([tencent.statusCode, tencent.json().message]).toEqual([400, 'The callback has no valid "body"'])
  })
})
