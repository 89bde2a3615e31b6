// Benchmark: 100,000 contacts through the 90-day win-back template for 30 simulated days.
// Target ≤ 10 s and ≤ 1 GB peak RSS on the 2-core machine, and 2 threads ≥ 1.8× one. Also runs the
// same simulation on a minimal hand-written interpreter to show what XState costs.
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
const inThreads = () => simulateInParallel(journey, contacts, { ...options, onProgress: sampleRss }, { workers: 2 })
const inOneThread = () => simulate(journey, contacts, { ...options, onProgress: sampleRss })
// The first run of a process starts the worker threads and compiles the simulator in each of them;
// later runs reuse the kept threads (server/src/simulation/worker-pool.ts), as a server's do.
const coldParallel = await measure('first run: 2 worker threads', inThreads)
const coldSingle = await measure('first run: 1 thread', inOneThread)
const warmRatios: number[] = []
const warmSingles: number[] = []
for (let round = 1; round <= 3; round++) {
  const parallel = await measure(`run ${round + 1}: 2 worker threads`, inThreads)
  const single = await measure(`run ${round + 1}: 1 thread`, inOneThread)
  warmRatios.push(single / parallel)
  warmSingles.push(single)
}
await measure('minimal interpreter, warm-up', () => simulate(journey, contacts, { ...options, stepper: minimalInterpreter }))
const minimal = await measure('minimal interpreter, 1 thread', () => simulate(journey, contacts, { ...options, stepper: minimalInterpreter, onProgress: sampleRss }))
console.log(`cost of XState: ${(median(warmSingles) / minimal).toFixed(2)}× the minimal interpreter (single thread, later runs)`)
console.log(
  `2 threads / 1 thread: first run ${(coldSingle / coldParallel).toFixed(2)}×; later runs ${warmRatios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')} (median ${median(warmRatios).toFixed(2)}×)`,
)

// The editor's default: a generated sample, made where it is simulated (each worker thread makes its
// own share from the seed; one thread makes all of it). Both sides include making the contacts.
const generated = { generated: { count, seed: 7, zoneMix: 'china' as const, vipShare: 0.2, clickRate: 0.08, orderRate: 0.03, redeemRate: 0.02, start } }
const generatedRatios: number[] = []
for (let round = 1; round <= 3; round++) {
  const parallel = await measure(`generated sample ${round}: 2 threads`, () => simulateInParallel(journey, generated, { ...options, onProgress: sampleRss }, { workers: 2 }))
  const single = await measure(`generated sample ${round}: 1 thread`, () => simulateInParallel(journey, generated, { ...options, onProgress: sampleRss }, { workers: 1 }))
  generatedRatios.push(single / parallel)
}
console.log(`generated sample, 2 threads / 1 thread: ${generatedRatios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')} (median ${median(generatedRatios).toFixed(2)}×)`)
clearInterval(sampler)
