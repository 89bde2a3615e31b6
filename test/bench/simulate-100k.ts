// Benchmark: 100,000 contacts through the 90-day win-back template for 30 simulated days.
// Target ≤ 10 s and ≤ 1 GB peak RSS on the 2-core machine. Also runs the same simulation on a
// minimal hand-written interpreter to show what XState costs.
// Run: npx -y pnpm@10 bench:simulate [contacts]
import { defaultPolicies, type SimulationOptions, type SimulationResult, simulate } from '@recall/engine'
import { DEMO_BEHAVIOURS, generateSampleContacts, simulateInParallel, simulationWorkerUrl } from '@recall/server'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { minimalInterpreter } from './minimal-interpreter'

const count = Number(process.argv[2] ?? 100_000)
const days = 30
const start = Date.parse('2026-11-02T20:30:00+08:00')
const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!journey) throw new Error('win-back template missing')
const contacts = generateSampleContacts({ count, seed: 7, now: start })
const options: SimulationOptions = { start, days, seed: 1, policies: defaultPolicies(), behaviours: DEMO_BEHAVIOURS, entrySpreadHours: 24, timelineContacts: 0, keepMessages: 0 }

// From the sources the worker is bundled once per process, on first use (seconds); the built
// `recall` command ships it ready. Built before measuring, so the threads' figure is the simulation's.
simulationWorkerUrl()

let peakRss = 0
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}
const sampler = setInterval(sampleRss, 50)

async function measure(label: string, run: () => SimulationResult | Promise<SimulationResult>): Promise<number> {
  peakRss = 0
  globalThis.gc?.()
  const started = performance.now()
  const result = await run()
  const seconds = (performance.now() - started) / 1000
  sampleRss()
  console.log(
    `${label.padEnd(28)} users ${count}, simulated days ${days}, steps ${result.steps}, seconds ${seconds.toFixed(2)}, steps/s ${Math.round(result.steps / seconds)}, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, messages ${result.messages.total}`,
  )
  return seconds
}

const parallel = await measure('XState, 2 worker threads', () => simulateInParallel(journey, contacts, { ...options, onProgress: sampleRss }, { workers: 2 }))
const xstate = await measure('XState, 1 thread', () => simulate(journey, contacts, { ...options, onProgress: sampleRss }))
const minimal = await measure('minimal interpreter, 1 thread', () => simulate(journey, contacts, { ...options, stepper: minimalInterpreter, onProgress: sampleRss }))
clearInterval(sampler)
console.log(`cost of XState: ${(xstate / minimal).toFixed(2)}× the minimal interpreter (single thread); parallel speed-up ${(xstate / parallel).toFixed(2)}×`)
