import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { recordReceipts } from '../../src/replies/receipts'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { scriptedProvider } from '../support/scripted-provider'

const at = (local: string) => Date.parse(`${local}+08:00`)

/** A marketing journey entered by API: one SMS, then out. */
const marketingJourney = (id: string, name: string, text: string) => ({
  schemaVersion: 1,
  id,
  name,
  description: '',
  settings: { category: 'marketing', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'sms', type: 'send_sms', position: { x: 300, y: 0 }, data: { text, category: 'marketing' } },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})

const FAILED_RECEIPT_CODE = '30003'

/**
 * The step's caps (the contact's recent sends as the worker reads them) count a marketing message
 * the provider accepted and a receipt then failed: a failed delivery report does not prove the
 * phone never got it. One that failed before the hand-over does not count.
 */
describe.each(DATABASE_KINDS)('caps at the step count accepted messages a receipt failed, on %s', (kind) => {
  let handle: DatabaseHandle
  let now = at('2026-11-25T10:00:00')
  let runner: ReturnType<typeof journeyRunner>

  beforeAll(async () => {
    handle = await testDatabase(kind)
    runner = journeyRunner(handle.db, { clock: () => now })
    const repository = journeysRepository(handle.db)
    await repository.create(marketingJourney('spring-sale', 'Spring sale 春季大促', '【乐享】春季大促全场8折 回T退订') as never)
    await repository.publish('spring-sale', 'go live')
    await repository.create(marketingJourney('win-back', 'Win back 老客回归', '【乐享】老客回归送您满100减30券 回T退订') as never)
    await repository.publish('win-back', 'go live')
    await contactsRepository(handle.db).upsert([
      { id: 'C-1', phone: '+8613812340001', timeZone: 'Asia/Shanghai', attributes: {}, consent: true, suppressed: false, sends: [], events: [] },
      { id: 'C-2', phone: '+8613812340002', timeZone: 'Asia/Shanghai', attributes: {}, consent: true, suppressed: false, sends: [], events: [] },
    ])
  }, 60_000)
  afterAll(async () => {
    await handle?.close()
  })

  const rowsOf = async (externalId: string) => {
    const [contact] = await handle.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.externalId, externalId))
    return handle.db
      .select({
        journeyId: messages.journeyId,
        status: messages.status,
        error: messages.error,
        providerId: messages.providerId,
        sentAt: messages.sentAt,
        attempts: messages.attempts,
      })
      .from(messages)
      .where(eq(messages.contactId, contact?.id as string))
      .orderBy(asc(messages.id))
  }
  const timelineOf = async (externalId: string, journeyId: string) => {
    const [row] = await handle.db
      .select({ id: enrollments.id })
      .from(enrollments)
      .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
      .where(and(eq(contacts.externalId, externalId), eq(enrollments.journeyId, journeyId)))
    return (await readTimeline(handle.db, [row?.id as string])).map(({ kind, message }) => ({ kind, message }))
  }

  it('skips a second marketing message from another journey within 24 hours when the first was accepted and then failed by receipt', async () => {
    now = at('2026-11-25T10:00:00')
    expect(await runner.enrollByApi('spring-sale', ['C-1'])).toBe(1)
    while ((await runner.processDue()) > 0) {}
    const { provider, calls } = scriptedProvider('ok')
    expect(await outboxDispatcher(handle.db, provider, () => now).dispatch()).toBe(1)
    expect(calls).toHaveLength(1)
    const [first] = await rowsOf('C-1')
    expect(first).toMatchObject({ journeyId: 'spring-sale', status: 'sent', attempts: 1, sentAt: new Date(at('2026-11-25T10:00:00')) })
    expect(
      await recordReceipts(handle.db, 'scripted', [{ providerId: first?.providerId as string, status: 'failed', code: FAILED_RECEIPT_CODE, at: at('2026-11-25T10:05:00') }]),
    ).toEqual({ updated: 1, pending: 0 })
    expect(await rowsOf('C-1')).toEqual([
      {
        journeyId: 'spring-sale',
        status: 'failed',
        error: 'carrier: 30003',
        providerId: first?.providerId,
        sentAt: new Date(at('2026-11-25T10:00:00')),
        attempts: 1,
      },
    ])

    now = at('2026-11-25T16:00:00')
    expect(await runner.enrollByApi('win-back', ['C-1'])).toBe(1)
    while ((await runner.processDue()) > 0) {}
    expect((await rowsOf('C-1')).map((row) => [row.journeyId, row.status])).toEqual([['spring-sale', 'failed']])
    expect((await timelineOf('C-1', 'win-back')).filter((line) => line.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        message: {
          en: 'skipped: marketing+recall cap 1 per 1 days reached, used by journey "Spring sale 春季大促"',
          zh: '跳过:已达频次上限(营销+召回:每 1 天最多 1 条),已被旅程「Spring sale 春季大促」用完',
        },
      },
    ])
  })

  it('sends the second marketing message when the first failed before reaching the provider', async () => {
    now = at('2026-11-25T10:00:00')
    expect(await runner.enrollByApi('spring-sale', ['C-2'])).toBe(1)
    while ((await runner.processDue()) > 0) {}
    const { provider, calls } = scriptedProvider('refuse')
    expect(await outboxDispatcher(handle.db, provider, () => now).dispatch()).toBe(1)
    expect(calls).toHaveLength(1)
    expect(await rowsOf('C-2')).toEqual([
      {
        journeyId: 'spring-sale',
        status: 'failed',
        error: "twilio_21211: The 'To' number is not a valid phone number",
        providerId: null,
        sentAt: null,
        attempts: 1,
      },
    ])

    now = at('2026-11-25T16:00:00')
    expect(await runner.enrollByApi('win-back', ['C-2'])).toBe(1)
    while ((await runner.processDue()) > 0) {}
    expect((await timelineOf('C-2', 'win-back')).filter((line) => line.kind === 'skipped')).toEqual([])
    expect(await outboxDispatcher(handle.db, scriptedProvider('ok').provider, () => now).dispatch()).toBe(1)
    expect((await rowsOf('C-2')).map((row) => [row.journeyId, row.status, row.sentAt])).toEqual([
      ['spring-sale', 'failed', null],
      ['win-back', 'sent', new Date(at('2026-11-25T16:00:00'))],
    ])
  })
})
