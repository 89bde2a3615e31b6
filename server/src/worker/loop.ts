import type { OutboxDispatcher } from './dispatcher'
import type { JourneyRunner } from './runner'
import type { ScheduledPublisher } from './scheduled-publish'

export interface WorkerLoop {
  stop(): Promise<void>
  /** Makes an idle loop look for work now (a NOTIFY arrived). */
  nudge(): void
}

export interface WorkerLoopOptions {
  /** The clock the runner uses, to turn the next wake time into a sleep. */
  clock: () => number
  /** How many real milliseconds one simulated millisecond takes (1 in production; less on an accelerated demo clock). */
  realPerSimulated?: number
  /** Longest sleep when nothing is known to be due, in real milliseconds. */
  maxIdleMs: number
  /**
   * How often, in simulated milliseconds, segment and date triggers are scanned for entries; a scan
   * that took d real milliseconds also puts the next one at least 10 × d real milliseconds after its start.
   */
  scanEveryMs?: number
  /** Scheduled publishes, carried out on the same clock; none when absent. */
  publisher?: ScheduledPublisher
  /**
   * How many batches of due steps this process works on at once (1 when absent). Each batch is its
   * own transaction on its own connection, claimed with SKIP LOCKED and with its contacts locked in
   * id order, exactly as separate worker processes share the work; a second one keeps PostgreSQL busy
   * while this process computes the next batch, and sends while the first waits on a provider.
   * Scans and publishes stay with the first.
   */
  stepLoops?: number
  /** Due steps one batch claims; the runner's default when absent. */
  claimBatch?: number
  onError?: (error: unknown) => void
}

const MIN_REAL_SCAN_MS = 5_000
/**
 * A scan may take at most one part in this many of the real time: with 200,000 contacts one scan
 * holds PGlite (a single connection) for seconds, and back-to-back scans left the API frozen.
 */
const SCAN_TIME_SHARE = 10

/**
 * The worker: wakes due enrollments and drains the outbox, batch after batch while there is work.
 * Idle, it sleeps until the next known wake time or until nudged by a NOTIFY, instead of polling.
 * Stopping waits for the batch in flight.
 */
export function startWorkerLoop(runner: JourneyRunner, dispatcher: OutboxDispatcher, options: WorkerLoopOptions): WorkerLoop {
  let running = true
  let wakeUp: (() => void) | undefined
  let nudged = false
  // On a fast demo clock, five simulated minutes pass many times a second: scanning every contact
  // that often would leave no time for anything else, so scans are at least seconds apart in real time.
  const scanEvery = Math.max(options.scanEveryMs ?? 5 * 60_000, MIN_REAL_SCAN_MS / (options.realPerSimulated ?? 1))
  // The first scan waits a few real seconds: at start-up it would hold PGlite (one connection) for
  // seconds while the API's first requests queue behind it. Entries are counted from the last scan,
  // so none is lost, only taken five seconds later.
  let nextScan = options.clock() + Math.min(scanEvery, MIN_REAL_SCAN_MS / (options.realPerSimulated ?? 1))
  // Wall clock, not the journeys' clock: the scan's cost is real time taken from the API.
  let scanNotBeforeReal = Number.NEGATIVE_INFINITY
  const scanDue = () => options.clock() >= nextScan && Date.now() >= scanNotBeforeReal
  const scan = async () => {
    const startedAt = Date.now()
    nextScan = options.clock() + scanEvery
    try {
      await runner.enterScheduled()
    } finally {
      scanNotBeforeReal = startedAt + (Date.now() - startedAt) * SCAN_TIME_SHARE
    }
  }
  const sleep = async () => {
    const next = await runner.nextWakeAt()
    const nextPublish = await options.publisher?.nextDueAt()
    // A held message's time too: a holiday's 10:00–10:30 is half a real second on the demo clock, shorter than the longest idle.
    const nextSend = await dispatcher.nextDueAt()
    const scanAt = Math.max(nextScan, options.clock() + (scanNotBeforeReal - Date.now()) / (options.realPerSimulated ?? 1))
    const soonest = Math.min(next ?? Number.POSITIVE_INFINITY, nextPublish ?? Number.POSITIVE_INFINITY, nextSend ?? Number.POSITIVE_INFINITY, scanAt)
    const untilNext = (soonest - options.clock()) * (options.realPerSimulated ?? 1)
    const delay = Math.max(0, Math.min(options.maxIdleMs, untilNext))
    if (delay === 0 || nudged) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay)
      wakeUp = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }
  const helpers = stepHelpers(runner, dispatcher, options, () => running)
  const main = (async () => {
    while (running) {
      nudged = false
      // Each part on its own: a scan or a publish that keeps failing must not keep steps and sends from running.
      let failed = false
      const attempt = async (work: () => Promise<number>): Promise<number> => {
        try {
          return await work()
        } catch (error) {
          failed = true
          options.onError?.(error)
          return 0
        }
      }
      if (scanDue())
        await attempt(async () => {
          await scan()
          return 0
        })
      // Published first, so contacts due at the same moment already meet the new version.
      const published = await attempt(async () => (await options.publisher?.publishDue()) ?? 0)
      const woke = await attempt(() => runner.processDue(options.claimBatch))
      const sent = await attempt(() => dispatcher.dispatch())
      if (woke > 0 || sent > 0) helpers.wake()
      const idle = published === 0 && woke === 0 && sent === 0
      if (idle && !failed && running)
        await attempt(async () => {
          await sleep()
          return 0
        })
      if (failed) await new Promise((resolve) => setTimeout(resolve, options.maxIdleMs))
      // PGlite answers in the same thread: without a turn of the event loop between busy batches,
      // requests to the API in the same process would wait until the work runs out.
      else if (!idle) await new Promise((resolve) => setImmediate(resolve))
      wakeUp = undefined
    }
  })()
  const finished = Promise.all([main, helpers.finished])
  return {
    nudge() {
      nudged = true
      wakeUp?.()
    },
    async stop() {
      running = false
      wakeUp?.()
      helpers.wake()
      await finished
    },
  }
}

/**
 * The extra step loops: each takes due batches and sends due messages while there are any, then
 * waits until the main loop finds work again (it is the one that sleeps until the next wake time
 * and hears NOTIFY). Dispatchers share the outbox as separate processes do (leases, SKIP LOCKED).
 */
function stepHelpers(runner: JourneyRunner, dispatcher: OutboxDispatcher, options: WorkerLoopOptions, isRunning: () => boolean) {
  const waiting = new Set<() => void>()
  // Waits for the main loop's wake, unless stopping: a helper that comes back empty after stop has
  // already woken everyone must not wait for a wake that will never come (stop would wait forever).
  const idle = () => (isRunning() ? new Promise<void>((resolve) => waiting.add(resolve)) : Promise.resolve())
  const helper = async () => {
    await idle()
    while (isRunning()) {
      try {
        const woke = await runner.processDue(options.claimBatch)
        const sent = await dispatcher.dispatch()
        if (woke === 0 && sent === 0) await idle()
      } catch (error) {
        options.onError?.(error)
        await new Promise((resolve) => setTimeout(resolve, options.maxIdleMs))
      }
    }
  }
  const finished = Promise.all(Array.from({ length: Math.max(0, (options.stepLoops ?? 1) - 1) }, helper))
  return {
    finished,
    wake() {
      for (const resolve of waiting) resolve()
      waiting.clear()
    },
  }
}
