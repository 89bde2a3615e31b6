// One share of a parallel simulation; see parallel.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { type SimulationContact, type SimulationOptions, simulate } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'

interface WorkerInput {
  document: JourneyDocument
  contacts: SimulationContact[]
  options: Omit<SimulationOptions, 'onProgress' | 'shouldStop'>
  /** Set to 1 by the parent to cancel: the simulation runs synchronously, so a message could not reach it. */
  stop: Int32Array
}

const { document, contacts, options, stop } = workerData as WorkerInput
const result = simulate(document, contacts, {
  ...options,
  onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }),
  // Cancelled runs end at the next simulated day with what they have: partial results, not nothing.
  shouldStop: () => Atomics.load(stop, 0) === 1,
})
parentPort?.postMessage({ type: 'done', result })
