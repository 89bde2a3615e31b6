import { type AttributeConditionData, type ConditionGroup, type ConditionSubgroup, isSubgroup, type LeafCondition } from '@recall/shared'
import { DAY, parseInstant } from './time/zoned'
import type { ContactView } from './types'

type Attribute = AttributeConditionData
type Scalar = string | number | boolean

/**
 * A stored value as text, without calling anything the value carries: attributes come from imports
 * and APIs as JSON, and `String()` of an object with its own `toString` key throws (one such contact
 * stopped every journey's steps). A list or an object reads as its JSON, which no scalar equals.
 */
const textOf = (value: unknown): string => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value))

function compare(actual: unknown, expected: Scalar, operator: 'gt' | 'gte' | 'lt' | 'lte'): boolean {
  // Numbers compare as numbers; anything else that parses as a date compares as a date; a list or an object compares as neither.
  if (actual !== null && typeof actual === 'object') return false
  const left = typeof actual === 'number' ? actual : typeof expected === 'number' ? Number(actual) : parseInstant(actual)
  const right = typeof expected === 'number' ? expected : parseInstant(expected)
  if (left === undefined || right === undefined || Number.isNaN(left) || Number.isNaN(right)) return false
  switch (operator) {
    case 'gt':
      return left > right
    case 'gte':
      return left >= right
    case 'lt':
      return left < right
    case 'lte':
      return left <= right
  }
}

const same = (actual: unknown, expected: Scalar) => actual === expected || textOf(actual) === String(expected)

/** One attribute test against a record of values (contact attributes or event properties). */
export function matchesAttribute(condition: Attribute, values: Readonly<Record<string, unknown>>): boolean {
  const actual = values[condition.attribute]
  const present = actual !== undefined && actual !== null && actual !== ''
  const { value } = condition
  switch (condition.operator) {
    case 'exists':
      return present
    case 'not_exists':
      return !present
    case 'in':
      return present && Array.isArray(value) && value.some((option) => same(actual, option))
    case 'not_in':
      return !present || (Array.isArray(value) && !value.some((option) => same(actual, option)))
    case 'eq':
      return present && value !== undefined && !Array.isArray(value) && same(actual, value)
    case 'neq':
      return !present || value === undefined || Array.isArray(value) || !same(actual, value)
    case 'contains':
      return present && value !== undefined && textOf(actual).includes(String(value))
    default:
      return present && value !== undefined && !Array.isArray(value) && compare(actual, value, condition.operator)
  }
}

function matchesLeaf(condition: LeafCondition, contact: ContactView, now: number): boolean {
  switch (condition.kind) {
    case 'attribute':
      return matchesAttribute(condition, contact.attributes)
    case 'date': {
      const at = parseInstant(contact.attributes[condition.attribute])
      if (at === undefined) return false
      const span = condition.days * DAY
      if (condition.operator === 'more_than_days_ago') return at < now - span
      if (condition.operator === 'less_than_days_ago') return at >= now - span && at <= now
      return at >= now && at <= now + span
    }
    case 'event_count': {
      const since = now - condition.withinDays * DAY
      // Counted, not filtered into an array: every segment split over events judges this per contact.
      let count = 0
      for (const event of contact.events) if (event.name === condition.event && event.at > since && event.at <= now) count += 1
      return condition.operator === 'gte' ? count >= condition.count : condition.operator === 'lte' ? count <= condition.count : count === condition.count
    }
  }
}

function matchesGroup(group: ConditionGroup | ConditionSubgroup, contact: ContactView, now: number): boolean {
  // An empty group matches nothing: validation forbids it, and a stray one must not catch everyone.
  if (group.conditions.length === 0) return false
  // A loop, not every()/some() with a closure over the contact: segment splits judge this at most steps.
  const all = group.match === 'all'
  for (const entry of group.conditions) {
    const holds = isSubgroup(entry) ? matchesGroup(entry, contact, now) : matchesLeaf(entry, contact, now)
    if (holds !== all) return holds
  }
  return all
}

export function matchesCondition(group: ConditionGroup, contact: ContactView, now: number): boolean {
  return matchesGroup(group, contact, now)
}

/** Whether judging the condition needs the contact's event history; without it attributes suffice. */
export function readsEvents(group: ConditionGroup | ConditionSubgroup): boolean {
  return group.conditions.some((entry) => (isSubgroup(entry) ? readsEvents(entry) : entry.kind === 'event_count'))
}

/** Event property filters: every condition must hold. */
export function matchesFilter(filter: readonly Attribute[] | undefined, properties: Readonly<Record<string, unknown>> | undefined): boolean {
  return (filter ?? []).every((condition) => matchesAttribute(condition, properties ?? {}))
}
