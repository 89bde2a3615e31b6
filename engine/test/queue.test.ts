import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TimeQueue } from '../src/simulator/queue'

describe('TimeQueue', () => {
  it('hands items out by time, ties in the order they came, however pushes and pops interleave', () => {
    // Pushes (a time, few distinct ones so ties are common) outnumber pops (null), so the queue
    // grows past its first allocation.
    const push = fc.integer({ min: 0, max: 20 }).map((minute) => minute * 60_000 + 0.5)
    const operation = fc.oneof({ arbitrary: push, weight: 3 }, { arbitrary: fc.constant(null), weight: 1 })
    fc.assert(
      fc.property(fc.array(operation, { minLength: 2500, maxLength: 4000 }), (operations) => {
        const queue = new TimeQueue<number>()
        const expected: { at: number; item: number }[] = []
        operations.forEach((at, item) => {
          if (at !== null) {
            queue.push(at, item)
            expected.push({ at, item })
            return
          }
          // The stable sort keeps pushes of one time in their order.
          expected.sort((a, b) => a.at - b.at)
          const next = expected.shift()
          expect(queue.peekTime()).toBe(next?.at)
          expect(queue.pop()).toBe(next?.item)
        })
        expect(queue.size).toBe(expected.length)
      }),
      { numRuns: 20 },
    )
  })
})
