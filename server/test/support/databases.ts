import { type DatabaseHandle, openDatabase } from '../../src/db/database'
import { createThrowawayDatabase } from '../../src/db/throwaway'

export type DatabaseKind = 'pglite' | 'postgres'
export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres']

/**
 * A fresh, migrated database of the given kind. PostgreSQL gets its own throwaway database,
 * dropped on close, so runs never see each other's rows.
 */
export async function testDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openDatabase({})
  const throwaway = await createThrowawayDatabase()
  const handle = await openDatabase({ url: throwaway.url })
  return {
    ...handle,
    async close() {
      await handle.close()
      await throwaway.drop()
    },
  }
}
