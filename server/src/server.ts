import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { openDatabase } from './db/database'
import { outboxDispatcher } from './worker/dispatcher'
import { startWorkerLoop } from './worker/loop'
import { sandboxProvider } from './worker/providers'

export interface ServeOptions {
  port: number
  /** PostgreSQL when set; the embedded PGlite in `dataDir` otherwise. */
  databaseUrl?: string | undefined
  dataDir: string
}

/**
 * Opens the database, starts the in-process worker (wakes and outbox on the sandbox provider) and
 * listens. Until access control lands it binds to 127.0.0.1 only.
 */
export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir })
  const app = await buildApp({ database, logger: true })
  const worker = startWorkerLoop(app.runner, outboxDispatcher(database.db, sandboxProvider(), Date.now), { idleMs: 500, onError: (error) => app.log.error(error) })
  // Stop the worker before the database closes.
  app.addHook('preClose', () => worker.stop())
  await app.listen({ host: '127.0.0.1', port: options.port })
  return app
}
