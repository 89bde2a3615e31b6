import { type ContactView, defaultPolicies, simulateWorkspace, type WorkspaceJourney } from '@recall/engine'
import { JOURNEY_TEMPLATES, type JourneyDocument, type JourneyNode } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { readTimeline } from '../../src/repositories/timeline'
import { journeyRunner } from '../../src/worker/runner'
import { testDatabase } from '../support/databases'
import { runWakeByWake } from '../support/wake-by-wake'

/** The A/B offer test entered through the API: splits, sends at night and in the day, reminders. */
const offer: JourneyDocument = (() => {
  const document = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'ab-offer-test') as JourneyDocument)
  const trigger = document.nodes.find((node) => node.type === 'trigger')
  if (trigger) trigger.data = { on: 'api' }
  return document
})()

/** A second live journey over the same contacts: recall sends a day and a half, then four days in. */
const nudge: JourneyDocument = (() => {
  const steps = [
    { id: 'start', type: 'trigger', data: { on: 'api' } },
    { id: 'wait-1', type: 'wait', data: { mode: 'duration', duration: { amount: 36, unit: 'hours' } } },
    { id: 'nudge-1', type: 'send_sms', data: { text: '{{name|您}},该补货了', category: 'recall' } },
    { id: 'wait-2', type: 'wait', data: { mode: 'duration', duration: { amount: 60, unit: 'hours' } } },
    { id: 'nudge-2', type: 'send_sms', data: { text: '{{name|您}},最后提醒', category: 'recall' } },
    { id: 'end', type: 'exit', data: { reason: 'completed' } },
  ]
  return {
    schemaVersion: 1,
    id: 'reorder-nudge',
    name: 'Reorder nudge',
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
    nodes: steps.map((node, index) => ({ ...node, position: { x: index * 300, y: 0 } }) as JourneyNode),
    edges: steps.slice(0, -1).map((node, index) => ({ id: `e${index}`, source: node.id, sourceHandle: 'out', target: (steps[index + 1] as { id: string }).id })),
  }
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

describe('workspace simulation and live server agree', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await testDatabase('pglite')
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('gives the same messages for two live journeys sharing the caps on the same contacts', async () => {
    const program: WorkspaceJourney[] = [offer, nudge].map((document) => ({ id: document.id, name: document.name, document }))
    const simulated = simulateWorkspace(program, people, { start, days: 10, seed: 1, policies: defaultPolicies(), keepMessages: 10_000, timelineContacts: 0, topContacts: 0 })

    let now = start
    const runner = journeyRunner(handle.db, { clock: () => now })
    for (const { document } of program) {
      await journeysRepository(handle.db).create(document)
      await journeysRepository(handle.db).publish(document.id, '')
    }
    await contactsRepository(handle.db).upsert(people.map((person) => ({ ...person, phone: `+86138000000${person.id.slice(2)}` })))
    // Entered in the simulation's order: every contact into the first journey, then into the second.
    for (const { id } of program)
      await runner.enrollByApi(
        id,
        people.map((person) => person.id),
      )
    await runWakeByWake(handle.db, runner, start + 10 * 86_400_000, (at) => {
      now = at
    })

    const live = await handle.db
      .select({ journeyId: messages.journeyId, contactId: contacts.externalId, nodeId: messages.nodeId, at: messages.createdAt })
      .from(messages)
      .innerJoin(contacts, eq(contacts.id, messages.contactId))
      .orderBy(asc(messages.createdAt), asc(contacts.externalId), asc(messages.journeyId))
    const expected = Object.values(simulated.journeys)
      .flatMap((journey) => journey.messages.sample.map((message) => ({ ...message, journeyId: journey.id })))
      .sort((a, b) => a.at - b.at || a.contactId.localeCompare(b.contactId) || a.journeyId.localeCompare(b.journeyId))
    expect(live.map((message) => [message.journeyId, message.contactId, message.nodeId, message.at.getTime()])).toEqual(
      expected.map((message) => [message.journeyId, message.contactId, message.nodeId, message.at]),
    )
    // Both journeys send, and the shared caps keep some of the nudges back.
    expect(simulated.journeys['reorder-nudge']?.messages.total).toBeGreaterThan(0)
    expect(simulated.journeys['reorder-nudge']?.skipped.length).toBeGreaterThan(0)
    // The live timelines give the same reasons as the simulation, naming the journey that used the cap.
    const nudged = await handle.db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.journeyId, 'reorder-nudge'))
    const skippedLive = (
      await readTimeline(
        handle.db,
        nudged.map((row) => row.id),
      )
    ).filter((line) => line.kind === 'skipped')
    const liveReasons = new Map<string, number>()
    for (const { message } of skippedLive) liveReasons.set(message.en, (liveReasons.get(message.en) ?? 0) + 1)
    expect(Object.fromEntries(liveReasons)).toEqual(Object.fromEntries(simulated.journeys['reorder-nudge']?.skipped.map((reason) => [reason.message.en, reason.count]) ?? []))
    expect([...liveReasons.keys()]).toEqual(['skipped: recall cap 2 per 30 days reached, used by journeys "A/B offer test · 优惠力度A/B测试", "Reorder nudge"'])
  })
})
