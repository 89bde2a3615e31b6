import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build, buildSync } from 'esbuild'

const bundled = new Map<string, URL>()
const building = new Map<string, Promise<URL>>()

/** Inside the built `recall` command (scripts/build-cli.mjs) the worker is already `<name>.js` beside this code. */
const prebuilt = (name: string) => (import.meta.url.endsWith('.ts') ? undefined : new URL(`./${name}.js`, import.meta.url))

function bundleOptions(entry: URL, name: string): BuildOptions & { outfile: string } {
  const folder = mkdtempSync(join(tmpdir(), 'recall-worker-'))
  // The bundle is this process's alone: it goes with the process (a kill -9 still leaves it behind).
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }))
  const outfile = join(folder, `${name}.mjs`)
  return { entryPoints: [fileURLToPath(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' }
}

/**
 * A worker's TypeScript entry as one plain JavaScript file, built once per process. Loading the
 * TypeScript sources through tsx in every worker took 1.5 s of a 10 s run on this machine.
 */
export function bundledWorkerUrl(entry: URL, name: string): URL {
  const ready = prebuilt(name) ?? bundled.get(name)
  if (ready) return ready
  const options = bundleOptions(entry, name)
  buildSync(options)
  const url = new URL(`file://${options.outfile}`)
  bundled.set(name, url)
  return url
}

/** The same, built without blocking the thread: bundling takes seconds on a busy machine, and the API must keep answering meanwhile. */
export function bundledWorkerUrlAsync(entry: URL, name: string): Promise<URL> {
  const ready = prebuilt(name) ?? bundled.get(name)
  if (ready) return Promise.resolve(ready)
  let pending = building.get(name)
  if (!pending) {
    const options = bundleOptions(entry, name)
    pending = build(options).then(() => {
      const url = new URL(`file://${options.outfile}`)
      bundled.set(name, url)
      return url
    })
    building.set(name, pending)
  }
  return pending
}

/** The simulation worker (see parallel.ts). */
export function simulationWorkerUrl(): URL {
  return bundledWorkerUrl(new URL('./worker.ts', import.meta.url), 'simulation-worker')
}
