import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import { cloudProvider } from '../../src/providers/cloud'
import { twilioProvider } from '../../src/providers/twilio'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { type FakeProvider, startFakeProvider } from '../support/fake-provider'
import { queuedMessage } from '../support/network'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const credentials = { twilioToken: 'twilio-token-123', cloudSecret: 'cloud-secret-456' }
const queued = (key: string, template?: { code: string; params: Record<string, string> }) =>
  queuedMessage(key, now, { text: '【乐享】好久不见,送您满100减30券 回T退订', ...(template ? { template } : {}) })

describe.each(DATABASE_KINDS)('provider adapters against a fake provider on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true })
  })
  let fake: FakeProvider
  beforeAll(async () => {
    fake = await startFakeProvider(credentials)
  })
  afterAll(async () => {
    await fake?.close()
  })
  // Time-outs far longer than a loaded machine's answer from the local fake, except where the test is the time-out:
  // at 300 ms a busy CI run timed an answered call out, and the message went uncertain instead of sent.
  const ANSWERS_MS = 10_000
  const twilio = (timeoutMs = ANSWERS_MS) => twilioProvider({ baseUrl: fake.url, accountSid: 'AC123', authToken: credentials.twilioToken, from: '+15005550006', timeoutMs })
  const cloud = () =>
    cloudProvider({ baseUrl: fake.url, accessKeyId: 'LTAI', accessKeySecret: credentials.cloudSecret, signName: '乐享商城', callbackSecret: 'x', timeoutMs: ANSWERS_MS })
  const row = async (key: string) => {
    const [found] = await handle().db.select().from(messages).where(eq(messages.idempotencyKey, key))
    return found
  }

  it('rides out a 429 and a 503 with backoff, then sends once with the same idempotency key', async () => {
    await handle().db.insert(messages).values(queued('tw-1'))
    fake.script('throttle', 'down', 'ok')
    let clock = now
    const dispatcher = outboxDispatcher(handle().db, twilio(), () => clock)
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await dispatcher.dispatch()).toBe(1)
      const next = (await row('tw-1'))?.nextAttemptAt
      if (next) clock = next.getTime()
    }
    const sent = await row('tw-1')
    expect(sent).toMatchObject({ status: 'sent', providerId: 'SM1', attempts: 3, nextAttemptAt: null, error: null })
    const keys = fake.calls.filter((call) => call.key === 'tw-1')
    expect(keys).toHaveLength(3)
    expect(new URLSearchParams(keys[2]?.body).get('Body')).toBe('【乐享】好久不见,送您满100减30券 回T退订')
    expect(new URLSearchParams(keys[2]?.body).get('To')).toBe('+8613812345678')
    // The 429 asked for 120 s, more than the first backoff step (30 s).
    expect(clock - now).toBeGreaterThanOrEqual(120_000 + 60_000)
  })

  it('marks a message uncertain when Twilio does not answer in time, and never sends it again', async () => {
    await handle().db.insert(messages).values(queued('tw-hang'))
    fake.script('hang')
    const dispatcher = outboxDispatcher(handle().db, twilio(300), () => now)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await dispatcher.dispatch()).toBe(0)
    expect(await row('tw-hang')).toMatchObject({ status: 'uncertain', error: 'timeout' })
    expect(fake.calls.filter((call) => call.key === 'tw-hang')).toHaveLength(1)
  })

  it('fails a bad number at once, on the message and the timeline, and never retries it', async () => {
    await handle().db.insert(messages).values(queued('tw-bad'))
    fake.script('bad-number')
    const dispatcher = outboxDispatcher(handle().db, twilio(), () => now)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await dispatcher.dispatch()).toBe(0)
    expect(await row('tw-bad')).toMatchObject({ status: 'failed', attempts: 1, error: "twilio_21211: The 'To' number is not a valid phone number." })
    const lines = (await readTimeline(handle().db, ['e-tw-bad'])).map(({ kind, message }) => ({ kind, message }))
    expect(lines).toEqual([
      {
        kind: 'failed',
        message: { en: "not sent: twilio_21211: The 'To' number is not a valid phone number.", zh: "发送失败:twilio_21211: The 'To' number is not a valid phone number." },
      },
    ])
  })

  it('lets the provider drop a resend after a crash between its answer and our commit', async () => {
    const message = { idempotencyKey: 'tw-crash', phone: '+8613812345678', channel: 'sms' as const, category: 'recall' as const, text: '你好 回T退订' }
    const first = await twilio().send(message, now)
    const again = await twilio().send(message, now)
    expect(again.providerId).toBe(first.providerId)
    expect([...fake.delivered.keys()].filter((key) => key === 'tw-crash')).toHaveLength(1)
  })

  it('sends template messages to the cloud, signed, with the mainland number and filled parameters', async () => {
    await handle()
      .db.insert(messages)
      .values([queued('cl-1', { code: 'SMS_2451', params: { name: '张女士', amount: '30' } }), queued('cl-none')])
    fake.script('throttle', 'ok')
    let clock = now
    const dispatcher = outboxDispatcher(handle().db, cloud(), () => clock)
    expect(await dispatcher.dispatch()).toBe(2)
    expect(await row('cl-none')).toMatchObject({ status: 'failed', error: 'no_template: the node has no template code; template providers send only approved templates' })
    expect(await row('cl-1')).toMatchObject({ status: 'queued', attempts: 1, error: 'isv.BUSINESS_LIMIT_CONTROL: 触发流控' })
    const retryAt = (await row('cl-1'))?.nextAttemptAt
    if (!retryAt) throw new Error('no retry planned')
    clock = retryAt.getTime()
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await row('cl-1')).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^BIZ\d+$/) })
    const body = JSON.parse(fake.calls.filter((call) => call.key === 'cl-1').at(-1)?.body ?? '{}')
    expect(body).toEqual({ PhoneNumbers: '13812345678', SignName: '乐享商城', TemplateCode: 'SMS_2451', TemplateParam: '{"name":"张女士","amount":"30"}', OutId: 'cl-1' })
  })

  it("records the cloud refusing a wrong signature as the message failure, with the cloud's code", async () => {
    await handle()
      .db.insert(messages)
      .values(queued('cl-wrong', { code: 'SMS_2451', params: {} }))
    const wrong = cloudProvider({ baseUrl: fake.url, accessKeyId: 'LTAI', accessKeySecret: 'not-the-secret', signName: '乐享商城', callbackSecret: 'x' })
    await outboxDispatcher(handle().db, wrong, () => now).dispatch()
    expect(await row('cl-wrong')).toMatchObject({ status: 'failed', error: 'SignatureDoesNotMatch: 403: refused' })
    expect(fake.delivered.has('cl-wrong')).toBe(false)
  })
})
