import type { EnrollmentState } from '@recall/engine'

const HOUR = 3_600_000

/** The event's own time (when the order was placed), not when it arrived; arrival when the sender gave none. */
export function eventTime(occurredAt: string | undefined, now: number): number {
  return occurredAt ? Date.parse(occurredAt) : now
}

/**
 * Whether an event is recent enough to start journeys: a pipeline replaying last month's orders
 * must not send last month's reminders. Older events are still stored, for segments.
 */
export function startsJourneys(at: number, now: number, lateEventHours: number): boolean {
  return at >= now - lateEventHours * HOUR
}

/**
 * Whether an event moves an enrollment on, judged by when it happened: nothing from before the
 * contact entered; a goal (or a coupon redemption) from any time since; a wait-for-event only
 * what happened while the contact waited at its node, so an order placed before the wait began
 * does not end it.
 */
export function reachesEnrollment(state: Pick<EnrollmentState, 'enteredAt' | 'nodeEnteredAt'>, goalEvent: string | undefined, event: { name: string; at: number }): boolean {
  if (event.at < state.enteredAt) return false
  return event.name === goalEvent || event.name === 'coupon_redeemed' || event.at >= state.nodeEnteredAt
}
