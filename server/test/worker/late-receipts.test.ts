import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, journeys, messages } from '../../src/db/schema/index'
import type { ProviderReceipt, SmsProvider } from '../../src/providers/types'
import { recordReceipts } from '../../src/replies/receipts'
import { countsFromRows, liveCountsOf, nodeCounts } from '../../src/repositories/live-counts'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const at = (local: string) => Date.parse(`${local}+08:00`)
const SENT_AT = at('2026-11-25T10:00:00')
const journeyDraft = { schemaVersion: 1, id: 'j', name: 'j', description: '', settings: {}, nodes: [], edges: [] } as never
const CARRIER_FAILED = { en: 'carrier could not deliver: undeliverable (UNDELIV)', zh: '运营商投递失败:无法投递(UNDELIV)' }
const DELIVERED_AFTER_ALL = { en: 'delivered: the carrier reported it delivered after reporting a failure', zh: '已送达:运营商先报告投递失败,随后报告已送达' }

describe.each(DATABASE_KINDS)('late and repeated delivery reports, on %s', (kind) => {
  /** Each test has its own journey (its counts), contact and message. */
  let serial = 0
  const handle = useTestDatabase(kind)
  const calls: string[] = []
  /** A provider that drops a repeat of a key (so a resend would be allowed) and answers each with its own id, or a receipt it knows at once. */
  const provider = (receipt?: ProviderReceipt['receipt']): SmsProvider => ({
    name: 'sandbox',
    resend: 'idempotent',
    async send(message) {
      calls.push(message.idempotencyKey)
      return { providerId: `P-${message.idempotencyKey}`, ...(receipt ? { receipt } : {}) }
    },
  })
  async function sentMessage(receipt?: ProviderReceipt['receipt']) {
    serial += 1
    const [journeyId, key] = [`j${serial}`, `m${serial}`]
    const { db } = handle()
    await db.insert(journeys).values({ id: journeyId, name: 'live', status: 'live', draft: journeyDraft })
    await db
      .insert(contacts)
      .values({ id: `c${serial}`, externalId: `C-${serial}`, phone: `+86138123460${String(serial).padStart(2, '0')}`, timeZone: 'Asia/Shanghai', consent: true })
    await db.insert(enrollments).values({
      id: `e${serial}`,
      journeyId,
      version: 1,
      contactId: `c${serial}`,
      status: 'active',
      nodeId: 'sms',
      state: {} as never,
      enteredAt: new Date(SENT_AT),
    })
    await db.insert(messages).values({
      idempotencyKey: key,
      enrollmentId: `e${serial}`,
      journeyId,
      contactId: `c${serial}`,
      nodeId: 'sms',
      channel: 'sms',
      category: 'recall',
      phone: `+86138123460${String(serial).padStart(2, '0')}`,
      text: '【乐享】好久不见 回T退订',
      parts: 1,
      createdAt: new Date(SENT_AT),
      sendWindow: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
    })
    calls.length = 0
    expect(await outboxDispatcher(db, provider(receipt), () => SENT_AT).dispatch()).toBe(1)
    return { journeyId, key, providerId: `P-${key}`, enrollmentId: `e${serial}` }
  }
  const report = async (providerId: string, status: 'delivered' | 'failed', local: string) =>
    (await recordReceipts(handle().db, 'sandbox', [{ providerId, status, at: at(local), ...(status === 'failed' ? { code: 'UNDELIV' } : {}) }])).updated
  const row = async (key: string) =>
    (
      await handle()
        .db.select({ status: messages.status, deliveredAt: messages.deliveredAt, error: messages.error, carrierCode: messages.carrierCode })
        .from(messages)
        .where(eq(messages.idempotencyKey, key))
    )[0]
  const funnel = async (journeyId: string) => {
    const { sent, delivered, failed, clicked } = nodeCounts(countsFromRows(await liveCountsOf(handle().db, journeyId)), 'sms')
    return { sent, delivered, failed, clicked }
  }
  const timeline = async (enrollmentId: string) => (await readTimeline(handle().db, [enrollmentId])).map(({ kind, message }) => ({ kind, message }))

  it('a "delivered" after a "failed" makes the message delivered: status, counts and timeline follow', async () => {
    const message = await sentMessage()
    expect(await report(message.providerId, 'failed', '2026-11-25T10:01:00')).toBe(1)
    expect(await row(message.key)).toEqual({ status: 'failed', deliveredAt: null, error: 'carrier: UNDELIV', carrierCode: 'UNDELIV' })
    expect(await funnel(message.journeyId)).toEqual({ sent: 1, delivered: 0, failed: 1, clicked: 0 })
    expect(await report(message.providerId, 'delivered', '2026-11-25T10:03:00')).toBe(1)
    expect(await row(message.key)).toEqual({ status: 'delivered', deliveredAt: new Date(at('2026-11-25T10:03:00')), error: null, carrierCode: null })
    expect(await funnel(message.journeyId)).toEqual({ sent: 1, delivered: 1, failed: 0, clicked: 0 })
    expect(await timeline(message.enrollmentId)).toEqual([
      { kind: 'failed', message: CARRIER_FAILED },
      { kind: 'delivered', message: DELIVERED_AFTER_ALL },
    ])
  })

  it('a "failed" after a "delivered" changes nothing, and repeats of either are skipped', async () => {
    const message = await sentMessage()
    const updated = []
    for (const [status, local] of [
      ['delivered', '2026-11-25T10:01:00'],
      ['failed', '2026-11-25T10:02:00'],
      ['delivered', '2026-11-25T10:03:00'],
      ['failed', '2026-11-25T10:04:00'],
    ] as const)
      updated.push(await report(message.providerId, status, local))
    expect(updated).toEqual([1, 0, 0, 0])
    expect(await row(message.key)).toEqual({ status: 'delivered', deliveredAt: new Date(at('2026-11-25T10:01:00')), error: null, carrierCode: null })
    expect(await funnel(message.journeyId)).toEqual({ sent: 1, delivered: 1, failed: 0, clicked: 0 })
    expect(await timeline(message.enrollmentId)).toEqual([])
  })

  it('a failure reported twice is counted and written once; the delivery after it still wins', async () => {
    const message = await sentMessage()
    const updated = []
    for (const [status, local] of [
      ['failed', '2026-11-25T10:01:00'],
      ['failed', '2026-11-25T10:02:00'],
      ['delivered', '2026-11-25T10:05:00'],
      ['delivered', '2026-11-25T10:06:00'],
    ] as const)
      updated.push(await report(message.providerId, status, local))
    expect(updated).toEqual([1, 0, 1, 0])
    expect(await row(message.key)).toEqual({ status: 'delivered', deliveredAt: new Date(at('2026-11-25T10:05:00')), error: null, carrierCode: null })
    expect(await funnel(message.journeyId)).toEqual({ sent: 1, delivered: 1, failed: 0, clicked: 0 })
    expect((await timeline(message.enrollmentId)).map((line) => line.kind)).toEqual(['failed', 'delivered'])
  })

  it('a failure the provider answered at once is overturned by its late delivery report', async () => {
    const message = await sentMessage({ status: 'failed', at: at('2026-11-25T10:00:05'), code: 'UNDELIV' })
    expect(await row(message.key)).toEqual({ status: 'failed', deliveredAt: null, error: 'UNDELIV', carrierCode: 'UNDELIV' })
    expect(await report(message.providerId, 'delivered', '2026-11-25T10:02:00')).toBe(1)
    expect(await row(message.key)).toEqual({ status: 'delivered', deliveredAt: new Date(at('2026-11-25T10:02:00')), error: null, carrierCode: null })
    expect(await funnel(message.journeyId)).toEqual({ sent: 1, delivered: 1, failed: 0, clicked: 0 })
  })

  it('never hands a message reported failed to the provider again, however late, even where a repeat would be dropped', async () => {
    const message = await sentMessage()
    expect(calls).toEqual([message.key])
    expect(await report(message.providerId, 'failed', '2026-11-25T10:01:00')).toBe(1)
    for (const later of ['2026-11-25T10:02:00', '2026-11-25T11:00:00', '2026-11-27T10:00:00']) {
      expect(await outboxDispatcher(handle().db, provider(), () => at(later)).dispatch()).toBe(0)
    }
    expect(await report(message.providerId, 'delivered', '2026-11-25T10:03:00')).toBe(1)
    expect(await outboxDispatcher(handle().db, provider(), () => at('2026-11-27T11:00:00')).dispatch()).toBe(0)
    expect(calls).toEqual([message.key])
  })
})
