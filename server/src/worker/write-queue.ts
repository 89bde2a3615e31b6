/**
 * Writes of one transaction run one after another while the caller goes on computing the next
 * ones: a large ingestion's statements run in one PostgreSQL backend, and Node was idle while
 * each ran (half of a 10,000-event request), then PostgreSQL while Node computed the next chunk.
 * Every write must be drained before the transaction ends, failed or not, so that no statement of
 * a write runs after the rollback or the commit.
 */
export function writeQueue() {
  let pending: Promise<void> = Promise.resolve()
  return {
    /** Runs `write` once the writes queued before it are done; after a failed one it never runs. */
    add(write: () => Promise<void>): void {
      pending = pending.then(write)
      // Thrown by `drain`; until then a failure must not count as an unhandled rejection.
      pending.catch(() => {})
    },
    /** Resolves when every queued write is done; rejects with the first failure. */
    drain: (): Promise<void> => pending,
    /** Resolves when every queued write has finished or failed: for the caller's own failure. */
    settle: (): Promise<void> => pending.catch(() => {}),
  }
}

/** Lets I/O callbacks run (a queued write's next statement) in the middle of a long computation. */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Events (sorted by contact) split into runs of about `size`, never splitting a contact's events:
 * each contact's steps are written by one statement per table, as a batch writes them.
 */
export function chunksByContact<T extends { rowId: string }>(events: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  let chunk: T[] = []
  for (const event of events) {
    if (chunk.length >= size && chunk.at(-1)?.rowId !== event.rowId) {
      chunks.push(chunk)
      chunk = []
    }
    chunk.push(event)
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks
}
