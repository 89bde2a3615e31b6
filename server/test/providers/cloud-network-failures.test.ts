import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import { aliyunProvider } from '../../src/providers/aliyun'
import { tencentProvider } from '../../src/providers/tencent'
import type { SmsProvider } from '../../src/providers/types'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { queuedMessage, refusedPort, silentServer } from '../support/network'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const SECOND = 1_000
const PHONE = '+8613812345678'

const queued = (key: string) => queuedMessage(key, now, { template: { code: 'SMS_1', params: { time: '10:00' } } })

/** The clouds through their official SDKs, as the dispatcher uses them: neither drops a repeated request. */
const CLOUDS: [string, (endpoint: string) => SmsProvider][] = [
  ['Aliyun', (endpoint) => aliyunProvider({ endpoint, accessKeyId: 'LTAI-test', accessKeySecret: 'secret', signName: '乐享', callbackToken: 'token-1', timeoutMs: 300 })],
  [
    'Tencent Cloud',
    (endpoint) =>
      tencentProvider({
        endpoint,
        secretId: 'AKID-test',
        secretKey: 'secret',
        region: 'ap-guangzhou',
        smsSdkAppId: '1400000000',
        signName: '乐享',
        callbackToken: 'token-1',
        timeoutMs: 1000,
      }),
  ],
]

describe.each(DATABASE_KINDS)('a cloud that cannot be reached or does not answer, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: PHONE, timeZone: 'Asia/Shanghai', consent: true })
  })
  const row = async (key: string) => {
    const [found] = await handle()
      .db.select({ status: messages.status, attempts: messages.attempts, error: messages.error, nextAttemptAt: messages.nextAttemptAt })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))
    return found
  }
  let hung: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    hung = await silentServer()
  })
  afterAll(() => hung.close())

  it.each(CLOUDS)('%s: a refused connection is tried again 30 s later, the error naming no phone number', async (name, cloud) => {
    const key = `refused-${name}`
    await handle().db.insert(messages).values(queued(key))
    const dispatcher = outboxDispatcher(handle().db, cloud(`http://127.0.0.1:${await refusedPort()}`), () => now)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await row(key)).toEqual({ status: 'queued', attempts: 1, error: `network: cannot reach ${name}: ECONNREFUSED`, nextAttemptAt: new Date(now + 30 * SECOND) })
    await handle().db.delete(messages).where(eq(messages.idempotencyKey, key))
  })

  it.each(CLOUDS)('%s: a request the cloud took without answering is uncertain and never sent again', async (name, cloud) => {
    const key = `hung-${name}`
    await handle().db.insert(messages).values(queued(key))
    let clock = now
    const dispatcher = outboxDispatcher(handle().db, cloud(`http://127.0.0.1:${hung.port}`), () => clock)
    const before = hung.requests()
    expect(await dispatcher.dispatch()).toBe(1)
    expect(hung.requests()).toBe(before + 1)
    expect(await row(key)).toEqual({ status: 'uncertain', attempts: 1, error: 'timeout', nextAttemptAt: null })
    clock += 3_600 * SECOND
    expect(await dispatcher.dispatch()).toBe(0)
    expect(hung.requests()).toBe(before + 1)
    await handle().db.delete(messages).where(eq(messages.idempotencyKey, key))
  })
})
