import type { JourneyDocument } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { contacts, enrollments, segments } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { journeyRunner } from '../../src/worker/runner'
import { dueScheduledEntries } from '../../src/worker/scheduled-entries'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const birthday = JOURNEY_TEMPLATES.find((template) => template.id === 'birthday') as JourneyDocument
const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days') as JourneyDocument

describe.each(DATABASE_KINDS)('segment and date triggers on %s', (kind) => {
  let handle: DatabaseHandle
  let now = Date.parse('2026-11-01T09:00:00+08:00')
  let runner: ReturnType<typeof journeyRunner>
  beforeAll(async () => {
    handle = await testDatabase(kind)
    runner = journeyRunner(handle.db, { clock: () => now })
    await contactsRepository(handle.db).upsert([
      {
        id: 'B-1',
        phone: '+8613812345601',
        timeZone: 'Asia/Shanghai',
        attributes: { name: '生日客', birthday: '1990-11-05', tier: 'silver' },
        consent: true,
        suppressed: false,
        sends: [],
        events: [],
      },
      {
        id: 'B-2',
        phone: '+8613812345602',
        timeZone: 'Asia/Shanghai',
        attributes: { name: '老客', birthday: '1988-03-10', last_order_at: '2026-07-01T00:00:00+08:00' },
        consent: true,
        suppressed: false,
        sends: [],
        events: [],
      },
    ])
    await handle.db.insert(segments).values({
      id: 'inactive_90d',
      name: '90天未活跃',
      condition: { match: 'all', conditions: [{ kind: 'date', attribute: 'last_order_at', operator: 'more_than_days_ago', days: 90 }] },
    })
    for (const journey of [birthday, winBack]) {
      await journeysRepository(handle.db).create(journey)
      await journeysRepository(handle.db).publish(journey.id, '')
    }
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('enters a contact when its birthday trigger (3 days before, 10:00) comes due, once', async () => {
    now = Date.parse('2026-11-02T09:55:00+08:00')
    expect(await runner.enterScheduled()).toBe(1) // B-2 is in the 90-day segment (last order 2026-07-01)
    expect(await runner.nodeCounts('birthday')).toEqual({})
    now = Date.parse('2026-11-02T10:00:00+08:00')
    expect(await runner.enterScheduled()).toBe(1)
    expect(Object.values(await runner.nodeCounts('birthday')).reduce((sum, count) => sum + count, 0)).toBe(1)
    now = Date.parse('2026-11-02T10:05:00+08:00')
    expect(await runner.enterScheduled()).toBe(0)
  })

  it('enters contacts in a segment once, by the journey entry rules', async () => {
    expect(Object.values(await runner.nodeCounts('win-back-90-days')).reduce((sum, count) => sum + count, 0)).toBe(1)
    now = Date.parse('2026-11-03T10:00:00+08:00')
    expect(await runner.enterScheduled()).toBe(0)
  })

  it('judges event history in segment triggers: twice-paid shoppers enter the thank-you journey', async () => {
    await handle.db.insert(segments).values({
      id: 'paid_twice_30d',
      name: '30天内下单两次',
      condition: { match: 'all', conditions: [{ kind: 'event_count', event: 'order_paid', operator: 'gte', count: 2, withinDays: 30 }] },
    })
    const thanks = {
      ...winBack,
      id: 'paid-twice-thanks',
      nodes: winBack.nodes.map((node) => (node.type === 'trigger' ? { ...node, data: { on: 'segment_entered', segmentId: 'paid_twice_30d' } } : node)),
    } as JourneyDocument
    await journeysRepository(handle.db).create(thanks)
    await journeysRepository(handle.db).publish(thanks.id, '')
    await runner.ingestEvents([{ contactId: 'B-1', name: 'order_paid', occurredAt: '2026-11-03T11:00:00+08:00' }])
    now = Date.parse('2026-11-03T12:00:00+08:00')
    expect(await runner.enterScheduled()).toBe(0)
    await runner.ingestEvents([{ contactId: 'B-1', name: 'order_paid', occurredAt: '2026-11-03T12:30:00+08:00' }])
    now = Date.parse('2026-11-03T13:00:00+08:00')
    expect(await runner.enterScheduled()).toBe(1)
    expect(Object.values(await runner.nodeCounts('paid-twice-thanks')).reduce((sum, count) => sum + count, 0)).toBe(1)
  })

  it('proposes only contacts the journey could still take: not those in it now, nor, when no one may come back, those it had', async () => {
    // Runs last: it ends B-2's win-back enrollment by hand.
    const [row] = await handle.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.externalId, 'B-2'))
    const at = Date.parse('2026-11-04T10:00:00+08:00')
    const proposals = (reentry: 'after_exit' | 'never' | 'after_days', reentryDays?: number) =>
      dueScheduledEntries(
        handle.db,
        [
          {
            journeyId: winBack.id,
            document: { ...winBack, settings: { ...winBack.settings, entry: { reentry, ...(reentryDays ? { reentryDays } : {}) } } },
            publishedAt: new Date(at - 60_000),
          },
        ],
        at,
        'Asia/Shanghai',
      )
    // B-2 is in the 90-day segment and in the journey.
    expect(await proposals('after_exit')).toEqual([])
    expect(await proposals('never')).toEqual([])
    await handle.db
      .update(enrollments)
      .set({ status: 'exited', exitedAt: new Date(at - 1000) })
      .where(and(eq(enrollments.journeyId, winBack.id), eq(enrollments.contactId, row?.id as string)))
    const proposed = [{ journeyId: winBack.id, triggerNodeId: 'trigger', contactIds: [row?.id] }]
    expect(await proposals('after_exit')).toEqual(proposed)
    expect(await proposals('never')).toEqual([])
    // Back N days after the last entry: proposed from exactly that moment, as the entry rules decide.
    const [entered] = await handle.db
      .select({ at: enrollments.enteredAt })
      .from(enrollments)
      .where(eq(enrollments.contactId, row?.id as string))
    const daysIn = (at - (entered?.at.getTime() as number)) / 86_400_000
    expect(daysIn).toBeGreaterThan(1)
    expect(await proposals('after_days', Math.floor(daysIn))).toEqual(proposed)
    expect(await proposals('after_days', Math.ceil(daysIn))).toEqual([])
    expect(await proposals('after_days', 90)).toEqual([])
  })
})
