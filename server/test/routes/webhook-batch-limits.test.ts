import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
import { MAX_CALLBACK_RECORDS } from '../../src/routes/webhooks/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const ALIYUN = {
  endpoint: 'https://dysmsapi.aliyuncs.com',
  accessKeyId: 'LTAI5tExample',
  signName: '乐享商城',
  accessKeySecret: 'aliyun-secret-123',
  callbackToken: 'aliyun-token-123',
}

/** Aliyun SmsUp replies, each a T from its own number. */
const replies = (n: number, from = 0) =>
  Array.from({ length: n }, (_, index) => ({
    phone_number: `138${String(from + index).padStart(8, '0')}`,
    send_time: '2026-11-25 10:01:00',
    content: 'T',
    sequence_id: from + index + 1,
  }))

describe.each(DATABASE_KINDS)('the size of a cloud callback on %s', (kind) => {
  let app: FastifyInstance
  const push = (body: string, path = 'inbound', language = 'en') =>
    app.inject({
      method: 'POST',
      url: `/api/webhooks/sms/aliyun/${path}?token=${ALIYUN.callbackToken}`,
      headers: { anonymous: 'yes', 'content-type': 'application/json', 'accept-language': language },
      payload: body,
    })
  const suppressed = async () => (await app.database.db.select({ n: count() }).from(suppressions))[0]?.n
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
    expect((await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { aliyun: ALIYUN } })).statusCode).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it(`refuses a push of more than ${MAX_CALLBACK_RECORDS} records whole with 413, naming the limit in both languages, and records none`, async () => {
    expect(MAX_CALLBACK_RECORDS).toBe(500)
    const body = JSON.stringify(replies(9_000))
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024)
    const answer = await push(body)
    expect(answer.statusCode).toBe(413)
    expect(answer.json()).toMatchObject({
      error: 'callback.too_many_records',
      message: 'The callback carries 9000 records; at most 500 are taken at once: send them in smaller batches',
      problems: [expect.objectContaining({ path: '/body', message: { en: 'at most 500 records per callback; this one has 9000', zh: '每次回调最多 500 条记录,本次为 9000 条' } })],
    })
    expect((await push(JSON.stringify(replies(501)), 'status', 'zh-CN')).json().message).toBe('回调包含 501 条记录,每次最多接受 500 条:请分批推送')
    expect(await suppressed()).toBe(0)
  })

  it(`takes a push of ${MAX_CALLBACK_RECORDS} replies`, async () => {
    const started = performance.now()
    const answer = await push(JSON.stringify(replies(MAX_CALLBACK_RECORDS, 20_000)))
    const seconds = (performance.now() - started) / 1000
    expect([answer.statusCode, answer.json().received, answer.json().optedOut]).toEqual([200, 500, 500])
    expect(await suppressed()).toBe(500)
    // Well inside the clouds' callback timeouts, which retry slower answers.
    expect(seconds).toBeLessThan(20)
  }, 60_000)

  it('says the real body limit, 1 MB, when a push is larger', async () => {
    const answer = await push(`[${'"x",'.repeat(300_000)}"x"]`)
    expect(answer.statusCode).toBe(413)
    expect(answer.json()).toMatchObject({ error: 'body.too_large', message: 'The request body is too large: this route accepts at most 1 MB' })
  })
})
