import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { admitThroughThrottle, defaultPolicies, simulate, type ThrottleState } from '../src/index'
import { at, contact, template } from './helpers'

const MINUTE = 60_000

/** Admission times of arrivals, in order, through one throttle. */
function admissions(throttle: { limit: number; per: 'minute' | 'hour' }, arrivals: readonly number[]): number[] {
  let state: ThrottleState | undefined
  return arrivals.map((arrival) => {
    const admission = admitThroughThrottle(throttle, state, arrival)
    state = admission.state
    return admission.at
  })
}

describe('entry throttle', () => {
  it('admits 3 a minute and queues the rest in arrival order for the next minutes', () => {
    const nine = at('2026-11-02T09:00:00+08:00')
    const arrivals = [0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 70_000, 200_000].map((offset) => nine + offset)
    expect(admissions({ limit: 3, per: 'minute' }, arrivals).map((admitted) => (admitted - nine) / 1000)).toEqual([0, 1, 2, 60, 60, 60, 120, 120, 200])
  })

  it('per hour: the fourth of an hour waits for the next clock hour', () => {
    const arrivals = ['09:05', '09:10', '09:20', '09:30', '11:15'].map((time) => at(`2026-11-02T${time}:00+08:00`))
    expect(admissions({ limit: 3, per: 'hour' }, arrivals)).toEqual(['09:05', '09:10', '09:20', '10:00', '11:15'].map((time) => at(`2026-11-02T${time}:00+08:00`)))
  })

  it('never admits more than N in a clock period, never before arrival or out of order, and drops no one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<'minute' | 'hour'>('minute', 'hour'),
        fc.array(fc.integer({ min: 0, max: 3 * 60 * MINUTE }), { maxLength: 60 }),
        (limit, per, offsets) => {
          const arrivals = [...offsets].sort((a, b) => a - b)
          const admitted = admissions({ limit, per }, arrivals)
          const period = per === 'minute' ? MINUTE : 60 * MINUTE
          expect(admitted).toHaveLength(arrivals.length)
          const perPeriod = new Map<number, number>()
          admitted.forEach((time, index) => {
            expect(time).toBeGreaterThanOrEqual(arrivals[index] as number)
            if (index > 0) expect(time).toBeGreaterThanOrEqual(admitted[index - 1] as number)
            perPeriod.set(Math.floor(time / period), (perPeriod.get(Math.floor(time / period)) ?? 0) + 1)
            // Held only when its arrival's period (or a later one it waited into) was full.
            if (time > (arrivals[index] as number)) expect(time % period).toBe(0)
          })
          for (const count of perPeriod.values()) expect(count).toBeLessThanOrEqual(limit)
        },
      ),
    )
  })

  it('delays entries in simulation: 10 shoppers at 09:00 with at most 4 a minute enter at 09:00, 09:01 and 09:02', () => {
    const journey = structuredClone(template('abandoned-cart'))
    const trigger = journey.nodes.find((node) => node.id === 'trigger') as { data: { throttle?: { limit: number; per: 'minute' } } }
    trigger.data.throttle = { limit: 4, per: 'minute' }
    const people = Array.from({ length: 10 }, (_, index) => contact({ id: `c${index}` }))
    const nine = at('2026-11-02T09:00:00+08:00')
    const result = simulate(journey, people, { start: nine, days: 1, seed: 1, policies: defaultPolicies(), entrySpreadHours: 0, timelineContacts: 10 })
    const enteredAt = people.map((person) => ((result.timelines[person.id] ?? []).find((entry) => entry.kind === 'entered')?.at ?? 0) - nine)
    expect(enteredAt.map((offset) => offset / MINUTE)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2])
    expect(result.nodes.trigger?.entered).toBe(10)
    expect(result.nodes.trigger?.held).toBe(6)
    expect(result.held.find((reason) => reason.code === 'entry_throttle')).toEqual({
      code: 'entry_throttle',
      message: { en: 'queued: at most 4 entries per minute', zh: '排队:每分钟最多进入 4 人' },
      count: 6,
    })
    expect(result.timelines.c9?.[0]?.message.en).toBe('queued: at most 4 entries per minute, resumes 2026-11-02 09:02')
  })
})
