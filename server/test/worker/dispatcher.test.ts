import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import { sandboxProvider } from '../../src/providers/sandbox'
import type { SmsProvider } from '../../src/providers/types'
import { readTimeline } from '../../src/repositories/timeline'
import { MAX_ATTEMPTS, outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const now = Date.parse('2026-11-25T08:00:00+08:00')
const queued = (key: string, phone: string | null = '+8613812345678') => ({
  idempotencyKey: key,
  enrollmentId: 'e',
  journeyId: 'j',
  contactId: 'c',
  nodeId: 'sms',
  channel: 'sms' as const,
  category: 'transactional' as const,
  phone,
  text: '【乐享】好久不见 回T退订',
  parts: 1,
  createdAt: new Date(now),
})

describe.each(DATABASE_KINDS)('outbox dispatcher on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true })
  })

  it('sends each queued message once and records the sandbox receipt', async () => {
    await handle()
      .db.insert(messages)
      .values([queued('k1'), queued('k2'), queued('k3', null)])
    const sent: string[] = []
    const sandbox = sandboxProvider({ deliveryRate: 1, receiptDelaySeconds: 5, clickRate: 0, clickDelaySeconds: 0 })
    const counting: SmsProvider = {
      name: 'counting',
      resend: 'idempotent',
      send: (message, at) => {
        sent.push(message.idempotencyKey)
        return sandbox.send(message, at)
      },
    }
    const dispatcher = outboxDispatcher(handle().db, counting, () => now)
    expect(await dispatcher.dispatch()).toBe(3)
    expect(await dispatcher.dispatch()).toBe(0)
    expect(sent).toEqual(['k1', 'k2'])
    const rows = await handle()
      .db.select({ key: messages.idempotencyKey, status: messages.status, providerId: messages.providerId, deliveredAt: messages.deliveredAt, error: messages.error })
      .from(messages)
      .orderBy(asc(messages.id))
    expect(rows).toEqual([
      { key: 'k1', status: 'delivered', providerId: 'sbx-k1', deliveredAt: new Date(now + 5000), error: null },
      { key: 'k2', status: 'delivered', providerId: 'sbx-k2', deliveredAt: new Date(now + 5000), error: null },
      { key: 'k3', status: 'failed', providerId: null, deliveredAt: null, error: 'the contact has no phone number' },
    ])
  })

  it('plays the recipient: clicks links at the given rate and reports the clicks', async () => {
    await handle()
      .db.insert(messages)
      .values({ ...queued('with-link'), text: '【乐享】点击领取 https://rcl.to/AbC1234 回T退订' })
    const reported: { contactId: string; at: number }[] = []
    const dispatcher = outboxDispatcher(
      handle().db,
      sandboxProvider({ deliveryRate: 1, receiptDelaySeconds: 5, clickRate: 1, clickDelaySeconds: 600 }),
      () => now,
      async (clicks) => {
        reported.push(...clicks)
      },
    )
    expect(await dispatcher.dispatch()).toBe(1)
    const [row] = await handle().db.select({ status: messages.status, clickedAt: messages.clickedAt }).from(messages).where(eq(messages.idempotencyKey, 'with-link'))
    expect(row).toEqual({ status: 'clicked', clickedAt: new Date(now + 600_000) })
    expect(reported).toEqual([{ contactId: 'c', at: now + 600_000 }])
  })

  it('retries a passing provider error with backoff and gives up after the last attempt, on the timeline too', async () => {
    await handle().db.insert(messages).values(queued('flaky'))
    const failing: SmsProvider = { name: 'down', resend: 'none', send: async () => Promise.reject(new Error('503 from provider')) }
    let clock = now
    const dispatcher = outboxDispatcher(handle().db, failing, () => clock)
    const waits: number[] = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await dispatcher.dispatch()).toBe(1)
      // Not again at once: the next try waits its turn.
      expect(await dispatcher.dispatch()).toBe(0)
      const [row] = await handle().db.select({ next: messages.nextAttemptAt }).from(messages).where(eq(messages.idempotencyKey, 'flaky'))
      if (row?.next) {
        waits.push(row.next.getTime() - clock)
        clock = row.next.getTime()
      }
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000])
    const flaky = (await handle().db.select({ key: messages.idempotencyKey, status: messages.status, attempts: messages.attempts, error: messages.error }).from(messages)).find(
      (message) => message.key === 'flaky',
    )
    expect(flaky).toEqual({ key: 'flaky', status: 'failed', attempts: MAX_ATTEMPTS, error: 'error: 503 from provider' })
    const timeline = (await readTimeline(handle().db, ['e'])).map(({ kind, message }) => ({ kind, message }))
    expect(timeline).toContainEqual({ kind: 'failed', message: { en: 'not sent: error: 503 from provider', zh: '发送失败:error: 503 from provider' } })
  })
})
