import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sampleSizePerGroup, twoProportionTest, wilsonInterval } from '../src/index'

describe('two-proportion test', () => {
  it('matches a worked example: 200/1000 against 250/1000', () => {
    const result = twoProportionTest({ trials: 1000, successes: 200 }, { trials: 1000, successes: 250 })
    // pooled 0.225, standard error √(0.225 × 0.775 × 2/1000) = 0.018675
    expect(result?.z).toBeCloseTo(2.6774, 3)
    expect(result?.pValue).toBeCloseTo(0.00742, 4)
    expect(result?.difference).toBeCloseTo(0.05, 10)
  })

  it('finds nothing between equal groups and nothing without contacts', () => {
    const same = twoProportionTest({ trials: 500, successes: 50 }, { trials: 500, successes: 50 })
    expect(same?.z).toBe(0)
    expect(same?.pValue).toBeCloseTo(1, 6)
    expect(twoProportionTest({ trials: 0, successes: 0 }, { trials: 10, successes: 1 })).toBeUndefined()
  })

  it('is symmetric and its p-value stays within 0..1', () => {
    const group = fc.integer({ min: 1, max: 10_000 }).chain((trials) => fc.record({ trials: fc.constant(trials), successes: fc.integer({ min: 0, max: trials }) }))
    fc.assert(
      fc.property(group, group, (a, b) => {
        const forward = twoProportionTest(a, b)
        const backward = twoProportionTest(b, a)
        expect(forward?.pValue).toBeGreaterThanOrEqual(0)
        expect(forward?.pValue).toBeLessThanOrEqual(1)
        expect(forward?.pValue).toBeCloseTo(backward?.pValue ?? -1, 9)
      }),
    )
  })

  it('sizes groups: 10% baseline, 2 points of lift needs about 3,800 per group', () => {
    expect(sampleSizePerGroup(0.1, 0.02)).toBe(3839)
  })
})

describe('Wilson interval', () => {
  it('matches worked values: 26 of 30 delivered is surely under 95%, 37 of 40 is not', () => {
    const low = wilsonInterval({ successes: 26, trials: 30 })
    expect(low.lower).toBeCloseTo(0.70319, 4)
    expect(low.upper).toBeCloseTo(0.9469, 4)
    expect(wilsonInterval({ successes: 37, trials: 40 }).upper).toBeCloseTo(0.97416, 4)
    expect(wilsonInterval({ successes: 0, trials: 10 })).toEqual({ lower: 0, upper: expect.closeTo(0.27753, 4) })
    expect(wilsonInterval({ successes: 0, trials: 0 })).toEqual({ lower: 0, upper: 1 })
  })

  it('holds the observed rate, stays within 0..1 and narrows as messages add up', () => {
    const proportion = fc.integer({ min: 1, max: 5_000 }).chain((trials) => fc.record({ trials: fc.constant(trials), successes: fc.integer({ min: 0, max: trials }) }))
    fc.assert(
      fc.property(proportion, ({ trials, successes }) => {
        const interval = wilsonInterval({ trials, successes })
        const rate = successes / trials
        expect(interval.lower).toBeGreaterThanOrEqual(0)
        expect(interval.upper).toBeLessThanOrEqual(1)
        expect(interval.lower).toBeLessThanOrEqual(rate + 1e-12)
        expect(interval.upper).toBeGreaterThanOrEqual(rate - 1e-12)
        const tenfold = wilsonInterval({ trials: trials * 10, successes: successes * 10 })
        expect(tenfold.upper - tenfold.lower).toBeLessThan(interval.upper - interval.lower)
      }),
    )
  })
})
