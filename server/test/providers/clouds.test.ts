import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aliyunProvider, aliyunWebhooks } from '../../src/providers/aliyun'
import { tencentProvider, tencentWebhooks } from '../../src/providers/tencent'
import { type OutgoingMessage, ProviderError, type WebhookBatch } from '../../src/providers/types'
import { type FakeAliyun, startFakeAliyun } from '../support/fake-aliyun'
import { type FakeTencent, startFakeTencent } from '../support/fake-tencent'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const aliyunKeys = { accessKeyId: 'LTAI5tAliyunTestKey', accessKeySecret: 'aliyun-secret-0123456789' }
const tencentKeys = { secretId: 'AKIDTencentTestKey', secretKey: 'tencent-secret-0123456789', smsSdkAppId: '1400006666' }
const message = (phone: string, code: string, params: Record<string, string>, key = phone): OutgoingMessage => ({
  idempotencyKey: `k-${key}`,
  phone,
  channel: 'sms',
  category: 'marketing',
  text: 'ignored by template clouds',
  template: { code, params },
})

/** The records of a batch read with none skipped. */
function everyRecord<T>(batch: WebhookBatch<T>): T[] {
  expect(batch.skipped).toEqual([])
  return batch.read.map(({ record }) => record)
}

describe('Aliyun SMS through the official SDK against a fake cloud that checks ACS3-HMAC-SHA256', () => {
  let fake: FakeAliyun
  beforeAll(async () => {
    fake = await startFakeAliyun({ ...aliyunKeys, templates: ['SMS_100001'] })
  })
  afterAll(() => fake.close())
  const provider = (secret = aliyunKeys.accessKeySecret) =>
    aliyunProvider({ endpoint: fake.endpoint, ...aliyunKeys, accessKeySecret: secret, signName: '乐享商城', callbackToken: 'token-aliyun-1', timeoutMs: 2000 })

  it('sends one message with SendSms: the number without +86, the parameters as JSON, the BizId/number as provider id', async () => {
    const answer = await provider().send(message('+8613800138000', 'SMS_100001', { name: '王芳', code: 'A1' }), now)
    const call = fake.calls.at(-1)
    expect(call).toMatchObject({ action: 'SendSms', numbers: ['13800138000'], templateCode: 'SMS_100001', params: [{ name: '王芳', code: 'A1' }] })
    expect(answer).toEqual({ providerId: `${call?.bizId}/13800138000` })
  })

  it('sends a batch with SendBatchSms in one call, one answer per number', async () => {
    const before = fake.calls.length
    const messages = ['+8613800138001', '+8613800138002', '+8613800138003'].map((phone, index) => message(phone, 'SMS_100001', { name: `n${index}` }))
    const answers = await provider().sendBatch?.(messages, now)
    expect(fake.calls.length).toBe(before + 1)
    const call = fake.calls.at(-1)
    expect(call).toMatchObject({ action: 'SendBatchSms', numbers: ['13800138001', '13800138002', '13800138003'], params: [{ name: 'n0' }, { name: 'n1' }, { name: 'n2' }] })
    expect(answers).toEqual(call?.numbers.map((number) => ({ providerId: `${call.bizId}/${number}` })))
  })

  it('answers throttling as a passing error with a wait, an unknown template and a bad signature as permanent ones', async () => {
    fake.throttleNext(1)
    const throttled = await provider()
      .send(message('+8613800138000', 'SMS_100001', {}), now)
      .catch((error: unknown) => error)
    expect(throttled).toMatchObject({ kind: 'transient', code: 'isv.BUSINESS_LIMIT_CONTROL', retryAfterSeconds: 60 })
    const template = await provider()
      .send(message('+8613800138000', 'SMS_999', {}), now)
      .catch((error: unknown) => error)
    expect(template).toMatchObject({ kind: 'permanent', code: 'isv.SMS_TEMPLATE_ILLEGAL' })
    const refused = fake.refusedSignatures
    const forged = await provider('wrong-secret-0123456789')
      .send(message('+8613800138000', 'SMS_100001', {}), now)
      .catch((error: unknown) => error)
    expect(forged).toMatchObject({ kind: 'permanent', code: 'SignatureDoesNotMatch' })
    expect(fake.refusedSignatures).toBe(refused + 1)
  })

  it('still sends the good numbers of a batch the cloud refuses for one illegal number', async () => {
    const answers = await provider().sendBatch?.([message('+8613800138004', 'SMS_100001', {}), message('+85291234567', 'SMS_100001', {})], now)
    expect(answers?.[0]).toEqual({ providerId: `${fake.calls.at(-1)?.bizId}/13800138004` })
    expect(answers?.[1]).toBeInstanceOf(ProviderError)
    expect(answers?.[1]).toMatchObject({ kind: 'permanent', code: 'isv.MOBILE_NUMBER_ILLEGAL' })
  })

  it('reads SmsReport and SmsUp pushes and accepts only calls carrying the callback token', () => {
    const webhooks = aliyunWebhooks({ endpoint: fake.endpoint, ...aliyunKeys, signName: '乐享商城', callbackToken: 'token-aliyun-1' })
    const report = JSON.stringify([
      {
        phone_number: '13800138000',
        send_time: '2026-11-25 10:00:00',
        report_time: '2026-11-25 10:00:05',
        success: true,
        err_code: 'DELIVERED',
        err_msg: '用户接收成功',
        sms_size: '1',
        biz_id: '9001^0',
        out_id: '',
      },
      {
        phone_number: '13800138001',
        send_time: '2026-11-25 10:00:00',
        report_time: '2026-11-25 10:00:06',
        success: false,
        err_code: 'MK:0001',
        err_msg: '空号',
        sms_size: '1',
        biz_id: '9001^0',
        out_id: '',
      },
    ])
    const call = (url: string, rawBody: string) => ({ url, headers: {}, receivedAt: Date.now(), rawBody })
    expect(webhooks.verify(call('https://recall.example/api/webhooks/sms/aliyun/status?token=token-aliyun-1', report))).toBe(true)
    expect(webhooks.verify(call('https://recall.example/api/webhooks/sms/aliyun/status?token=guess', report))).toBe(false)
    expect(webhooks.verify(call('https://recall.example/api/webhooks/sms/aliyun/status', report))).toBe(false)
    expect(everyRecord(webhooks.receipts(call('x', report), now))).toEqual([
      { providerId: '9001^0/13800138000', status: 'delivered', code: undefined, at: Date.parse('2026-11-25T10:00:05+08:00') },
      { providerId: '9001^0/13800138001', status: 'failed', code: 'MK:0001', at: Date.parse('2026-11-25T10:00:06+08:00') },
    ])
    const up = JSON.stringify([{ phone_number: '13800138000', send_time: '2026-11-25 10:01:00', content: '拒收', sign_name: '乐享商城', dest_code: '1234', sequence_id: 1234568 }])
    expect(everyRecord(webhooks.replies(call('x', up), now))).toEqual([
      { providerMessageId: '1234568', phone: '+8613800138000', text: '拒收', at: Date.parse('2026-11-25T10:01:00+08:00') },
    ])
  })
})

describe('Tencent Cloud SMS through the official SDK against a fake cloud that checks TC3-HMAC-SHA256', () => {
  let fake: FakeTencent
  beforeAll(async () => {
    fake = await startFakeTencent({ ...tencentKeys, templates: ['1110001'] })
  })
  afterAll(() => fake.close())
  const provider = (secretKey = tencentKeys.secretKey) =>
    tencentProvider({ endpoint: fake.endpoint, region: 'ap-guangzhou', ...tencentKeys, secretKey, signName: '乐享商城', callbackToken: 'token-tencent-1', timeoutMs: 2000 })

  it('sends a batch in one SendSms call with the parameters in {1}, {2} order, one answer per number, partly refused', async () => {
    fake.overDailyLimit.add('+8613800138002')
    const answers = await provider().sendBatch?.(
      ['+8613800138001', '+8613800138002', '+85291234567'].map((phone) => message(phone, '1110001', { '2': '满100减30', '1': '王芳' })),
      now,
    )
    expect(fake.calls).toHaveLength(1)
    expect(fake.calls[0]).toMatchObject({ numbers: ['+8613800138001', '+8613800138002', '+85291234567'], templateId: '1110001', params: ['王芳', '满100减30'] })
    expect(answers?.[0]).toEqual({ providerId: fake.calls[0]?.accepted[0]?.sid })
    expect(answers?.[1]).toMatchObject({ kind: 'transient', code: 'LimitExceeded.PhoneNumberDailyLimit', retryAfterSeconds: 3600 })
    expect(answers?.[2]).toMatchObject({ kind: 'permanent', code: 'InvalidParameterValue.IncorrectPhoneNumber' })
  })

  it('answers throttling as a passing error, an unapproved template and a bad signature as permanent ones', async () => {
    fake.throttleNext(1)
    await expect(provider().send(message('+8613800138000', '1110001', {}), now)).rejects.toMatchObject({ kind: 'transient', code: 'LimitExceeded.DeliveryFrequencyLimit' })
    await expect(provider().send(message('+8613800138000', '999', {}), now)).rejects.toMatchObject({ kind: 'permanent', code: 'FailedOperation.TemplateIncorrectOrUnapproved' })
    const refused = fake.refusedSignatures
    await expect(provider('wrong-secret-0123456789').send(message('+8613800138000', '1110001', {}), now)).rejects.toMatchObject({
      kind: 'permanent',
      code: 'AuthFailure.SignatureFailure',
    })
    expect(fake.refusedSignatures).toBe(refused + 1)
  })

  it('reads status arrays and reply callbacks, matched by SerialNo and nation code + number', () => {
    const webhooks = tencentWebhooks({ endpoint: fake.endpoint, region: 'ap-guangzhou', ...tencentKeys, signName: '乐享商城', callbackToken: 'token-tencent-1' })
    const status = JSON.stringify([
      {
        user_receive_time: '2026-11-25 10:00:05',
        nationcode: '86',
        mobile: '13800138001',
        report_status: 'SUCCESS',
        errmsg: 'DELIVRD',
        description: '用户短信送达成功',
        sid: '2640:1',
      },
      { user_receive_time: '2026-11-25 10:00:06', nationcode: '86', mobile: '13800138003', report_status: 'FAIL', errmsg: 'MN:0001', description: '空号', sid: '2640:2' },
    ])
    const call = (rawBody: string) => ({ url: 'https://recall.example/api/webhooks/sms/tencent/status?token=token-tencent-1', headers: {}, receivedAt: Date.now(), rawBody })
    expect(webhooks.verify(call(status))).toBe(true)
    expect(everyRecord(webhooks.receipts(call(status), now))).toEqual([
      { providerId: '2640:1', status: 'delivered', code: undefined, at: Date.parse('2026-11-25T10:00:05+08:00') },
      { providerId: '2640:2', status: 'failed', code: 'MN:0001', at: Date.parse('2026-11-25T10:00:06+08:00') },
    ])
    const reply = JSON.stringify({ extend: '', mobile: '13800138001', nationcode: '86', sign: '乐享商城', text: 'TD', time: 1764036000 })
    expect(everyRecord(webhooks.replies(call(reply), now))).toEqual([
      { providerMessageId: '+8613800138001|2025-11-25T02:00:00.000Z|TD', phone: '+8613800138001', text: 'TD', at: 1764036000_000 },
    ])
  })
})
