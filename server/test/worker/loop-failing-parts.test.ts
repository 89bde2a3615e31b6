import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboxDispatcher } from '../../src/worker/dispatcher'
import { startWorkerLoop } from '../../src/worker/loop'
import type { JourneyRunner } from '../../src/worker/runner'
import type { ScheduledPublisher } from '../../src/worker/scheduled-publish'

describe('a worker round with a part that keeps failing', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('still wakes due steps and sends due messages each round, reports the failure and waits its longest idle', async () => {
    const done: string[] = []
    const errors: unknown[] = []
    const runner = {
      nextWakeAt: async () => undefined,
      processDue: async () => {
        done.push('steps')
        return 0
      },
    } as unknown as JourneyRunner
    const dispatcher = {
      dispatch: async () => {
        done.push('sends')
        return 0
      },
      nextDueAt: async () => undefined,
    } as unknown as OutboxDispatcher
    const failure = new Error('the publish check threw')
    const publisher: ScheduledPublisher = {
      publishDue: async () => {
        done.push('publish')
        throw failure
      },
      nextDueAt: async () => undefined,
    }
    const loop = startWorkerLoop(runner, dispatcher, { clock: Date.now, maxIdleMs: 1000, publisher, onError: (error) => void errors.push(error) })
    await vi.advanceTimersByTimeAsync(3_500)
    const stopped = loop.stop()
    await vi.runAllTimersAsync()
    await stopped
    // Rounds at 0, 1, 2 and 3 s: each one publishes (and fails), wakes and sends.
    expect(done).toEqual(Array.from({ length: 4 }, () => ['publish', 'steps', 'sends']).flat())
    expect(errors).toEqual([failure, failure, failure, failure])
  })
})
