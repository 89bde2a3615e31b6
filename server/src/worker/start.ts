import { secretBox } from '../access/secrets'
import type { Clock } from '../clock'
import type { DatabaseHandle } from '../db/database'
import { providerRouter } from '../providers/router'
import type { SmsProvider } from '../providers/types'
import { outboxDispatcher, type ProviderChoice } from './dispatcher'
import type { FailureReporter } from './isolation'
import { startWorkerLoop, type WorkerLoop } from './loop'
import { RequestBuckets } from './rate-limit'
import { receiptPoller } from './receipt-poller'
import { type JourneyRunner, WORK_CHANNEL } from './runner'
import { scheduledPublisher } from './scheduled-publish'

export interface BackgroundWorkerOptions {
  database: DatabaseHandle
  runner: JourneyRunner
  clock: Clock
  /** One provider for everything (tests, benchmarks); otherwise the workspace's provider settings decide. */
  provider?: SmsProvider
  /** Opens the provider credentials in the settings. */
  secretKey?: string | undefined
  onError: (error: unknown) => void
  /** Told of each message or scheduled publish that failed alone while the others went ahead (the runner has its own). */
  onFailure?: FailureReporter
  /** How long a claimed message belongs to this worker (wall clock); the dispatcher's default when absent. */
  sendLeaseMs?: number | undefined
  /** Batches of due steps worked on at once; see `stepLoopsFor`. */
  stepLoops?: number | undefined
}

/** The worker loop with its dispatcher, woken by NOTIFY; used in the server process and by `recall worker`. */
export async function startBackgroundWorker(options: BackgroundWorkerOptions): Promise<{ stop(): Promise<void> }> {
  const router = providerRouter(options.database.db, secretBox(options.secretKey))
  const provider: ProviderChoice =
    options.provider ??
    (async () => {
      const providers = await router()
      return (category) => providers.forCategory(category)
    })
  // One bucket per cloud account for sending and asking for receipts alike.
  const requestBuckets = new RequestBuckets()
  const dispatcher = outboxDispatcher(options.database.db, provider, options.clock.now, (clicks) => options.runner.recordClicks(clicks), {
    ...(options.sendLeaseMs ? { leaseMs: options.sendLeaseMs } : {}),
    requestBuckets,
    realPerSimulated: options.clock.realPerSimulated,
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
  })
  const polling = options.provider ? undefined : startReceiptPolling(receiptPoller(options.database.db, router, options.clock.now, requestBuckets), options.onError)
  // Listening before the loop's first batch: on PGlite that batch (a scan of every contact, the waits
  // that came due while stopped) would hold the LISTEN, and the server's start-up with it, for seconds.
  let loop: WorkerLoop | undefined
  const unlisten = await options.database.listen(WORK_CHANNEL, () => loop?.nudge())
  loop = startWorkerLoop(options.runner, dispatcher, {
    clock: options.clock.now,
    realPerSimulated: options.clock.realPerSimulated,
    maxIdleMs: 1000,
    publisher: scheduledPublisher(options.database.db, options.clock.now, options.onFailure),
    stepLoops: options.stepLoops ?? stepLoopsFor(options.database.kind, {}),
    claimBatch: claimBatchFor(options.database.kind),
    onError: options.onError,
  })
  return {
    async stop() {
      await unlisten()
      await polling?.stop()
      await loop?.stop()
    },
  }
}

/** How often (wall clock) the clouds with polling on are asked for missing receipts. */
const POLL_EVERY_MS = 60_000

/** Rounds of receipt polling, one at a time; stopping waits for the round in flight. */
function startReceiptPolling(poller: ReturnType<typeof receiptPoller>, onError: (error: unknown) => void) {
  let round: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    round = round.then(() => poller.poll()).catch(onError)
  }, POLL_EVERY_MS)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await round
    },
  }
}

/** RECALL_SEND_LEASE_SECONDS: how soon another worker takes over the sends of one that died (default 60 s). */
export function sendLeaseFromEnvironment(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const seconds = Number(env.RECALL_SEND_LEASE_SECONDS)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
}

/**
 * Due steps one batch claims. 1,000 on PostgreSQL: 11–13% more steps per second than 500 with two
 * step loops (bench:compare, three runs each), the batch's fixed statements spread over more steps.
 * 500 on PGlite, whose one connection the API's requests wait for while a batch runs.
 */
export function claimBatchFor(kind: DatabaseHandle['kind']): number {
  return kind === 'pglite' ? 500 : 1000
}

/**
 * RECALL_STEP_LOOPS: batches of due steps one process works on at once. Two by default on
 * PostgreSQL (while one batch is written, the next is computed: measured 1.4× the steps per second
 * of one on 2 cores, docs/benchmarks.md); always one on PGlite, which has a single connection.
 */
export function stepLoopsFor(kind: DatabaseHandle['kind'], env: Readonly<Record<string, string | undefined>>): number {
  if (kind === 'pglite') return 1
  const loops = Number(env.RECALL_STEP_LOOPS)
  return Number.isInteger(loops) && loops >= 1 && loops <= 16 ? loops : 2
}
