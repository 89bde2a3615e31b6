import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, journeys, messages } from '../../src/db/schema/index'
import type { SmsProvider } from '../../src/providers/types'
import { recordReceipts } from '../../src/replies/receipts'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const at = (local: string) => Date.parse(`${local}+08:00`)
const journeyDraft = { schemaVersion: 1, id: 'j', name: 'j', description: '', settings: {}, nodes: [], edges: [] } as never

/** A provider by `name` that answers every message with the id the tester's forged receipt named. */
const answering = (name: string, providerId: string): SmsProvider => ({ name, resend: 'none', send: async () => ({ providerId }) })

describe.each(DATABASE_KINDS)('receipts only move messages sent through their own provider, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(journeys).values({ id: 'j', name: 'live', status: 'live', draft: journeyDraft })
    await db.insert(contacts).values({ id: 'c1', externalId: 'C-1', phone: '+8613812340001', timeZone: 'Asia/Shanghai', consent: true })
    await db
      .insert(enrollments)
      .values({ id: 'e1', journeyId: 'j', version: 1, contactId: 'c1', status: 'active', nodeId: 'sms', state: {} as never, enteredAt: new Date(at('2026-11-25T09:00:00')) })
  })
  const queue = (key: string) =>
    handle()
      .db.insert(messages)
      .values({
        idempotencyKey: key,
        enrollmentId: 'e1',
        journeyId: 'j',
        contactId: 'c1',
        nodeId: 'sms',
        channel: 'sms',
        category: 'recall',
        phone: '+8613812340001',
        text: '【乐享】好久不见 回T退订',
        parts: 1,
        createdAt: new Date(at('2026-11-25T10:00:00')),
        sendWindow: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
      })
  const rows = (key: string) =>
    handle()
      .db.select({ provider: messages.provider, providerId: messages.providerId, status: messages.status, error: messages.error })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))
      .orderBy(asc(messages.id))
  const failed = { providerId: 'SMfake00003426', status: 'failed' as const, at: at('2026-11-25T10:05:00') }

  it("ignores a signed sandbox report naming a Twilio message's id, and takes Twilio's own", async () => {
    await queue('m-1')
    expect(await outboxDispatcher(handle().db, answering('twilio', 'SMfake00003426'), () => at('2026-11-25T10:00:00')).dispatch()).toBe(1)
    expect(await rows('m-1')).toEqual([{ provider: 'twilio', providerId: 'SMfake00003426', status: 'sent', error: null }])
    expect(await recordReceipts(handle().db, 'sandbox', [failed])).toEqual({ updated: 0, pending: 0 })
    expect(await recordReceipts(handle().db, 'aliyun', [failed])).toEqual({ updated: 0, pending: 0 })
    expect(await rows('m-1')).toEqual([{ provider: 'twilio', providerId: 'SMfake00003426', status: 'sent', error: null }])
    expect(await recordReceipts(handle().db, 'twilio', [{ ...failed, code: '30003' }])).toEqual({ updated: 1, pending: 0 })
    expect(await rows('m-1')).toEqual([{ provider: 'twilio', providerId: 'SMfake00003426', status: 'failed', error: 'carrier: 30003' }])
  })

  it('still matches a message sent before the provider was recorded by its id alone', async () => {
    await queue('m-old')
    await handle()
      .db.update(messages)
      .set({ status: 'sent', providerId: 'SMold0001', sentAt: new Date(at('2026-11-25T10:00:00')) })
      .where(eq(messages.idempotencyKey, 'm-old'))
    expect(await recordReceipts(handle().db, 'sandbox', [{ ...failed, providerId: 'SMold0001' }])).toEqual({ updated: 1, pending: 0 })
    expect(await rows('m-old')).toEqual([{ provider: null, providerId: 'SMold0001', status: 'failed', error: 'carrier: failed' }])
  })
})
