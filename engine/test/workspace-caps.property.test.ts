import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY, defaultPolicies, simulateWorkspace, type WorkspaceJourney } from '../src/index'
import { chain, contact } from './helpers'

/** A journey's nodes: sends of either promotional category between waits of minutes to days. */
const stepArbitrary = fc.oneof(
  fc.constantFrom('marketing' as const, 'recall' as const).map((category) => ({ type: 'send_sms' as const, data: { text: '回来看看吧', category } })),
  fc
    .record({ amount: fc.integer({ min: 1, max: 72 }), unit: fc.constantFrom('minutes' as const, 'hours' as const) })
    .map((duration) => ({ type: 'wait' as const, data: { mode: 'duration' as const, duration } })),
)

const worldArbitrary = fc.record({
  journeys: fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 3 }),
  onCapReached: fc.constantFrom('skip' as const, 'hold' as const),
  limit: fc.integer({ min: 1, max: 3 }),
  windowDays: fc.integer({ min: 1, max: 30 }),
  spreadHours: fc.integer({ min: 0, max: 48 }),
  seed: fc.nat(),
})

describe('workspace caps (fast-check)', () => {
  it('never gives a contact more capped sends in any rolling window than the shared cap, whatever the journeys and their timings', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ journeys, onCapReached, limit, windowDays, spreadHours, seed }) => {
        const windowMs = windowDays * DAY
        const program: WorkspaceJourney[] = journeys.map((steps, index) => ({
          id: `j${index}`,
          name: `Journey ${index}`,
          document: chain(
            steps.map((step, position) => ({ ...step, id: `n${position}` })),
            { onCapReached },
          ),
        }))
        const policies = defaultPolicies({ caps: [{ id: 'shared', categories: ['marketing', 'recall'], limit, window: { amount: windowDays, unit: 'days' } }] })
        const people = Array.from({ length: 3 }, (_, index) => contact({ id: `p${index}` }))
        const result = simulateWorkspace(program, people, {
          start: Date.parse('2026-11-02T09:00:00+08:00'),
          days: 10,
          seed,
          policies,
          entrySpreadHours: spreadHours,
          keepMessages: Number.POSITIVE_INFINITY,
        })
        for (const person of people) {
          const times = Object.values(result.journeys)
            .flatMap((journey) => journey.messages.sample.filter((message) => message.contactId === person.id).map((message) => message.at))
            .sort((a, b) => a - b)
          for (const [index, time] of times.entries()) expect(times.filter((other) => other > time - windowMs && other <= time).length, `send ${index}`).toBeLessThanOrEqual(limit)
        }
      }),
      { numRuns: 60 },
    )
  })
})
