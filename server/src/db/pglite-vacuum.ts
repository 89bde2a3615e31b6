import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from './database'

export interface VacuumSchedule {
  /** Real milliseconds from the start to the first run: soon, so a folder left bloated is cleaned early. */
  firstAfterMs: number
  everyMs: number
}

const DEFAULT_SCHEDULE: VacuumSchedule = { firstAfterMs: 30_000, everyMs: 5 * 60_000 }

/**
 * PGlite runs PostgreSQL without its background workers, autovacuum among them: every update of an
 * enrollment or a message left a dead row behind for good, and each second's look for due work
 * scanned more of them (a demo folder after a day: 21 MB of enrollments for 5,849 rows, the outbox
 * query at 43 ms instead of 7 ms). This does autovacuum's part on a timer of the wall clock.
 * Plain VACUUM (no ANALYZE), so the planner's choices stay what they were. Returns the stop, which
 * waits for a run in flight so the database is not closed under it.
 */
export function startPgliteVacuum(database: DatabaseHandle, onError: (error: unknown) => void, schedule: VacuumSchedule = DEFAULT_SCHEDULE): () => Promise<void> {
  if (database.kind !== 'pglite') return async () => {}
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false
  const run = () => {
    running = database.db
      .execute(sql`VACUUM`)
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, schedule.everyMs).unref()
      })
  }
  timer = setTimeout(run, schedule.firstAfterMs).unref()
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
