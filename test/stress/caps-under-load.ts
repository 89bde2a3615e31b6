/**
 * Stress (not run by CI): the shared-caps scenario with 8 worker processes on this 2-core machine
 * while another process burns CPU, repeated 10 times. Prints caps exceeded and duplicate keys per
 * run; exits 1 if any run broke either. `npx -y pnpm@10 stress:caps [runs] [contacts]`.
 */
import { spawn } from 'node:child_process'
import { runCapsScenario, setUpCapsScenario } from '../support/caps-scenario'
import { postgresTestDatabase } from '../support/postgres'

const runs = Number(process.argv[2] ?? 10)
const contacts = Number(process.argv[3] ?? 2_000)
const WORKERS = 8

// Two busy loops: the 2 cores stay saturated for the whole stress run.
const burners = Array.from({ length: 2 }, () => spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random())'], { stdio: 'ignore' }))
let broken = 0
try {
  for (let run = 1; run <= runs; run++) {
    const { handle, url } = await postgresTestDatabase()
    try {
      await setUpCapsScenario(handle, contacts)
      const started = Date.now()
      const outcome = await runCapsScenario(handle, url, contacts, WORKERS)
      if (outcome.capsExceeded > 0 || outcome.duplicateKeys > 0) broken += 1
      console.log(
        `run ${run}/${runs}: ${outcome.contacts} contacts, ${outcome.handedOver} handed over, ${outcome.cancelledAtSending} cancelled at sending, caps exceeded ${outcome.capsExceeded}, duplicate keys ${outcome.duplicateKeys}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    } finally {
      await handle.close()
    }
  }
} finally {
  for (const burner of burners) burner.kill('SIGKILL')
}
console.log(`${runs - broken} of ${runs} runs held every cap with no duplicate`)
process.exit(broken > 0 ? 1 : 0)
