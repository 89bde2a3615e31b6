/**
 * Stress (not run by CI): the fault tests that end PostgreSQL connections and kill workers
 * mid-send, run again and again while two other processes burn both cores. Prints each run's
 * outcome and time; exits 1 if any run failed. `npx -y pnpm@10 stress:faults [runs] [test file…]`.
 */
import { spawn, spawnSync } from 'node:child_process'

const runs = Number(process.argv[2] ?? 10)
const files = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['test/faults/terminated-connections.test.ts']

const burners = Array.from({ length: 2 }, () => spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random())'], { stdio: 'ignore' }))
let failed = 0
try {
  for (let run = 1; run <= runs; run++) {
    const started = Date.now()
    const outcome = spawnSync('npx', ['vitest', 'run', '--project', 'processes', ...files], { env: { ...process.env, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8' })
    const passed = outcome.status === 0
    if (!passed) failed += 1
    const failure = passed ? '' : ` — ${(outcome.stdout + outcome.stderr).match(/(AssertionError|Error): .*/)?.[0] ?? 'see vitest output'}`
    console.log(`run ${run}/${runs}: ${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s${failure}`)
  }
} finally {
  for (const burner of burners) burner.kill('SIGKILL')
}
console.log(`${runs - failed} of ${runs} runs passed under load`)
process.exit(failed > 0 ? 1 : 0)
