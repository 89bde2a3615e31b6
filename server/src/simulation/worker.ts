// A kept simulation thread (worker-pool.ts): runs one share of a parallel simulation, or a whole
// program's simulation, per message, and stays for the next.
import { parentPort } from 'node:worker_threads'
import { simulate, simulateWorkspace, type WorkspaceSimulationOptions } from '@recall/engine'
import { type SampleShare, shareContacts } from './generated-sample'
import type { SimulationJob } from './parallel'

interface ShareInput {
  job: SimulationJob
  /** Generated shares are made here, off the API's thread. */
  contacts: SampleShare
  options: Omit<WorkspaceSimulationOptions, 'onProgress' | 'shouldStop'>
}

parentPort?.on('message', ({ input, stop }: { input: ShareInput; stop: Int32Array }) => {
  const { job, options } = input
  const contacts = shareContacts(input.contacts)
  const run: WorkspaceSimulationOptions = {
    ...options,
    onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }),
    // Cancelled runs end at the next simulated day with what they have: partial results, not nothing.
    shouldStop: () => Atomics.load(stop, 0) === 1,
  }
  const result = job.kind === 'workspace' ? simulateWorkspace(job.journeys, contacts, run) : simulate(job.document, contacts, run)
  parentPort?.postMessage({ type: 'done', result })
})
