import { describe, expect, it } from 'vitest'
import { conditionStableUntil } from '../src/condition-timing'
import { matchesCondition } from '../src/conditions'
import type { ContactView } from '../src/types'

const DAY = 86_400_000
const lastOrderAt = Date.parse('2026-08-01T00:00:00Z')
const contact: ContactView = {
  id: 'c1',
  attributes: { last_order_at: '2026-08-01T00:00:00Z', tier: 'gold' },
  consent: true,
  suppressed: false,
  sends: [],
  events: [
    { name: 'cart_added', at: lastOrderAt + 10 * DAY },
    { name: 'order_paid', at: lastOrderAt },
  ],
}
const inactive90 = { match: 'all' as const, conditions: [{ kind: 'date' as const, attribute: 'last_order_at', operator: 'more_than_days_ago' as const, days: 90 }] }
const gold = { match: 'all' as const, conditions: [{ kind: 'attribute' as const, attribute: 'tier', operator: 'eq' as const, value: 'gold' }] }
const cartWeek = { match: 'any' as const, conditions: [{ kind: 'event_count' as const, event: 'cart_added', operator: 'gte' as const, count: 1, withinDays: 7 }] }

describe('conditionStableUntil', () => {
  it('holds an attribute-only answer for ever', () => {
    expect(conditionStableUntil(gold, contact, lastOrderAt)).toBe(Number.POSITIVE_INFINITY)
  })

  it('holds a date answer until a millisecond before its boundary, then asks at every look around it, then never again', () => {
    const boundary = lastOrderAt + 90 * DAY
    expect(conditionStableUntil(inactive90, contact, lastOrderAt)).toBe(boundary - 1)
    expect(conditionStableUntil(inactive90, contact, boundary - 1)).toBe(boundary - 1)
    expect(conditionStableUntil(inactive90, contact, boundary)).toBe(boundary)
    expect(matchesCondition(inactive90, contact, boundary)).toBe(false)
    expect(matchesCondition(inactive90, contact, boundary + 1)).toBe(true)
    expect(conditionStableUntil(inactive90, contact, boundary + 2)).toBe(Number.POSITIVE_INFINITY)
  })

  it('takes the earliest boundary of every leaf, matched or not, and of the named events only', () => {
    const cartAt = lastOrderAt + 10 * DAY
    const both = { match: 'any' as const, conditions: [...gold.conditions, { match: 'all' as const, conditions: [...inactive90.conditions, ...cartWeek.conditions] }] }
    expect(conditionStableUntil(both, contact, lastOrderAt + DAY)).toBe(cartAt - 1)
    expect(conditionStableUntil(both, contact, cartAt + DAY)).toBe(cartAt + 7 * DAY - 1)
    expect(conditionStableUntil(both, contact, cartAt + 8 * DAY)).toBe(lastOrderAt + 90 * DAY - 1)
  })
})
