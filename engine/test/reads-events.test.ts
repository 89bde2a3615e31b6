import { describe, expect, it } from 'vitest'
import { readsEvents } from '../src/conditions'

const lastOrder = { kind: 'date' as const, attribute: 'last_order_at', operator: 'more_than_days_ago' as const, days: 90 }
const tier = { kind: 'attribute' as const, attribute: 'tier', operator: 'eq' as const, value: 'gold' }
const carts = { kind: 'event_count' as const, event: 'cart_added', operator: 'gte' as const, count: 1, withinDays: 7 }

describe('readsEvents', () => {
  it('is false for attribute and date conditions, which the scan judges without event history', () => {
    expect(readsEvents({ match: 'all', conditions: [lastOrder, tier] })).toBe(false)
  })

  it('is true when an event count appears at any depth', () => {
    expect(readsEvents({ match: 'any', conditions: [carts] })).toBe(true)
    expect(readsEvents({ match: 'all', conditions: [tier, { match: 'any', conditions: [lastOrder, carts] }] })).toBe(true)
  })
})
