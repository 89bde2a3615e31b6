import { afterAll, beforeAll } from 'vitest'
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

/**
 * Gives a describe block its own fresh database: opened (and `setUp` run on it) before the block's
 * tests, closed and dropped after them. Call the returned function inside tests.
 */
export function useTestDatabase(kind: DatabaseKind, setUp: (handle: DatabaseHandle) => Promise<void> = async () => {}): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined
  beforeAll(async () => {
    handle = await testDatabase(kind)
    await setUp(handle)
  }, 60_000)
  afterAll(async () => {
    await handle?.close()
  })
  return () => {
    if (!handle) throw new Error('the test database is not open yet')
    return handle
  }
}
