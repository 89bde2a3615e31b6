import { createThrowawayDatabase, type DatabaseHandle, openDatabase } from '@recall/server'

export type { DatabaseHandle }

/** A migrated throwaway PostgreSQL database whose URL can be handed to worker processes. */
export async function postgresTestDatabase(): Promise<{ handle: DatabaseHandle; url: string }> {
  const throwaway = await createThrowawayDatabase()
  const handle = await openDatabase({ url: throwaway.url })
  return {
    url: throwaway.url,
    handle: {
      ...handle,
      async close() {
        await handle.close()
        await throwaway.drop()
      },
    },
  }
}
