import { type ContactView, defaultPolicies, simulate } from '@recall/engine'
import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { journeyRunner } from '../../src/worker/runner'
import { testDatabase } from '../support/databases'
import { runWakeByWake } from '../support/wake-by-wake'

/** The A/B offer test entered through the API: splits, sends at night and in the day, reminders. */
const journey: JourneyDocument = (() => {
  const document = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'ab-offer-test') as JourneyDocument)
  const trigger = document.nodes.find((node) => node.type === 'trigger')
  if (trigger) trigger.data = { on: 'api' }
  return document
})()

const start = Date.parse('2026-11-24T20:40:00+08:00')
const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Asia/Shanghai']
const people: ContactView[] = Array.from({ length: 24 }, (_, index) => ({
  id: `P-${String(index).padStart(2, '0')}`,
  timeZone: zones[index % zones.length],
  // The same +86 number as the live contact: Beijing time is judged beside a zone of its own in both.
  phone: `+86138000000${String(index).padStart(2, '0')}`,
  attributes: { name: `客户${index}` },
  consent: index % 11 !== 10,
  suppressed: false,
  sends: [],
  events: [],
}))

describe('simulator and live server agree', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await testDatabase('pglite')
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('gives the same messages and per-node counts for the same journey and contacts', async () => {
    const simulated = simulate(journey, people, { start, days: 10, seed: 1, policies: defaultPolicies(), keepMessages: 10_000, timelineContacts: 0 })

    let now = start
    const runner = journeyRunner(handle.db, { clock: () => now })
    await journeysRepository(handle.db).create(journey)
    await journeysRepository(handle.db).publish(journey.id, '')
    await contactsRepository(handle.db).upsert(people.map((person) => ({ ...person, phone: `+86138000000${person.id.slice(2)}` })))
    await runner.enrollByApi(
      journey.id,
      people.map((person) => person.id),
    )
    await runWakeByWake(handle.db, runner, start + 10 * 86_400_000, (at) => {
      now = at
    })

    const live = await handle.db
      .select({ contactId: contacts.externalId, nodeId: messages.nodeId, at: messages.createdAt, text: messages.text })
      .from(messages)
      .innerJoin(contacts, eq(contacts.id, messages.contactId))
      .orderBy(asc(messages.createdAt), asc(contacts.externalId))
    const expected = [...simulated.messages.sample].sort((a, b) => a.at - b.at || a.contactId.localeCompare(b.contactId))
    expect(live.map((message) => [message.contactId, message.nodeId, message.at.getTime()])).toEqual(expected.map((message) => [message.contactId, message.nodeId, message.at]))
    // Texts differ only in the per-message short link and coupon code, which carry the enrollment id.
    const mask = (text: string) => text.replace(/https:\/\/rcl\.to\/\w+/g, '<link>')
    expect(live.map((message) => mask(message.text))).toEqual(expected.map((message) => mask(message.text)))

    const waiting = await handle.db
      .select({ nodeId: enrollments.nodeId, count: sql<number>`count(*)::int` })
      .from(enrollments)
      .where(eq(enrollments.status, 'active'))
      .groupBy(enrollments.nodeId)
    const simulatedWaiting = Object.entries(simulated.nodes).flatMap(([nodeId, counts]) => (counts.waiting > 0 ? [[nodeId, counts.waiting]] : []))
    expect(waiting.map((row) => [row.nodeId, row.count]).sort()).toEqual(simulatedWaiting.sort())
    const exits = await handle.db
      .select({ reason: enrollments.exitReason, count: sql<number>`count(*)::int` })
      .from(enrollments)
      .where(eq(enrollments.status, 'exited'))
      .groupBy(enrollments.exitReason)
    expect(Object.fromEntries(exits.map((row) => [row.reason, row.count]))).toEqual(Object.fromEntries(simulated.exits.map((reason) => [reason.message.en, reason.count])))
    expect(live.length).toBeGreaterThan(20)
  })
})
