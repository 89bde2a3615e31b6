import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeCap } from '../src/index'

describe('the cap text', () => {
  it('reads in Chinese words in Chinese: 每 1 天, not 每 1 days', () => {
    expect(describeCap({ id: 'daily', categories: ['marketing', 'recall'], limit: 1, window: { amount: 1, unit: 'days' } })).toEqual({
      en: 'marketing+recall cap 1 per 1 days reached',
      zh: '已达频次上限(营销+召回:每 1 天最多 1 条)',
    })
    expect(describeCap({ id: 'recall', categories: ['recall'], limit: 2, window: { amount: 30, unit: 'days' } }, [{ name: 'Win-back' }]).zh).toBe(
      '已达频次上限(召回:每 30 天最多 2 条),已被旅程「Win-back」用完',
    )
  })

  it('has no English word in its Chinese text for any categories, limit and window (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('marketing' as const, 'recall' as const, 'transactional' as const), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 365 }),
        fc.constantFrom('minutes' as const, 'hours' as const, 'days' as const, 'weeks' as const),
        (categories, limit, amount, unit) => {
          expect(describeCap({ id: 'cap', categories, limit, window: { amount, unit } }).zh).not.toMatch(/[A-Za-z]/)
        },
      ),
    )
  })
})
