import type { OutboxDispatcher } from './dispatcher'
import type { JourneyRunner } from './runner'

export interface WorkerLoop {
  stop(): Promise<void>
}

/**
 * The in-process worker: wakes due enrollments and drains the outbox, batch after batch while
 * there is work, then sleeps `idleMs`. Stopping waits for the batch in flight.
 */
export function startWorkerLoop(runner: JourneyRunner, dispatcher: OutboxDispatcher, options: { idleMs: number; onError?: (error: unknown) => void }): WorkerLoop {
  let running = true
  let wakeUp: (() => void) | undefined
  const finished = (async () => {
    while (running) {
      let busy = false
      try {
        busy = (await runner.processDue()) > 0
        busy = (await dispatcher.dispatch()) > 0 || busy
      } catch (error) {
        options.onError?.(error)
      }
      if (!busy && running)
        await new Promise<void>((resolve) => {
          wakeUp = resolve
          setTimeout(resolve, options.idleMs)
        })
    }
  })()
  return {
    async stop() {
      running = false
      wakeUp?.()
      await finished
    },
  }
}
