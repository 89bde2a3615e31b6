import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, journeys, messages } from '../../src/db/schema/index'
import { type SmsProvider, UnknownOutcomeError } from '../../src/providers/types'
import { recordReceipts } from '../../src/replies/receipts'
import { receiveReply } from '../../src/replies/replies'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { scriptedProvider } from '../support/scripted-provider'

const at = (local: string) => Date.parse(`${local}+08:00`)
const LEGAL = { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) }
const journeyDraft = { schemaVersion: 1, id: 'j', name: 'j', description: '', settings: {}, nodes: [], edges: [] } as never

describe.each(DATABASE_KINDS)('checks again at the moment of sending, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(journeys).values([
      { id: 'j', name: 'live', status: 'live', draft: journeyDraft },
      { id: 'paused', name: 'paused', status: 'paused', draft: journeyDraft },
      { id: 'archived', name: 'archived', status: 'archived', draft: journeyDraft },
      { id: 'other', name: 'other', status: 'live', draft: journeyDraft },
    ])
  })
  let serial = 0
  /** A consenting Shanghai contact of its own for each test, with one queued message per entry of `overrides`. */
  async function contactWithQueued(...overrides: Partial<typeof messages.$inferInsert>[]) {
    serial += 1
    const n = serial
    const contactId = `c${n}`
    const phone = `+861381234${String(n).padStart(4, '0')}`
    const { db } = handle()
    await db.insert(contacts).values({ id: contactId, externalId: `C-${n}`, phone, timeZone: 'Asia/Shanghai', consent: true })
    await db.insert(enrollments).values({
      id: `e${n}`,
      journeyId: 'j',
      version: 1,
      contactId,
      status: 'active',
      nodeId: 'sms',
      state: {} as never,
      enteredAt: new Date(at('2026-11-25T09:00:00')),
    })
    const keys = overrides.map((_, index) => `m${n}-${index}`)
    await db.insert(messages).values(
      overrides.map((override, index) => ({
        idempotencyKey: keys[index] as string,
        enrollmentId: `e${n}`,
        journeyId: 'j',
        contactId,
        nodeId: 'sms',
        channel: 'sms' as const,
        category: 'recall' as const,
        phone,
        text: '【乐享】好久不见,送您满100减30券 回T退订',
        parts: 1,
        createdAt: new Date(at('2026-11-25T10:00:00')),
        sendWindow: LEGAL,
        ...override,
      })),
    )
    return { contactId, phone, enrollmentId: `e${n}`, keys }
  }
  const rowsOf = (contactId: string) =>
    handle()
      .db.select({ status: messages.status, error: messages.error, sentAt: messages.sentAt, nextAttemptAt: messages.nextAttemptAt })
      .from(messages)
      .where(eq(messages.contactId, contactId))
      .orderBy(asc(messages.id))
  const timelineOf = (enrollmentId: string) => readTimeline(handle().db, [enrollmentId]).then((lines) => lines.map(({ kind, message }) => ({ kind, message })))

  it('cancels a recall message waiting for a retry when the number opts out, and never hands it over', async () => {
    const { contactId, phone, enrollmentId } = await contactWithQueued({})
    const { provider, calls } = scriptedProvider('down')
    let clock = at('2026-11-25T14:00:00')
    const dispatcher = outboxDispatcher(handle().db, provider, () => clock)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await rowsOf(contactId)).toEqual([{ status: 'queued', error: 'http_503: 503: Service Unavailable', sentAt: null, nextAttemptAt: new Date(at('2026-11-25T14:00:30')) }])
    await receiveReply(handle().db, { provider: 'sandbox', providerMessageId: `reply-${phone}`, phone, text: 'TD', at: at('2026-11-25T14:02:00') })
    clock = at('2026-11-25T14:05:00')
    expect(await dispatcher.dispatch()).toBe(0)
    expect(calls).toHaveLength(1)
    expect(await rowsOf(contactId)).toEqual([{ status: 'cancelled', error: 'opted_out', sentAt: null, nextAttemptAt: null }])
    expect(await timelineOf(enrollmentId)).toContainEqual({
      kind: 'cancelled',
      message: {
        en: 'cancelled: this person opted out at 2026-11-25 14:02 Asia/Shanghai by replying to opt out; it follows them to any number; their own START reply lifts it',
        zh: '已取消:此人已于 2026年11月25日 14:02 Asia/Shanghai 回复退订;换用任何号码都有效;本人回复订阅可恢复',
      },
    })
  })

  it('holds a message queued at 20:59 and retried past 21:00 until 08:00, and sends it then', async () => {
    const { contactId, enrollmentId } = await contactWithQueued({ createdAt: new Date(at('2026-11-25T20:59:00')) })
    const { provider, calls } = scriptedProvider('down', 'down')
    let clock = at('2026-11-25T20:59:00')
    const dispatcher = outboxDispatcher(handle().db, provider, () => clock)
    expect(await dispatcher.dispatch()).toBe(1) // 20:59:00, 503
    clock = at('2026-11-25T20:59:30')
    expect(await dispatcher.dispatch()).toBe(1) // 20:59:30, 503 again: next try at 21:00:30
    expect((await rowsOf(contactId))[0]?.nextAttemptAt).toEqual(new Date(at('2026-11-25T21:00:30')))
    clock = at('2026-11-25T21:00:30')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(calls).toHaveLength(2)
    expect(await rowsOf(contactId)).toEqual([{ status: 'queued', error: 'http_503: 503: Service Unavailable', sentAt: null, nextAttemptAt: new Date(at('2026-11-26T08:00:00')) }])
    expect(await timelineOf(enrollmentId)).toContainEqual({
      kind: 'held',
      message: { en: 'held: outside 08:00–21:00 Asia/Shanghai, resumes 2026-11-26 08:00', zh: '暂缓:不在 08:00–21:00(Asia/Shanghai)发送时段内,将于 11月26日 08:00 发送' },
    })
    clock = at('2026-11-26T07:59:59')
    expect(await dispatcher.dispatch()).toBe(0)
    clock = at('2026-11-26T08:00:00')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(calls).toHaveLength(3)
    expect((await rowsOf(contactId))[0]).toMatchObject({ status: 'sent', sentAt: new Date(at('2026-11-26T08:00:00')) })
  })

  it('never sends a coupon reminder after the coupon expired, however long a provider outage held it', async () => {
    const { contactId, enrollmentId } = await contactWithQueued({ notAfter: new Date(at('2026-11-25T18:00:00')) })
    const { provider, calls } = scriptedProvider('down')
    let clock = at('2026-11-25T17:59:00')
    const dispatcher = outboxDispatcher(handle().db, provider, () => clock)
    expect(await dispatcher.dispatch()).toBe(1) // 503: tried again at 17:59:30, then the cloud is still down until after 18:00
    clock = at('2026-11-25T18:00:00')
    expect(await dispatcher.dispatch()).toBe(1) // claimed and cancelled, never handed over
    expect(calls).toHaveLength(1)
    expect(await rowsOf(contactId)).toEqual([{ status: 'cancelled', error: 'expired', sentAt: null, nextAttemptAt: null }])
    expect(await timelineOf(enrollmentId)).toContainEqual({
      kind: 'cancelled',
      message: { en: 'cancelled: the coupon or date it speaks of expired at 2026-11-25 18:00', zh: '已取消:所提及的优惠券或日期已于 11月25日 18:00 到期' },
    })
  })

  it('cancels at once a reminder the send window would hold until after its expiry, instead of holding it', async () => {
    const { contactId, enrollmentId } = await contactWithQueued({ notAfter: new Date(at('2026-11-26T07:00:00')) })
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T21:30:00')).dispatch()).toBe(1)
    expect(calls).toHaveLength(0)
    expect(await rowsOf(contactId)).toEqual([{ status: 'cancelled', error: 'expired', sentAt: null, nextAttemptAt: null }])
    expect((await timelineOf(enrollmentId)).map((line) => line.message.en)).toEqual(['cancelled: the coupon or date it speaks of expired at 2026-11-26 07:00'])
  })

  it('cancels the second of two recall messages queued together when the daily recall cap allows one', async () => {
    const { contactId, enrollmentId } = await contactWithQueued({}, {})
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T10:00:00')).dispatch()).toBe(2)
    expect(calls).toHaveLength(1)
    expect((await rowsOf(contactId)).map((row) => [row.status, row.error])).toEqual([
      ['sent', null],
      ['cancelled', 'cap'],
    ])
    expect((await timelineOf(enrollmentId)).map((line) => line.message.en)).toEqual(['cancelled: marketing+recall cap 1 per 1 days reached by messages already sent'])
  })

  it('holds the daily ceiling at sending, transactional included: the 11th message in 24 hours is cancelled', async () => {
    const { contactId } = await contactWithQueued(...Array.from({ length: 11 }, () => ({ category: 'transactional' as const, sendWindow: null })))
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T10:00:00')).dispatch()).toBe(11)
    expect(calls).toHaveLength(10)
    expect((await rowsOf(contactId)).map((row) => row.error).filter(Boolean)).toEqual(['daily_ceiling'])
  })

  /** Fails by receipt every message of the contact the provider accepted: as the carrier reports it. */
  async function failByReceipt(contactId: string, receivedAt: number) {
    const accepted = await handle().db.select({ providerId: messages.providerId }).from(messages).where(eq(messages.contactId, contactId)).orderBy(asc(messages.id))
    const receipts = accepted.flatMap((row) => (row.providerId ? [{ providerId: row.providerId, status: 'failed' as const, code: '30003', at: receivedAt }] : []))
    return (await recordReceipts(handle().db, 'scripted', receipts)).updated
  }

  it('cancels at sending a marketing message from another journey when one accepted an hour before was then failed by receipt', async () => {
    const { contactId, enrollmentId } = await contactWithQueued(
      { category: 'marketing' },
      { category: 'marketing', journeyId: 'other', createdAt: new Date(at('2026-11-25T11:00:00')), nextAttemptAt: new Date(at('2026-11-25T11:00:00')) },
    )
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T10:00:00')).dispatch()).toBe(1)
    expect(await failByReceipt(contactId, at('2026-11-25T10:05:00'))).toBe(1)
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T11:00:00')).dispatch()).toBe(1)
    expect(calls).toHaveLength(1)
    expect(await rowsOf(contactId)).toEqual([
      { status: 'failed', error: 'carrier: 30003', sentAt: new Date(at('2026-11-25T10:00:00')), nextAttemptAt: null },
      { status: 'cancelled', error: 'cap', sentAt: null, nextAttemptAt: null },
    ])
    expect((await timelineOf(enrollmentId)).filter((line) => line.kind === 'cancelled')).toEqual([
      {
        kind: 'cancelled',
        message: {
          en: 'cancelled: marketing+recall cap 1 per 1 days reached by messages already sent',
          zh: '已取消:已达频次上限(营销+召回:每 1 天最多 1 条),已由先发出的消息用完',
        },
      },
    ])
  })

  it('counts toward the daily ceiling ten messages accepted and then failed by receipt: the 11th is cancelled', async () => {
    const later = new Date(at('2026-11-25T12:00:00'))
    const { contactId } = await contactWithQueued(...Array.from({ length: 10 }, () => ({ category: 'transactional' as const, sendWindow: null })), {
      category: 'transactional',
      sendWindow: null,
      journeyId: 'other',
      createdAt: later,
      nextAttemptAt: later,
    })
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T10:00:00')).dispatch()).toBe(10)
    expect(await failByReceipt(contactId, at('2026-11-25T10:05:00'))).toBe(10)
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T12:00:00')).dispatch()).toBe(1)
    expect(calls).toHaveLength(10)
    expect(await rowsOf(contactId)).toEqual([
      ...Array.from({ length: 10 }, () => ({ status: 'failed', error: 'carrier: 30003', sentAt: new Date(at('2026-11-25T10:00:00')), nextAttemptAt: null })),
      { status: 'cancelled', error: 'daily_ceiling', sentAt: null, nextAttemptAt: null },
    ])
  })

  it('does not count a marketing message that failed before reaching the provider: the next one from another journey goes', async () => {
    const { contactId } = await contactWithQueued(
      { category: 'marketing' },
      { category: 'marketing', journeyId: 'other', createdAt: new Date(at('2026-11-25T11:00:00')), nextAttemptAt: new Date(at('2026-11-25T11:00:00')) },
    )
    const { provider, calls } = scriptedProvider('refuse')
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T10:00:00')).dispatch()).toBe(1)
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T11:00:00')).dispatch()).toBe(1)
    expect(calls).toHaveLength(2)
    expect(await rowsOf(contactId)).toEqual([
      { status: 'failed', error: "twilio_21211: The 'To' number is not a valid phone number", sentAt: null, nextAttemptAt: null },
      { status: 'sent', error: null, sentAt: new Date(at('2026-11-25T11:00:00')), nextAttemptAt: null },
    ])
  })

  it('judges each group of a slow batch at its own time: what comes up after 21:00 is held, and sends are stamped when they go', async () => {
    const group = await Promise.all(Array.from({ length: 20 }, () => contactWithQueued({ createdAt: new Date(at('2026-11-25T20:59:40')) })))
    let clock = at('2026-11-25T20:59:40')
    const calls: string[] = []
    // Each call takes two seconds of the journeys' clock: the first 16 end at 21:00:12.
    const slow: SmsProvider = {
      name: 'slow',
      resend: 'none',
      async send(message) {
        calls.push(message.idempotencyKey)
        clock += 2_000
        return { providerId: `P-${message.idempotencyKey}` }
      },
    }
    expect(await outboxDispatcher(handle().db, slow, () => clock).dispatch()).toBe(20)
    expect(calls).toHaveLength(16)
    const rows = (await Promise.all(group.map(({ contactId }) => rowsOf(contactId)))).flat()
    expect(rows.filter((row) => row.status === 'sent').map((row) => row.sentAt)).toEqual(Array(16).fill(new Date(at('2026-11-25T20:59:40'))))
    expect(rows.filter((row) => row.status === 'queued').map((row) => row.nextAttemptAt)).toEqual(Array(4).fill(new Date(at('2026-11-26T08:00:00'))))
  })

  it('never resends a time-out to a provider that cannot drop a repeat: the message is uncertain; an idempotent one retries', async () => {
    const once = await contactWithQueued({ category: 'transactional' })
    const twice = await contactWithQueued({ category: 'transactional' })
    const timingOut = (resend: 'none' | 'idempotent'): SmsProvider => ({
      name: `timing-out-${resend}`,
      resend,
      send: async () => Promise.reject(new UnknownOutcomeError('timeout', 'no answer within 10000 ms')),
    })
    const now = at('2026-11-25T10:00:00')
    await handle().db.update(messages).set({ status: 'failed' }).where(eq(messages.contactId, twice.contactId))
    expect(await outboxDispatcher(handle().db, timingOut('none'), () => now).dispatch()).toBe(1)
    expect((await rowsOf(once.contactId))[0]).toMatchObject({ status: 'uncertain', error: 'timeout' })
    expect((await timelineOf(once.enrollmentId)).map((line) => line.message.en)).toEqual([
      'uncertain: the provider did not answer in time and may have the message; it is not sent again',
    ])
    await handle().db.update(messages).set({ status: 'queued' }).where(eq(messages.contactId, twice.contactId))
    expect(await outboxDispatcher(handle().db, timingOut('idempotent'), () => now).dispatch()).toBe(1)
    expect((await rowsOf(twice.contactId))[0]).toMatchObject({ status: 'queued', error: 'timeout: no answer within 10000 ms' })
  })

  it("cancels a message whose contact's number changed after it was queued, and never sends it to the old number", async () => {
    const { contactId, keys } = await contactWithQueued({})
    await handle().db.update(contacts).set({ phone: '+8615000000002' }).where(eq(contacts.id, contactId))
    const { provider, calls } = scriptedProvider()
    await outboxDispatcher(handle().db, provider, () => at('2026-11-25T11:00:00')).dispatch()
    expect(calls).not.toContain(keys[0])
    expect((await rowsOf(contactId)).map((row) => [row.status, row.error])).toEqual([['cancelled', 'phone_changed']])
  })

  it('cancels messages of an archived journey, of a deleted contact and of a contact who left the journey since; waits while paused', async () => {
    const archived = await contactWithQueued({ journeyId: 'archived' })
    const paused = await contactWithQueued({ journeyId: 'paused' })
    const left = await contactWithQueued({})
    const exitedAt = at('2026-11-25T10:30:00')
    const exitAs = (enrollmentId: string, code: string, reason: string) =>
      handle()
        .db.update(enrollments)
        .set({ status: 'exited', exitReason: reason, exitedAt: new Date(exitedAt), state: { exit: { at: exitedAt, reason, code } } as never })
        .where(eq(enrollments.id, enrollmentId))
    await exitAs(left.enrollmentId, 'converted', 'exited: ordered')
    // Reaching the end of the path after the message was queued is no reason to hold it back.
    const completed = await contactWithQueued({})
    await exitAs(completed.enrollmentId, 'exit_node', 'exited: done')
    const deleted = await contactWithQueued({})
    await handle().db.delete(contacts).where(eq(contacts.id, deleted.contactId))
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(handle().db, provider, () => at('2026-11-25T11:00:00')).dispatch()).toBe(4)
    expect(calls).toEqual(completed.keys)
    expect((await rowsOf(archived.contactId)).map((row) => [row.status, row.error])).toEqual([['cancelled', 'journey_archived']])
    expect((await rowsOf(paused.contactId)).map((row) => row.status)).toEqual(['queued'])
    expect((await rowsOf(left.contactId)).map((row) => [row.status, row.error])).toEqual([['cancelled', 'left_journey']])
    expect((await rowsOf(deleted.contactId)).map((row) => [row.status, row.error])).toEqual([['cancelled', 'contact_deleted']])
    expect((await timelineOf(left.enrollmentId)).map((line) => line.message.zh)).toEqual(['已取消:联系人已退出旅程(exited: ordered)'])
    expect((await rowsOf(completed.contactId)).map((row) => row.status)).toEqual(['sent'])
  })
})
