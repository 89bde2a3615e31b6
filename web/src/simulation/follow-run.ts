import { api, failureText } from '../app/api'

const POLL_MS = 400

/**
 * Polls a background run at `path` until it ends (a cancelled one: until its threads have stopped
 * and its partial result is in), handing each state to `update`; stops early when the run is no
 * longer wanted (closed, or replaced by a newer run).
 */
export async function followRun<Run extends { id: string; status: string; error?: string; stopping?: boolean }>(
  path: (id: string) => string,
  started: Run,
  stillWanted: (id: string) => boolean,
  update: (run: Run) => void,
): Promise<void> {
  let run = started
  while (run.status === 'running' || run.stopping) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    if (!stillWanted(run.id)) return
    try {
      run = await api<Run>('GET', path(run.id))
    } catch (cause) {
      run = { ...run, status: 'failed', error: failureText(cause) }
    }
    update(run)
  }
}
