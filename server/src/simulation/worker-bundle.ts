import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

let bundled: URL | undefined

/**
 * The simulation worker as one plain JavaScript file, built once per process. Loading the
 * TypeScript sources through tsx in every worker took 1.5 s of a 10 s run on this machine.
 */
export function simulationWorkerUrl(): URL {
  // Inside the built `recall` command (scripts/build-cli.mjs) the worker is already a file beside this code.
  if (!import.meta.url.endsWith('.ts')) return new URL('./simulation-worker.js', import.meta.url)
  if (!bundled) {
    const outfile = join(mkdtempSync(join(tmpdir(), 'recall-worker-')), 'simulation-worker.mjs')
    buildSync({
      entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
    })
    bundled = new URL(`file://${outfile}`)
  }
  return bundled
}
