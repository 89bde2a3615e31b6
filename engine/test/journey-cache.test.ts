import { describe, expect, it } from 'vitest'
import { CompiledJourneyCache } from '../src/index'
import { template } from './helpers'

describe('CompiledJourneyCache', () => {
  it('compiles a version once and drops the least recently used past its capacity', () => {
    const cache = new CompiledJourneyCache(2)
    const first = cache.get('win-back@1', template('win-back-90-days'))
    expect(cache.get('win-back@1', template('win-back-90-days'))).toBe(first)
    const birthday = cache.get('birthday@1', template('birthday'))
    cache.get('win-back@1', template('win-back-90-days'))
    cache.get('ab@1', template('ab-offer-test'))
    expect(cache.size).toBe(2)
    expect(cache.get('win-back@1', template('win-back-90-days'))).toBe(first)
    // birthday@1 was the least recently used when ab@1 came in: it is compiled afresh.
    expect(cache.get('birthday@1', template('birthday'))).not.toBe(birthday)
  })
})
