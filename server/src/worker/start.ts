import type { Clock } from '../clock'
import type { DatabaseHandle } from '../db/database'
import { outboxDispatcher } from './dispatcher'
import { startWorkerLoop } from './loop'
import { type SmsProvider, sandboxProvider } from './providers'
import { type JourneyRunner, WORK_CHANNEL } from './runner'

export interface BackgroundWorkerOptions {
  database: DatabaseHandle
  runner: JourneyRunner
  clock: Clock
  provider?: SmsProvider
  onError: (error: unknown) => void
}

/** The worker loop with its dispatcher, woken by NOTIFY; used in the server process and by `recall worker`. */
export async function startBackgroundWorker(options: BackgroundWorkerOptions): Promise<{ stop(): Promise<void> }> {
  const dispatcher = outboxDispatcher(options.database.db, options.provider ?? sandboxProvider(), options.clock.now, (clicks) => options.runner.recordClicks(clicks))
  const loop = startWorkerLoop(options.runner, dispatcher, {
    clock: options.clock.now,
    realPerSimulated: options.clock.realPerSimulated,
    maxIdleMs: 1000,
    onError: options.onError,
  })
  const unlisten = await options.database.listen(WORK_CHANNEL, () => loop.nudge())
  return {
    async stop() {
      await unlisten()
      await loop.stop()
    },
  }
}
