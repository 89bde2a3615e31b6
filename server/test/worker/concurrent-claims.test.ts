import { asc, inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import type { SmsProvider } from '../../src/providers/types'
import { DEFAULT_LEASE_MS, outboxDispatcher } from '../../src/worker/dispatcher'
import { claimDueMessages } from '../../src/worker/outbox/claim'
import { useTestDatabase } from '../support/databases'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const wallNow = Date.parse('2026-12-02T04:00:00Z')
const KEYS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']

/**
 * Two dispatchers at once need two connections: PostgreSQL only (PGlite has one, and one dispatcher).
 * Six messages to six contacts, queued in key order.
 */
describe('dispatchers claiming at the same time, on postgres', () => {
  const handle = useTestDatabase('postgres', async ({ db }) => {
    await db
      .insert(contacts)
      .values(KEYS.map((_key, index) => ({ id: `c${index}`, externalId: `C-${index}`, phone: `+861381234567${index}`, timeZone: 'Asia/Shanghai', consent: true })))
    await db.insert(messages).values(
      KEYS.map((key, index) => ({
        idempotencyKey: key,
        enrollmentId: `e-${key}`,
        journeyId: 'j',
        contactId: `c${index}`,
        nodeId: 'sms',
        channel: 'sms' as const,
        category: 'transactional' as const,
        phone: `+861381234567${index}`,
        text: '【乐享】您的订单已发货',
        parts: 1,
        createdAt: new Date(now),
      })),
    )
  })

  it('skips the rows another dispatcher is claiming and takes the next ones, instead of coming back empty', async () => {
    const { db } = handle()
    const claimedMeanwhile = await db.transaction(async (tx) => {
      // Another dispatcher's claim, still open: it holds the two oldest rows.
      await tx.execute(sql`select id from ${messages} where idempotency_key in ('m1', 'm2') for update`)
      const { claimed, examined } = await claimDueMessages(db, { now, wallNow, leaseMs: DEFAULT_LEASE_MS, limit: 2, resendModeOf: () => 'idempotent' })
      return { keys: claimed.map((claim) => claim.message.idempotencyKey), examined }
    })
    expect(claimedMeanwhile).toEqual({ keys: ['m3', 'm4'], examined: 2 })
    const rows = await db.select({ key: messages.idempotencyKey, status: messages.status, attempts: messages.attempts }).from(messages).orderBy(asc(messages.id))
    expect(rows).toEqual(KEYS.map((key) => ({ key, status: key === 'm3' || key === 'm4' ? 'sending' : 'queued', attempts: key === 'm3' || key === 'm4' ? 1 : 0 })))
  })

  it('records every accepted answer of a group, each once, with its provider id', async () => {
    const { db } = handle()
    const calls: string[] = []
    const provider: SmsProvider = {
      name: 'recording',
      resend: 'idempotent',
      async send(message) {
        calls.push(message.idempotencyKey)
        return { providerId: `P-${message.idempotencyKey}` }
      },
    }
    // The two leased above come back once their lease runs out, with the same key.
    const dispatcher = outboxDispatcher(db, provider, () => now, undefined, { wallClock: () => wallNow + DEFAULT_LEASE_MS + 1 })
    expect(await Promise.all([dispatcher.dispatch(), dispatcher.dispatch()]).then(([a, b]) => a + b)).toBe(6)
    expect(calls.sort()).toEqual(KEYS)
    const rows = await db
      .select({ key: messages.idempotencyKey, status: messages.status, providerId: messages.providerId, leaseUntil: messages.leaseUntil })
      .from(messages)
      .where(inArray(messages.idempotencyKey, KEYS))
      .orderBy(asc(messages.id))
    expect(rows).toEqual(KEYS.map((key) => ({ key, status: 'sent', providerId: `P-${key}`, leaseUntil: null })))
  })
})
