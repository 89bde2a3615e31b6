import type { JourneyDocument, JourneyNode, SendWindow } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ContactView, DAY, defaultPolicies, type SimulationResult, simulate, toLocal } from '../src/index'
import { EVEN_AB_SPLIT, template } from './helpers'

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Auckland']
const policies = defaultPolicies({ spreadHeldMinutes: 20, holidays: [{ date: '2026-10-01', start: '10:00', end: '21:00' }] })

const windowArbitrary: fc.Arbitrary<SendWindow | undefined> = fc.option(
  fc.array(
    fc.record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      start: fc.integer({ min: 0, max: 22 }).map((hour) => `${String(hour).padStart(2, '0')}:00`),
      end: fc.integer({ min: 1, max: 23 }).map((hour) => `${String(hour).padStart(2, '0')}:30`),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  { nil: undefined },
)

/** One node of a random journey; chains of these cover waits, splits, sends and reminders. */
const nodeArbitrary = fc.oneof(
  fc
    .record({ amount: fc.integer({ min: 1, max: 72 }), unit: fc.constantFrom('minutes' as const, 'hours' as const, 'days' as const) })
    .map((duration) => ({ type: 'wait' as const, data: { mode: 'duration' as const, duration } })),
  fc.integer({ min: 0, max: 23 }).map((hour) => ({ type: 'wait' as const, data: { mode: 'until_time' as const, time: `${String(hour).padStart(2, '0')}:15` } })),
  fc
    .record({ category: fc.constantFrom('marketing' as const, 'recall' as const), sendWindow: windowArbitrary, withOffer: fc.boolean() })
    .map(({ category, sendWindow, withOffer }) => ({
      type: 'send_sms' as const,
      data: {
        text: '{{name|亲}},好久不见',
        category,
        ...(sendWindow ? { sendWindow } : {}),
        ...(withOffer ? { offer: { kind: 'amount_off' as const, value: 10, label: '10元券', validHours: 48 } } : {}),
      },
    })),
  fc.constant(EVEN_AB_SPLIT),
  fc.constant({
    type: 'segment_split' as const,
    data: {
      branches: [
        {
          id: 'gold',
          label: 'gold',
          condition: { match: 'all' as const, conditions: [{ kind: 'attribute' as const, attribute: 'tier', operator: 'eq' as const, value: 'gold' }] },
        },
      ],
    },
  }),
  fc.integer({ min: 1, max: 48 }).map((hours) => ({
    type: 'reminder_before_expiry' as const,
    data: {
      expiry: { source: 'attribute' as const, attribute: 'points_expire_at' },
      before: { amount: hours, unit: 'hours' as const },
      text: '积分即将到期',
      category: 'recall' as const,
    },
  })),
)

function chainJourney(steps: { type: JourneyNode['type']; data: unknown }[], onCapReached: 'skip' | 'hold' | 'exit'): JourneyDocument {
  const nodes = [
    { id: 'start', type: 'trigger', data: { on: 'api' } },
    ...steps.map((node, index) => ({ ...node, id: `n${index}` })),
    { id: 'end', type: 'exit', data: { reason: 'done' } },
  ].map((node, index) => ({ ...node, position: { x: index, y: 0 } })) as JourneyNode[]
  const handlesOf = (node: JourneyNode) =>
    node.type === 'ab_split' ? ['A', 'B'] : node.type === 'segment_split' ? ['gold', 'else'] : node.type === 'reminder_before_expiry' ? ['sent', 'skipped'] : ['out']
  const edges = nodes
    .slice(0, -1)
    .flatMap((node, index) =>
      handlesOf(node).map((handle) => ({ id: `${node.id}-${handle}`, source: node.id, sourceHandle: handle, target: (nodes[index + 1] as JourneyNode).id })),
    )
  return { schemaVersion: 1, id: 'random', name: 'Random', description: '', settings: { category: 'recall', entry: { reentry: 'never' }, onCapReached }, nodes, edges }
}

const contactArbitrary = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  tier: fc.constantFrom('gold', 'silver'),
  expiresInHours: fc.integer({ min: -24, max: 24 * 20 }),
  priorSends: fc.array(fc.record({ hoursAgo: fc.integer({ min: 0, max: 24 * 40 }), category: fc.constantFrom('marketing' as const, 'recall' as const) }), { maxLength: 4 }),
})

/** Starts spread over 2026, including the DST changes in New York (Mar 8, Nov 1) and London (Mar 29, Oct 25). */
const startArbitrary = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
  fc.constantFrom('2026-03-07T12:00:00Z', '2026-03-28T20:00:00Z', '2026-10-24T21:30:00Z', '2026-10-31T23:00:00Z', '2026-09-30T20:00:00Z').map((iso) => Date.parse(iso)),
)

function run(journey: JourneyDocument, contacts: ContactView[], start: number): SimulationResult {
  return simulate(journey, contacts, {
    start,
    days: 21,
    seed: 5,
    policies,
    keepMessages: 100_000,
    timelineContacts: contacts.length,
    entrySpreadHours: 30,
    behaviours: [{ reactions: [{ event: 'order_placed', probability: 0.2, delayHours: [1, 30] }] }],
  })
}

const journeyArbitrary = fc.oneof(
  fc
    .tuple(fc.array(nodeArbitrary, { minLength: 1, maxLength: 6 }), fc.constantFrom('skip' as const, 'hold' as const, 'exit' as const))
    .map(([steps, onCap]) => chainJourney(steps, onCap)),
  fc.constantFrom(template('win-back-90-days'), template('new-user-activation'), template('ab-offer-test'), template('abandoned-cart')),
)

const worldArbitrary = fc
  .record({ journey: journeyArbitrary, start: startArbitrary, people: fc.array(contactArbitrary, { minLength: 1, maxLength: 6 }) })
  .map(({ journey, start, people }) => ({
    journey,
    start,
    contacts: people.map(
      (person, index): ContactView => ({
        id: `p${index}`,
        timeZone: person.timeZone,
        attributes: { tier: person.tier, points_expire_at: start + person.expiresInHours * 3_600_000, signup_at: start - 7 * DAY },
        consent: true,
        suppressed: false,
        sends: person.priorSends.map((send) => ({ at: start - send.hoursAgo * 3_600_000, category: send.category })),
        events: [],
      }),
    ),
  }))

describe('engine properties (fast-check)', () => {
  it('never sends a marketing or recall message outside 08:00–21:00 local, DST included', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ journey, start, contacts }) => {
        const zones = new Map(contacts.map((person) => [person.id, person.timeZone as string]))
        for (const message of run(journey, contacts, start).messages.sample) {
          const local = toLocal(message.at, zones.get(message.contactId) as string)
          expect(local.minutes).toBeGreaterThanOrEqual(8 * 60)
          expect(local.minutes).toBeLessThan(21 * 60)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('never exceeds a frequency cap, counting sends made before the journey', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ journey, start, contacts }) => {
        const result = run(journey, contacts, start)
        for (const person of contacts) {
          const all = [...person.sends, ...result.messages.sample.filter((message) => message.contactId === person.id)]
          for (const sent of result.messages.sample.filter((message) => message.contactId === person.id)) {
            for (const rule of policies.caps.filter((cap) => cap.categories.includes(sent.category))) {
              const windowMs = rule.window.amount * (rule.window.unit === 'days' ? DAY : 3_600_000)
              const inWindow = all.filter((send) => rule.categories.includes(send.category) && send.at > sent.at - windowMs && send.at <= sent.at).length
              expect(inWindow).toBeLessThanOrEqual(rule.limit)
            }
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('moves each contact along edges only, and leaves it exited or resting with a reason', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ journey, start, contacts }) => {
        const result = run(journey, contacts, start)
        const edges = new Map(journey.edges.map((edge) => [edge.id, edge]))
        for (const timeline of Object.values(result.timelines)) {
          const entered = timeline.filter((entry) => entry.kind === 'entered')
          entered.slice(1).forEach((entry, index) => {
            const edge = edges.get(entry.detail as string)
            expect(edge?.target).toBe(entry.nodeId)
            expect(edge?.source).toBe(entered[index]?.nodeId)
          })
          expect(['exited', 'converted', 'waiting', 'held']).toContain(timeline.at(-1)?.kind)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('gives the same result for the same inputs', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ journey, start, contacts }) => {
        expect(run(journey, contacts, start)).toEqual(run(journey, contacts, start))
      }),
      { numRuns: 30 },
    )
  })
})
