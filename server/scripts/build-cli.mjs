// Builds the `recall` command once into plain JavaScript (server/dist/bin), so a call costs Node's
// start-up and not tsx compiling every source file (~6 s a `validate`). Run by `pnpm install`
// (prepare), `start` and `test`; esbuild takes well under a second.
import { readFileSync, renameSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const serverRoot = new URL('../', import.meta.url)
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', serverRoot), 'utf8'))

// Built beside the previous build and swapped in at the end, so a `recall` process starting
// meanwhile (a test's worker) finds one whole build; hashed chunk names of older builds go with it.
const next = new URL('dist/bin.next', serverRoot)
rmSync(next, { recursive: true, force: true })
await build({
  absWorkingDir: serverRoot.pathname,
  // The simulation and forecast workers are their own entries: worker threads load it by file (see worker-bundle.ts).
  entryPoints: { recall: 'src/cli/main.ts', 'simulation-worker': 'src/simulation/worker.ts', 'forecast-worker': 'src/forecast/worker.ts' },
  // Two levels below server/, as the sources in src/cli and src/db are: their paths to
  // ../../drizzle and ../../../web/dist resolve the same from the bundle.
  outdir: 'dist/bin.next',
  bundle: true,
  // Each command loads only its own code: `validate` never loads Fastify or PGlite.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The server's own dependencies load from node_modules as they are (PGlite finds its wasm and data
  // files beside itself, the cloud SDKs and pg load their optional parts lazily); shared and engine,
  // TypeScript sources with small pure dependencies, are bundled.
  external: Object.keys(dependencies).filter((name) => !name.startsWith('@recall/')),
  // Bundled CommonJS may call require; ESM has none of its own.
  banner: { js: "import { createRequire as recallRequire } from 'node:module'; const require = recallRequire(import.meta.url);" },
  logLevel: 'warning',
})
rmSync(new URL('dist/bin', serverRoot), { recursive: true, force: true })
renameSync(next, new URL('dist/bin', serverRoot))
