import type { JourneyDocument } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileJourney, defaultPolicies, type EnrollmentState, forecastFromLiveState, type LiveEnrollment, type LiveStateInput, start } from '../src/index'
import { at, chain, contact } from './helpers'

/** v1: a first touch, three days' wait, a second touch. */
const v1 = chain([
  { id: 'first', type: 'send_sms', data: { text: '好久不见,今天下单九折', category: 'recall' } },
  { id: 'hold', type: 'wait', data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
  { id: 'second', type: 'send_sms', data: { text: '九折券明天到期', category: 'recall' } },
])
/** The draft drops the wait: the second touch follows the first at once. */
const withoutWait = chain([
  { id: 'first', type: 'send_sms', data: { text: '好久不见,今天下单九折', category: 'recall' } },
  { id: 'second', type: 'send_sms', data: { text: '九折券明天到期', category: 'recall' } },
])
/** The draft keeps every node but makes the second touch two SMS parts long. */
const longerSecond: JourneyDocument = structuredClone(v1)
const second = longerSecond.nodes.find((node) => node.id === 'second')
if (second?.type === 'send_sms') second.data.text = '九折券明天到期'.repeat(10)

const forecastStart = at('2026-11-24T12:00:00+08:00')
const policies = defaultPolicies()
const compiledV1 = compileJourney(v1)

/** Contacts who got the first touch on 11-23 at 10:00 and now wait at `hold`, due at the given instants. */
function waitingAtHold(wakes: readonly number[]): LiveEnrollment[] {
  const sentAt = at('2026-11-23T10:00:00+08:00')
  return wakes.map((wake, index) => {
    const person = contact({ id: `c${index}`, sends: [{ at: sentAt, category: 'recall' }] })
    const { state } = start(compiledV1, { enrollmentId: `e${index}`, triggerNodeId: 'start', version: '1', contact: { ...person, sends: [] }, policies, now: sentAt })
    if (state.nodeId !== 'hold' || !state.wake) throw new Error('expected the contact waiting at hold')
    const moved: EnrollmentState = { ...state, wake: { ...state.wake, at: wake } }
    return { contact: person, state: moved }
  })
}

const input = (overrides: Partial<LiveStateInput>): LiveStateInput => ({
  draft: v1,
  versions: new Map([['1', v1]]),
  liveVersion: '1',
  inFlight: [],
  entrants: [],
  migrate: true,
  options: { start: forecastStart, days: 14, seed: 1, policies, keepMessages: 10_000, timelineContacts: 0 },
  ...overrides,
})

describe('forecastFromLiveState', () => {
  it('fires in-flight waits at their stored times, an overdue one at the start', () => {
    const wakes = [at('2026-11-24T09:00:00+08:00'), at('2026-11-25T10:00:00+08:00'), at('2026-11-26T14:30:00+08:00')]
    const forecast = forecastFromLiveState(input({ inFlight: waitingAtHold(wakes) }))
    const sent = forecast.proposed.result.messages.sample.map((message) => [message.contactId, message.nodeId, new Date(message.at).toISOString()])
    expect(sent).toEqual([
      ['c0', 'second', '2026-11-24T04:00:00.000Z'],
      ['c1', 'second', '2026-11-25T02:00:00.000Z'],
      ['c2', 'second', '2026-11-26T06:30:00.000Z'],
    ])
    // 11-24 12:00 to 11-25 12:00: the overdue one and the one at 10:00 the next morning.
    expect(forecast.proposed.next24hMessages).toBe(2)
    expect(forecast.proposed.result.messages.byDay.map((day) => [day.date, day.messages])).toEqual([
      ['2026-11-24', 1],
      ['2026-11-25', 1],
      ['2026-11-26', 1],
    ])
  })

  it('fires any in-flight wake at its stored time, an overdue one at the start, and none after the end (property)', () => {
    // Wakes inside the send window (09:00–20:59 Shanghai), from two days before the start to two after the end.
    const wake = fc
      .record({ day: fc.integer({ min: -2, max: 15 }), minute: fc.integer({ min: 9 * 60, max: 20 * 60 + 59 }) })
      .map(({ day, minute }) => at('2026-11-24T00:00:00+08:00') + day * 86_400_000 + minute * 60_000)
    fc.assert(
      fc.property(fc.array(wake, { minLength: 1, maxLength: 30 }), (wakes) => {
        const forecast = forecastFromLiveState(input({ inFlight: waitingAtHold(wakes) }))
        const end = forecastStart + 14 * 86_400_000
        const expected = wakes.filter((instant) => instant < end).map((instant) => Math.max(instant, forecastStart))
        const sent = forecast.proposed.result.messages.sample.map((message) => message.at)
        expect(sent).toEqual(expected.sort((a, b) => a - b))
        expect(forecast.current.result.messages.total).toBe(expected.length)
      }),
      { numRuns: 25 },
    )
  })

  it('counts 1,000 contacts waiting at a node the draft removes; they stay on their version and still get its second touch', () => {
    const wakes = Array.from({ length: 1000 }, (_, index) => forecastStart + (index % 48) * 3_600_000)
    const forecast = forecastFromLiveState(input({ draft: withoutWait, inFlight: waitingAtHold(wakes) }))
    expect(forecast.removedNodes).toEqual([{ nodeId: 'hold', summary: { en: 'Wait: Wait 3 days', zh: '等待:等待 3 天' }, contacts: 1000 }])
    expect([forecast.proposed.result.messages.total, forecast.current.result.messages.total]).toEqual([1000, 1000])
  })

  it('lists no node an earlier publish removed: contacts left on an older version are not moved by this one', () => {
    // v2 (live) already dropped `hold`; 70 contacts still wait there on v1. The draft differs from v2 only in its description.
    const draft = { ...structuredClone(withoutWait), description: 'Reworded' }
    const versions = new Map([
      ['1', v1],
      ['2', withoutWait],
    ])
    const wakes = Array.from({ length: 70 }, (_, index) => forecastStart + index * 3_600_000)
    const forecast = forecastFromLiveState(input({ draft, versions, liveVersion: '2', inFlight: waitingAtHold(wakes) }))
    expect(forecast.removedNodes).toEqual([])
    expect([forecast.proposed.result.messages.total, forecast.current.result.messages.total]).toEqual([70, 70])
  })

  it('gives the same figures for both scenarios when the draft is the live version', () => {
    const wakes = Array.from({ length: 50 }, (_, index) => forecastStart + index * 7_200_000)
    const entrants = Array.from({ length: 30 }, (_, index) => contact({ id: `new${index}` }))
    const forecast = forecastFromLiveState(input({ draft: structuredClone(v1), inFlight: waitingAtHold(wakes), entrants }))
    expect(forecast.proposed).toEqual(forecast.current)
    // Every entrant gets the first touch; the 24 who enter before the last three days also get the second.
    expect([forecast.proposed.result.nodes.first?.sent, forecast.proposed.result.nodes.second?.sent]).toEqual([30, 50 + 24])
    expect(forecast.removedNodes).toEqual([])
  })

  it('moves contacts onto the draft only when publishing migrates them', () => {
    const inFlight = waitingAtHold([at('2026-11-25T10:00:00+08:00'), at('2026-11-26T10:00:00+08:00')])
    const moved = forecastFromLiveState(input({ draft: longerSecond, inFlight }))
    const stayed = forecastFromLiveState(input({ draft: longerSecond, inFlight, migrate: false }))
    expect([moved.proposed.result.messages.parts, stayed.proposed.result.messages.parts, moved.current.result.messages.parts]).toEqual([4, 2, 2])
  })
})
