import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
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

  it('takes every record of a large push: an opt-out is never refused for the size of its batch', async () => {
    const answer = await push(JSON.stringify(replies(600, 20_000)))
    expect([answer.statusCode, answer.json().received, answer.json().optedOut]).toEqual([200, 600, 600])
    expect(await suppressed()).toBe(600)
  }, 120_000)

  it('says the real body limit, 1 MB, when a push is larger', async () => {
    const answer = await push(`[${'"x",'.repeat(300_000)}"x"]`)
    expect(answer.statusCode).toBe(413)
    expect(answer.json()).toMatchObject({ error: 'body.too_large', message: 'The request body is too large: this route accepts at most 1 MB' })
  })
})
