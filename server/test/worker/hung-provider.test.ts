import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import type { SmsProvider } from '../../src/providers/types'
import { receiveReply } from '../../src/replies/replies'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const now = Date.parse('2026-11-25T10:00:00+08:00')

describe.each(DATABASE_KINDS)('a provider that never answers, on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
    const { db } = app.database
    await db
      .insert(contacts)
      .values(Array.from({ length: 4 }, (_, index) => ({ id: `c${index}`, externalId: `C-${index}`, phone: `+86138000000${index}0`, timeZone: 'Asia/Shanghai', consent: true })))
    await db.insert(messages).values(
      Array.from({ length: 4 }, (_, index) => ({
        idempotencyKey: `hung-${index}`,
        enrollmentId: `e${index}`,
        journeyId: 'j',
        contactId: `c${index}`,
        nodeId: 'sms',
        channel: 'sms' as const,
        category: 'recall' as const,
        phone: `+86138000000${index}0`,
        text: '【乐享】好久不见 回T退订',
        parts: 1,
        createdAt: new Date(now),
      })),
    )
  })
  afterAll(async () => {
    await app?.close()
  })

  it('holds leases, not the database: the API and opt-outs answer at once while every send hangs', async () => {
    let calls = 0
    let allCalled: () => void = () => {}
    const called = new Promise<void>((resolve) => {
      allCalled = resolve
    })
    const hanging: SmsProvider = {
      name: 'hanging',
      resend: 'none',
      send: () => {
        calls += 1
        if (calls === 4) allCalled()
        return new Promise(() => {})
      },
    }
    void outboxDispatcher(app.database.db, hanging, () => now).dispatch()
    await called
    const started = performance.now()
    const answer = await app.inject({ method: 'GET', url: '/api/contacts' })
    const contactsMs = performance.now() - started
    expect(answer.statusCode).toBe(200)
    expect(answer.json().contacts).toHaveLength(4)
    await receiveReply(app.database.db, { provider: 'sandbox', providerMessageId: 'reply-1', phone: '+8613800000000', text: '退订', at: now })
    const elapsedMs = performance.now() - started
    console.info(`${kind}: GET /api/contacts answered in ${contactsMs.toFixed(0)} ms and an opt-out was recorded ${elapsedMs.toFixed(0)} ms after it, with 4 sends hung`)
    // Before leases, each hung call held the transaction (and PGlite's one connection) for its 10 s time-out.
    expect(contactsMs).toBeLessThan(1000)
    expect(elapsedMs).toBeLessThan(2000)
    const statuses = await app.database.db.select({ status: messages.status }).from(messages).where(eq(messages.status, 'sending'))
    expect(statuses).toHaveLength(4)
  })
})
