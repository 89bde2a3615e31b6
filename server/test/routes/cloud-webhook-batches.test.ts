import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { messages, suppressions } from '../../src/db/schema/index'
import { ACKNOWLEDGED, CALLBACK_URLS, sentCloudMessage, useCloudCallbacks } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'

const SENT_AT = new Date('2026-11-25T10:00:00+08:00')
const UNSAFE_TEXT = '"text" must not contain NUL characters (\\u0000) or unpaired surrogates (broken UTF-16): the record was skipped'

describe.each(DATABASE_KINDS)('a cloud batch holding a malformed record on %s', (kind) => {
  const { app, push } = useCloudCallbacks(kind)
  const statusOf = async (id: string) =>
    (
      await app()
        .database.db.select({ status: messages.status })
        .from(messages)
        .where(eq(messages.idempotencyKey, `key-${id}`))
    )[0]?.status
  beforeAll(async () => {
    await app()
      .database.db.insert(messages)
      .values([
        sentCloudMessage('m1', { phone: '+8613800138000', providerId: '9001^0/13800138000', at: SENT_AT }),
        sentCloudMessage('m2', { phone: '+8613800138001', providerId: '9001^0/13800138001', at: SENT_AT }),
        sentCloudMessage('m3', { phone: '+8613800138002', providerId: '2640:3', at: SENT_AT }),
      ])
  })

  it('Aliyun SmsReport: records the valid receipts, skips and names the malformed ones, and acknowledges so the cloud stops retrying', async () => {
    const batch = [
      { phone_number: '13800138000', biz_id: '9001^0', success: true, err_code: 'DELIVERED', report_time: '2026-11-25 10:00:05' },
      { phone_number: '', biz_id: '' },
      { phone_number: '13800138001', biz_id: '9001^0', success: false, err_code: 'MK:0001', report_time: '2026-11-25 10:00:06' },
      42,
      { phone_number: 'not-a-number', biz_id: '9001^0', success: true },
    ]
    const answer = await push(CALLBACK_URLS.aliyunStatus, JSON.stringify(batch))
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.aliyun,
        updated: 2,
        skipped: [
          { index: 1, field: 'biz_id', reason: '"biz_id" is missing or not valid: the record was skipped' },
          { index: 3, field: 'record', reason: 'the record is not a JSON object: it was skipped' },
          { index: 4, field: 'phone_number', reason: '"phone_number" is missing or not valid: the record was skipped' },
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
    const answer = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify(batch))
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.aliyun,
        received: 2,
        duplicates: 0,
        optedOut: 2,
        exited: 0,
        skipped: [
          { index: 1, field: 'phone_number', reason: '"phone_number" is missing or not valid: the record was skipped' },
          { index: 2, field: 'text', reason: UNSAFE_TEXT },
        ],
      },
    ])
    const opted = await app().database.db.select({ phone: suppressions.phone }).from(suppressions).orderBy(suppressions.phone)
    expect(opted).toEqual([{ phone: '+8613800138010' }, { phone: '+8613800138012' }])
  })

  it('Tencent: a status batch keeps its valid receipt, a lone malformed reply is acknowledged and named', async () => {
    const status = [{ nationcode: '86', mobile: '13800138002', report_status: 'SUCCESS', sid: '2640:3', user_receive_time: '2026-11-25 10:00:05' }, { report_status: 'SUCCESS' }]
    const answer = await push(CALLBACK_URLS.tencentStatus, JSON.stringify(status))
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      { ...ACKNOWLEDGED.tencent, updated: 1, skipped: [{ index: 1, field: 'sid', reason: '"sid" is missing or not valid: the record was skipped' }] },
    ])
    expect(await statusOf('m3')).toBe('delivered')
    const reply = await push(CALLBACK_URLS.tencentInbound, JSON.stringify({ nationcode: '86', mobile: '', text: 'TD', time: 1764036000 }))
    expect([reply.statusCode, reply.json()]).toEqual([
      200,
      {
        result: 0,
        errmsg: 'OK',
        received: 0,
        duplicates: 0,
        optedOut: 0,
        exited: 0,
        skipped: [{ index: 0, field: 'mobile', reason: '"mobile" is missing or not valid: the record was skipped' }],
      },
    ])
  })

  it('Tencent: keeps a report whose message has no answer recorded yet, answers it as pending, and acknowledges it once', async () => {
    const early = JSON.stringify([{ nationcode: '86', mobile: '13800138003', report_status: 'FAIL', errmsg: 'UNDELIV', sid: '2640:9', user_receive_time: '2026-11-25 10:00:05' }])
    const answer = await push(CALLBACK_URLS.tencentStatus, early)
    expect([answer.statusCode, answer.json()]).toEqual([200, { ...ACKNOWLEDGED.tencent, updated: 0, pending: 1 }])
    expect((await push(CALLBACK_URLS.tencentStatus, early)).json()).toEqual({ ...ACKNOWLEDGED.tencent, updated: 0 })
  })

  it('refuses a body that is not a JSON array with 400 naming "body"', async () => {
    for (const body of ['{"phone_number":"","biz_id":""}', 'not json', '"text"']) {
      const answer = await push(CALLBACK_URLS.aliyunStatus, body)
      expect([answer.statusCode, answer.json().error, answer.json().message]).toEqual([400, 'invalid_callback', 'The callback has no valid "body"'])
    }
    const tencent = await push(CALLBACK_URLS.tencentStatus, '[broken')
    expect([tencent.statusCode, tencent.json().message]).toEqual([400, 'The callback has no valid "body"'])
  })
})
