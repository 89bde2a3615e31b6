import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { adminDatabaseUrl, createThrowawayDatabase } from '../src/db/throwaway'

describe('the PostgreSQL connection', () => {
  const cleanup: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step()
  })

  it('outlives the server ending its idle connections, and says so once per connection', async () => {
    const throwaway = await createThrowawayDatabase()
    cleanup.push(throwaway.drop)
    const lost: string[] = []
    const handle = await openDatabase({ url: throwaway.url, onConnectionError: (error) => lost.push((error as Error & { code?: string }).code ?? error.message) })
    cleanup.push(handle.close)
    await Promise.all([handle.db.execute(sql`select 1`), handle.db.execute(sql`select 2`)])
    // What a restart or failover does to every idle connection.
    const admin = new pg.Client({ connectionString: adminDatabaseUrl() })
    await admin.connect()
    const database = new URL(throwaway.url).pathname.slice(1)
    const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])
    await admin.end()
    expect(ended.rowCount).toBeGreaterThan(0)
    await expect.poll(() => lost.length).toBe(ended.rowCount)
    expect(new Set(lost)).toEqual(new Set(['57P01']))
    const answer = (await handle.db.execute(sql`select 41 + 1 as answer`)) as unknown as { rows: { answer: number }[] }
    expect(answer.rows).toEqual([{ answer: 42 }])
  })

  it('reopens its LISTEN connection when the server ends it, and hears notifications again', async () => {
    const throwaway = await createThrowawayDatabase()
    cleanup.push(throwaway.drop)
    const lost: string[] = []
    const handle = await openDatabase({ url: throwaway.url, onConnectionError: (error) => lost.push((error as Error & { code?: string }).code ?? error.message) })
    cleanup.push(handle.close)
    let heard = 0
    const unlisten = await handle.listen('recall_listener_test', () => heard++)
    cleanup.push(unlisten)
    await handle.db.execute(sql`notify recall_listener_test`)
    await expect.poll(() => heard).toBe(1)

    const admin = new pg.Client({ connectionString: adminDatabaseUrl() })
    await admin.connect()
    const database = new URL(throwaway.url).pathname.slice(1)
    const ended = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'", [database])
    expect(ended.rowCount).toBe(1)
    await expect.poll(() => lost).toEqual(['57P01'])
    // Reopened: nudged once for what it may have missed while gone.
    await expect.poll(() => heard, { timeout: 5_000 }).toBe(2)
    const listening = await admin.query("select count(*)::int as count from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'", [database])
    await admin.end()
    expect(listening.rows).toEqual([{ count: 1 }])
    await handle.db.execute(sql`notify recall_listener_test`)
    await expect.poll(() => heard).toBe(3)
  })
  // drizzle-orm 0.45 ran BEGIN outside its try/finally: a transaction started on a connection the
  // server had just ended never gave its client back, and after max such failures every query of
  // the worker waited forever (a CI run hung in the terminated-connections fault test). Patched in
  // patches/drizzle-orm@0.45.4.patch until upstream fixes drizzle-orm#6241.
  it('gives back a connection that died before its transaction began, so the pool never runs dry', async () => {
    const throwaway = await createThrowawayDatabase()
    cleanup.push(throwaway.drop)
    const pool = new pg.Pool({ connectionString: throwaway.url, max: 1 })
    cleanup.push(() => pool.end())
    pool.on('error', () => {})
    const checkout = pool.connect.bind(pool)
    let killed = false
    // The first client handed out is one whose backend PostgreSQL has already ended.
    pool.connect = (async () => {
      const client = await checkout()
      if (!killed) {
        killed = true
        client.on('error', () => {})
        const admin = new pg.Client({ connectionString: adminDatabaseUrl() })
        await admin.connect()
        const pid = (await client.query('select pg_backend_pid() as pid')).rows[0].pid
        const gone = new Promise((resolve) => client.once('end', resolve))
        await admin.query('select pg_terminate_backend($1)', [pid])
        await admin.end()
        await gone
      }
      return client
    }) as typeof pool.connect
    const db = drizzle(pool)
    await expect(db.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow()
    expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 0, idle: 0 })
    const answer = await db.transaction(async (tx) => (await tx.execute(sql`select 6 * 7 as answer`)).rows)
    expect(answer).toEqual([{ answer: 42 }])
  })
})
