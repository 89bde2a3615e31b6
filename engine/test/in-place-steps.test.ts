import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { compileJourney } from '../src/compile'
import { defaultPolicies, type EnrollmentState, simulate, start, step } from '../src/index'
import { at, contact } from './helpers'

const people = Array.from({ length: 300 }, (_, index) =>
  contact({
    id: `p${index}`,
    timeZone: ['Asia/Shanghai', 'Europe/London', 'America/New_York'][index % 3],
    attributes: {
      name: `客户${index}`,
      tier: ['gold', 'silver', 'platinum'][index % 3],
      birthday: `1990-11-${String(1 + (index % 28)).padStart(2, '0')}`,
      last_order_at: '2026-06-01T00:00:00+08:00',
    },
    consent: index % 25 !== 24,
  }),
)
const options = {
  start: at('2026-11-02T20:30:00+08:00'),
  days: 30,
  seed: 9,
  policies: defaultPolicies(),
  entrySpreadHours: 36,
  timelineContacts: 300,
  keepMessages: 10_000,
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

// The simulator steps in place (StepOptions.inPlace); this stepper copies every enrollment and gets fresh arrays, as the server does.
const copying = {
  start: (compiled: Parameters<typeof start>[0], startOptions: Parameters<typeof start>[1]) => start(compiled, { ...startOptions, inPlace: false }),
  step: (compiled: Parameters<typeof step>[0], state: EnrollmentState, input: Parameters<typeof step>[2], stepOptions: Parameters<typeof step>[3]) =>
    step(compiled, state, input, { ...stepOptions, inPlace: false }),
}

describe('steps in place', () => {
  it.each(JOURNEY_TEMPLATES.map((document) => [document.id, document] as const))('give %s exactly what copying steps give, timelines and messages included', (_id, document) => {
    const inPlace = simulate(document, people, options)
    const copied = simulate(document, people, { ...options, stepper: copying })
    expect(JSON.stringify(inPlace)).toBe(JSON.stringify(copied))
  })

  it('leave the given enrollment and the arrays of earlier results alone unless asked', () => {
    const compiled = compileJourney(JOURNEY_TEMPLATES.find((document) => document.id === 'win-back-90-days') as (typeof JOURNEY_TEMPLATES)[number])
    const person = people[0] as (typeof people)[number]
    const entered = start(compiled, { contact: person, policies: defaultPolicies(), now: options.start, enrollmentId: 'e1', triggerNodeId: 'trigger', version: '1' })
    const before = JSON.stringify(entered)
    const woken = step(compiled, entered.state, { type: 'wake' }, { contact: person, policies: defaultPolicies(), now: (entered.state.wake?.at as number) + 1 })
    expect(JSON.stringify(entered)).toBe(before)
    expect(woken.state).not.toBe(entered.state)
    expect(woken.state.nodeId).toBe('last-call')
    // In place: the same enrollment comes back, moved on.
    const state = JSON.parse(before).state as EnrollmentState
    const moved = step(compiled, state, { type: 'wake' }, { contact: person, policies: defaultPolicies(), now: (state.wake?.at as number) + 1, inPlace: true })
    expect(moved.state).toBe(state)
    expect(JSON.stringify(moved.state)).toBe(JSON.stringify(woken.state))
  })
})
