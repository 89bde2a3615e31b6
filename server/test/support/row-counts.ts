import { count } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { FastifyInstance } from 'fastify'
// The app's decorations (`app.database`): without this the file type-checks only beside another that imports the app.
import type {} from '../../src/fastify-types'

/** How many rows each table holds: what a refused request must leave as it found it. */
export async function rowCounts<Tables extends Record<string, PgTable>>(app: FastifyInstance, tables: Tables): Promise<{ [Name in keyof Tables]: number }> {
  const counted: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) counted[name] = (await app.database.db.select({ n: count() }).from(table))[0]?.n ?? 0
  return counted as { [Name in keyof Tables]: number }
}
