import type { Database } from '../db/database'
import type { Executor } from './contact-view'

/**
 * One row whose work throws must not stop the rows beside it. A batch that fails is rolled back
 * whole; then its halves are tried, each in a transaction (or savepoint) of its own, and the halves
 * of a half that fails, down to single items: every item that can go ahead does so at once, in
 * about 2·k·log₂(n) tries for k failing items among n, and nothing is added while nothing fails.
 */

/**
 * SQLSTATE classes of a database that is not answering as it should (connection lost, deadlock or
 * serialization failure, out of resources, shutting down or cancelled, broken): nobody's row.
 */
const TROUBLE_CLASSES = new Set(['08', '40', '53', '57', '58', 'XX'])
/** lock_not_available: a lock timeout, the database's business too. */
const LOCK_TIMEOUT = '55P03'
const SQLSTATE = /^[0-9A-Z]{5}$/
/** Node's own network errors (ECONNRESET, ECONNREFUSED, EPIPE…). */
const SYSTEM_ERROR = /^E[A-Z]+$/
/** What the drivers say, without a code, when the connection or the database is gone. */
const LOST_DATABASE =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed)/

const causes = function* (error: unknown): Generator<Error> {
  // drizzle wraps the driver's error ("Failed query: …") as its cause.
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) yield cause
}

/**
 * Whether a failure is the database's rather than some row's: then the batch is left to be taken
 * again whole (as a failure always was), instead of charging its rows one by one.
 */
export function isDatabaseTrouble(error: unknown): boolean {
  for (const cause of causes(error)) {
    const { code } = cause as { code?: unknown }
    if (typeof code === 'string' && SQLSTATE.test(code)) return TROUBLE_CLASSES.has(code.slice(0, 2)) || code === LOCK_TIMEOUT
    if (typeof code === 'string' && SYSTEM_ERROR.test(code)) return true
    if (LOST_DATABASE.test(cause.message)) return true
  }
  return false
}

/**
 * `items` failed together with `error`: tries each half with `attempt`, and the halves of a half
 * that fails, down to single items; an item that fails alone goes to `failedAlone` with its own
 * error. Database trouble is thrown at once: what was not done yet is taken again with the next batch.
 */
export async function isolateFailures<T>(
  items: readonly T[],
  error: unknown,
  attempt: (part: readonly T[]) => Promise<void>,
  failedAlone: (item: T, error: unknown) => Promise<void>,
): Promise<void> {
  if (isDatabaseTrouble(error)) throw error
  const [only] = items
  if (items.length === 1 && only !== undefined) return failedAlone(only, error)
  const middle = Math.ceil(items.length / 2)
  for (const part of [items.slice(0, middle), items.slice(middle)]) {
    if (part.length === 0) continue
    try {
      await attempt(part)
    } catch (failure) {
      await isolateFailures(part, failure, attempt, failedAlone)
    }
  }
}

/**
 * Runs a batch in one transaction (`run` claims it, at most as many as usual or only those of
 * `only`, and pushes the ids it claimed to `claimed`); when it fails, runs its halves until the
 * items that fail alone are found and handed to `failedAlone` (which records what becomes of each,
 * in a transaction of its own), so the others go ahead now instead of waiting behind them forever.
 * Answers how many were claimed.
 */
export async function inIsolation<Id>(
  db: Database,
  run: (tx: Executor, claimed: Id[], only?: readonly Id[]) => Promise<number>,
  failedAlone: (id: Id, error: unknown) => Promise<IsolatedFailure | undefined>,
  report: FailureReporter,
): Promise<number> {
  const claimed: Id[] = []
  try {
    return await db.transaction((tx) => run(tx, claimed))
  } catch (error) {
    if (claimed.length === 0) throw error
    await isolateFailures(
      claimed,
      error,
      async (part) => {
        await db.transaction((tx) => run(tx, [], part))
      },
      async (id, cause) => {
        const failure = await failedAlone(id, cause)
        if (failure) report(failure)
      },
    )
    return claimed.length
  }
}

/**
 * Waits before the 2nd, 3rd, 4th and 5th try of a step or entry that failed, in real time: what
 * makes a step fail (a bug a deploy fixes, data someone corrects, a database in trouble) goes away
 * in real time, whatever the journeys' clock does. One minute lets a passing fault pass without
 * hammering; the waits then grow so that about two and a half hours (time for a fix to ship) pass
 * before the fifth failure stops the contact, where a person has to look.
 */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const
/** Failures in a row that stop a contact's step (or drop a queued entry). */
export const MAX_FAILURES = RETRY_DELAYS_MS.length + 1

/**
 * When an item that has now failed `failures` times in a row is tried again, on the journeys'
 * clock (where wake times live): the real wait in journeys' milliseconds, so an hour a second on the
 * demo clock still waits a real minute. Undefined when it is not tried again.
 */
export function retryAt(failures: number, now: number, realPerSimulated: number): number | undefined {
  const delay = RETRY_DELAYS_MS[failures - 1]
  return delay === undefined ? undefined : now + delay / realPerSimulated
}

/** A failure as logged: its kind, the database's code and names, and where it was thrown; never its message, which may quote a contact's data. */
export function failureSummary(error: unknown): Record<string, string> {
  const chain = [...causes(error)]
  const [outermost] = chain
  const innermost = chain.at(-1)
  if (!outermost || !innermost) return { type: typeof error }
  const coded = chain.find((cause) => typeof (cause as { code?: unknown }).code === 'string') as (Error & Record<string, unknown>) | undefined
  const summary: Record<string, string> = { type: innermost.name }
  for (const field of ['code', 'table', 'column', 'constraint', 'routine']) if (typeof coded?.[field] === 'string') summary[field] = coded[field] as string
  // The outermost error's frames: a driver's own error was made in its protocol parser, ours where the query was sent.
  const frames = (outermost.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 4)
  if (frames.length > 0) summary.at = frames.map((line) => line.trim().slice(3)).join(' < ')
  return summary
}

/** One item that failed alone, as the worker reports it: ids of the item's own rows and nodes, never a contact's id, phone or texts. */
export interface IsolatedFailure {
  /** A due step, a queued entry's turn, a segment or date entry, a queued message's claim, a scheduled publish. */
  kind: 'step' | 'queued_entry' | 'scheduled_entry' | 'message' | 'scheduled_publish'
  ids: Record<string, string | number | null>
  /** Failures in a row, this one included. */
  failures: number
  /** What became of it: tried again later, stopped (a contact's step), dropped (a queued entry), skipped until the next scan, failed for good. */
  outcome: 'retried' | 'stopped' | 'dropped' | 'skipped' | 'failed'
  /** When it is tried again (ISO 8601, on the journeys' clock). */
  retryAt?: string
  error: unknown
}

export type FailureReporter = (failure: IsolatedFailure) => void

/** The log line of an isolated failure: flat, with the error summarised (see failureSummary). */
export function failureLogLine({ error, ids, ...failure }: IsolatedFailure): Record<string, unknown> {
  return { ...ids, ...failure, cause: failureSummary(error) }
}
