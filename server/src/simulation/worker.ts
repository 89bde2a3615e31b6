// One share of a parallel simulation; see parallel.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { type SimulationContact, type SimulationOptions, simulate } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'

interface WorkerInput {
  document: JourneyDocument
  contacts: SimulationContact[]
  options: Omit<SimulationOptions, 'onProgress' | 'shouldStop'>
}

const { document, contacts, options } = workerData as WorkerInput
const result = simulate(document, contacts, { ...options, onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }) })
parentPort?.postMessage({ type: 'done', result })
