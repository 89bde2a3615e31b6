import { type ChildProcess, spawn } from 'node:child_process'

const root = new URL('../../', import.meta.url).pathname

/** Starts `recall worker` as its own process against `url`, with the given clock variables. */
export function spawnWorker(url: string, clockEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'worker'], { cwd: root, env: { ...process.env, ...clockEnv, DATABASE_URL: url }, stdio: 'ignore' })
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}
