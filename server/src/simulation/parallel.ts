import { availableParallelism } from 'node:os'
import {
  DEFAULT_TIMELINE_CONTACTS,
  hasEntryThrottle,
  mergeSimulationResults,
  type SimulationContact,
  type SimulationOptions,
  type SimulationResult,
  simulate,
  simulateWorkspace,
  type WorkspaceJourney,
  type WorkspaceSimulationOptions,
  type WorkspaceSimulationResult,
} from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { type Sample, type SampleShare, sampleContactsOf, sampleSize, shareOf } from './generated-sample'
import { simulationWorkers } from './worker-pool'

export interface ParallelOptions {
  /** Worker threads to use; 1 runs in this thread. Defaults to the machine's cores. */
  workers?: number
  /** Aborts the run; the promise then resolves with what was cancelled. */
  signal?: AbortSignal
}

/** What a worker simulates: one journey, or every journey of the program together. */
export type SimulationJob = { kind: 'journey'; document: JourneyDocument } | { kind: 'workspace'; journeys: WorkspaceJourney[] }
type JobResult<Job extends SimulationJob> = Job extends { kind: 'workspace' } ? WorkspaceSimulationResult : SimulationResult

/** Below this many contacts a worker costs more to start than it saves. */
const MIN_CONTACTS_PER_WORKER = 5_000
/**
 * Up to this many contacts run in the calling thread. More run in a worker even when one is enough:
 * the simulator is synchronous, and in the server's thread it would block every request, cancel included.
 */
const IN_THREAD_MAX = 1_000

/**
 * Contacts per message to a thread. A whole share is copied on this thread, then read on the
 * worker's, and the second worker's copy waits for the first's; in parts the workers read while
 * this thread copies. 2 × 50,000 contacts, medians of 10 on a loaded machine (2026-12-04): both
 * workers ready after 0.72 s instead of 1.26 s, this thread's CPU 135 ms instead of 243 ms, and
 * its longest stall (a server's API thread) 0.06 s instead of 0.28 s for 100,000 contacts. Parts
 * of 2,000 and 10,000 measured within the noise of 5,000; contacts packed in columns did not help.
 */
const CONTACTS_PER_PART = 5_000

function inParts(contacts: readonly SimulationContact[]): SimulationContact[][] {
  const parts: SimulationContact[][] = []
  for (let from = 0; from < contacts.length; from += CONTACTS_PER_PART) parts.push(contacts.slice(from, from + CONTACTS_PER_PART))
  return parts
}

async function runShare<Job extends SimulationJob>(
  job: Job,
  contacts: SampleShare,
  options: Omit<WorkspaceSimulationOptions, 'onProgress' | 'shouldStop'>,
  onProgress: (days: number, steps: number) => void,
  signal: AbortSignal | undefined,
): Promise<JobResult<Job> | undefined> {
  if (signal?.aborted) return undefined
  const stop = new Int32Array(new SharedArrayBuffer(4))
  // The worker stops at its next simulated day and answers with what it has.
  const abort = () => Atomics.store(stop, 0, 1)
  signal?.addEventListener('abort', abort, { once: true })
  // Handed-over contacts go in parts after the input (worker-messages.ts), generated ones as where they lie.
  const handedOver = Array.isArray(contacts)
  try {
    return await simulationWorkers.run<JobResult<Job>>({
      input: { job, contacts: handedOver ? [] : contacts, options },
      parts: handedOver ? inParts(contacts) : [],
      stop,
      onProgress: (progress) => onProgress(progress.simulatedDays, progress.steps),
    })
  } finally {
    signal?.removeEventListener('abort', abort)
  }
}

/**
 * Simulates with the contacts split across worker threads (caps and state are per contact, and
 * each contact's randomness is seeded by its id, so the split does not change the result).
 */
export async function simulateInParallel(document: JourneyDocument, sample: Sample, options: SimulationOptions, parallel: ParallelOptions = {}): Promise<SimulationResult> {
  const size = sampleSize(sample)
  if (parallel.workers === 1 || size <= IN_THREAD_MAX) return simulate(document, sampleContactsOf(sample), { ...options, shouldStop: () => parallel.signal?.aborted ?? false })
  // A throttled trigger admits contacts in one shared order: split across threads, each would admit its own N.
  const workers = hasEntryThrottle(document) ? 1 : Math.max(1, Math.min(parallel.workers ?? availableParallelism(), Math.floor(size / MIN_CONTACTS_PER_WORKER)))
  const { onProgress, shouldStop: _ignored, ...plain } = options
  const shareSize = Math.ceil(size / workers)
  const shares = Array.from({ length: workers }, (_, index) => shareOf(sample, index * shareSize, Math.min(size, (index + 1) * shareSize)))
  const daysDone = shares.map(() => 0)
  const stepsDone = shares.map(() => 0)
  const results = await Promise.all(
    shares.map((share, index) =>
      runShare(
        { kind: 'journey', document },
        share,
        // The sample's first contacts keep their timelines, as in one thread, not each share's first.
        { ...plain, timelineContacts: Math.max(0, (options.timelineContacts ?? DEFAULT_TIMELINE_CONTACTS) - index * shareSize) },
        (days, steps) => {
          daysDone[index] = days
          stepsDone[index] = steps
          const slowest = Math.min(...daysDone)
          onProgress?.({ simulatedDays: slowest, fraction: slowest / options.days, steps: stepsDone.reduce((sum, value) => sum + value, 0) })
        },
        parallel.signal,
      ),
    ),
  )
  const finished = results.filter((result): result is SimulationResult => result !== undefined)
  if (finished.length < results.length || finished.length === 0) {
    return { ...mergeSimulationResults(finished.length > 0 ? finished : [simulate(document, [], options)], options.keepMessages), cancelled: true }
  }
  return mergeSimulationResults(finished, options.keepMessages)
}

/**
 * Simulates every journey of the program together, in one worker thread: caps and the daily ceiling
 * count one contact's sends across journeys, and there is no merge of workspace results to split by.
 */
export async function simulateWorkspaceInWorker(
  journeys: WorkspaceJourney[],
  sample: Sample,
  options: WorkspaceSimulationOptions,
  parallel: Pick<ParallelOptions, 'signal'> & { inThread?: boolean } = {},
): Promise<WorkspaceSimulationResult> {
  const size = sampleSize(sample)
  if (parallel.inThread || size <= IN_THREAD_MAX) return simulateWorkspace(journeys, sampleContactsOf(sample), { ...options, shouldStop: () => parallel.signal?.aborted ?? false })
  const { onProgress, shouldStop: _ignored, ...plain } = options
  const result = await runShare(
    { kind: 'workspace', journeys },
    shareOf(sample, 0, size),
    plain,
    (days, steps) => onProgress?.({ simulatedDays: days, fraction: days / options.days, steps }),
    parallel.signal,
  )
  return result ?? { ...simulateWorkspace(journeys, [], options), cancelled: true }
}
