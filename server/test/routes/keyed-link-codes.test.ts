import { createHmac } from 'node:crypto'
import { shortLinkCode } from '@recall/engine'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database'
import { messages, settings } from '../../src/db/schema/index'
import { shortLinkSecret } from '../../src/worker/link-codes'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const HOUR = 3_600_000
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** Written out here rather than imported: HMAC-SHA256 of "link|<key>", its first 48 bits as seven base-31 digits, lowest first. */
function expectedCode(secret: string, key: string): string {
  let value = createHmac('sha256', secret).update(`link|${key}`).digest().readUIntBE(0, 6)
  let code = ''
  for (let digit = 0; digit < 7; digit++) {
    code += ALPHABET[value % ALPHABET.length]
    value = Math.floor(value / ALPHABET.length)
  }
  return code
}

const storedSecret = async (db: Database) => (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'short_link_secret')))[0]?.value

/**
 * A short link's code was a plain hash of the message's key: anyone who knew how keys are made could
 * compute the code of any message and click it. Codes are now keyed with a secret of this install.
 */
describe.each(DATABASE_KINDS)('short link codes keyed with the install’s secret on %s', (kind) => {
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  let instance: FastifyInstance
  const app = () => instance
  beforeAll(async () => {
    instance = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
  }, 60_000)
  afterAll(async () => {
    await instance?.close()
  })

  it('makes a sent message’s code from its key with a random secret kept in settings, not the plain hash', async () => {
    await app().inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app().inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'K-1', phone: '13812340001', consent: true, attributes: { name: '王女士' } }] })
    await app().inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'K-1', name: 'cart_added' }] })
    now += HOUR
    await app().runner.processDue()
    const [message] = await app().database.db.select().from(messages)
    const secret = await storedSecret(app().database.db)
    expect(typeof secret === 'string' && /^[0-9a-f]{64}$/.test(secret)).toBe(true)
    expect(message?.linkCode).toBe(expectedCode(secret as string, message?.idempotencyKey as string))
    expect(message?.linkCode).not.toBe(shortLinkCode(message?.idempotencyKey as string))
    expect(message?.text).toContain(`https://rcl.to/${message?.linkCode}`)
    const followed = await app().inject({ method: 'GET', url: `/l/${message?.linkCode}`, headers: { anonymous: 'yes' } })
    expect([followed.statusCode, followed.headers.location]).toEqual([302, 'https://shop.example.com/coupons'])
  })

  it('keys a test send’s code the same way, and gives each install a secret of its own', async () => {
    const document = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
    await app().inject({ method: 'POST', url: '/api/journeys', payload: document })
    const sent = await app().inject({ method: 'POST', url: '/api/journeys/win-back-90-days/test-sends', payload: { document, nodeId: 'first-touch', phone: '13800138000' } })
    expect(sent.statusCode).toBe(201)
    const { message } = sent.json()
    expect(message.linkCode).toBe(expectedCode((await storedSecret(app().database.db)) as string, message.idempotencyKey))
    const other = await testDatabase(kind)
    try {
      const [mine, theirs] = [await shortLinkSecret(app().database.db), await shortLinkSecret(other.db)]
      expect([mine === (await storedSecret(app().database.db)), /^[0-9a-f]{64}$/.test(theirs), mine === theirs]).toEqual([true, true, false])
    } finally {
      await other.close()
    }
  })

  it('keeps following links sent before codes were keyed: a code is looked up as it was stored', async () => {
    const key = 'enrollment-before:cart-reminder:0'
    await app()
      .database.db.insert(messages)
      .values({
        idempotencyKey: key,
        enrollmentId: 'enrollment-before',
        journeyId: 'abandoned-cart',
        contactId: 'contact-before',
        nodeId: 'cart-reminder',
        channel: 'sms',
        category: 'marketing',
        phone: '+8613812340002',
        text: `【乐享】购物车里的宝贝还在 https://rcl.to/${shortLinkCode(key)} 回T退订`,
        parts: 1,
        status: 'sent',
        linkCode: shortLinkCode(key),
        linkUrl: 'https://shop.example.com/old-sale',
        createdAt: new Date(now),
      })
    const followed = await app().inject({ method: 'GET', url: `/l/${shortLinkCode(key)}`, headers: { anonymous: 'yes' } })
    expect([followed.statusCode, followed.headers.location]).toEqual([302, 'https://shop.example.com/old-sale'])
  })
})
