import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { monitoringRepository } from '../../src/repositories/monitoring'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const cart = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument)
;(cart.nodes.find((node) => node.id === 'trigger') as { data: object }).data = { on: 'event', event: 'cart_added', throttle: { limit: 2, per: 'minute' } }
const SHOPPERS = ['M-1', 'M-2', 'M-3', 'M-4', 'M-5']

describe.each(DATABASE_KINDS)('a throttled trigger on %s', (kind) => {
  let now = Date.parse('2026-11-02T09:00:00+08:00')
  const database = useTestDatabase(kind, async ({ db }) => {
    await contactsRepository(db).upsert(
      SHOPPERS.map((id, index) => ({
        id,
        phone: `+861381234560${index}`,
        timeZone: 'Asia/Shanghai',
        attributes: { name: `顾客${index}` },
        consent: true,
        suppressed: false,
        sends: [],
        events: [],
      })),
    )
    await journeysRepository(db).create(cart)
    await journeysRepository(db).publish(cart.id, '')
  })
  const runner = () => journeyRunner(database().db, { clock: () => now })
  async function enteredAt(): Promise<Record<string, string>> {
    const rows = await database()
      .db.select({ contact: contacts.externalId, at: enrollments.enteredAt })
      .from(enrollments)
      .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
      .orderBy(asc(enrollments.enteredAt), asc(contacts.externalId))
    return Object.fromEntries(rows.map((row) => [row.contact, new Date(row.at).toISOString()]))
  }

  it('admits 2 a minute, queues the rest in arrival order and admits them as each minute opens', async () => {
    for (const [index, shopper] of SHOPPERS.entries()) {
      now = Date.parse('2026-11-02T09:00:00+08:00') + index * 1000
      expect((await runner().ingestEvents([{ contactId: shopper, name: 'cart_added' }])).entered).toBe(index < 2 ? 1 : 0)
    }
    // A repeat while queued keeps the contact's one place in the queue.
    expect((await runner().ingestEvents([{ contactId: 'M-5', name: 'cart_added' }])).entered).toBe(0)
    expect(await runner().nodeCounts(cart.id)).toEqual({ 'wait-for-order': 2, trigger: 3 })
    expect((await monitoringRepository(database().db).snapshot(cart.id)).nodes.trigger?.queued).toBe(3)
    expect(await runner().nextWakeAt()).toBe(Date.parse('2026-11-02T01:01:00Z'))

    now = Date.parse('2026-11-02T09:00:59.999+08:00')
    expect(await runner().processDue()).toBe(0)
    now = Date.parse('2026-11-02T09:01:00+08:00')
    const workers = [runner(), runner(), runner()]
    expect((await Promise.all(workers.map((worker) => worker.processDue()))).reduce((sum, count) => sum + count, 0)).toBe(2)
    now = Date.parse('2026-11-02T09:02:00+08:00')
    expect(await runner().processDue()).toBe(1)
    expect(await enteredAt()).toEqual({
      'M-1': '2026-11-02T01:00:00.000Z',
      'M-2': '2026-11-02T01:00:01.000Z',
      'M-3': '2026-11-02T01:01:00.000Z',
      'M-4': '2026-11-02T01:01:00.000Z',
      'M-5': '2026-11-02T01:02:00.000Z',
    })
    expect(await runner().nodeCounts(cart.id)).toEqual({ 'wait-for-order': 5 })
  })
})
