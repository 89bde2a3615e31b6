import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchesAttribute } from '../src/conditions'

const OPERATORS = ['exists', 'not_exists', 'eq', 'neq', 'in', 'not_in', 'contains', 'gt', 'gte', 'lt', 'lte'] as const

/** Any JSON a contact file or an API may store as an attribute, including objects keyed like Object.prototype's methods. */
const storedValue = fc.oneof(fc.jsonValue(), fc.constantFrom({ toString: 1 }, { valueOf: 'x' }, { toString: {}, valueOf: [] }, [{ toString: 1 }], { toJSON: 1 }))

describe('an attribute condition against any stored value', () => {
  it('never throws, and a list or an object equals no scalar', () => {
    fc.assert(
      fc.property(storedValue, fc.constantFrom(...OPERATORS), fc.oneof(fc.string(), fc.integer(), fc.boolean()), (actual, operator, value) => {
        const condition = { kind: 'attribute' as const, attribute: 'name', operator, value: operator === 'in' || operator === 'not_in' ? [value] : value }
        const matched = matchesAttribute(condition as never, { name: actual })
        if (actual !== null && typeof actual === 'object' && (operator === 'eq' || operator === 'in')) expect(matched).toBe(false)
      }),
    )
  })

  it('reads an object with its own toString key as its JSON, for eq and contains', () => {
    const values = { name: { toString: 1 } }
    expect(matchesAttribute({ kind: 'attribute', attribute: 'name', operator: 'eq', value: 'x' } as never, values)).toBe(false)
    expect(matchesAttribute({ kind: 'attribute', attribute: 'name', operator: 'contains', value: 'toString' } as never, values)).toBe(true)
    expect(matchesAttribute({ kind: 'attribute', attribute: 'name', operator: 'gt', value: 1 } as never, values)).toBe(false)
    expect(matchesAttribute({ kind: 'attribute', attribute: 'name', operator: 'exists' } as never, values)).toBe(true)
  })
})
