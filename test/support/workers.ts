import type { ChildProcess } from 'node:child_process'
import { spawnRecall } from '../../server/test/support/recall-process'

/** Starts `recall worker` as its own process against `url`, with the given clock variables. */
export function spawnWorker(url: string, clockEnv: Record<string, string>): ChildProcess {
  return spawnRecall(['worker'], { env: { ...process.env, ...clockEnv, DATABASE_URL: url }, stdio: 'ignore' })
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}
