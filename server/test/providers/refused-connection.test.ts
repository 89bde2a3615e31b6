import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import { neverSentCode } from '../../src/providers/http'
import { twilioProvider } from '../../src/providers/twilio'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { queuedMessage, refusedPort, silentServer } from '../support/network'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const SECOND = 1_000

describe.each(DATABASE_KINDS)('a provider whose connection is refused, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true })
  })
  // A long time-out where the test is a refused connection: on a loaded machine a 300 ms timer could fire
  // before the refusal was read, and the message went uncertain instead of queued for a retry.
  const twilioAt = (baseUrl: string, timeoutMs = 10_000) => twilioProvider({ baseUrl, accountSid: 'AC123', authToken: 'twilio-token-123', from: '+15005550006', timeoutMs })
  const row = async (key: string) => {
    const [found] = await handle()
      .db.select({ status: messages.status, attempts: messages.attempts, error: messages.error, nextAttemptAt: messages.nextAttemptAt, sentAt: messages.sentAt })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))
    return found
  }
  let hung: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    hung = await silentServer()
  })
  afterAll(() => hung.close())

  it('retries a refused connection with the usual backoff and fails it after the last attempt, never uncertain', async () => {
    await handle().db.insert(messages).values(queuedMessage('refused-1', now))
    const port = await refusedPort()
    let clock = now
    const dispatcher = outboxDispatcher(handle().db, twilioAt(`http://127.0.0.1:${port}`), () => clock)
    const error = 'network: cannot reach the provider: ECONNREFUSED'
    // Waits before attempts 2, 3, 4, 5: 30 s, 1 min, 2 min, 4 min.
    const waits = [30, 60, 120, 240]
    for (const [index, wait] of waits.entries()) {
      expect(await dispatcher.dispatch()).toBe(1)
      expect(await row('refused-1')).toEqual({ status: 'queued', attempts: index + 1, error, nextAttemptAt: new Date(clock + wait * SECOND), sentAt: null })
      // Not due a moment before its time.
      clock += wait * SECOND - 1
      expect(await dispatcher.dispatch()).toBe(0)
      clock += 1
    }
    expect(clock).toBe(now + 450 * SECOND)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await row('refused-1')).toEqual({ status: 'failed', attempts: 5, error, nextAttemptAt: null, sentAt: null })
    clock += 3_600 * SECOND
    expect(await dispatcher.dispatch()).toBe(0)
    expect(await row('refused-1')).toEqual({ status: 'failed', attempts: 5, error, nextAttemptAt: null, sentAt: null })
  })

  it('retries a port fetch blocks before connecting (":9", "bad port")', async () => {
    await handle().db.insert(messages).values(queuedMessage('bad-port-1', now))
    const dispatcher = outboxDispatcher(handle().db, twilioAt('http://127.0.0.1:9'), () => now)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await row('bad-port-1')).toEqual({
      status: 'queued',
      attempts: 1,
      error: 'network: cannot reach the provider: bad port',
      nextAttemptAt: new Date(now + 30 * SECOND),
      sentAt: null,
    })
    // Out of the way of the next test's dispatcher.
    await handle().db.delete(messages).where(eq(messages.idempotencyKey, 'bad-port-1'))
  })

  it('keeps a time-out after the provider received the request uncertain, never resent', async () => {
    await handle().db.insert(messages).values(queuedMessage('hung-1', now))
    let clock = now
    const dispatcher = outboxDispatcher(handle().db, twilioAt(`http://127.0.0.1:${hung.port}`, 1_000), () => clock)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(hung.requests()).toBe(1)
    expect(await row('hung-1')).toEqual({ status: 'uncertain', attempts: 1, error: 'timeout', nextAttemptAt: null, sentAt: null })
    clock += 3_600 * SECOND
    expect(await dispatcher.dispatch()).toBe(0)
    expect(hung.requests()).toBe(1)
    expect(await row('hung-1')).toEqual({ status: 'uncertain', attempts: 1, error: 'timeout', nextAttemptAt: null, sentAt: null })
  })
})

describe('which fetch failures prove the request never left', () => {
  const failed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause })
  const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code })

  it('names refused, unresolvable and blocked requests, and every address refused', () => {
    expect(neverSentCode(failed(socketError('ECONNREFUSED')))).toBe('ECONNREFUSED')
    expect(neverSentCode(failed(socketError('ENOTFOUND')))).toBe('ENOTFOUND')
    expect(neverSentCode(failed(socketError('EAI_AGAIN')))).toBe('EAI_AGAIN')
    expect(neverSentCode(failed(new Error('bad port')))).toBe('bad port')
    expect(neverSentCode(failed(new AggregateError([socketError('ECONNREFUSED'), socketError('EHOSTUNREACH')])))).toBe('ECONNREFUSED')
  })

  it('leaves out a connection cut after it was made, and a mix where one address may have taken it', () => {
    expect(neverSentCode(failed(socketError('ECONNRESET')))).toBeUndefined()
    expect(neverSentCode(failed(socketError('UND_ERR_SOCKET')))).toBeUndefined()
    expect(neverSentCode(failed(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNRESET')])))).toBeUndefined()
    expect(neverSentCode(failed(new AggregateError([])))).toBeUndefined()
    expect(neverSentCode(new Error('no cause'))).toBeUndefined()
  })
})
