import type { FastifyInstance } from 'fastify'
import { ensureFirstAdmin, type FirstAdmin } from './access/first-admin'
import { buildApp } from './app'
import type { Clock } from './clock'
import { openDatabase } from './db/database'
import { startBackgroundWorker } from './worker/start'

export interface ServeOptions {
  port: number
  /** PostgreSQL when set; the embedded PGlite in `dataDir` otherwise. */
  databaseUrl?: string | undefined
  dataDir: string
  clock: Clock
  /** The built web app; see buildApp. */
  webRoot?: string
  /** Where to listen; 127.0.0.1 unless set (every route but health, short links and webhooks needs a login). */
  host?: string
  env?: Record<string, string | undefined>
}

/**
 * Opens the database, starts the in-process worker (wakes and outbox on the sandbox provider) and
 * listens, on 127.0.0.1 unless a host is given.
 */
export async function serve(options: ServeOptions): Promise<{ app: FastifyInstance; firstAdmin: FirstAdmin | undefined }> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir })
  const firstAdmin = await ensureFirstAdmin(database.db, options.env ?? {})
  const app = await buildApp({ database, logger: true, clock: options.clock.now, ...(options.webRoot ? { webRoot: options.webRoot } : {}) })
  const worker = await startBackgroundWorker({
    database,
    runner: app.runner,
    clock: options.clock,
    secretKey: options.env?.RECALL_SECRET_KEY,
    onError: (error) => app.log.error(error),
  })
  // Stop the worker before the database closes.
  app.addHook('preClose', () => worker.stop())
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port })
  return { app, firstAdmin }
}
