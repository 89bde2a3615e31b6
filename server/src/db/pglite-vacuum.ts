import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from './database'

export interface VacuumSchedule {
  /** Real milliseconds from the start to the first run (the whole database): soon, so a folder left bloated is cleaned early. */
  firstAfterMs: number
  /** Between runs; each vacuums the tables the worker updates all the time. */
  everyMs: number
  /** Every this many runs, the whole database instead. */
  wholeEvery: number
}

const DEFAULT_SCHEDULE: VacuumSchedule = { firstAfterMs: 30_000, everyMs: 30_000, wholeEvery: 10 }

/**
 * Updated at every step and send, and read by the worker's look for due work several times a
 * second: with five minutes of dead rows in them, that look (due enrollments, the outbox) took 3–4
 * times its CPU on a demo folder (10 ms instead of 2.5 ms for the due enrollments). A run on them
 * half a minute after the last costs a few milliseconds: VACUUM skips the pages no one changed.
 */
const HOT_TABLES = sql`enrollments, messages, entry_queue`

/**
 * PGlite runs PostgreSQL without its background workers, autovacuum among them: every update of an
 * enrollment or a message left a dead row behind for good, and each second's look for due work
 * scanned more of them (a demo folder after a day: 21 MB of enrollments for 5,849 rows, the outbox
 * query at 43 ms instead of 7 ms). This does autovacuum's part on a timer of the wall clock.
 * The busiest tables every half minute, everything every five minutes. The runs over everything
 * also ANALYZE, as autovacuum does: a table never analyzed is planned as if it held one row, and the
 * worker's look for due enrollments then read every active enrollment of each live journey (its
 * journey index, filtered) instead of the few due ones in the due index (113 ms against 1.4 ms on
 * a demo folder of 3,600 enrollments, several times a second). Returns the stop, which waits for a
 * run in flight so the database is not closed under it.
 */
export function startPgliteVacuum(database: DatabaseHandle, onError: (error: unknown) => void, schedule: VacuumSchedule = DEFAULT_SCHEDULE): () => Promise<void> {
  if (database.kind !== 'pglite') return async () => {}
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false
  let runs = 0
  const run = () => {
    const whole = runs++ % schedule.wholeEvery === 0
    running = database.db
      .execute(whole ? sql`VACUUM (ANALYZE)` : sql`VACUUM ${HOT_TABLES}`)
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
