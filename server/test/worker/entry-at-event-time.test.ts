import type { JourneyDocument } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { readTimeline } from '../../src/repositories/timeline'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const at = (iso: string) => Date.parse(iso)
const iso = (time: number) => new Date(time).toISOString()

/** The abandoned-cart template: cart_added → wait 1 h for order_placed → reminder SMS → wait 1 day → coupon SMS. */
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
const SHOPPERS = ['S-1', 'S-2', 'S-3', 'S-4']

describe.each(DATABASE_KINDS)('entries at the event time on %s', (kind) => {
  let now = at('2026-11-24T20:30:00+08:00')
  const database = useTestDatabase(kind, async (handle) => {
    await journeysRepository(handle.db).create(cart)
    await journeysRepository(handle.db).publish('abandoned-cart', 'go live')
    await contactsRepository(handle.db).upsert(
      SHOPPERS.map((id, index) => ({
        id,
        phone: `+861381234567${index}`,
        timeZone: 'Asia/Shanghai',
        attributes: { name: '张女士' },
        consent: true,
        suppressed: false,
        sends: [],
        events: [],
      })),
    )
  })
  const runner = () => journeyRunner(database().db, { clock: () => now })

  /** The contact's enrollment: when it entered and when it next wakes, at which node. */
  async function enrollmentOf(externalId: string) {
    const [row] = await database()
      .db.select({ id: enrollments.id, enteredAt: enrollments.enteredAt, nextWakeAt: enrollments.nextWakeAt, nodeId: enrollments.nodeId })
      .from(enrollments)
      .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
      .where(eq(contacts.externalId, externalId))
    return row
  }

  it('counts the wait from when the cart was filled, not from when the event arrived', async () => {
    const answer = await runner().ingestEvents([{ contactId: 'S-1', name: 'cart_added', occurredAt: '2026-11-24T20:00:00+08:00' }])
    expect(answer).toMatchObject({ accepted: 1, entered: 1 })
    expect(await enrollmentOf('S-1')).toMatchObject({
      enteredAt: new Date(at('2026-11-24T20:00:00+08:00')),
      nextWakeAt: new Date(at('2026-11-24T21:00:00+08:00')),
      nodeId: 'wait-for-order',
    })
  })

  it('passes a wait already over on arrival at its own end, and sends now', async () => {
    await runner().ingestEvents([{ contactId: 'S-2', name: 'cart_added', occurredAt: '2026-11-24T19:00:00+08:00' }])
    const enrollment = await enrollmentOf('S-2')
    expect(enrollment).toMatchObject({ enteredAt: new Date(at('2026-11-24T19:00:00+08:00')), nodeId: 'wait-1-day', nextWakeAt: new Date(at('2026-11-25T20:30:00+08:00')) })
    const timeline = await readTimeline(database().db, [enrollment?.id as string])
    expect(timeline.map((line) => [iso(line.at.getTime()), line.nodeId, line.kind])).toEqual([
      ['2026-11-24T11:00:00.000Z', 'trigger', 'entered'],
      ['2026-11-24T11:00:00.000Z', 'wait-for-order', 'entered'],
      ['2026-11-24T12:00:00.000Z', 'wait-for-order', 'woke'],
      ['2026-11-24T12:30:00.000Z', 'cart-reminder', 'entered'],
      ['2026-11-24T12:30:00.000Z', 'cart-reminder', 'sent'],
      ['2026-11-24T12:30:00.000Z', 'wait-1-day', 'entered'],
      ['2026-11-24T12:30:00.000Z', 'wait-1-day', 'waiting'],
    ])
    const sent = await database().db.select({ createdAt: messages.createdAt, phone: messages.phone }).from(messages)
    expect(sent).toEqual([{ createdAt: new Date(at('2026-11-24T20:30:00+08:00')), phone: '+8613812345671' }])
  })

  it('judges the send by the send window of now, not of the event: a cart filled at 20:00 and told at 21:30 is held until 08:00', async () => {
    now = at('2026-11-24T21:30:00+08:00')
    await runner().ingestEvents([{ contactId: 'S-3', name: 'cart_added', occurredAt: '2026-11-24T20:00:00+08:00' }])
    expect(await enrollmentOf('S-3')).toMatchObject({
      enteredAt: new Date(at('2026-11-24T20:00:00+08:00')),
      nodeId: 'cart-reminder',
      nextWakeAt: new Date(at('2026-11-25T08:00:00+08:00')),
    })
    expect(await database().db.select().from(messages)).toHaveLength(1)
  })

  it('enters at arrival an event stamped in the future', async () => {
    now = at('2026-11-24T20:30:00+08:00')
    await runner().ingestEvents([{ contactId: 'S-4', name: 'cart_added', occurredAt: '2026-11-24T20:45:00+08:00' }])
    expect(await enrollmentOf('S-4')).toMatchObject({ enteredAt: new Date(now), nextWakeAt: new Date(at('2026-11-24T21:30:00+08:00')) })
  })

  it('wakes S-1 exactly at 21:00, an hour after the cart, not at 21:30', async () => {
    now = at('2026-11-24T20:59:59+08:00')
    // S-3 is held until 08:00, S-2 and S-4 wait later: nothing is due.
    expect(await runner().processDue()).toBe(0)
    now = at('2026-11-24T21:00:00+08:00')
    expect(await runner().processDue()).toBe(1)
    expect(await enrollmentOf('S-1')).toMatchObject({ nodeId: 'cart-reminder', nextWakeAt: new Date(at('2026-11-25T08:00:00+08:00')) })
  })
})
