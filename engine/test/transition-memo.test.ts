import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it, vi } from 'vitest'
import { type CompiledJourney, enteredTwice } from '../src/compile'
import { defaultPolicies, simulate, start, step } from '../src/index'
import { pureTransitions } from '../src/pure-transition'
import { at, contact } from './helpers'

const people = Array.from({ length: 300 }, (_, index) =>
  contact({
    id: `m${index}`,
    timeZone: ['Asia/Shanghai', 'Europe/London', 'America/New_York'][index % 3],
    attributes: { tier: ['gold', 'silver', 'platinum'][index % 3], birthday: `1990-11-${String(1 + (index % 28)).padStart(2, '0')}`, last_order_at: '2026-06-01T00:00:00+08:00' },
    consent: index % 25 !== 24,
  }),
)
const options = {
  start: at('2026-11-02T20:30:00+08:00'),
  days: 30,
  seed: 5,
  policies: defaultPolicies(),
  entrySpreadHours: 36,
  timelineContacts: 300,
  behaviours: [
    {
      reactions: [
        { event: 'link_clicked', probability: 0.4, delayHours: [0, 30] as [number, number] },
        { event: 'order_placed', probability: 0.15, delayHours: [1, 48] as [number, number] },
        { event: 'coupon_redeemed', probability: 0.1, delayHours: [1, 48] as [number, number] },
      ],
    },
  ],
}

describe('kept XState transitions', () => {
  it.each(JOURNEY_TEMPLATES.map((document) => [document.id, document] as const))(
    'give %s exactly what XState computes every time, with far fewer XState calls',
    (_id, document) => {
      // The same engine, with transitions that XState computes afresh every time.
      const fresh = new WeakMap<CompiledJourney, CompiledJourney>()
      const unkept = (compiled: CompiledJourney) => {
        let plain = fresh.get(compiled)
        if (!plain) {
          plain = { ...compiled, transitions: { ...compiled.transitions, transition: pureTransitions(compiled.machine, enteredTwice).transition } }
          fresh.set(compiled, plain)
        }
        return plain
      }
      // Counts XState's own work: the spy is set at the first call, on the machine the simulator compiled.
      let spy: { mock: { calls: unknown[] } } | undefined
      const through = (pick: (compiled: CompiledJourney) => CompiledJourney) => ({
        start: (compiled: CompiledJourney, startOptions: Parameters<typeof start>[1]) => {
          spy ??= vi.spyOn(compiled.machine, 'transition')
          return start(pick(compiled), startOptions)
        },
        step: (compiled: CompiledJourney, state: Parameters<typeof step>[1], input: Parameters<typeof step>[2], stepOptions: Parameters<typeof step>[3]) =>
          step(pick(compiled), state, input, stepOptions),
      })
      const kept = simulate(document, people, { ...options, stepper: through((compiled) => compiled) })
      const keptCalls = spy?.mock.calls.length ?? 0
      const computed = simulate(document, people, { ...options, stepper: through(unkept) })
      const freshCalls = (spy?.mock.calls.length ?? 0) - keptCalls
      vi.restoreAllMocks()
      expect(kept).toEqual(computed)
      expect(JSON.stringify(kept)).toBe(JSON.stringify(computed))
      expect(keptCalls).toBeLessThanOrEqual(freshCalls / 4)
    },
  )
})
