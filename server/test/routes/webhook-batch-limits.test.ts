import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
import { CALLBACK_URLS, useCloudCallbacks } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'

/** Aliyun SmsUp replies, each a T from its own number. */
const replies = (n: number, from = 0) =>
  Array.from({ length: n }, (_, index) => ({
    phone_number: `138${String(from + index).padStart(8, '0')}`,
    send_time: '2026-11-25 10:01:00',
    content: 'T',
    sequence_id: from + index + 1,
  }))

describe.each(DATABASE_KINDS)('the size of a cloud callback on %s', (kind) => {
  const { app, push } = useCloudCallbacks(kind)
  const suppressed = async () => (await app().database.db.select({ n: count() }).from(suppressions))[0]?.n

  it('takes every record of a large push: an opt-out is never refused for the size of its batch', async () => {
    const answer = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify(replies(600, 20_000)))
    expect([answer.statusCode, answer.json().received, answer.json().optedOut]).toEqual([200, 600, 600])
    expect(await suppressed()).toBe(600)
  }, 120_000)

  it('says the real body limit, 1 MB, when a push is larger', async () => {
    const answer = await push(CALLBACK_URLS.aliyunInbound, `[${'"x",'.repeat(300_000)}"x"]`)
    expect(answer.statusCode).toBe(413)
    expect(answer.json()).toMatchObject({ error: 'body.too_large', message: 'The request body is too large: this route accepts at most 1 MB' })
  })
})
