import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { liveHub } from '../../src/monitoring/live-hub'

describe('the live snapshot hub', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('computes once per interval for any number of listeners of a key, and only pushes changes', async () => {
    const hub = liveHub({ everyMs: 1_000, onError: (error) => expect.fail(String(error)) })
    let value = 1
    const compute = vi.fn(async () => ({ active: value }))
    const received: string[][] = Array.from({ length: 100 }, () => [])
    const unsubscribes = received.map((list) => hub.subscribe('journey-a', compute, (data) => list.push(data)))
    await vi.advanceTimersByTimeAsync(0)
    expect(compute).toHaveBeenCalledTimes(1)
    expect(received.every((list) => list.join() === '{"active":1}')).toBe(true)

    await vi.advanceTimersByTimeAsync(3_000)
    expect(compute).toHaveBeenCalledTimes(4)
    // Unchanged: nothing more was pushed.
    expect(received[0]).toEqual(['{"active":1}'])
    value = 2
    await vi.advanceTimersByTimeAsync(1_000)
    expect(compute).toHaveBeenCalledTimes(5)
    expect(received.every((list) => list.join('|') === '{"active":1}|{"active":2}')).toBe(true)

    // A late viewer gets the current value at once, without a computation of its own.
    const late: string[] = []
    unsubscribes.push(hub.subscribe('journey-a', compute, (data) => late.push(data)))
    expect(late).toEqual(['{"active":2}'])
    expect(hub.computations).toBe(5)

    // The last one out stops the computing.
    for (const unsubscribe of unsubscribes) unsubscribe()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(compute).toHaveBeenCalledTimes(5)
  })

  it('keeps keys apart and reports a failing computation without stopping the others', async () => {
    const errors: unknown[] = []
    const hub = liveHub({ everyMs: 1_000, onError: (error) => errors.push(error) })
    const a: string[] = []
    const b: string[] = []
    hub.subscribe(
      'a',
      async () => 'A',
      (data) => a.push(data),
    )
    hub.subscribe(
      'b',
      async () => Promise.reject(new Error('database gone')),
      (data) => b.push(data),
    )
    await vi.advanceTimersByTimeAsync(2_000)
    expect(a).toEqual(['"A"'])
    expect(b).toEqual([])
    expect(errors.map((error) => (error as Error).message)).toEqual(['database gone', 'database gone', 'database gone'])
    expect(hub.computations).toBe(6)
    hub.close()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(hub.computations).toBe(6)
  })
})
