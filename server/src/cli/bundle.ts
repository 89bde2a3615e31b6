import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const serverRoot = new URL('../../', import.meta.url)

/**
 * The `recall` command line as one plain JavaScript file, server/dist/cli/main.mjs: the sources of
 * the server and of the workspace packages compiled in, the server's npm dependencies left to Node
 * (so PGlite finds its WASM files). It sits where src/cli/main.ts does, so the paths the sources
 * compute (migrations, the web app) hold. For measuring the server as a deployment would run it,
 * without tsx compiling TypeScript in its memory.
 */
export async function buildServerBundle(): Promise<string> {
  const { dependencies } = JSON.parse(readFileSync(new URL('package.json', serverRoot), 'utf8')) as { dependencies: Record<string, string> }
  const outfile = fileURLToPath(new URL('dist/cli/main.mjs', serverRoot))
  await build({
    entryPoints: [fileURLToPath(new URL('src/cli/main.ts', serverRoot))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: Object.keys(dependencies).filter((name) => !name.startsWith('@recall/')),
    logLevel: 'error',
  })
  return outfile
}
