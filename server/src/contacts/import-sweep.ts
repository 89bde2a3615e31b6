import type { LocalizedText } from '@recall/shared'
import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contactImportRows, contactImports } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/** A running job untouched for this long has lost its process; its process touches it six times as often. */
export const IMPORT_STALE_SECONDS = 60
export const heartbeatMs = (staleSeconds: number) => (staleSeconds * 1_000) / 6

export const INTERRUPTED_REASON: LocalizedText = {
  en: 'The import was interrupted by a server restart before it finished; nothing from the file was written. Import the file again.',
  zh: '导入在完成前因服务器重启而中断,文件中的内容均未写入。请重新导入该文件。',
}

/**
 * Jobs whose row no transaction holds: a job being merged is locked by its merge, and alive while
 * the merge is (a dead process's transaction is rolled back, its lock released), so neither the
 * heartbeat nor the sweep waits on it.
 */
const unlocked = (db: Executor, where: SQL | undefined) => db.select({ id: contactImports.id }).from(contactImports).where(where).for('update', { skipLocked: true })

/** Marks this process's running jobs alive; database time, so processes on different clocks agree. */
export async function touchImports(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length > 0)
    await db
      .update(contactImports)
      .set({ heartbeatAt: sql`now()` })
      .where(inArray(contactImports.id, unlocked(db, inArray(contactImports.id, [...ids]))))
}

/**
 * Jobs left "running" by a process that stopped: marked interrupted with the reason, their staged
 * rows dropped. Their file was never merged (the merge is one transaction that first checks the
 * job is still running), so nothing of it reached contacts. `everyRunning` when no other process
 * can be running one (PGlite's folder is locked to this process); otherwise only jobs whose
 * heartbeat stopped.
 */
export async function sweepInterruptedImports(
  db: Database,
  { everyRunning, staleSeconds = IMPORT_STALE_SECONDS }: { everyRunning: boolean; staleSeconds?: number },
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const running = eq(contactImports.status, 'running')
    const swept = await tx
      .update(contactImports)
      .set({
        status: 'interrupted',
        finishedAt: new Date(),
        errorCount: 1,
        errors: sql`jsonb_build_array(${JSON.stringify({ row: 0, field: '', message: INTERRUPTED_REASON })}::jsonb)`,
      })
      .where(inArray(contactImports.id, unlocked(tx, everyRunning ? running : and(running, lt(contactImports.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`)))))
      .returning({ id: contactImports.id })
    const ids = swept.map((job) => job.id)
    if (ids.length > 0) await tx.delete(contactImportRows).where(inArray(contactImportRows.importId, ids))
    return ids
  })
}

/** Thrown inside a merge whose job was swept meanwhile: the transaction rolls back, nothing is written. */
export class ImportNoLongerRunningError extends Error {
  constructor() {
    super('the import was marked interrupted before its rows were merged')
  }
}

/** Locks the job's row for the merge; a job already swept is not merged. */
export async function claimForMerge(tx: Executor, importId: string): Promise<void> {
  const [job] = await tx.select({ status: contactImports.status }).from(contactImports).where(eq(contactImports.id, importId)).for('update')
  if (job?.status !== 'running') throw new ImportNoLongerRunningError()
}
