import { asc, like } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, suppressions } from '../../src/db/schema/index'
import { sandboxSignature } from '../../src/providers/sandbox'
import { authorizedApp } from '../support/app'
import { ALIYUN_ACCOUNT as ALIYUN, TENCENT_ACCOUNT as TENCENT } from '../support/cloud-accounts'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const WEBHOOK_SECRET = 'sandbox-webhook-secret'
const NOW = Date.parse('2026-12-03T14:30:00Z')

describe.each(DATABASE_KINDS)('a valid number and "TD" are not lost to another odd field on %s', (kind) => {
  let app: FastifyInstance
  const signedPost = (body: unknown, language = 'en') => {
    const raw = JSON.stringify(body)
    const timestamp = String(Math.floor(Date.now() / 1000))
    return app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/sandbox/inbound',
      headers: {
        anonymous: 'yes',
        'accept-language': language,
        'content-type': 'application/json',
        'x-recall-timestamp': timestamp,
        'x-recall-signature': sandboxSignature(WEBHOOK_SECRET, timestamp, raw),
      },
      payload: raw,
    })
  }
  const push = (url: string, body: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url, headers: { anonymous: 'yes', 'content-type': contentType }, payload: body })
  const repliesFrom = (phone: string) =>
    app.database.db
      .select({ text: inboundMessages.text, keyword: inboundMessages.keyword, receivedAt: inboundMessages.receivedAt })
      .from(inboundMessages)
      .where(like(inboundMessages.phone, phone))
      .orderBy(asc(inboundMessages.id))
  const suppressed = (phone: string) =>
    app.database.db.select({ phone: suppressions.phone }).from(suppressions).where(like(suppressions.phone, phone)).orderBy(asc(suppressions.phone))

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW, secretKey: 'a-long-test-secret-key-0123456789' })
    const saved = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { sandbox: { webhookSecret: WEBHOOK_SECRET }, aliyun: ALIYUN, tencent: TENCENT } })
    expect(saved.statusCode).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('sandbox or relay: a reply numbered with a number as its id is taken, so its T opts out', async () => {
    const answer = await signedPost([{ id: 12345, phone: '+8613712345030', text: 'T' }])
    expect([answer.statusCode, answer.json()]).toEqual([200, { received: 1, duplicates: 0, optedOut: 1, exited: 0 }])
    expect(await suppressed('+8613712345030')).toEqual([{ phone: '+8613712345030' }])
  })

  it.each([
    ['a number nationcode and mobile', { nationcode: 86, mobile: 13712345026 }, '+8613712345026'],
    ['"+86"', { nationcode: '+86', mobile: '13712345027' }, '+8613712345027'],
    ['a number nationcode', { nationcode: 86, mobile: '13712345028' }, '+8613712345028'],
  ])('Tencent: accepts %s', async (_name, number, phone) => {
    const answer = await push(`/api/webhooks/sms/tencent/inbound?token=${TENCENT.callbackToken}`, JSON.stringify({ ...number, text: 'TD', sign: '乐享商城', time: 1796300000 }))
    expect([answer.statusCode, answer.json()]).toEqual([200, { result: 0, errmsg: 'OK', received: 1, duplicates: 0, optedOut: 1, exited: 0 }])
    expect(await suppressed(phone)).toEqual([{ phone }])
  })

  it('Aliyun: a GBK body named by its charset is decoded, so its 退订 opts out', async () => {
    const body = iconv.encode(JSON.stringify([{ phone_number: '13712345029', send_time: '2026-12-03 22:00:00', content: '退订，谢谢', sequence_id: 9029 }]), 'gbk')
    const answer = await push(`/api/webhooks/sms/aliyun/inbound?token=${ALIYUN.callbackToken}`, body, 'application/json; charset=gbk')
    expect([answer.statusCode, answer.json()]).toEqual([200, { code: 0, msg: '接收成功', received: 1, duplicates: 0, optedOut: 1, exited: 0 }])
    expect(await repliesFrom('+8613712345029')).toEqual([{ text: '退订，谢谢', keyword: 'stop', receivedAt: new Date('2026-12-03T14:00:00Z') }])
  })
})
