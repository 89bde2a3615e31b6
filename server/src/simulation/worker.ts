// A kept simulation thread (worker-pool.ts): runs one share of a parallel simulation, or a whole
// program's simulation, per run, and stays for the next.
import { parentPort } from 'node:worker_threads'
import { type SimulationContact, simulate, simulateWorkspace, type WorkspaceSimulationOptions } from '@recall/engine'
import { type SampleShare, shareContacts } from './generated-sample'
import type { SimulationJob } from './parallel'
import { receiveRuns } from './worker-messages'

interface ShareInput {
  job: SimulationJob
  /** Generated shares are made here, off the API's thread. */
  contacts: SampleShare
  options: Omit<WorkspaceSimulationOptions, 'onProgress' | 'shouldStop'>
}

if (parentPort) {
  const port = parentPort
  // Handed-over contacts come after the input, in parts (worker-messages.ts).
  receiveRuns<ShareInput, SimulationContact[]>(port, (input, parts, stop) => {
    const { job, options } = input
    const contacts = shareContacts(input.contacts).concat(...parts)
    const run: WorkspaceSimulationOptions = {
      ...options,
      onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
      // Cancelled runs end at the next simulated day with what they have: partial results, not nothing.
      shouldStop: () => Atomics.load(stop, 0) === 1,
    }
    const result = job.kind === 'workspace' ? simulateWorkspace(job.journeys, contacts, run) : simulate(job.document, contacts, run)
    port.postMessage({ type: 'done', result })
  })
}
