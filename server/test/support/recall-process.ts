import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'

/** The repository's root, where `recall` runs from. */
export const REPOSITORY_ROOT = new URL('../../../', import.meta.url).pathname

/**
 * Starts the `recall` command as its own process: the bundle, which test/support/build-cli.ts
 * builds before the tests, so each process starts in a fraction of a second instead of
 * compiling the sources through tsx.
 */
export function spawnRecall(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['server/bin/recall.mjs', ...args], { cwd: REPOSITORY_ROOT, ...options })
}
