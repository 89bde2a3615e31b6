import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settings, suppressions, webhookCallbacks } from '../../src/db/schema/index'
import type {} from '../../src/plugins/providers'
import { cloudSignature } from '../../src/providers/cloud'
import { sandboxSignature } from '../../src/providers/sandbox'
import { hmac } from '../../src/providers/signatures'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const WEBHOOK_SECRET = 'sandbox-webhook-secret'
const PHONE = '+8613812340009'
const CLOUD = { baseUrl: 'https://sms.cloud.example', accessKeyId: 'LTAI', signName: '乐享商城' }

describe.each(DATABASE_KINDS)('webhook authenticity on %s', (kind) => {
  let app: FastifyInstance
  const sandboxPost = (path: string, body: unknown, timestamp = String(Math.floor(Date.now() / 1000))) => {
    const raw = JSON.stringify(body)
    return app.inject({
      method: 'POST',
      url: `/api/webhooks/sms/sandbox/${path}`,
      headers: { anonymous: 'yes', 'content-type': 'application/json', 'x-recall-timestamp': timestamp, 'x-recall-signature': sandboxSignature(WEBHOOK_SECRET, timestamp, raw) },
      payload: raw,
    })
  }
  const suppressed = async () => (await app.database.db.select({ phone: suppressions.phone }).from(suppressions).where(eq(suppressions.phone, PHONE))).length === 1
  const secretsSet = async () => (await app.inject({ method: 'GET', url: '/api/settings/providers' })).json().secretsSet

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
    const saved = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { sandbox: { webhookSecret: WEBHOOK_SECRET } } })
    expect(saved.json()).toEqual({ routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, secretsSet: ['sandbox.webhookSecret'] })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('skips records holding NUL or lone surrogates, naming index and field, and records nothing of them', async () => {
    const bodies: [string, unknown, string][] = [
      ['inbound', [{ id: 'nul-1', phone: PHONE, text: 'STOP\u0000' }], 'text'],
      ['inbound', [{ id: 'nul-2\ud800', phone: PHONE, text: 'STOP' }], 'providerMessageId'],
      ['status', [{ providerId: 'p\u0000', status: 'delivered' }], 'providerId'],
    ]
    for (const [path, body, field] of bodies) {
      const answer = await sandboxPost(path, body)
      const reason = `"${field}" must not contain NUL characters (\\u0000) or unpaired surrogates (broken UTF-16): the record was skipped`
      expect([answer.statusCode, answer.json().skipped]).toEqual([200, [{ index: 0, field, reason }]])
    }
    expect(await suppressed()).toBe(false)
    // A time outside 1970–2100 is not kept (a STOP stamped 9999 would outrank every later START), but
    // neither is the STOP lost: the time received stands in, and the answer says so.
    const far = await sandboxPost('inbound', [{ id: 'far-1', phone: '+8613812340010', text: 'STOP', at: '9999-12-31T23:59:59Z' }])
    expect([far.statusCode, far.json().optedOut, far.json().notes?.map((note: { field: string }) => note.field)]).toEqual([200, 1, ['at']])
    const notArray = await sandboxPost('inbound', { id: 'obj-1', phone: PHONE, text: 'STOP' })
    expect([notArray.statusCode, notArray.json().error, notArray.json().message]).toEqual([400, 'invalid_callback', 'The callback has no valid "body"'])
  })

  it('refuses saving a provider whose callbacks could not be verified, naming the field, in both languages', async () => {
    const cloud = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { cloud: { ...CLOUD, accessKeySecret: 'access-key-secret' } } })
    expect([cloud.statusCode, cloud.json().problems]).toEqual([
      400,
      [
        expect.objectContaining({
          path: '/body/cloud/callbackSecret',
          text: 'cloud needs "callbackSecret": without it its callbacks could not be verified and anyone could forge a receipt or an opt-in',
        }),
      ],
    ])
    const twilio = await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      headers: { 'accept-language': 'zh-CN' },
      payload: { twilio: { baseUrl: 'https://api.twilio.example', accountSid: 'AC1', from: '+15005550006' } },
    })
    expect(twilio.json().problems).toEqual([
      expect.objectContaining({ path: '/body/twilio/authToken', text: 'twilio 需要填写"authToken":否则无法校验其回调签名,任何人都可以伪造回执或订阅回复' }),
    ])
    expect(await secretsSet()).toEqual(['sandbox.webhookSecret'])
  })

  it('merges a PUT: providers left out keep their settings and secrets, null removes one', async () => {
    const twilio = { baseUrl: 'https://api.twilio.example', accountSid: 'AC1', from: '+15005550006' }
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: { twilio: { ...twilio, authToken: 'twilio-auth-token' }, routes: { marketing: 'twilio' } },
    })
    expect(saved.json()).toEqual({
      routes: { marketing: 'twilio', recall: 'sandbox', transactional: 'sandbox' },
      twilio,
      secretsSet: ['sandbox.webhookSecret', 'twilio.authToken'],
    })
    expect(JSON.stringify(saved.json())).not.toContain('twilio-auth-token')
    // The sandbox secret survived a PUT that did not mention the sandbox: its callbacks still verify.
    // No message has P-1 yet: the report is kept for when one does.
    expect((await sandboxPost('status', [{ providerId: 'P-1', status: 'delivered' }])).json()).toEqual({ updated: 0, pending: 1 })
    const inUse = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { twilio: null } })
    expect(inUse.json().problems).toEqual([expect.objectContaining({ path: '/body/twilio', text: 'marketing messages go through twilio, which needs its settings' })])
    const removed = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { twilio: null, routes: { marketing: 'sandbox' } } })
    expect(removed.json()).toEqual({ routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, secretsSet: ['sandbox.webhookSecret'] })
  })

  it('refuses a START signed with an empty key when stored settings lack the callback secret, and the opt-out stays', async () => {
    await app.database.db.insert(suppressions).values({ phone: PHONE, reason: 'replied "T"', source: 'reply' })
    // Settings saved before secrets were required: the cloud without its callback secret.
    const [stored] = await app.database.db.select().from(settings).where(eq(settings.key, 'providers'))
    await app.database.db
      .update(settings)
      .set({ value: { ...(stored?.value as object), cloud: CLOUD } })
      .where(eq(settings.key, 'providers'))
    app.providers.invalidate()
    const body = JSON.stringify([{ phone_number: '13812340009', content: 'START', send_time: '2026-11-24 10:00:00', sequence_id: 1 }])
    const timestamp = new Date().toISOString()
    for (const signature of [hmac('sha256', '', body), cloudSignature('', timestamp, body)]) {
      const forged = await app.inject({
        method: 'POST',
        url: '/api/webhooks/sms/cloud/inbound',
        headers: { anonymous: 'yes', 'content-type': 'application/json', 'x-acs-timestamp': timestamp, 'x-acs-signature': signature },
        payload: body,
      })
      expect([forged.statusCode, forged.json().error]).toEqual([403, 'bad_signature'])
    }
    expect(await suppressed()).toBe(true)
  })

  it('leaves the number suppressed when a captured START is replayed after a STOP, or an older START arrives late', async () => {
    await app.database.db.delete(suppressions)
    const start = [{ id: 'sbx-in-1', phone: PHONE, text: 'START', at: '2026-11-24T10:00:00+08:00' }]
    const startTimestamp = String(Math.floor(Date.now() / 1000))
    expect((await sandboxPost('inbound', start, startTimestamp)).json()).toEqual({ received: 1, duplicates: 0, optedOut: 0, exited: 0 })
    expect((await sandboxPost('inbound', [{ id: 'sbx-in-2', phone: PHONE, text: 'STOP', at: '2026-11-24T10:05:00+08:00' }])).json()).toMatchObject({ optedOut: 1 })
    const replay = await sandboxPost('inbound', start, startTimestamp)
    expect([replay.statusCode, replay.json()]).toEqual([200, { received: 1, duplicates: 1, optedOut: 0, exited: 0 }])
    const late = await sandboxPost('inbound', [{ id: 'sbx-in-3', phone: PHONE, text: '订阅', at: '2026-11-24T10:04:00+08:00' }])
    expect(late.json()).toEqual({ received: 1, duplicates: 0, optedOut: 0, exited: 0 })
    expect(await suppressed()).toBe(true)
    await sandboxPost('inbound', [{ id: 'sbx-in-4', phone: PHONE, text: '订阅', at: '2026-11-24T10:06:00+08:00' }])
    expect(await suppressed()).toBe(false)
  })

  it('refuses a correctly signed callback whose timestamp is more than five minutes from the wall clock', async () => {
    const old = String(Math.floor((Date.now() - 6 * 60_000) / 1000))
    const stale = await sandboxPost('inbound', [{ id: 'sbx-in-5', phone: PHONE, text: 'T' }], old)
    expect([stale.statusCode, stale.json().error]).toEqual([403, 'bad_signature'])
    const future = await sandboxPost('inbound', [{ id: 'sbx-in-5', phone: PHONE, text: 'T' }], String(Math.floor((Date.now() + 6 * 60_000) / 1000)))
    expect(future.statusCode).toBe(403)
    expect(await suppressed()).toBe(false)
  })

  it('counts a delivery receipt once however often it is sent, and verifies the cloud over timestamp and body', async () => {
    const receipt = [{ providerId: 'P-9', status: 'failed', code: 'MK:1' }]
    expect((await sandboxPost('status', receipt)).statusCode).toBe(200)
    expect((await sandboxPost('status', receipt)).json()).toEqual({ updated: 0 })
    const claimed = await app.database.db.select({ kind: webhookCallbacks.kind }).from(webhookCallbacks).where(eq(webhookCallbacks.providerMessageId, 'P-9'))
    expect(claimed).toEqual([{ kind: 'receipt:failed' }])
    await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: { cloud: { ...CLOUD, accessKeySecret: 'access-key-secret', callbackSecret: 'callback-secret-16ch' } },
    })
    const body = JSON.stringify([{ biz_id: 'B-1', success: true, report_time: '2026-11-24 10:00:00' }])
    const timestamp = new Date().toISOString()
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/webhooks/sms/cloud/status', headers: { anonymous: 'yes', 'content-type': 'application/json', ...headers }, payload: body })
    expect((await post({ 'x-acs-timestamp': timestamp, 'x-acs-signature': cloudSignature('callback-secret-16ch', timestamp, body) })).json()).toEqual({ updated: 0, pending: 1 })
    // The old scheme, over the body alone, no longer verifies.
    expect((await post({ 'x-acs-timestamp': timestamp, 'x-acs-signature': hmac('sha256', 'callback-secret-16ch', body) })).statusCode).toBe(403)
  })
})
