import { type SQL, sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../src/db/database'
import { startPgliteVacuum } from '../src/db/pglite-vacuum'
import { settings } from '../src/db/schema/index'
import { testDatabase } from './support/databases'

/** PostgreSQL's estimate of a table's rows: -1 until VACUUM or ANALYZE has counted them. */
async function estimatedRows(database: Awaited<ReturnType<typeof openDatabase>>, table: string): Promise<number> {
  const [row] = await database.db.select({ rows: sql<number>`reltuples::int` }).from(sql`pg_class`).where(sql`relname = ${table}`)
  return row?.rows ?? Number.NaN
}

describe('VACUUM on PGlite, which has no autovacuum', () => {
  const pglite = openDatabase({})
  afterAll(async () => (await pglite).close())

  it('runs on its schedule, counts the rows left after updates and analyzes them', async () => {
    const database = await pglite
    // Beside the rows the migrations put there (the short links' secret).
    const [{ stored } = { stored: 0 }] = await database.db.select({ stored: sql<number>`count(*)::int` }).from(settings)
    await database.db.insert(settings).values(Array.from({ length: 40 }, (_, index) => ({ key: `vacuum-${index}`, value: index })))
    for (let round = 0; round < 5; round++) await database.db.update(settings).set({ value: round })
    expect(await estimatedRows(database, 'settings')).toBe(-1)
    const errors: unknown[] = []
    const stop = startPgliteVacuum(database, (error) => errors.push(error), { firstAfterMs: 10, everyMs: 60_000, wholeEvery: 10 })
    await vi.waitFor(async () => expect(await estimatedRows(database, 'settings')).toBe(40 + stored), { timeout: 30_000, interval: 50 })
    await stop()
    // Analyzed too, as autovacuum would: the planner knows the key column's values.
    const [analyzed] = await database.db.select({ distinct: sql<number>`n_distinct::float` }).from(sql`pg_stats`).where(sql`tablename = 'settings' and attname = 'key'`)
    expect(analyzed?.distinct).toBe(-1)
    expect(errors).toEqual([])
  })

  it('vacuums the enrollments and the outbox between the runs over the whole database', async () => {
    const database = await openDatabase({})
    const statements: string[] = []
    const execute = database.db.execute.bind(database.db)
    vi.spyOn(database.db, 'execute').mockImplementation((query) => {
      statements.push(new PgDialect().sqlToQuery(query as SQL).sql)
      return execute(query)
    })
    const stop = startPgliteVacuum(database, () => {}, { firstAfterMs: 1, everyMs: 1, wholeEvery: 3 })
    await vi.waitFor(() => expect(statements.length).toBeGreaterThanOrEqual(4), { timeout: 30_000, interval: 20 })
    await stop()
    await database.close()
    const hot = 'VACUUM enrollments, messages, entry_queue'
    expect(statements.slice(0, 4)).toEqual(['VACUUM (ANALYZE)', hot, hot, 'VACUUM (ANALYZE)'])
  })

  it('leaves PostgreSQL to its own autovacuum', async () => {
    const postgres = await testDatabase('postgres')
    const execute = vi.spyOn(postgres.db, 'execute')
    const stop = startPgliteVacuum(postgres, () => {}, { firstAfterMs: 1, everyMs: 1, wholeEvery: 1 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await stop()
    expect(execute).not.toHaveBeenCalled()
    await postgres.close()
  })
})
