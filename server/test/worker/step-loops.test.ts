import { describe, expect, it } from 'vitest'
import type { OutboxDispatcher } from '../../src/worker/dispatcher'
import { startWorkerLoop } from '../../src/worker/loop'
import type { JourneyRunner } from '../../src/worker/runner'
import { claimBatchFor, stepLoopsFor } from '../../src/worker/start'

/**
 * A runner with `batches` due batches of 500, each taking `batchMs` of (real) time; records how
 * many batches were in flight at once and which loop took them.
 */
function busyRunner(batches: number, batchMs: number) {
  let left = batches
  let inFlight = 0
  const seen = { mostAtOnce: 0, taken: 0 }
  const runner = {
    nextWakeAt: async () => undefined,
    enterScheduled: async () => 0,
    processDue: async () => {
      if (left === 0) return 0
      left -= 1
      inFlight += 1
      seen.mostAtOnce = Math.max(seen.mostAtOnce, inFlight)
      await new Promise((resolve) => setTimeout(resolve, batchMs))
      inFlight -= 1
      seen.taken += 1
      return 500
    },
  } as unknown as JourneyRunner
  return { runner, seen }
}

const idleDispatcher = { dispatch: async () => 0, nextDueAt: async () => undefined } as unknown as OutboxDispatcher
const clock = () => Date.now()

async function runUntilDone(stepLoops: number | undefined, batches: number) {
  const { runner, seen } = busyRunner(batches, 20)
  const started = performance.now()
  const loop = startWorkerLoop(runner, idleDispatcher, { clock, maxIdleMs: 50, ...(stepLoops ? { stepLoops } : {}) })
  while (seen.taken < batches && performance.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 5))
  await loop.stop()
  return seen
}

describe('step loops: batches of due steps worked on at once', () => {
  it('works one batch at a time by default', async () => {
    expect(await runUntilDone(undefined, 12)).toEqual({ mostAtOnce: 1, taken: 12 })
  })

  it('works two batches at once with two step loops, and takes every batch once', async () => {
    expect(await runUntilDone(2, 12)).toEqual({ mostAtOnce: 2, taken: 12 })
  })

  it('never runs more batches at once than its step loops', async () => {
    expect(await runUntilDone(4, 24)).toEqual({ mostAtOnce: 4, taken: 24 })
  })

  it('stops with the batches in flight finished, helpers included', async () => {
    const { runner, seen } = busyRunner(100, 30)
    const loop = startWorkerLoop(runner, idleDispatcher, { clock, maxIdleMs: 50, stepLoops: 3 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await loop.stop()
    const takenAtStop = seen.taken
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(seen.taken).toBe(takenAtStop)
    expect(seen.taken).toBeGreaterThanOrEqual(3)
    expect(seen.taken).toBeLessThan(100)
  })

  it('stops when a helper finds its batch empty after stop was asked (it used to wait for a wake that never came)', async () => {
    let release = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    let calls = 0
    let blocked = 0
    const runner = {
      nextWakeAt: async () => undefined,
      enterScheduled: async () => 0,
      // The first claim finds work and wakes the helper; every later one is held until released, so
      // both loops are mid-claim when stop is asked, and both then find nothing.
      processDue: async () => {
        calls += 1
        if (calls === 1) return 500
        blocked += 1
        await released
        return 0
      },
    } as unknown as JourneyRunner
    const loop = startWorkerLoop(runner, idleDispatcher, { clock, maxIdleMs: 50, stepLoops: 2 })
    while (blocked < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    const stopped = loop.stop().then(() => 'stopped')
    release()
    const outcome = await Promise.race([stopped, new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2_000))])
    expect(outcome).toBe('stopped')
  })
})

describe('sending from every step loop', () => {
  it('sends two groups at once with two step loops, each group once', async () => {
    let left = 10
    let inFlight = 0
    const seen = { mostAtOnce: 0, sent: 0 }
    const dispatcher = {
      dispatch: async () => {
        if (left === 0) return 0
        left -= 1
        inFlight += 1
        seen.mostAtOnce = Math.max(seen.mostAtOnce, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 20))
        inFlight -= 1
        seen.sent += 16
        return 16
      },
      nextDueAt: async () => undefined,
    } as unknown as OutboxDispatcher
    const { runner } = busyRunner(0, 0)
    const loop = startWorkerLoop(runner, dispatcher, { clock, maxIdleMs: 50, stepLoops: 2 })
    while (left > 0 || inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await loop.stop()
    expect(seen).toEqual({ mostAtOnce: 2, sent: 160 })
  })
})

describe('claim batch', () => {
  it('is 1,000 due steps on PostgreSQL and 500 on PGlite, and every loop claims that many', async () => {
    expect(claimBatchFor('postgres')).toBe(1000)
    expect(claimBatchFor('pglite')).toBe(500)
    const limits: (number | undefined)[] = []
    let left = 6
    const runner = {
      nextWakeAt: async () => undefined,
      enterScheduled: async () => 0,
      processDue: async (limit?: number) => {
        limits.push(limit)
        if (left === 0) return 0
        left -= 1
        await new Promise((resolve) => setTimeout(resolve, 10))
        return 1000
      },
    } as unknown as JourneyRunner
    const loop = startWorkerLoop(runner, idleDispatcher, { clock, maxIdleMs: 50, stepLoops: 2, claimBatch: 1000 })
    while (left > 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await loop.stop()
    expect(limits.length).toBeGreaterThanOrEqual(6)
    expect(new Set(limits)).toEqual(new Set([1000]))
  })
})

describe('RECALL_STEP_LOOPS', () => {
  it('is two on PostgreSQL unless set, and always one on PGlite (one connection)', () => {
    expect(stepLoopsFor('postgres', {})).toBe(2)
    expect(stepLoopsFor('postgres', { RECALL_STEP_LOOPS: '4' })).toBe(4)
    expect(stepLoopsFor('pglite', { RECALL_STEP_LOOPS: '4' })).toBe(1)
  })

  it('ignores a value that is not a whole number from 1 to 16', () => {
    for (const value of ['0', '-1', '2.5', 'two', '17', '']) expect(stepLoopsFor('postgres', { RECALL_STEP_LOOPS: value }), value).toBe(2)
  })
})
