import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, earlyReceipts, messages } from '../../src/db/schema/index'
import type { ProviderReceipt, SmsProvider, StatusReport } from '../../src/providers/types'
import { recordReceipts } from '../../src/replies/receipts'
import { readTimeline } from '../../src/repositories/timeline'
import { DEFAULT_LEASE_MS, outboxDispatcher } from '../../src/worker/dispatcher'
import { claimDueMessages } from '../../src/worker/outbox/claim'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const now = Date.parse('2026-11-25T10:00:00+08:00')
const wallAtCrash = Date.parse('2026-12-02T04:00:00Z')
const PHONE = '+8613812345678'
const CARRIER_FAILED = { en: 'carrier could not deliver: undeliverable (UNDELIV)', zh: '运营商投递失败:无法投递(UNDELIV)' }

/**
 * A cloud's delivery report can overtake the answer to the send call: the carrier answers within a
 * second while the dispatcher is still waiting on the call, or has died before recording it. The
 * report is kept and applied when the answer records the provider's id.
 */
describe.each(DATABASE_KINDS)('a delivery report that comes before the send answer is recorded, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: PHONE, timeZone: 'Asia/Shanghai', consent: true })
  })
  const queue = (key: string, contactId = 'c', phone = PHONE) =>
    handle()
      .db.insert(messages)
      .values({
        idempotencyKey: key,
        enrollmentId: `e-${key}`,
        journeyId: 'j',
        contactId,
        nodeId: 'sms',
        channel: 'sms',
        category: 'transactional',
        phone,
        text: '【乐享】您的订单已发货',
        parts: 1,
        createdAt: new Date(now),
      })
  const report = (providerId: string, status: StatusReport['status'], seconds: number): StatusReport => ({
    providerId,
    status,
    at: now + seconds * 1000,
    ...(status === 'failed' ? { code: 'UNDELIV' } : {}),
  })
  /** A cloud whose report reaches the webhook while its send call has not returned yet. */
  const reportingFirst = (reports: (providerId: string) => StatusReport[]): SmsProvider => ({
    name: 'tencent',
    resend: 'none',
    async send(message) {
      const providerId = `S-${message.idempotencyKey}`
      expect(await recordReceipts(handle().db, 'tencent', reports(providerId))).toEqual({ updated: 0, pending: 1 })
      return { providerId }
    },
  })
  const row = async (key: string) =>
    (
      await handle()
        .db.select({ status: messages.status, providerId: messages.providerId, deliveredAt: messages.deliveredAt, carrierCode: messages.carrierCode })
        .from(messages)
        .where(eq(messages.idempotencyKey, key))
    )[0]
  const waiting = () =>
    handle()
      .db.select({ provider: earlyReceipts.provider, providerId: earlyReceipts.providerId, status: earlyReceipts.status })
      .from(earlyReceipts)
      .orderBy(asc(earlyReceipts.providerId), asc(earlyReceipts.status))

  it('keeps a report for an id no message has yet, says so, and counts a repeat of it once', async () => {
    expect(await recordReceipts(handle().db, 'tencent', [report('S-unknown', 'delivered', 2)])).toEqual({ updated: 0, pending: 1 })
    expect(await recordReceipts(handle().db, 'tencent', [report('S-unknown', 'delivered', 2)])).toEqual({ updated: 0, pending: 0 })
    expect(await waiting()).toEqual([{ provider: 'tencent', providerId: 'S-unknown', status: 'delivered' }])
    await handle().db.delete(earlyReceipts)
  })

  it('applies a delivery report that came during the send call once the answer is recorded', async () => {
    await queue('early-delivered')
    expect(
      await outboxDispatcher(
        handle().db,
        reportingFirst((id) => [report(id, 'delivered', 1)]),
        () => now,
      ).dispatch(),
    ).toBe(1)
    expect(await row('early-delivered')).toEqual({ status: 'delivered', providerId: 'S-early-delivered', deliveredAt: new Date(now + 1000), carrierCode: null })
    expect(await waiting()).toEqual([])
  })

  it('applies an early failure with its carrier code and timeline line, and the delivery reported after it still wins', async () => {
    await queue('early-failed')
    expect(
      await outboxDispatcher(
        handle().db,
        reportingFirst((id) => [report(id, 'failed', 1)]),
        () => now,
      ).dispatch(),
    ).toBe(1)
    expect(await row('early-failed')).toEqual({ status: 'failed', providerId: 'S-early-failed', deliveredAt: null, carrierCode: 'UNDELIV' })
    expect((await readTimeline(handle().db, ['e-early-failed'])).map(({ kind, message }) => ({ kind, message }))).toEqual([{ kind: 'failed', message: CARRIER_FAILED }])
    expect(await recordReceipts(handle().db, 'tencent', [report('S-early-failed', 'delivered', 5)])).toEqual({ updated: 1, pending: 0 })
    expect(await row('early-failed')).toEqual({ status: 'delivered', providerId: 'S-early-failed', deliveredAt: new Date(now + 5000), carrierCode: null })
  })

  it('applies a report at once when the answer was recorded first, keeping nothing', async () => {
    await queue('late')
    const answered: SmsProvider = { name: 'tencent', resend: 'none', send: async (message) => ({ providerId: `S-${message.idempotencyKey}` }) }
    expect(await outboxDispatcher(handle().db, answered, () => now).dispatch()).toBe(1)
    expect(await recordReceipts(handle().db, 'tencent', [report('S-late', 'delivered', 3)])).toEqual({ updated: 1, pending: 0 })
    expect(await row('late')).toEqual({ status: 'delivered', providerId: 'S-late', deliveredAt: new Date(now + 3000), carrierCode: null })
    expect(await waiting()).toEqual([])
  })

  it('loses no report racing its send answer: each is applied whichever commits first', async () => {
    // One contact each: a contact gets at most 10 messages a day.
    const keys = Array.from({ length: 40 }, (_, index) => `race-${index}`)
    for (const [index, key] of keys.entries()) {
      const phone = `+86139000000${String(index).padStart(2, '0')}`
      await handle().db.insert(contacts).values({ id: key, externalId: key, phone, timeZone: 'Asia/Shanghai', consent: true })
      await queue(key, key, phone)
    }
    const racing: Promise<unknown>[] = []
    const answering: SmsProvider = {
      name: 'tencent',
      resend: 'none',
      async send(message) {
        // Pushed as the answer comes back: the report's transaction and the record's run side by side.
        racing.push(recordReceipts(handle().db, 'tencent', [report(`S-${message.idempotencyKey}`, 'delivered', 1)]))
        return { providerId: `S-${message.idempotencyKey}` }
      },
    }
    expect(await outboxDispatcher(handle().db, answering, () => now).dispatch(keys.length)).toBe(keys.length)
    await Promise.all(racing)
    const statuses = await handle().db.select({ status: messages.status }).from(messages).where(sql`${messages.idempotencyKey} like 'race-%'`)
    expect(statuses.map((row) => row.status)).toEqual(keys.map(() => 'delivered'))
    expect(await waiting()).toEqual([])
  })

  it('keeps the report through a dispatcher that died before recording, and applies it when the recovered answer is recorded', async () => {
    await queue('crashed')
    const known = new Map<string, ProviderReceipt>()
    const lookingUp: SmsProvider = {
      name: 'tencent',
      resend: 'lookup',
      async send(message) {
        known.set(message.idempotencyKey, { providerId: `S-${message.idempotencyKey}` })
        return { providerId: `S-${message.idempotencyKey}` }
      },
      lookup: async (key) => known.get(key),
    }
    // Claimed and handed over, then the dispatcher dies: nothing recorded. The cloud reports meanwhile.
    await claimDueMessages(handle().db, { clock: () => now, wallNow: wallAtCrash, leaseMs: DEFAULT_LEASE_MS, limit: 10, resendModeOf: () => 'lookup' })
    await lookingUp.send({ idempotencyKey: 'crashed', phone: PHONE, channel: 'sms', category: 'transactional', text: '【乐享】您的订单已发货' }, now)
    expect(await recordReceipts(handle().db, 'tencent', [report('S-crashed', 'delivered', 2)])).toEqual({ updated: 0, pending: 1 })
    expect(await row('crashed')).toEqual({ status: 'sending', providerId: null, deliveredAt: null, carrierCode: null })
    const recovered = outboxDispatcher(handle().db, lookingUp, () => now, undefined, { wallClock: () => wallAtCrash + DEFAULT_LEASE_MS + 1 })
    expect(await recovered.dispatch()).toBe(1)
    expect(await row('crashed')).toEqual({ status: 'delivered', providerId: 'S-crashed', deliveredAt: new Date(now + 2000), carrierCode: null })
    expect(await waiting()).toEqual([])
  })

  it('takes a report kept for another provider for none of its messages', async () => {
    await queue('other-provider')
    expect(await recordReceipts(handle().db, 'sandbox', [report('S-other-provider', 'failed', 1)])).toEqual({ updated: 0, pending: 1 })
    const answered: SmsProvider = { name: 'tencent', resend: 'none', send: async (message) => ({ providerId: `S-${message.idempotencyKey}` }) }
    expect(await outboxDispatcher(handle().db, answered, () => now).dispatch()).toBe(1)
    expect(await row('other-provider')).toEqual({ status: 'sent', providerId: 'S-other-provider', deliveredAt: null, carrierCode: null })
    expect(await waiting()).toEqual([{ provider: 'sandbox', providerId: 'S-other-provider', status: 'failed' }])
    await handle().db.delete(earlyReceipts)
  })

  it('forgets a kept report after a day on the wall clock, when the next one is kept', async () => {
    expect(await recordReceipts(handle().db, 'tencent', [report('S-stale', 'delivered', 1)])).toEqual({ updated: 0, pending: 1 })
    await handle().db.update(earlyReceipts).set({ receivedAt: sql`now() - interval '25 hours'` })
    expect(await recordReceipts(handle().db, 'tencent', [report('S-fresh', 'delivered', 1)])).toEqual({ updated: 0, pending: 1 })
    expect(await waiting()).toEqual([{ provider: 'tencent', providerId: 'S-fresh', status: 'delivered' }])
  })
})
