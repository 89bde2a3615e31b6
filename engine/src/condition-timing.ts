import { type ConditionGroup, type ConditionSubgroup, isSubgroup, type LeafCondition } from '@recall/shared'
import { DAY, parseInstant } from './time/zoned'
import type { ContactView } from './types'

/**
 * Around each instant where a condition may flip with time alone, the judgement is taken again at
 * every look: comparisons such as `at < now - span` round in floating point, so the flip is only
 * known to lie within a hair of the instant. A millisecond (more for huge numeric attributes, whose
 * sums round coarser: a sum is off by at most 2^-53 of itself) is far more than that hair.
 */
const marginAround = (threshold: number) => Math.max(1, Math.abs(threshold) * 2 ** -45)

/** The instants at which a leaf's truth may change as "now" moves, its contact unchanged. */
function leafThresholds(condition: LeafCondition, contact: ContactView): number[] {
  switch (condition.kind) {
    case 'attribute':
      // Compared with fixed values only: the same answer at any time.
      return []
    case 'date': {
      const at = parseInstant(contact.attributes[condition.attribute])
      if (at === undefined) return []
      const span = condition.days * DAY
      if (condition.operator === 'more_than_days_ago') return [at + span]
      if (condition.operator === 'less_than_days_ago') return [at, at + span]
      return [at - span, at]
    }
    case 'event_count': {
      const window = condition.withinDays * DAY
      return contact.events.filter((event) => event.name === condition.event).flatMap((event) => [event.at, event.at + window])
    }
  }
}

function collectThresholds(group: ConditionGroup | ConditionSubgroup, contact: ContactView, into: number[]): void {
  for (const entry of group.conditions) {
    if (isSubgroup(entry)) collectThresholds(entry, contact, into)
    else into.push(...leafThresholds(entry, contact))
  }
}

/**
 * Until when `matchesCondition(group, contact, now)` is known to keep its answer for this contact
 * as it is (same attributes, same events): the answer is the same at every time in [now, result).
 * `now` itself when the answer may change at the very next moment; Infinity when only a change to
 * the contact can change it. Used to judge a segment's members again only when they may have moved.
 */
export function conditionStableUntil(group: ConditionGroup, contact: ContactView, now: number): number {
  const thresholds: number[] = []
  collectThresholds(group, contact, thresholds)
  let until = Number.POSITIVE_INFINITY
  for (const threshold of thresholds) {
    const margin = marginAround(threshold)
    if (now < threshold - margin) until = Math.min(until, threshold - margin)
    else if (now <= threshold + margin) return now
  }
  return until
}
