import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const bundleModule = fileURLToPath(new URL('../src/simulation/worker-bundle.ts', import.meta.url))

it('removes the bundled simulation worker from the temporary folder when the process ends', () => {
  const script = `import { simulationWorkerUrl } from ${JSON.stringify(bundleModule)}; console.log(simulationWorkerUrl().pathname)`
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 })
  expect(run.status).toBe(0)
  const bundle = run.stdout.trim()
  expect(bundle).toMatch(/\/recall-worker-[^/]+\/simulation-worker\.mjs$/)
  expect(existsSync(dirname(bundle))).toBe(false)
}, 150_000)
