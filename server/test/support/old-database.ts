import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { createThrowawayDatabase } from '../../src/db/throwaway'
import type { DatabaseKind } from './databases'

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url))

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

/**
 * A database migrated by an older release (up to `lastTag`) with `rows` written as it wrote them;
 * answers where to open it now, so opening it runs the newer migrations. What it leaves behind is
 * added to `cleanups`.
 */
export async function oldDatabase(kind: DatabaseKind, lastTag: string, rows: string, cleanups: (() => Promise<void>)[]): Promise<{ url?: string; dataDir?: string }> {
  const folder = migrationsUpTo(lastTag)
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }))
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'recall-pglite-'))
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const client = new PGlite({ dataDir })
    await migratePglite(drizzlePglite(client), { migrationsFolder: folder })
    await client.exec(rows)
    await client.close()
    return { dataDir }
  }
  const throwaway = await createThrowawayDatabase()
  cleanups.push(() => throwaway.drop())
  const pool = new pg.Pool({ connectionString: throwaway.url })
  await migrateNodePostgres(drizzleNodePostgres(pool), { migrationsFolder: folder })
  await pool.query(rows)
  await pool.end()
  return { url: throwaway.url }
}
