import { randomUUID } from 'node:crypto'
import pg from 'pg'

/** The server to create throwaway databases on: DATABASE_URL, or the local PostgreSQL. */
export function adminDatabaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
}

/**
 * Creates an empty database with a random name for one test run or benchmark, and drops it
 * (disconnecting whoever is still on it) when asked.
 */
export async function createThrowawayDatabase(adminUrl = adminDatabaseUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `recall_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      await admin.query(statement)
    } finally {
      await admin.end()
    }
  }
  await run(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
