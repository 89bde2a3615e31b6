import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const bundled = new Map<string, URL>()

/**
 * A worker's TypeScript entry as one plain JavaScript file, built once per process. Loading the
 * TypeScript sources through tsx in every worker took 1.5 s of a 10 s run on this machine. Inside
 * the built `recall` command (scripts/build-cli.mjs) the worker is already `<name>.js` beside this code.
 */
export function bundledWorkerUrl(entry: URL, name: string): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL(`./${name}.js`, import.meta.url)
  let url = bundled.get(name)
  if (!url) {
    const outfile = join(mkdtempSync(join(tmpdir(), 'recall-worker-')), `${name}.mjs`)
    buildSync({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' })
    url = new URL(`file://${outfile}`)
    bundled.set(name, url)
  }
  return url
}

/** The simulation worker (see parallel.ts). */
export function simulationWorkerUrl(): URL {
  return bundledWorkerUrl(new URL('./worker.ts', import.meta.url), 'simulation-worker')
}
