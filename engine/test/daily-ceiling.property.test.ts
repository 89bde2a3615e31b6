import type { JourneyDocument, JourneyNode } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ContactView, DAY, defaultPolicies, HOUR, MINUTE, simulate } from '../src/index'
import { EVEN_AB_SPLIT } from './helpers'

/** Nodes of a journey built to send as often as it can: short waits, zero-time waits, events that come at once. */
const nodeArbitrary = fc.oneof(
  fc.integer({ min: 5, max: 90 }).map((amount) => ({ type: 'wait' as const, data: { mode: 'duration' as const, duration: { amount, unit: 'minutes' as const } } })),
  // A date in the past: the wait ends the instant it starts.
  fc.constant({ type: 'wait' as const, data: { mode: 'until_date_attribute' as const, attribute: 'renew_at', offsetDays: 0, time: '10:00' } }),
  fc.integer({ min: 5, max: 120 }).map((amount) => ({
    type: 'wait' as const,
    data: { mode: 'for_event' as const, event: 'click', timeout: { amount, unit: 'minutes' as const } },
  })),
  fc.constantFrom('transactional' as const, 'marketing' as const, 'recall' as const).map((category) => ({ type: 'send_sms' as const, data: { text: '您有一条新消息', category } })),
  fc.constant(EVEN_AB_SPLIT),
)

const handlesOf = (node: JourneyNode): string[] => (node.type === 'ab_split' ? ['A', 'B'] : node.type === 'wait' && node.data.mode === 'for_event' ? ['event', 'timeout'] : ['out'])

/**
 * trigger → the nodes in a chain, every output of the last one leading back to node `back`: a loop
 * validation may well refuse, driven here directly to test the engine's own limits.
 */
function loopingJourney(steps: { type: JourneyNode['type']; data: unknown }[], back: number): JourneyDocument {
  const nodes = [{ id: 'start', type: 'trigger', data: { on: 'api' } }, ...steps.map((node, index) => ({ ...node, id: `n${index}` }))].map((node, index) => ({
    ...node,
    position: { x: index, y: 0 },
  })) as JourneyNode[]
  const edges = nodes.flatMap((node, index) =>
    handlesOf(node).map((handle) => {
      const target = index === nodes.length - 1 ? `n${back % steps.length}` : (nodes[index + 1] as JourneyNode).id
      return { id: `${node.id}-${handle}`, source: node.id, sourceHandle: handle, target }
    }),
  )
  return { schemaVersion: 1, id: 'spin', name: 'Spin', description: '', settings: { category: 'marketing', entry: { reentry: 'never' }, onCapReached: 'skip' }, nodes, edges }
}

const worldArbitrary = fc.record({
  steps: fc.array(nodeArbitrary, { minLength: 1, maxLength: 6 }),
  back: fc.nat(),
  ceiling: fc.integer({ min: 1, max: 12 }),
  withCaps: fc.boolean(),
  start: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
  priorSends: fc.array(fc.integer({ min: 0, max: 30 * 60 }), { maxLength: 12 }),
  people: fc.integer({ min: 1, max: 3 }),
})

describe('daily message ceiling (fast-check)', () => {
  it('never gives a contact more than the ceiling in any rolling 24 hours, transactional included, caps or none', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ steps, back, ceiling, withCaps, start, priorSends, people }) => {
        const policies = defaultPolicies({ dailyMessageCeiling: ceiling, ...(withCaps ? {} : { caps: [] }) })
        const contacts: ContactView[] = Array.from({ length: people }, (_, index) => ({
          id: `p${index}`,
          timeZone: 'Asia/Shanghai',
          attributes: { renew_at: start - 30 * DAY },
          consent: true,
          suppressed: false,
          sends: priorSends.map((minutesAgo) => ({ at: start - minutesAgo * MINUTE, category: 'transactional' as const })),
          events: [],
        }))
        const result = simulate(loopingJourney(steps, back), contacts, {
          start,
          days: 2,
          seed: 3,
          policies,
          keepMessages: 100_000,
          timelineContacts: 0,
          entrySpreadHours: 2,
          behaviours: [{ reactions: [{ event: 'click', probability: 0.9, delayHours: [0, 0.2] }] }],
        })
        for (const person of contacts) {
          const sent = result.messages.sample.filter((message) => message.contactId === person.id)
          const all = [...person.sends.map((send) => send.at), ...sent.map((message) => message.at)]
          for (const message of sent) {
            const inDay = all.filter((at) => at > message.at - DAY && at <= message.at).length
            expect(inDay).toBeLessThanOrEqual(ceiling)
          }
        }
        expect(result.messages.total).toBe(result.messages.sample.length)
      }),
      { numRuns: 50 },
    )
  })

  it('lets a busy loop reach the ceiling, so the property above is not empty', () => {
    const steps = [
      { type: 'wait' as const, data: { mode: 'duration' as const, duration: { amount: 5, unit: 'minutes' as const } } },
      { type: 'send_sms' as const, data: { text: '您有一条新消息', category: 'transactional' as const } },
    ]
    const start = Date.parse('2026-11-24T10:00:00+08:00')
    const person: ContactView = { id: 'p0', timeZone: 'Asia/Shanghai', attributes: {}, consent: true, suppressed: false, sends: [], events: [] }
    const result = simulate(loopingJourney(steps, 0), [person], { start, days: 2, seed: 1, policies: defaultPolicies({ caps: [] }), keepMessages: 100, timelineContacts: 0 })
    // Ten in the first 50 minutes, then ten more once the first has been 24 hours old: 24:05 after start.
    expect(result.messages.sample.map((message) => (message.at - start) / MINUTE)).toEqual([
      ...Array.from({ length: 10 }, (_, index) => 5 * (index + 1)),
      ...Array.from({ length: 10 }, (_, index) => (24 * HOUR) / MINUTE + 5 * (index + 1)),
    ])
  })
})
