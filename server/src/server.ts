import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { openDatabase } from './db/database'

export interface ServeOptions {
  port: number
  /** PostgreSQL when set; the embedded PGlite in `dataDir` otherwise. */
  databaseUrl?: string | undefined
  dataDir: string
}

/** Opens the database and listens. Until access control lands it binds to 127.0.0.1 only. */
export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir })
  const app = await buildApp({ database, logger: true })
  await app.listen({ host: '127.0.0.1', port: options.port })
  return app
}
