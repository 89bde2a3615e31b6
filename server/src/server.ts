import type { FastifyInstance } from 'fastify'
import { ensureFirstAdmin, type FirstAdmin } from './access/first-admin'
import { buildApp, trustProxySetting } from './app'
import { type Clock, systemClock } from './clock'
import { openDatabase } from './db/database'
import { startPgliteVacuum } from './db/pglite-vacuum'
import { demoClock, seedDemoWorkspace, startDemoTraffic } from './demo/workspace'
import { logIsolatedFailure } from './plugins/runner'
import { sendLeaseFromEnvironment, startBackgroundWorker, stepLoopsFor } from './worker/start'

/** How often the demo clock's time is stored: a crash loses at most this much of it (two simulated hours). */
const DEMO_CLOCK_SAVE_MS = 2_000

export interface ServeOptions {
  port: number
  /** PostgreSQL when set; the embedded PGlite in `dataDir` otherwise. */
  databaseUrl?: string | undefined
  dataDir: string
  /** The wall clock unless given; the demo's accelerated clock with `demo`. */
  clock?: Clock
  /** Seeds a demo workspace on an empty database and plays shoppers adding to carts. */
  demo?: boolean
  /** The built web app; see buildApp. */
  webRoot?: string
  /** Where to listen; 127.0.0.1 unless set (every route but health, short links, MMS media by address and webhooks needs a login). */
  host?: string
  env?: Record<string, string | undefined>
}

/**
 * Opens the database, starts the in-process worker (wakes and outbox on the sandbox provider) and
 * listens, on 127.0.0.1 unless a host is given.
 */
export async function serve(options: ServeOptions): Promise<{ app: FastifyInstance; firstAdmin: FirstAdmin | undefined; demoSeeded: boolean; clock: Clock }> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir })
  const demo = !options.clock && options.demo ? await demoClock(database.db) : undefined
  const clock = options.clock ?? demo ?? systemClock
  const app = await buildApp({
    database,
    logger: { level: 'warn' },
    clock: clock.now,
    realPerSimulated: clock.realPerSimulated,
    trustProxy: trustProxySetting(options.env?.RECALL_TRUST_PROXY),
    importStaleSeconds: Number(options.env?.RECALL_IMPORT_STALE_SECONDS) || undefined,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  })
  // After the app is built, so a password reset is logged in the server's own log.
  const firstAdmin = await ensureFirstAdmin(database.db, options.env ?? {}, app.log)
  // Stop the demo shoppers, then the worker, before the database closes.
  let stopTraffic = () => {}
  let stopWorker = async () => {}
  app.addHook('preClose', async () => stopTraffic())
  app.addHook('preClose', () => stopWorker())
  if (demo) {
    const remembering = setInterval(() => void demo.remember().catch((error) => app.log.error(error)), DEMO_CLOCK_SAVE_MS)
    app.addHook('preClose', async () => {
      clearInterval(remembering)
      await demo.remember()
    })
  }
  const stopVacuum = startPgliteVacuum(database, (error) => app.log.error(error))
  app.addHook('preClose', () => stopVacuum())
  // Listening first: the worker's first batch (a scan of every contact for segment entries, the
  // waits that came due while the server was down) would otherwise hold the start-up for seconds.
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port })
  const worker = await startBackgroundWorker({
    database,
    runner: app.runner,
    clock,
    secretKey: options.env?.RECALL_SECRET_KEY,
    onError: (error) => app.log.error(error),
    onFailure: logIsolatedFailure(app),
    sendLeaseMs: sendLeaseFromEnvironment(options.env ?? {}),
    stepLoops: stepLoopsFor(database.kind, options.env ?? {}),
  })
  stopWorker = () => worker.stop()
  const demoSeeded = options.demo ? await seedDemoWorkspace(database.db, clock.now()) : false
  if (options.demo)
    stopTraffic = startDemoTraffic(
      (events) => app.runner.ingestEvents(events),
      (error) => app.log.error(error),
    )
  return { app, firstAdmin, demoSeeded, clock }
}
