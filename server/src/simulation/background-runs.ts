import { randomUUID } from 'node:crypto'
import type { LocalizedText } from '@recall/shared'
import type { Principal } from '../access/permissions'
import { personRef, publishRightsOf } from '../approvals/rights'
import { ApiError } from '../plugins/errors'

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed'

export type BackgroundRun<Fields extends object> = Fields & {
  id: string
  status: RunStatus
  progress: number
  error?: string
  /** The error in both languages, when the run failed on its own input (e.g. an empty segment). */
  errorMessage?: LocalizedText
  /**
   * A cancelled run whose threads have not stopped yet: what they simulated may still be added as
   * its partial result. The run no longer counts toward the limits meanwhile.
   */
  stopping?: boolean
}

/** What a run's work gets: the cancel signal, and ways to report progress and results as they come. */
export interface RunControl<Fields extends object> {
  signal: AbortSignal
  progress(fraction: number): void
  set(fields: Partial<Fields>): void
}

/** Runs kept for looking at; the oldest are forgotten first. */
const KEEP_RUNS = 20

/**
 * Simulations running at once on this server, journey and program ones together, and per person.
 * Each holds worker threads and up to half a gigabyte: six 100,000-contact runs started at once
 * took 3.5 GB and slowed every other request to seconds.
 */
export const MAX_RUNNING = 3
export const MAX_RUNNING_PER_PERSON = 2
const running = new Map<string, string>()

/** Who asks: the person (a key counts as its maker) and whether they are an admin, who may cancel anyone's run. */
export interface RunRequester {
  person: string
  admin: boolean
}

export function runRequester(principal: Principal | undefined): RunRequester {
  return { person: personRef(principal), admin: publishRightsOf(principal) === 'admin' }
}

/**
 * When to ask again after a 429 (Retry-After, seconds): a run cannot be timed in advance, but a
 * 5,000-contact month takes about this long and a cancel frees its place at once.
 */
export const BUSY_RETRY_AFTER_SECONDS = 5
const retryLater = { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) }

const busy = () =>
  new ApiError(
    429,
    'simulations_busy',
    {
      en: `${MAX_RUNNING} simulations are already running on this server; try again when one has finished`,
      zh: `服务器上已有 ${MAX_RUNNING} 个模拟在运行;请等其中一个结束后再试`,
    },
    [],
    retryLater,
  )
const busyForYou = () =>
  new ApiError(
    429,
    'simulations_busy',
    {
      en: `You already have ${MAX_RUNNING_PER_PERSON} simulations running; wait for one, or cancel it`,
      zh: `你已有 ${MAX_RUNNING_PER_PERSON} 个模拟在运行;请等其中一个结束,或取消它`,
    },
    [],
    retryLater,
  )
const notYours = () => new ApiError(403, 'forbidden', { en: 'Only whoever started this simulation, or an admin, can cancel it', zh: '只有发起此模拟的人或管理员可以取消它' })

/**
 * Work that runs in the background after the request that started it has been answered (202):
 * polled by id, cancelled by id, kept in memory while the server runs. Simulations of one journey
 * and of the whole program share it.
 */
export function backgroundRuns<Fields extends object>() {
  type Kept = BackgroundRun<Fields> & { abort: AbortController; owner: string }
  const runs = new Map<string, Kept>()
  const view = ({ abort: _abort, owner: _owner, ...run }: Kept) => run as BackgroundRun<Fields>

  return {
    /** Refused with 429 while the server or this person already runs as many as it may. */
    start(fields: Fields, work: (control: RunControl<Fields>) => Promise<void>, owner: string): BackgroundRun<Fields> {
      if (running.size >= MAX_RUNNING) throw busy()
      if ([...running.values()].filter((person) => person === owner).length >= MAX_RUNNING_PER_PERSON) throw busyForYou()
      const id = randomUUID()
      const run = { ...fields, id, status: 'running', progress: 0, abort: new AbortController(), owner } as Kept
      runs.set(id, run)
      running.set(id, owner)
      for (const old of [...runs.keys()].slice(0, Math.max(0, runs.size - KEEP_RUNS))) runs.delete(old)
      const cancelled = () => run.abort.signal.aborted
      const control: RunControl<Fields> = {
        signal: run.abort.signal,
        // A cancelled run's progress bar stays where the cancel found it.
        progress: (fraction) => {
          if (!cancelled()) run.progress = fraction
        },
        // What the threads simulated before they stopped is still the cancelled run's partial result.
        set: (more) => Object.assign(run, more),
      }
      void (async () => {
        try {
          await work(control)
          if (!cancelled()) Object.assign(run, { status: 'done', progress: 1 })
        } catch (cause) {
          // A cancelled run stays cancelled, whatever its threads did after.
          if (!cancelled()) {
            run.status = 'failed'
            run.error = cause instanceof Error ? cause.message : String(cause)
            if (cause instanceof ApiError) run.errorMessage = cause.localized
          }
        } finally {
          running.delete(id)
          delete run.stopping
        }
      })()
      return view(run)
    },
    get(id: string): BackgroundRun<Fields> | undefined {
      const run = runs.get(id)
      return run && view(run)
    },
    /**
     * False for a run it does not know; 403 for someone else's run, unless an admin asks. The run is
     * cancelled at once and gives its place back: a sample still being built, or threads finishing
     * their day, go on in the background without counting toward the limits.
     */
    cancel(id: string, requester: RunRequester): boolean {
      const run = runs.get(id)
      if (!run) return false
      if (run.owner !== requester.person && !requester.admin) throw notYours()
      if (run.status !== 'running') return true
      run.abort.abort()
      Object.assign(run, { status: 'cancelled', stopping: true })
      running.delete(id)
      return true
    },
  }
}
