// Benchmark: the workspace simulation of 3 journeys (90-day win-back, A/B offer, 45-day wake-up,
// all recall, sharing the default caps) × 100,000 contacts × 30 simulated days, against the
// single-journey simulation of the win-back over the same contacts, both in one thread.
// Each run is its own process, so its peak RSS is its own. Prints seconds, peak RSS and the ratios.
// Run: npx -y pnpm@10 bench:simulate-workspace [contacts]
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { defaultPolicies, type SimulationOptions, simulate, simulateWorkspace } from '@recall/engine'
import { DEMO_BEHAVIOURS, generateSampleContacts } from '@recall/server'
import { JOURNEY_TEMPLATES } from '@recall/shared'

const count = Number(process.argv[2] ?? 100_000)
const mode = process.argv[3]
const days = 30
const start = Date.parse('2026-11-02T20:30:00+08:00')
const ids = ['win-back-90-days', 'ab-offer-test', 'wake-up-45-days']

interface Figures {
  seconds: number
  peakRssMb: number
  steps: number
  messages: number
}

function runOne(which: 'single' | 'workspace'): Figures {
  const journeys = ids.map((id) => {
    const document = JOURNEY_TEMPLATES.find((template) => template.id === id)
    if (!document) throw new Error(`template ${id} missing`)
    return { id, name: document.name, document }
  })
  const contacts = generateSampleContacts({ count, seed: 7, now: start })
  const options: SimulationOptions = { start, days, seed: 1, policies: defaultPolicies(), behaviours: DEMO_BEHAVIOURS, entrySpreadHours: 24, timelineContacts: 0, keepMessages: 0 }
  const started = performance.now()
  const figures =
    which === 'single'
      ? (({ steps, messages }) => ({ steps, messages: messages.total }))(simulate((journeys[0] as (typeof journeys)[number]).document, contacts, options))
      : (({ steps, total }) => ({ steps, messages: total.messages }))(simulateWorkspace(journeys, contacts, options))
  const seconds = (performance.now() - started) / 1000
  return { seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...figures }
}

if (mode === 'single' || mode === 'workspace') {
  console.log(JSON.stringify(runOne(mode)))
} else {
  const measure = (which: string): Figures =>
    JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, String(count), which], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .at(-1) as string,
    )
  const before = loadavg()[0] ?? 0
  const single = measure('single')
  const workspace = measure('workspace')
  const line = (label: string, figures: Figures) =>
    console.log(
      `${label.padEnd(40)} contacts ${count}, days ${days}, steps ${figures.steps}, messages ${figures.messages}, seconds ${figures.seconds.toFixed(2)}, peak RSS ${figures.peakRssMb.toFixed(0)} MB`,
    )
  line('single journey (win-back), 1 thread', single)
  line('workspace, 3 journeys, 1 thread', workspace)
  console.log(`ratio workspace / single: time ${(workspace.seconds / single.seconds).toFixed(2)}×, peak RSS ${(workspace.peakRssMb / single.peakRssMb).toFixed(2)}×`)
  console.log(`machine: ${cpus().length} cores, load average ${before.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`)
}
