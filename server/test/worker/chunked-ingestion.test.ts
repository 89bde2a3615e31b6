import type { JourneyDocument, JourneyNode } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { count, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { contacts, coupons, enrollments, eventCounts, events, messages, stepLog } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const at = (iso: string) => Date.parse(iso)

/** Event trigger, wait-for-order 1 h (goal: an order). */
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

/** Each sign-up enters and queues its welcome message at once. */
const welcome: JourneyDocument = {
  schemaVersion: 1,
  id: 'welcome',
  name: 'welcome',
  description: '',
  settings: { category: 'transactional', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', data: { on: 'event', event: 'signed_up' } },
    { id: 'hello', type: 'send_sms', data: { text: '欢迎加入', category: 'transactional' } },
    { id: 'end', type: 'exit', data: { reason: 'done' } },
  ].map((node, index) => ({ ...node, position: { x: index * 300, y: 0 } }) as JourneyNode),
  edges: [
    { id: 'e0', source: 'start', sourceHandle: 'out', target: 'hello' },
    { id: 'e1', source: 'hello', sourceHandle: 'out', target: 'end' },
  ],
}

/** More than two chunks of an ingestion's writes (2,000 events each). */
const PEOPLE = 4_500

const person = (index: number) => ({
  id: `P-${index}`,
  phone: `+86137${String(index).padStart(8, '0')}`,
  timeZone: 'Asia/Shanghai',
  attributes: {},
  consent: true,
  suppressed: false,
  sends: [],
  events: [],
})

describe.each(DATABASE_KINDS)('an ingestion written in chunks on %s', (kind) => {
  let handle: DatabaseHandle
  let now = at('2026-11-24T20:30:00+08:00')
  let runner: ReturnType<typeof journeyRunner>
  const rows = async (table: typeof events | typeof enrollments | typeof messages | typeof stepLog | typeof contacts | typeof eventCounts) =>
    (await handle.db.select({ n: count() }).from(table))[0]?.n

  beforeAll(async () => {
    handle = await testDatabase(kind)
    runner = journeyRunner(handle.db, { clock: () => now })
    for (const journey of [cart, welcome]) {
      await journeysRepository(handle.db).create(journey)
      await journeysRepository(handle.db).publish(journey.id, 'go live')
    }
    await contactsRepository(handle.db).upsert(Array.from({ length: PEOPLE }, (_, index) => person(index)))
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('enters every contact once, queues each message once and steps a contact already in a journey, whichever chunk it falls in', async () => {
    await runner.ingestEvents([{ contactId: 'P-7', name: 'cart_added' }])
    now = at('2026-11-24T20:40:00+08:00')
    const answer = await runner.ingestEvents([
      ...Array.from({ length: PEOPLE }, (_, index) => ({ contactId: `P-${index}`, name: 'signed_up' })),
      { contactId: 'P-7', name: 'order_placed' },
    ])
    expect(answer).toMatchObject({ accepted: PEOPLE + 1, duplicates: 0, refused: 0, created: 0, entered: PEOPLE })
    expect(answer.events.map((event) => event.index)).toEqual(Array.from({ length: PEOPLE + 1 }, (_, index) => index))
    const welcomed = await handle.db.select({ contactId: messages.contactId }).from(messages).where(eq(messages.nodeId, 'hello'))
    expect(welcomed.length).toBe(PEOPLE)
    expect(new Set(welcomed.map((row) => row.contactId)).size).toBe(PEOPLE)
    expect(await rows(events)).toBe(PEOPLE + 2)
    const [ordered] = await handle.db.select({ status: enrollments.status, converted: enrollments.converted }).from(enrollments).where(eq(enrollments.journeyId, 'abandoned-cart'))
    expect(ordered).toEqual({ status: 'exited', converted: true })
    expect(await runner.nodeCounts('abandoned-cart')).toEqual({})
  })

  it('writes nothing at all when a later chunk fails: not the earlier chunks, the events, the new contacts nor the counts', async () => {
    // The second enrollments insert of a transaction fails: the first chunk's rows are written by then.
    await handle.db.execute(sql`
      create function fail_second_insert() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('test.inserts', true), '') = '1' then raise exception 'second chunk refused'; end if;
        perform set_config('test.inserts', '1', true);
        return null;
      end $$`)
    await handle.db.execute(sql`create trigger fail_second_insert after insert on enrollments for each statement execute function fail_second_insert()`)
    const before = await Promise.all([rows(events), rows(enrollments), rows(messages), rows(stepLog), rows(contacts), rows(eventCounts)])
    const [counted] = await handle.db.select({ count: eventCounts.count }).from(eventCounts).where(eq(eventCounts.name, 'cart_added'))
    const sent = Array.from({ length: PEOPLE }, (_, index) => ({ contactId: index % 2 === 0 ? `P-${index}` : `NEW-${index}`, name: 'cart_added', messageId: `m-${index}` }))
    await expect(runner.ingestEvents(sent)).rejects.toThrow()
    await handle.db.execute(sql`drop trigger fail_second_insert on enrollments`)
    expect(await Promise.all([rows(events), rows(enrollments), rows(messages), rows(stepLog), rows(contacts), rows(eventCounts)])).toEqual(before)
    expect((await handle.db.select({ count: eventCounts.count }).from(eventCounts).where(eq(eventCounts.name, 'cart_added')))[0]).toEqual(counted)
    // The message ids were not remembered either: the retry is taken in whole.
    expect(await runner.ingestEvents(sent)).toMatchObject({ accepted: PEOPLE, duplicates: 0, created: PEOPLE / 2, entered: PEOPLE })
  })

  it('marks redeemed codes with one statement: the later of two redemptions, codes written loosely, never another contact’s code', async () => {
    const [first, second] = (await handle.db.select({ id: contacts.id }).from(contacts).where(sql`${contacts.externalId} in ('P-1', 'P-2')`).orderBy(contacts.externalId)) as {
      id: string
    }[]
    await handle.db.insert(coupons).values([
      { code: 'GIFT-1', status: 'issued', contactId: first?.id },
      { code: 'GIFT-2', status: 'issued', contactId: second?.id },
    ])
    await runner.ingestEvents([
      { contactId: 'P-1', name: 'coupon_redeemed', properties: { code: ' gift-1 ' }, occurredAt: '2026-11-24T12:31:00Z' },
      { contactId: 'P-1', name: 'coupon_redeemed', properties: { code: 'GIFT-1' }, occurredAt: '2026-11-24T12:25:00Z' },
      { contactId: 'P-1', name: 'coupon_redeemed', properties: { code: 'GIFT-2' } },
    ])
    const stored = await handle.db.select({ code: coupons.code, status: coupons.status, redeemedAt: coupons.redeemedAt }).from(coupons).orderBy(coupons.code)
    expect(stored).toEqual([
      { code: 'GIFT-1', status: 'redeemed', redeemedAt: new Date('2026-11-24T12:31:00Z') },
      { code: 'GIFT-2', status: 'issued', redeemedAt: null },
    ])
  })
})
