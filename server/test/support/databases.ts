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
 * Gives a describe block something opened before its tests (then `setUp` run on it) and closed
 * after them. Call the returned function inside tests.
 */
export function useOpenForBlock<T extends { close(): Promise<void> }>(open: () => Promise<T>, setUp: (opened: T) => Promise<void>, what: string): () => T {
  let opened: T | undefined
  beforeAll(async () => {
    opened = await open()
    await setUp(opened)
  }, 60_000)
  afterAll(async () => {
    await opened?.close()
  })
  return () => {
    if (!opened) throw new Error(`${what} is not open yet`)
    return opened
  }
}

/**
 * Gives a describe block its own fresh database: opened (and `setUp` run on it) before the block's
 * tests, closed and dropped after them. Call the returned function inside tests.
 */
export function useTestDatabase(kind: DatabaseKind, setUp: (handle: DatabaseHandle) => Promise<void> = async () => {}): () => DatabaseHandle {
  return useOpenForBlock(() => testDatabase(kind), setUp, 'the test database')
}
