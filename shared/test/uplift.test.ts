import { describe, expect, it } from 'vitest'
import { upliftReport } from '../src/index'

describe('upliftReport', () => {
  it('gives rates, the difference with its Newcombe 95% interval, the p-value and incremental conversions', () => {
    const report = upliftReport({ contacts: 950, conversions: 95, revenue: 9500 }, { contacts: 50, conversions: 2, revenue: 100 })
    expect(report.treated).toEqual({ contacts: 950, conversions: 95, revenue: 9500, conversionRate: 0.1, revenuePerContact: 10 })
    expect(report.heldOut).toEqual({ contacts: 50, conversions: 2, revenue: 100, conversionRate: 0.04, revenuePerContact: 2 })
    expect(report.difference?.rate).toBeCloseTo(0.06, 10)
    expect(report.difference?.lower).toBeCloseTo(-0.03621, 4)
    expect(report.difference?.upper).toBeCloseTo(0.09561, 4)
    expect(report.difference?.pValue).toBeCloseTo(0.16234, 4)
    expect(report.incrementalConversions).toBeCloseTo(57, 10)
    expect(report.revenuePerContactDifference).toBe(8)
  })

  it('gives no difference while a group is empty', () => {
    const report = upliftReport({ contacts: 10, conversions: 1, revenue: 0 }, { contacts: 0, conversions: 0, revenue: 0 })
    expect(report.heldOut.conversionRate).toBe(0)
    expect(report.difference).toBeUndefined()
    expect(report.incrementalConversions).toBeUndefined()
  })
})
