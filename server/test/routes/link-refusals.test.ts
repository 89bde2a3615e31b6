import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/app'
import { messages } from '../../src/db/schema/index'
import { LINK_REFUSALS_PER_MINUTE } from '../../src/routes/links/index'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const URL = 'https://shop.example.com/coupons'

/** Short links need no login, so unknown codes are limited per address: guessing codes would forge clicks. */
describe.each(DATABASE_KINDS)('refused short-link codes on %s', (kind) => {
  let app: FastifyInstance
  // The wall clock, held still and moved by hand; the demo clock runs elsewhere and must not count.
  let wall = Date.parse('2026-12-03T09:00:00Z')
  const follow = (code: string, remoteAddress: string, language = 'en') => app.inject({ method: 'GET', url: `/l/${code}`, remoteAddress, headers: { 'accept-language': language } })
  const clickCount = async () => (await app.database.db.select({ clicks: messages.clickCount }).from(messages).where(eq(messages.linkCode, 'GOOD123')))[0]?.clicks

  beforeAll(async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => wall)
    app = await buildApp({ database: await testDatabase(kind), clock: () => Date.parse('2030-01-01T00:00:00Z') })
    await app.database.db.insert(messages).values({
      idempotencyKey: 'link-1',
      enrollmentId: 'enrollment-1',
      journeyId: 'journey',
      contactId: 'contact-1',
      nodeId: 'sms',
      channel: 'sms',
      category: 'recall',
      phone: '+8613800138000',
      text: '【乐享商城】好久不见 https://rcl.to/GOOD123 回T退订',
      parts: 1,
      status: 'delivered',
      createdAt: new Date(wall),
      linkCode: 'GOOD123',
      linkUrl: URL,
    })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    vi.restoreAllMocks()
  })

  it('answers 429 with Retry-After to an address past its unknown codes for the minute, for every code, while other addresses follow links', async () => {
    const statuses: number[] = []
    for (let guess = 0; guess < LINK_REFUSALS_PER_MINUTE; guess++) statuses.push((await follow(`GUESS${String(guess).padStart(2, '0')}`, '203.0.113.9')).statusCode)
    expect(statuses).toEqual(Array(LINK_REFUSALS_PER_MINUTE).fill(404))
    wall += 20_000
    const over = await follow('GUESS99', '203.0.113.9')
    expect([over.statusCode, over.headers['retry-after'], over.json().error, over.json().message]).toEqual([429, '40', 'rate_limited', 'Too many requests; try again in 40 s'])
    expect((await follow('GUESS99', '203.0.113.9', 'zh-CN')).json().message).toBe('请求过于频繁,请 40 秒后再试')
    // A real code too: answering it would tell the guesser which codes exist. No click is recorded.
    expect((await follow('GOOD123', '203.0.113.9')).statusCode).toBe(429)
    expect(await clickCount()).toBe(0)
    const elsewhere = await follow('GOOD123', '198.51.100.4')
    expect([elsewhere.statusCode, elsewhere.headers.location, (await follow('GUESS99', '198.51.100.4')).statusCode]).toEqual([302, URL, 404])
    wall += 40_000
    expect((await follow('GOOD123', '203.0.113.9')).statusCode).toBe(302)
    expect(await clickCount()).toBe(2)
  })

  it('never counts a known code: an address shared by many recipients follows links as often as they click', async () => {
    for (let click = 0; click < 3 * LINK_REFUSALS_PER_MINUTE; click++) expect((await follow('GOOD123', '192.0.2.77')).statusCode).toBe(302)
    expect((await follow('GUESS00', '192.0.2.77')).statusCode).toBe(404)
  })

  it('counts an IPv6 network (/64) as one address, so hopping between its addresses buys no more guesses', async () => {
    for (let guess = 0; guess < LINK_REFUSALS_PER_MINUTE; guess++) expect((await follow('GUESS00', `2001:db8:7:1::${(guess + 1).toString(16)}`)).statusCode).toBe(404)
    expect((await follow('GUESS00', '2001:db8:7:1:ffff::1')).statusCode).toBe(429)
    expect((await follow('GUESS00', '2001:db8:7:2::1')).statusCode).toBe(404)
  })
})
