import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { lockDataFolder } from './folder-lock'
import { reconnectingListener } from './listener'
import * as schema from './schema/index'

export type Schema = typeof schema
/** One type for both drivers: repositories are written once for PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>

export interface DatabaseHandle {
  db: Database
  kind: 'pglite' | 'postgres'
  /** Calls `onNotify` for each NOTIFY on `channel` (other processes' on PostgreSQL); returns the unsubscribe. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  url?: string | undefined
  /** PGlite data folder; in memory when absent. */
  dataDir?: string | undefined
  /** Told of a PostgreSQL connection lost while idle (a restart, a failover); stderr when absent. */
  onConnectionError?: ((error: Error) => void) | undefined
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

/** Opens the database and applies the checked-in migrations: one code path for both engines. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const url = options.url
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    // An idle connection the server ends (restart, failover, a dropped database) is an 'error' event:
    // unheard, it would crash the process. The pool drops that connection and opens a new one on the
    // next query; once closing, such errors are expected and not worth a word.
    let closing = false
    // An idle client's lost connection reaches both the pool and the client's own listener: said once per client.
    const reported = new WeakSet<object>()
    const connectionLost = (error: Error, client?: object) => {
      if (client) {
        if (reported.has(client)) return
        reported.add(client)
      }
      if (!closing) (options.onConnectionError ?? ((lost) => console.error(`PostgreSQL connection lost: ${lost.message}`)))(error)
    }
    pool.on('error', (error, client) => connectionLost(error, client))
    // The pool hears only idle clients; a client checked out for a transaction whose backend is
    // ended between two queries would emit an unheard 'error' and end the process. Each client
    // gets a listener of its own; the query in flight fails and its transaction is retried whole.
    pool.on('connect', (client) => client.on('error', (error) => connectionLost(error, client)))
    const db = drizzleNodePostgres(pool, { schema })
    await migrateNodePostgres(db, { migrationsFolder })
    const listen = (channel: string, onNotify: () => void) => reconnectingListener({ connectionString: url, channel, onNotify, onLost: connectionLost })
    const close = async () => {
      closing = true
      await pool.end()
    }
    return { db: db as unknown as Database, kind: 'postgres', listen, close }
  }
  // PGlite is single-process: a second process on the same folder would corrupt it, so the folder
  // is locked before it is opened (throws DataFolderLockedError naming the owner).
  const release = options.dataDir ? lockDataFolder(options.dataDir) : () => {}
  try {
    const client = new PGlite(options.dataDir)
    const db = drizzlePglite(client, { schema })
    await migratePglite(db, { migrationsFolder })
    const listen = async (channel: string, onNotify: () => void) => client.listen(channel, onNotify)
    const close = async () => {
      await client.close()
      release()
    }
    return { db: db as unknown as Database, kind: 'pglite', listen, close }
  } catch (error) {
    release()
    throw error
  }
}
