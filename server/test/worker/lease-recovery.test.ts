import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import type { ProviderReceipt, ResendMode, SmsProvider } from '../../src/providers/types'
import { readTimeline } from '../../src/repositories/timeline'
import { DEFAULT_LEASE_MS, outboxDispatcher } from '../../src/worker/dispatcher'
import { claimDueMessages } from '../../src/worker/outbox/claim'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const wallAtCrash = Date.parse('2026-12-02T04:00:00Z')

/** A provider that keeps what phones got by idempotency key, as a real one would, and counts every call. */
function recordingProvider(resend: ResendMode) {
  const received = new Map<string, number>()
  const provider: SmsProvider = {
    name: `recording-${resend}`,
    resend,
    async send(message) {
      // An idempotent provider drops the repeat; the others deliver it again.
      const repeats = received.get(message.idempotencyKey) ?? 0
      received.set(message.idempotencyKey, resend === 'idempotent' ? 1 : repeats + 1)
      return { providerId: `P-${message.idempotencyKey}` }
    },
    ...(resend === 'lookup' ? { lookup: async (key: string): Promise<ProviderReceipt | undefined> => (received.has(key) ? { providerId: `P-${key}` } : undefined) } : {}),
  }
  return { provider, received }
}

describe.each(DATABASE_KINDS)('a dispatcher that dies between the provider call and the record, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true })
  })

  /** Queues one message, leases it and hands it to the provider, then "crashes": nothing is recorded. */
  async function crashAfterHandOver(key: string, provider: SmsProvider) {
    const { db } = handle()
    await db.insert(messages).values({
      idempotencyKey: key,
      enrollmentId: `e-${key}`,
      journeyId: 'j',
      contactId: 'c',
      nodeId: 'sms',
      channel: 'sms',
      category: 'transactional',
      phone: '+8613812345678',
      text: '【乐享】您的订单已发货',
      parts: 1,
      createdAt: new Date(now),
    })
    const { claimed } = await claimDueMessages(db, { clock: () => now, wallNow: wallAtCrash, leaseMs: DEFAULT_LEASE_MS, limit: 10, resendModeOf: () => provider.resend })
    expect(claimed.map((claim) => claim.message.idempotencyKey)).toEqual([key])
    await provider.send({ idempotencyKey: key, phone: '+8613812345678', channel: 'sms', category: 'transactional', text: '【乐享】您的订单已发货' }, now)
  }
  const statusOf = async (key: string) => (await handle().db.select({ status: messages.status }).from(messages).where(eq(messages.idempotencyKey, key)))[0]?.status

  it('never resends to a provider without idempotency: once the lease runs out (wall clock) the message is uncertain, on the timeline too', async () => {
    const { provider, received } = recordingProvider('none')
    await crashAfterHandOver('at-most-once', provider)
    // A month later on the journeys' clock, but not on the wall clock: the lease still holds.
    const before = outboxDispatcher(handle().db, provider, () => now + 30 * 86_400_000, undefined, { wallClock: () => wallAtCrash + DEFAULT_LEASE_MS - 1 })
    expect(await before.dispatch()).toBe(0)
    expect(await statusOf('at-most-once')).toBe('sending')
    const after = outboxDispatcher(handle().db, provider, () => now, undefined, { wallClock: () => wallAtCrash + DEFAULT_LEASE_MS + 1 })
    expect(await after.dispatch()).toBe(1)
    expect(await after.dispatch()).toBe(0)
    expect(received.get('at-most-once')).toBe(1)
    expect(await statusOf('at-most-once')).toBe('uncertain')
    const lines = (await readTimeline(handle().db, ['e-at-most-once'])).map(({ kind, message }) => ({ kind, message }))
    expect(lines).toEqual([
      {
        kind: 'uncertain',
        message: {
          en: 'uncertain: the sender stopped while handing this message to the provider; it may have been sent and is not sent again',
          zh: '状态未知:交给短信服务商时发送进程中断,可能已发出,不会重发',
        },
      },
    ])
  })

  it('resends with the same key to an idempotent provider, which drops the repeat', async () => {
    const { provider, received } = recordingProvider('idempotent')
    await crashAfterHandOver('exactly-once', provider)
    const after = outboxDispatcher(handle().db, provider, () => now, undefined, { wallClock: () => wallAtCrash + DEFAULT_LEASE_MS + 1 })
    expect(await after.dispatch()).toBe(1)
    expect(received.get('exactly-once')).toBe(1)
    expect(await statusOf('exactly-once')).toBe('sent')
  })

  it('asks a provider that can tell before resending, and records its answer without a second send', async () => {
    const { provider, received } = recordingProvider('lookup')
    await crashAfterHandOver('looked-up', provider)
    const after = outboxDispatcher(handle().db, provider, () => now, undefined, { wallClock: () => wallAtCrash + DEFAULT_LEASE_MS + 1 })
    expect(await after.dispatch()).toBe(1)
    expect(received.get('looked-up')).toBe(1)
    const [row] = await handle().db.select({ status: messages.status, providerId: messages.providerId }).from(messages).where(eq(messages.idempotencyKey, 'looked-up'))
    expect(row).toEqual({ status: 'sent', providerId: 'P-looked-up' })
  })
})
