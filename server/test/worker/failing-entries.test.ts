import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { asc, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, entryQueue, segments } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import type { IsolatedFailure } from '../../src/worker/isolation'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

/** A zone this runtime's time zone database does not know: saying until when a contact waits, or sending, throws. */
const UNKNOWN_ZONE = 'Mars/Olympus'
const person = (id: string, attributes: Record<string, unknown> = {}) => ({
  id,
  phone: `+86139000000${id.slice(-2)}`,
  timeZone: 'Asia/Shanghai',
  attributes: { name: `顾客${id.slice(-2)}`, ...attributes },
  consent: true,
  suppressed: false,
  sends: [],
  events: [],
})
const template = (id: string) => structuredClone(JOURNEY_TEMPLATES.find((journey) => journey.id === id) as JourneyDocument)

const cart = template('abandoned-cart')
;(cart.nodes.find((node) => node.id === 'trigger') as { data: object }).data = { on: 'event', event: 'cart_added', throttle: { limit: 1, per: 'minute' } }

describe.each(DATABASE_KINDS)('a queued entry that throws, among others, on %s', (kind) => {
  let now = Date.parse('2026-11-02T09:00:00+08:00')
  const SHOPPERS = ['Q-01', 'Q-02', 'Q-03', 'Q-04']
  const database = useTestDatabase(kind, async ({ db }) => {
    await contactsRepository(db).upsert(SHOPPERS.map((id) => person(id)))
    await journeysRepository(db).create(cart)
    await journeysRepository(db).publish(cart.id, '')
  })
  const reports: IsolatedFailure[] = []
  const runner = () => journeyRunner(database().db, { clock: () => now, onFailure: (failure) => void reports.push(failure) })
  const queue = () =>
    database()
      .db.select({ contact: contacts.externalId, failures: entryQueue.failures, admitAt: entryQueue.admitAt })
      .from(entryQueue)
      .innerJoin(contacts, eq(contacts.id, entryQueue.contactId))
      .orderBy(asc(contacts.externalId))
  const entered = async () =>
    (
      await database().db.select({ contact: contacts.externalId }).from(enrollments).innerJoin(contacts, eq(contacts.id, enrollments.contactId)).orderBy(asc(contacts.externalId))
    ).map((row) => row.contact)

  it('admits the others in turn, puts the failing one back after the same waits and drops it at the fifth failure', async () => {
    for (const [index, contactId] of SHOPPERS.entries()) {
      now = Date.parse('2026-11-02T09:00:00+08:00') + index * 1000
      expect((await runner().ingestEvents([{ contactId, name: 'cart_added' }])).entered).toBe(index === 0 ? 1 : 0)
    }
    // Q-02 is first in the queue; its zone goes wrong while it waits.
    await database().db.update(contacts).set({ timeZone: UNKNOWN_ZONE }).where(eq(contacts.externalId, 'Q-02'))
    now = Date.parse('2026-11-02T09:01:00+08:00')
    expect(await runner().processDue()).toBe(1)
    // Its failure holds up nobody: keep their turns, and enter at them.
    expect(await entered()).toEqual(['Q-01'])
    expect(await queue()).toEqual([
      { contact: 'Q-02', failures: 1, admitAt: new Date(Date.parse('2026-11-02T09:02:00+08:00')) },
      { contact: 'Q-03', failures: 0, admitAt: new Date(Date.parse('2026-11-02T09:02:00+08:00')) },
      { contact: 'Q-04', failures: 0, admitAt: new Date(Date.parse('2026-11-02T09:03:00+08:00')) },
    ])
    for (const time of ['09:02', '09:07', '09:37', '11:37']) {
      now = Date.parse(`2026-11-02T${time}:00+08:00`)
      await runner().processDue()
    }
    expect(await entered()).toEqual(['Q-01', 'Q-03', 'Q-04'])
    expect(await queue()).toEqual([])
    expect(reports.map(({ kind, ids, failures, outcome, retryAt }) => ({ kind, nodeId: ids.nodeId, failures, outcome, retryAt }))).toEqual([
      { kind: 'queued_entry', nodeId: 'trigger', failures: 1, outcome: 'retried', retryAt: '2026-11-02T01:02:00.000Z' },
      { kind: 'queued_entry', nodeId: 'trigger', failures: 2, outcome: 'retried', retryAt: '2026-11-02T01:07:00.000Z' },
      { kind: 'queued_entry', nodeId: 'trigger', failures: 3, outcome: 'retried', retryAt: '2026-11-02T01:37:00.000Z' },
      { kind: 'queued_entry', nodeId: 'trigger', failures: 4, outcome: 'retried', retryAt: '2026-11-02T03:37:00.000Z' },
      { kind: 'queued_entry', nodeId: 'trigger', failures: 5, outcome: 'dropped', retryAt: undefined },
    ])
  })
})

const winBack = template('win-back-90-days')
const birthday = template('birthday')

describe.each(DATABASE_KINDS)('segment and date entries with a contact that throws, on %s', (kind) => {
  // After the journeys are published (the wall clock), so their date triggers count from then.
  const now = Date.parse('2027-03-02T10:00:00+08:00')
  const database = useTestDatabase(kind, async ({ db }) => {
    await contactsRepository(db).upsert([
      ...['W-01', 'W-02', 'W-03', 'W-04'].map((id) => person(id, { tier: 'lapsed' })),
      ...['B-01', 'B-02'].map((id) => person(id, { birthday: '1990-03-05' })),
    ])
    // Judged without a zone (an attribute), so W-02 is proposed and fails only when it enters (its first message).
    await db
      .insert(segments)
      .values({ id: 'inactive_90d', name: '流失', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'in', value: ['lapsed'] }] } })
    for (const journey of [winBack, birthday]) {
      await journeysRepository(db).create(journey)
      await journeysRepository(db).publish(journey.id, '')
    }
    // B-02's birthday is judged in its own zone: judging it throws.
    await db
      .update(contacts)
      .set({ timeZone: UNKNOWN_ZONE })
      .where(inArray(contacts.externalId, ['W-02', 'B-02']))
  })

  it('enters everyone else in the scan and skips the one that fails, naming the journey and trigger', async () => {
    const reports: IsolatedFailure[] = []
    const runner = journeyRunner(database().db, { clock: () => now, onFailure: (failure) => void reports.push(failure) })
    expect(await runner.enterScheduled()).toBe(4)
    const rows = await database()
      .db.select({ journey: enrollments.journeyId, contact: contacts.externalId })
      .from(enrollments)
      .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
      .orderBy(asc(enrollments.journeyId), asc(contacts.externalId))
    expect(rows).toEqual([
      { journey: 'birthday', contact: 'B-01' },
      { journey: 'win-back-90-days', contact: 'W-01' },
      { journey: 'win-back-90-days', contact: 'W-03' },
      { journey: 'win-back-90-days', contact: 'W-04' },
    ])
    // B-02 judged on the scan and again when the scan ran with its entries isolated; W-02 once, entering.
    expect(reports.map(({ kind, ids, failures, outcome }) => ({ kind, ...ids, failures, outcome }))).toEqual([
      { kind: 'scheduled_entry', journeyId: 'birthday', nodeId: 'trigger', failures: 1, outcome: 'skipped' },
      { kind: 'scheduled_entry', journeyId: 'birthday', nodeId: 'trigger', failures: 1, outcome: 'skipped' },
      { kind: 'scheduled_entry', journeyId: 'win-back-90-days', nodeId: 'trigger', failures: 1, outcome: 'skipped' },
    ])
    for (const report of reports) expect(report.error).toBeInstanceOf(RangeError)
  })
})
