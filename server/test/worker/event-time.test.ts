import { describe, expect, it } from 'vitest'
import { eventTime, reachesEnrollment, startsJourneys } from '../../src/worker/event-time'

const at = (iso: string) => Date.parse(iso)
/** Entered at 10:00, waiting at the node since 10:30. */
const state = { enteredAt: at('2026-11-24T10:00:00Z'), nodeEnteredAt: at('2026-11-24T10:30:00Z') }

describe('event time', () => {
  it('is the time the sender gave, else the time of arrival', () => {
    expect(eventTime('2026-11-24T09:00:00+08:00', at('2026-11-24T05:00:00Z'))).toBe(at('2026-11-24T01:00:00Z'))
    expect(eventTime(undefined, 123)).toBe(123)
  })

  it('ends a wait only with an event from while the contact waited', () => {
    expect(reachesEnrollment(state, undefined, { name: 'order_placed', at: at('2026-11-24T10:20:00Z') })).toBe(false)
    expect(reachesEnrollment(state, undefined, { name: 'order_placed', at: at('2026-11-24T10:30:00Z') })).toBe(true)
  })

  it('counts a goal from any time since entry, never from before', () => {
    expect(reachesEnrollment(state, 'order_placed', { name: 'order_placed', at: at('2026-11-24T10:20:00Z') })).toBe(true)
    expect(reachesEnrollment(state, 'order_placed', { name: 'order_placed', at: at('2026-11-24T09:59:59Z') })).toBe(false)
  })

  it('starts journeys only with events younger than the window', () => {
    const now = at('2026-11-25T10:00:00Z')
    expect(startsJourneys(at('2026-11-24T10:00:00Z'), now, 24)).toBe(true)
    expect(startsJourneys(at('2026-11-24T09:59:59Z'), now, 24)).toBe(false)
  })
})
