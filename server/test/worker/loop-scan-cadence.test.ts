import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboxDispatcher } from '../../src/worker/dispatcher'
import { startWorkerLoop } from '../../src/worker/loop'
import type { JourneyRunner } from '../../src/worker/runner'

const WALL_START = Date.UTC(2026, 0, 1)
/** A demo clock 60 times faster than the wall clock, as the demo runs it. */
const SPEED = 60
const demoClock = () => WALL_START + (Date.now() - WALL_START) * SPEED

/**
 * A worker loop whose scans take the given (fake) wall times in turn, the last one thereafter;
 * returns the wall times, from start, at which scans began.
 */
async function scanStarts(durations: number[], runForMs: number): Promise<number[]> {
  const starts: number[] = []
  const runner = {
    nextWakeAt: async () => undefined,
    processDue: async () => 0,
    enterScheduled: async () => {
      starts.push(Date.now() - WALL_START)
      await new Promise((resolve) => setTimeout(resolve, durations[Math.min(starts.length, durations.length) - 1]))
      return 0
    },
  } as unknown as JourneyRunner
  const dispatcher = { dispatch: async () => 0, nextDueAt: async () => undefined } as unknown as OutboxDispatcher
  const loop = startWorkerLoop(runner, dispatcher, { clock: demoClock, realPerSimulated: 1 / SPEED, maxIdleMs: 1000 })
  await vi.advanceTimersByTimeAsync(runForMs)
  const stopped = loop.stop()
  await vi.runAllTimersAsync()
  await stopped
  return starts
}

describe('worker loop scan cadence on the demo clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: WALL_START })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('scans every 5 real seconds while a scan is quick', async () => {
    expect(await scanStarts([100], 21_000)).toEqual([5_000, 10_000, 15_000, 20_000])
  })

  it('spaces scans to ten times their duration when a scan is slow, so they take a tenth of the time', async () => {
    expect(await scanStarts([2_000], 61_000)).toEqual([5_000, 25_000, 45_000])
  })

  it('spaces them by the last scan only: a scan that turns quick again brings back the normal interval', async () => {
    expect(await scanStarts([3_000, 100], 46_000)).toEqual([5_000, 35_000, 40_000, 45_000])
  })
})
