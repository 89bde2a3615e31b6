import type { ConditionGroup, JourneyDocument, JourneyNodeOf, LeafCondition } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database'
import { contacts, enrollments, segments } from '../../src/db/schema/index'
import { scanMemory } from '../../src/worker/scan-memory'
import { dueScheduledEntries, type ScheduledEntry } from '../../src/worker/scheduled-entries'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

// The scan with memory (judging again only contacts that changed or may have moved with time) must
// propose exactly what judging every contact proposes, after any writes and any clock advances.

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.parse('2026-11-01T00:00:00Z')
const CONTACTS = 8
const ZONES = ['Asia/Shanghai', 'America/New_York', null] as const

/** A date attribute in the forms contacts carry: ISO date-time, bare date, epoch ms; or nothing, or junk. */
const dateValue = fc.oneof(
  fc.integer({ min: -200 * 24, max: 200 * 24 }).map((hours) => new Date(T0 + hours * HOUR).toISOString()),
  fc.integer({ min: -200, max: 200 }).map((days) => new Date(T0 + days * DAY).toISOString().slice(0, 10)),
  fc.integer({ min: -200 * 24, max: 200 * 24 }).map((hours) => T0 + hours * HOUR),
  fc.constantFrom(undefined, 'soon'),
)
const attributes = fc.record({ last_order_at: dateValue, birthday: dateValue, tier: fc.constantFrom('gold', 'silver', undefined) })
const contact = fc.record({ attributes, timeZone: fc.constantFrom(...ZONES) })

const leaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.record({
    kind: fc.constant('date' as const),
    attribute: fc.constantFrom('last_order_at', 'birthday'),
    operator: fc.constantFrom('more_than_days_ago' as const, 'less_than_days_ago' as const, 'within_next_days' as const),
    days: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({ kind: fc.constant('attribute' as const), attribute: fc.constant('tier'), operator: fc.constantFrom('eq' as const, 'neq' as const), value: fc.constant('gold') }),
  fc.record({
    kind: fc.constant('attribute' as const),
    attribute: fc.constant('last_order_at'),
    operator: fc.constantFrom('lt' as const, 'gte' as const),
    value: fc.constant('2026-10-01T00:00:00Z'),
  }),
)
const condition: fc.Arbitrary<ConditionGroup> = fc.record({
  match: fc.constantFrom('all' as const, 'any' as const),
  conditions: fc.array(fc.oneof(leaf, fc.record({ match: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(leaf, { minLength: 1, maxLength: 2 }) })), {
    minLength: 1,
    maxLength: 3,
  }),
})
const dateTrigger = fc.record({
  on: fc.constant('date_attribute' as const),
  attribute: fc.constantFrom('last_order_at', 'birthday'),
  offsetDays: fc.integer({ min: -3, max: 3 }),
  at: fc.constantFrom('00:00', '10:00', '23:30'),
  yearly: fc.boolean(),
})
const entryRule = fc.oneof(
  fc.constant({ reentry: 'never' as const }),
  fc.constant({ reentry: 'after_exit' as const }),
  fc.integer({ min: 1, max: 5 }).map((reentryDays) => ({ reentry: 'after_days' as const, reentryDays })),
)

const step = fc.oneof(
  fc.record({ type: fc.constant('advance' as const), hours: fc.oneof(fc.integer({ min: 0, max: 72 }), fc.constantFrom(24, 24 * 5)) }),
  fc.record({ type: fc.constant('update' as const), contact: fc.nat(CONTACTS - 1), value: contact }),
  fc.record({ type: fc.constant('touch' as const), contact: fc.nat(CONTACTS - 1) }),
  fc.record({ type: fc.constant('delete' as const), contact: fc.nat(CONTACTS - 1) }),
  fc.record({ type: fc.constant('enroll' as const), contact: fc.nat(CONTACTS - 1), journey: fc.constantFrom('j1', 'j2'), active: fc.boolean(), daysAgo: fc.nat(6) }),
  fc.record({ type: fc.constant('exitAll' as const), contact: fc.nat(CONTACTS - 1) }),
)
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days') as JourneyDocument
const trigger = (id: string, data: JourneyNodeOf<'trigger'>['data']): JourneyNodeOf<'trigger'> => ({ id, type: 'trigger', position: { x: 0, y: 0 }, data })
/** Published before the clock's start or, as a journey published on the real clock is for a simulated one, after it. */
const journey = (id: string, entry: JourneyDocument['settings']['entry'], triggers: JourneyNodeOf<'trigger'>[], publishedAt: number) => ({
  journeyId: id,
  document: { ...winBack, id, settings: { ...winBack.settings, entry }, nodes: triggers } as JourneyDocument,
  publishedAt: new Date(publishedAt),
})

const row = (index: number, value: { attributes: Record<string, unknown>; timeZone: string | null }) => ({
  id: `c${index}`,
  externalId: `e${index}`,
  timeZone: value.timeZone,
  attributes: Object.fromEntries(Object.entries(value.attributes).filter(([, attribute]) => attribute !== undefined)),
})

let enrollmentSerial = 0
async function apply(db: Database, change: Step, now: number): Promise<void> {
  const id = `c${'contact' in change ? change.contact : 0}`
  switch (change.type) {
    case 'advance':
      return
    case 'update':
      await db
        .insert(contacts)
        .values(row(change.contact, change.value))
        .onConflictDoUpdate({ target: contacts.id, set: { attributes: row(change.contact, change.value).attributes, timeZone: change.value.timeZone } })
      return
    case 'touch':
      await db
        .update(contacts)
        .set({ updatedAt: new Date(now) })
        .where(eq(contacts.id, id))
      return
    case 'delete':
      await db.delete(contacts).where(eq(contacts.id, id))
      return
    case 'enroll': {
      const enteredAt = new Date(now - change.daysAgo * DAY)
      // One active enrollment per contact and journey: a second one arrives exited.
      const active =
        change.active &&
        (await db.select().from(enrollments).where(sql`${enrollments.contactId} = ${id} and ${enrollments.journeyId} = ${change.journey} and ${enrollments.status} = 'active'`))
          .length === 0
      await db.insert(enrollments).values({
        id: `n${++enrollmentSerial}`,
        journeyId: change.journey,
        version: 1,
        contactId: id,
        status: active ? 'active' : 'exited',
        state: {} as never,
        enteredAt,
        exitedAt: active ? null : new Date(now),
      })
      return
    }
    case 'exitAll':
      await db
        .update(enrollments)
        .set({ status: 'exited', exitedAt: new Date(now) })
        .where(eq(enrollments.contactId, id))
  }
}

const sorted = (entries: ScheduledEntry[]) => entries.map((entry) => ({ ...entry, contactIds: [...entry.contactIds].sort() }))

describe.each(DATABASE_KINDS)('segment and date scans with memory on %s', (kind) => {
  const database = useTestDatabase(kind)

  it('propose exactly what judging every contact proposes, after any writes and clock advances', async () => {
    const { db } = database()
    await fc.assert(
      fc.asyncProperty(
        fc.array(contact, { minLength: CONTACTS, maxLength: CONTACTS }),
        fc.tuple(condition, condition),
        fc.tuple(dateTrigger, entryRule, entryRule),
        fc.array(step, { minLength: 4, maxLength: 24 }),
        fc.integer({ min: -48, max: 48 }).map((hours) => T0 + hours * HOUR),
        async (people, [first, second], [date, entryOne, entryTwo], steps, publishedAt) => {
          await db.execute(sql`truncate contacts, enrollments, segments cascade`)
          await db.execute(sql`delete from settings where key like 'scan:%'`)
          await db.insert(contacts).values(people.map((person, index) => row(index, person)))
          await db.insert(segments).values([
            // Plain objects: fast-check may build them without a prototype, which the driver refuses.
            { id: 's1', name: 's1', condition: JSON.parse(JSON.stringify(first)) },
            { id: 's2', name: 's2', condition: JSON.parse(JSON.stringify(second)) },
          ])
          const live = [
            journey('j1', entryOne, [trigger('t1', { on: 'segment_entered', segmentId: 's1' })], publishedAt),
            journey('j2', entryTwo, [trigger('t2', { on: 'segment_entered', segmentId: 's2' }), trigger('t3', date)], publishedAt),
          ]
          const memory = scanMemory()
          let now = T0
          for (const change of steps) {
            if (change.type === 'advance') now += change.hours * HOUR
            await apply(db, change, now)
            // Judging everyone, in a transaction rolled back so the journeys' last scan stays where it was.
            let everyone: ScheduledEntry[] = []
            await db
              .transaction(async (tx) => {
                everyone = await dueScheduledEntries(tx as unknown as Database, live, now, 'Asia/Shanghai')
                throw new Error('rolled back')
              })
              .catch((error: Error) => {
                if (error.message !== 'rolled back') throw error
              })
            expect(sorted(await dueScheduledEntries(db, live, now, 'Asia/Shanghai', memory))).toEqual(sorted(everyone))
          }
        },
      ),
      { numRuns: 40, seed: 18 },
    )
  })
})
