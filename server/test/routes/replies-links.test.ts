import { JOURNEY_TEMPLATES } from '@recall/shared'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events, messages, settings, suppressions } from '../../src/db/schema/index'
import { sandboxSignature } from '../../src/providers/sandbox'
import { twilioSignature } from '../../src/providers/twilio'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const WEBHOOK_SECRET = 'sandbox-webhook-secret'
const HOUR = 3_600_000

describe.each(DATABASE_KINDS)('replies, receipts and short links on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  const signedPost = (url: string, body: unknown, secret = WEBHOOK_SECRET) => {
    const raw = JSON.stringify(body)
    const timestamp = String(Math.floor(Date.now() / 1000))
    return app.inject({
      method: 'POST',
      url,
      headers: { anonymous: 'yes', 'content-type': 'application/json', 'x-recall-timestamp': timestamp, 'x-recall-signature': sandboxSignature(secret, timestamp, raw) },
      payload: raw,
    })
  }
  const messagesOf = async (externalId: string) => (await app.inject({ method: 'GET', url: `/api/contacts/${externalId}` })).json().messages as { nodeId: string; status: string }[]

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now, secretKey: 'a-long-test-secret-key-0123456789' })
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: { routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, sandbox: { webhookSecret: WEBHOOK_SECRET } },
    })
    expect(saved.json()).toEqual({ routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, secretsSet: ['sandbox.webhookSecret'] })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'R-1', phone: '13812340001', consent: true, attributes: { name: '王女士' } }] })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('follows a short link: redirects, counts the first click for rates and every click in the log, and feeds journeys', async () => {
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'R-1', name: 'cart_added' }] })
    now += HOUR
    await app.runner.processDue()
    const [message] = await app.database.db.select().from(messages)
    expect(message?.linkUrl).toBe('https://shop.example.com/coupons')
    expect(message?.text).toContain(`https://rcl.to/${message?.linkCode}`)
    const first = await app.inject({ method: 'GET', url: `/l/${message?.linkCode}`, headers: { anonymous: 'yes' } })
    expect([first.statusCode, first.headers.location]).toEqual([302, 'https://shop.example.com/coupons'])
    now += 60_000
    await app.inject({ method: 'GET', url: `/l/${message?.linkCode}`, headers: { anonymous: 'yes' } })
    const [clicked] = await app.database.db
      .select()
      .from(messages)
      .where(eq(messages.id, message?.id as number))
    expect(clicked).toMatchObject({ status: 'clicked', clickCount: 2, clickedAt: new Date(now - 60_000) })
    const clickEvents = await app.database.db.select().from(events).where(eq(events.name, 'link_clicked'))
    expect(clickEvents).toHaveLength(1)
    const missing = await app.inject({ method: 'GET', url: '/l/ZZZZZZZ', headers: { anonymous: 'yes', 'accept-language': 'zh-CN' } })
    expect([missing.statusCode, missing.json().message]).toEqual([404, '该链接不存在或已失效'])
  })

  it('refuses an unsigned or wrongly signed reply and records nothing', async () => {
    const forged = await signedPost('/api/webhooks/sms/sandbox/inbound', [{ id: 'in-0', phone: '+8613812340001', text: 'T' }], 'not-the-secret')
    expect([forged.statusCode, forged.json().error]).toEqual([403, 'bad_signature'])
    const unsigned = await app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/twilio/inbound',
      headers: { anonymous: 'yes', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'From=%2B8613812340001&Body=T',
    })
    expect(unsigned.statusCode).toBe(403)
    expect(await app.database.db.select().from(suppressions)).toEqual([])
  })

  it('stops every marketing message for good after 退订, through deletion and re-import, until START', async () => {
    const reply = await signedPost('/api/webhooks/sms/sandbox/inbound', [{ id: 'in-1', phone: '+8613812340001', text: ' 退订。' }])
    expect(reply.json()).toEqual({ received: 1, duplicates: 0, optedOut: 1, exited: 1 })
    const detail = (await app.inject({ method: 'GET', url: '/api/contacts/R-1' })).json()
    expect(detail.contact.suppressed).toBe(true)
    expect(detail.enrollments[0]).toMatchObject({ status: 'exited', exitReason: 'opted_out' })
    // The person's opt-out, which follows them to any number (not "no more marketing to this number").
    expect(detail.enrollments[0].timeline.at(-1)).toMatchObject({
      at: '2026-11-24T03:01:00.000Z',
      message: {
        en: 'exited: this person opted out at 2026-11-24 11:01 Asia/Shanghai by replying to opt out; it follows them to any number; their own START reply lifts it',
        zh: '退出:此人已于 2026年11月24日 11:01 Asia/Shanghai 回复退订;换用任何号码都有效;本人回复订阅可恢复',
      },
    })
    // A day later the coupon SMS would have gone out: nothing does.
    now += 25 * HOUR
    await app.runner.processDue()
    expect(await messagesOf('R-1')).toHaveLength(1)
    // Deleted and imported again, the number stays suppressed; a new cart sends nothing.
    await app.inject({ method: 'DELETE', url: '/api/contacts/R-1' })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'R-1', phone: '13812340001', consent: true }] })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/R-1' })).json().contact.suppressed).toBe(true)
    now += 8 * 24 * HOUR
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'R-1', name: 'cart_added' }] })
    now += HOUR
    await app.runner.processDue()
    expect(await messagesOf('R-1')).toEqual([])
    // START opts back in.
    expect((await signedPost('/api/webhooks/sms/sandbox/inbound', [{ id: 'in-2', phone: '+8613812340001', text: 'start' }])).json()).toEqual({
      received: 1,
      duplicates: 0,
      optedOut: 0,
      exited: 0,
    })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/R-1' })).json().contact.suppressed).toBe(false)
  })

  it('records delivery receipts, a failure with its carrier code on the timeline, and refuses a malformed one naming the field', async () => {
    const [message] = await app.database.db.select().from(messages).limit(1)
    await app.database.db
      .update(messages)
      .set({ status: 'sent', providerId: 'P-77' })
      .where(eq(messages.id, message?.id as number))
    const receipt = await signedPost('/api/webhooks/sms/sandbox/status', [{ providerId: 'P-77', status: 'failed', code: 'MK:0001' }])
    expect(receipt.json()).toEqual({ updated: 1 })
    const [failed] = await app.database.db.select().from(messages).where(eq(messages.providerId, 'P-77'))
    expect(failed).toMatchObject({ status: 'failed', carrierCode: 'MK:0001', error: 'carrier: MK:0001' })
    const malformed = await signedPost('/api/webhooks/sms/sandbox/status', [{ status: 'delivered' }])
    expect([malformed.statusCode, malformed.json()]).toEqual([
      200,
      { updated: 0, skipped: [{ index: 0, field: 'providerId', reason: '"providerId" is missing or not valid: the record was skipped' }] },
    ])
  })

  it('a click on a message the carrier reported failed makes it clicked; one that never left stays failed', async () => {
    const [message] = await app.database.db.select().from(messages).limit(1)
    const click = async (sentAt: Date | null, linkCode: string) => {
      await app.database.db
        .update(messages)
        .set({ status: 'failed', sentAt, clickedAt: null, linkCode })
        .where(eq(messages.id, message?.id as number))
      expect((await app.inject({ method: 'GET', url: `/l/${linkCode}`, headers: { anonymous: 'yes' } })).statusCode).toBe(302)
      const [clicked] = await app.database.db
        .select({ status: messages.status })
        .from(messages)
        .where(eq(messages.id, message?.id as number))
      return clicked?.status
    }
    expect(await click(new Date(now - HOUR), 'FAILEDSENT1')).toBe('clicked')
    expect(await click(null, 'NEVERSENT1')).toBe('failed')
  })

  it('verifies Twilio signatures over the URL and sorted form fields', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: {
        routes: { marketing: 'twilio', recall: 'sandbox', transactional: 'sandbox' },
        twilio: { baseUrl: 'https://api.twilio.example', accountSid: 'AC1', from: '+15005550006', authToken: 'twilio-auth-token' },
      },
    })
    const body = 'MessageSid=SM9&MessageStatus=delivered&To=%2B8613812340001'
    const url = 'http://localhost:80/api/webhooks/sms/twilio/status'
    const good = await app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/twilio/status',
      headers: {
        anonymous: 'yes',
        host: 'localhost:80',
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature('twilio-auth-token', url, body),
      },
      payload: body,
    })
    // No message has SM9 yet: the report is kept for when one does.
    expect([good.statusCode, good.json()]).toEqual([200, { updated: 0, pending: 1 }])
    const bad = await app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/twilio/status',
      headers: { anonymous: 'yes', host: 'localhost:80', 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('other-token', url, body) },
      payload: body,
    })
    expect(bad.statusCode).toBe(403)
  })

  it('keeps credentials sealed: never answered, not stored in the clear, and refused without them', async () => {
    const view = (await app.inject({ method: 'GET', url: '/api/settings/providers' })).json()
    expect(view.secretsSet).toEqual(['sandbox.webhookSecret', 'twilio.authToken'])
    expect(JSON.stringify(view)).not.toContain('twilio-auth-token')
    const [stored] = await app.database.db
      .select()
      .from(settings)
      .where(and(eq(settings.key, 'providers')))
    expect(JSON.stringify(stored?.value)).not.toContain('twilio-auth-token')
    const incomplete = await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      headers: { 'accept-language': 'zh-CN' },
      payload: { routes: { marketing: 'cloud', recall: 'sandbox', transactional: 'sandbox' } },
    })
    expect(incomplete.statusCode).toBe(400)
    expect(incomplete.json().problems[0]).toMatchObject({ path: '/body/cloud', text: 'marketing 类消息使用 cloud 发送,需要先填写其配置' })
  })
})
