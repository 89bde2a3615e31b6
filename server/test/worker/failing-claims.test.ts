import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, journeys, messages } from '../../src/db/schema/index'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import type { IsolatedFailure } from '../../src/worker/isolation'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { scriptedProvider } from '../support/scripted-provider'

const at = (local: string) => Date.parse(`${local}+08:00`)
const weekly = toWeeklyIntervals(LEGAL_WINDOW)
/** Queued in a zone this runtime's time zone database does not know (another version's): checking its window throws. */
const UNKNOWN_ZONE = 'Mars/Olympus'
const journeyDraft = { schemaVersion: 1, id: 'j', name: 'j', description: '', settings: {}, nodes: [], edges: [] } as never

describe.each(DATABASE_KINDS)('a queued message whose check throws, among others, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(journeys).values({ id: 'j', name: 'live', status: 'live', draft: journeyDraft })
  })
  let serial = 0
  /** A consenting Shanghai contact with one queued recall message, in `zone`. */
  async function queued(zone: string, override: Partial<typeof messages.$inferInsert> = {}) {
    serial += 1
    const { db } = handle()
    const contactId = `c${serial}`
    const phone = `+861381234${String(serial).padStart(4, '0')}`
    await db.insert(contacts).values({ id: contactId, externalId: `C-${serial}`, phone, timeZone: 'Asia/Shanghai', consent: true })
    const enrollmentId = `e${serial}`
    await db
      .insert(enrollments)
      .values({ id: enrollmentId, journeyId: 'j', version: 1, contactId, status: 'active', nodeId: 'sms', state: {} as never, enteredAt: new Date(at('2026-11-25T09:00:00')) })
    const key = `m${serial}`
    await db.insert(messages).values({
      idempotencyKey: key,
      enrollmentId,
      journeyId: 'j',
      contactId,
      nodeId: 'sms',
      channel: 'sms',
      category: 'recall',
      phone,
      text: '【乐享】好久不见,送您满100减30券 回T退订',
      parts: 1,
      createdAt: new Date(at('2026-11-25T10:00:00')),
      sendWindow: { timeZone: zone, weekly },
      ...override,
    })
    return { key, enrollmentId }
  }
  const row = async (key: string) => {
    const [found] = await handle()
      .db.select({ status: messages.status, attempts: messages.attempts, error: messages.error, nextAttemptAt: messages.nextAttemptAt })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))
    return found
  }

  it('hands the others over in the same round, tries it again after 1, 5, 30 minutes and 2 hours, then fails it for good', async () => {
    const others = [await queued('Asia/Shanghai'), await queued('Asia/Shanghai')]
    const poisoned = await queued(UNKNOWN_ZONE)
    others.push(await queued('Asia/Shanghai'), await queued('Asia/Shanghai'))
    const { provider, calls } = scriptedProvider()
    const reports: IsolatedFailure[] = []
    let clock = at('2026-11-25T14:00:00')
    const dispatcher = outboxDispatcher(handle().db, provider, () => clock, undefined, { onFailure: (failure) => void reports.push(failure) })
    expect(await dispatcher.dispatch()).toBe(5)
    expect(calls).toEqual(others.map((message) => message.key))
    for (const message of others) expect((await row(message.key))?.status).toBe('sent')
    expect(await row(poisoned.key)).toEqual({ status: 'queued', attempts: 1, error: 'check_failed', nextAttemptAt: new Date(at('2026-11-25T14:01:00')) })
    for (const time of ['14:01', '14:06', '14:36', '16:36']) {
      clock = at(`2026-11-25T${time}:00`) - 1
      expect(await dispatcher.dispatch()).toBe(0)
      clock += 1
      expect(await dispatcher.dispatch()).toBe(1)
    }
    expect(calls).toEqual(others.map((message) => message.key))
    expect(await row(poisoned.key)).toEqual({ status: 'failed', attempts: 5, error: 'check_failed', nextAttemptAt: null })
    expect(reports.map(({ kind, ids, failures, outcome, retryAt }) => ({ kind, nodeId: ids.nodeId, failures, outcome, retryAt }))).toEqual([
      { kind: 'message', nodeId: 'sms', failures: 1, outcome: 'retried', retryAt: new Date(at('2026-11-25T14:01:00')).toISOString() },
      { kind: 'message', nodeId: 'sms', failures: 2, outcome: 'retried', retryAt: new Date(at('2026-11-25T14:06:00')).toISOString() },
      { kind: 'message', nodeId: 'sms', failures: 3, outcome: 'retried', retryAt: new Date(at('2026-11-25T14:36:00')).toISOString() },
      { kind: 'message', nodeId: 'sms', failures: 4, outcome: 'retried', retryAt: new Date(at('2026-11-25T16:36:00')).toISOString() },
      { kind: 'message', nodeId: 'sms', failures: 5, outcome: 'failed', retryAt: undefined },
    ])
    const lines = await readTimeline(handle().db, [poisoned.enrollmentId])
    expect(lines.map(({ kind, message, at: time }) => ({ kind, message, at: time }))).toEqual([
      {
        kind: 'failed',
        message: { en: 'not sent: the checks before sending failed 5 times in a row (the server log has the details)', zh: '发送失败:发送前的检查连续 5 次出错(详情见服务器日志)' },
        at: new Date(at('2026-11-25T16:36:00')),
      },
    ])
    expect(await dispatcher.nextDueAt()).toBe(undefined)
  })

  it('never resends one whose lease ran out when its check throws: its fate is unknown', async () => {
    const poisoned = await queued(UNKNOWN_ZONE, { status: 'sending', attempts: 1, leaseUntil: new Date('2020-01-01T00:00:00Z') })
    const other = await queued('Asia/Shanghai')
    const { provider, calls } = scriptedProvider()
    const dispatcher = outboxDispatcher(handle().db, provider, () => at('2026-11-25T14:00:00'))
    expect(await dispatcher.dispatch()).toBe(2)
    expect(calls).toEqual([other.key])
    expect(await row(poisoned.key)).toMatchObject({ status: 'uncertain', error: 'lease_expired' })
    expect(await row(other.key)).toMatchObject({ status: 'sent' })
  })
})
