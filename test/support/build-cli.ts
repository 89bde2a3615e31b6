import { execFileSync } from 'node:child_process'

/**
 * Vitest global setup: builds the `recall` bundle (under a second with esbuild) from the sources
 * under test, so tests that start `recall` as a process never run a stale build.
 */
export default function buildCli(): void {
  execFileSync(process.execPath, ['server/scripts/build-cli.mjs'], { cwd: new URL('../../', import.meta.url).pathname, stdio: 'inherit' })
}
