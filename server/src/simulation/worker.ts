// One share of a parallel simulation, or a whole program's simulation; see parallel.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { type SimulationContact, simulate, simulateWorkspace, type WorkspaceSimulationOptions } from '@recall/engine'
import type { SimulationJob } from './parallel'

interface WorkerInput {
  job: SimulationJob
  contacts: SimulationContact[]
  options: Omit<WorkspaceSimulationOptions, 'onProgress' | 'shouldStop'>
  /** Set to 1 by the parent to cancel: the simulation runs synchronously, so a message could not reach it. */
  stop: Int32Array
}

const { job, contacts, options, stop } = workerData as WorkerInput
const run: WorkspaceSimulationOptions = {
  ...options,
  onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }),
  // Cancelled runs end at the next simulated day with what they have: partial results, not nothing.
  shouldStop: () => Atomics.load(stop, 0) === 1,
}
const result = job.kind === 'workspace' ? simulateWorkspace(job.journeys, contacts, run) : simulate(job.document, contacts, run)
parentPort?.postMessage({ type: 'done', result })
