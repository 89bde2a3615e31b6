import { randomUUID } from 'node:crypto'
import type { LocalizedText } from '@recall/shared'
import { ApiError } from '../plugins/errors'

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed'

export type BackgroundRun<Fields extends object> = Fields & {
  id: string
  status: RunStatus
  progress: number
  error?: string
  /** The error in both languages, when the run failed on its own input (e.g. an empty segment). */
  errorMessage?: LocalizedText
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
 * Work that runs in the background after the request that started it has been answered (202):
 * polled by id, cancelled by id, kept in memory while the server runs. Simulations of one journey
 * and of the whole program share it.
 */
export function backgroundRuns<Fields extends object>() {
  const runs = new Map<string, BackgroundRun<Fields> & { abort: AbortController }>()
  const view = ({ abort: _abort, ...run }: BackgroundRun<Fields> & { abort: AbortController }) => run as BackgroundRun<Fields>

  return {
    start(fields: Fields, work: (control: RunControl<Fields>) => Promise<void>): BackgroundRun<Fields> {
      const id = randomUUID()
      const run = { ...fields, id, status: 'running', progress: 0, abort: new AbortController() } as BackgroundRun<Fields> & { abort: AbortController }
      runs.set(id, run)
      for (const old of [...runs.keys()].slice(0, Math.max(0, runs.size - KEEP_RUNS))) runs.delete(old)
      const control: RunControl<Fields> = {
        signal: run.abort.signal,
        progress: (fraction) => {
          run.progress = fraction
        },
        set: (more) => Object.assign(run, more),
      }
      void (async () => {
        try {
          await work(control)
          run.status = run.abort.signal.aborted ? 'cancelled' : 'done'
          run.progress = 1
        } catch (cause) {
          run.status = 'failed'
          run.error = cause instanceof Error ? cause.message : String(cause)
          if (cause instanceof ApiError) run.errorMessage = cause.localized
        }
      })()
      return view(run)
    },
    get(id: string): BackgroundRun<Fields> | undefined {
      const run = runs.get(id)
      return run && view(run)
    },
    cancel(id: string): boolean {
      const run = runs.get(id)
      run?.abort.abort()
      return run !== undefined
    },
  }
}
