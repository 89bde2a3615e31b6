import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { eq } from 'drizzle-orm'
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { enrollments } from '../src/db/schema/index'
import { createThrowawayDatabase } from '../src/db/throwaway'
import { countsFromRows, liveCountsOf } from '../src/repositories/live-counts'
import { recount } from '../src/repositories/monitoring'
import { readTimeline } from '../src/repositories/timeline'
import { DATABASE_KINDS } from './support/databases'

const MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url))
/** The last migration with a row per timeline line. */
const BEFORE = '0019_message_not_after'

/** A copy of the migrations folder that ends at `lastTag`, as an older release shipped it. */
function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'recall-migrations-'))
  cpSync(MIGRATIONS, folder, { recursive: true })
  const journalFile = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === lastTag) + 1)
  writeFileSync(journalFile, JSON.stringify(journal))
  return folder
}

/** Rows as the old release wrote them: a row per line, the live counts kept by the old triggers. */
const OLD_ROWS = `
  insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, entered_at)
  values ('e1', 'j', 1, 'c1', 'active', 'wait', '{}', '2026-11-24T02:00:00Z'), ('e2', 'j', 1, 'c2', 'active', 'wait', '{}', '2026-11-24T02:00:00Z');
  insert into step_log (enrollment_id, at, node_id, kind, message, detail) values
    ('e1', '2026-11-24T02:00:00Z', 'start', 'entered', '{"en":"entered start","zh":"进入 start"}', null),
    ('e1', '2026-11-24T02:00:00Z', 'wait', 'entered', '{"en":"entered wait","zh":"进入 wait"}', 'e-start-wait'),
    ('e2', '2026-11-24T02:00:00.123Z', 'wait', 'entered', '{"en":"entered wait","zh":"进入 wait"}', 'e-start-wait'),
    ('e1', '2026-11-24T02:00:00Z', 'wait', 'waiting', '{"en":"waiting until 10:01","zh":"等待至 10:01"}', null)`

describe.each(DATABASE_KINDS)('upgrading the timeline to a row per step on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  /** A database migrated by the old release with its rows written; answers where to open it now. */
  async function oldDatabase(): Promise<{ url?: string; dataDir?: string }> {
    const folder = migrationsUpTo(BEFORE)
    cleanups.push(async () => rmSync(folder, { recursive: true, force: true }))
    if (kind === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'recall-pglite-'))
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
      const client = new PGlite({ dataDir })
      await migratePglite(drizzlePglite(client), { migrationsFolder: folder })
      await client.exec(OLD_ROWS)
      await client.close()
      return { dataDir }
    }
    const throwaway = await createThrowawayDatabase()
    cleanups.push(() => throwaway.drop())
    const pool = new pg.Pool({ connectionString: throwaway.url })
    await migrateNodePostgres(drizzleNodePostgres(pool), { migrationsFolder: folder })
    await pool.query(OLD_ROWS)
    await pool.end()
    return { url: throwaway.url }
  }

  it('keeps every line in order, counts each connection once, and uncounts a deleted enrollment', async () => {
    const handle = await openDatabase(await oldDatabase())
    cleanups.unshift(() => handle.close())
    const lines = await readTimeline(handle.db, ['e1', 'e2'])
    expect(lines).toEqual([
      { enrollmentId: 'e1', at: new Date('2026-11-24T02:00:00Z'), nodeId: 'start', kind: 'entered', message: { en: 'entered start', zh: '进入 start' }, detail: null },
      { enrollmentId: 'e1', at: new Date('2026-11-24T02:00:00Z'), nodeId: 'wait', kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, detail: 'e-start-wait' },
      { enrollmentId: 'e2', at: new Date('2026-11-24T02:00:00.123Z'), nodeId: 'wait', kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, detail: 'e-start-wait' },
      { enrollmentId: 'e1', at: new Date('2026-11-24T02:00:00Z'), nodeId: 'wait', kind: 'waiting', message: { en: 'waiting until 10:01', zh: '等待至 10:01' }, detail: null },
    ])
    // The old triggers counted both steps along the connection; the upgrade adds nothing to that.
    expect(countsFromRows(await liveCountsOf(handle.db, 'j')).edges).toEqual({ 'e-start-wait': 2 })
    expect((await recount(handle.db, 'j')).edges).toEqual({ 'e-start-wait': 2 })
    await handle.db.delete(enrollments).where(eq(enrollments.id, 'e2'))
    expect(countsFromRows(await liveCountsOf(handle.db, 'j')).edges).toEqual({ 'e-start-wait': 1 })
  })
})
