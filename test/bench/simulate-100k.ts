// Benchmark: 100,000 contacts through the 90-day win-back template for 30 simulated days.
// Targets (issue #18): ≤ 10 s and ≤ 1 GB peak RSS on the 2-core machine, 2 threads ≥ 1.8× one, and
// XState ≤ 1.8× a minimal hand-written interpreter.
// Run: npx -y pnpm@10 bench:simulate [contacts] [pairs]
//
// For each kind of sample (generated where it is simulated, the editor's default; handed over by the
// calling thread, as a segment's or a CSV's contacts are) it runs `pairs` pairs of one run in one
// thread (the calling thread) and one in two worker threads, the order swapped every pair so neither
// side always runs first on a machine whose speed drifts. Every run must give the same steps and
// messages as the first: the benchmark stops if threads change the result.
import { loadavg } from 'node:os'
import { defaultPolicies, type SimulationOptions, type SimulationResult, simulate } from '@recall/engine'
import { DEMO_BEHAVIOURS, generateSampleContacts, simulateInParallel, simulationWorkerUrl } from '@recall/server'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { minimalInterpreter } from './minimal-interpreter'

const count = Number(process.argv[2] ?? 100_000)
const pairs = Number(process.argv[3] ?? 5)
const TARGET = 1.8
const days = 30
const start = Date.parse('2026-11-02T20:30:00+08:00')
const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!journey) throw new Error('win-back template missing')
const options: SimulationOptions = { start, days, seed: 1, policies: defaultPolicies(), behaviours: DEMO_BEHAVIOURS, entrySpreadHours: 24, timelineContacts: 0, keepMessages: 0 }
const samples = {
  generated: { generated: { count, seed: 7, zoneMix: 'china' as const, vipShare: 0.2, clickRate: 0.08, orderRate: 0.03, redeemRate: 0.02, start } },
  'handed over': generateSampleContacts({ count, seed: 7, now: start }),
}

// From the sources the worker is bundled once per process, on first use (seconds); the built
// `recall` command ships it ready. Built before measuring, so the threads' figure is the simulation's.
simulationWorkerUrl()

let peakRss = 0
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}
const sampler = setInterval(sampleRss, 50)
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

async function measure(label: string, run: () => SimulationResult | Promise<SimulationResult>): Promise<{ seconds: number; result: SimulationResult }> {
  peakRss = 0
  globalThis.gc?.()
  const started = performance.now()
  const result = await run()
  const seconds = (performance.now() - started) / 1000
  sampleRss()
  console.log(
    `${label.padEnd(36)} ${seconds.toFixed(2)} s, steps ${result.steps}, messages ${result.messages.total}, steps/s ${Math.round(result.steps / seconds)}, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
  )
  return { seconds, result }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Stops the benchmark when a run's result differs from the first: a faster wrong answer is no answer. */
function sameAs(expected: SimulationResult, label: string) {
  return ({ seconds, result }: { seconds: number; result: SimulationResult }) => {
    if (result.steps !== expected.steps || result.messages.total !== expected.messages.total)
      throw new Error(`${label}: ${result.steps} steps and ${result.messages.total} messages, expected ${expected.steps} and ${expected.messages.total}`)
    return seconds
  }
}

console.log(`${count} contacts × ${days} days, ${pairs} pairs per sample kind; load average at start ${load()}`)
const summary: string[] = []
for (const [kind, sample] of Object.entries(samples)) {
  const run = (workers: number) => () => simulateInParallel(journey, sample, { ...options, onProgress: sampleRss }, { workers })
  // The process's first 2-thread run starts the threads and compiles the simulator in each of
  // them; later runs reuse the kept threads (server/src/simulation/worker-pool.ts), as a server's do.
  const { result: expected } = await measure(`${kind}: first run, 1 thread`, run(1))
  const check = sameAs(expected, kind)
  check(await measure(`${kind}: first run, 2 threads`, run(2)))
  const ratios: number[] = []
  for (let pair = 1; pair <= pairs; pair++) {
    const one = async () => check(await measure(`${kind}: pair ${pair}, 1 thread`, run(1)))
    const two = async () => check(await measure(`${kind}: pair ${pair}, 2 threads`, run(2)))
    let single: number
    let parallel: number
    if (pair % 2 === 1) {
      single = await one()
      parallel = await two()
    } else {
      parallel = await two()
      single = await one()
    }
    const ratio = single / parallel
    ratios.push(ratio)
    console.log(`${kind}: pair ${pair}, 2 threads / 1 thread ${ratio.toFixed(2)}× (load ${load()})`)
  }
  const met = ratios.filter((ratio) => ratio >= TARGET).length
  summary.push(
    `${kind}: 2 threads / 1 thread ${ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}; median ${median(ratios).toFixed(2)}×, ${met} of ${ratios.length} pairs ≥ ${TARGET}×`,
  )
}

const handedOver = samples['handed over']
const single = await measure('XState, 1 thread', () => simulate(journey, handedOver, options))
await measure('minimal interpreter, warm-up', () => simulate(journey, handedOver, { ...options, stepper: minimalInterpreter }))
const minimal = await measure('minimal interpreter, 1 thread', () => simulate(journey, handedOver, { ...options, stepper: minimalInterpreter }))
summary.push(`cost of XState: ${(single.seconds / minimal.seconds).toFixed(2)}× the minimal interpreter (one thread, both warm)`)
console.log(`\n${summary.join('\n')}\nload average at end ${load()}`)
clearInterval(sampler)
