import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { simulationWorkerUrl } from './worker-bundle'
import type { RunMessage } from './worker-messages'

/** What the pool hands a worker for one run; see worker.ts. */
export interface WorkerRun {
  input: unknown
  /** Sent after the input, one message each, this thread yielding between them (worker-messages.ts). */
  parts?: readonly unknown[]
  /** Set to 1 by the caller to cancel: the simulation runs synchronously, so a message could not reach it. */
  stop: Int32Array
  onProgress: (progress: { simulatedDays: number; steps: number }) => void
}

type WorkerMessage = { type: 'progress'; progress: { simulatedDays: number; steps: number } } | { type: 'done'; result: unknown }

/**
 * How long an idle worker is kept. A marketer runs a simulation, changes the journey and runs it
 * again within minutes; a kept worker has its code compiled already, which a new one pays again
 * (about 0.8 s of the optimising compiler per run, on the core the other worker needs). Wall clock,
 * not the demo clock: it only frees memory.
 */
export const IDLE_WORKER_MS = 5 * 60_000

/**
 * The simulator allocates many short-lived objects per step: a larger young generation cuts
 * scavenges, and a cap on the old one stops V8 from growing the heap far past the live data
 * (100,000 contacts: ~9.5 s and ~0.9 GB peak instead of 1.1–1.5 GB).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 768 }

interface IdleWorker {
  worker: Worker
  timer: NodeJS.Timeout
  /** A thread that ended while idle leaves the pool rather than take the next run and never answer. */
  onExit: () => void
}

/**
 * Simulation worker threads kept between runs, so that a later run starts on threads that are
 * already loaded and compiled. Each worker runs one share at a time. Up to `keep` idle workers are
 * kept (the machine's cores); more are started when runs overlap and ended when they finish.
 * Idle workers do not keep the process alive (a `recall simulate` exits when it is done).
 */
export class SimulationWorkerPool {
  private readonly idle: IdleWorker[] = []
  private started = 0

  constructor(
    private readonly keep = availableParallelism(),
    private readonly idleMs = IDLE_WORKER_MS,
  ) {}

  /** Threads started since the pool was made: a kept worker is not started again. */
  get threadsStarted(): number {
    return this.started
  }

  get idleWorkers(): number {
    return this.idle.length
  }

  run<Result>(task: WorkerRun): Promise<Result> {
    const worker = this.take()
    return new Promise<Result>((resolve, reject) => {
      let settled = false
      const settle = (outcome: () => void) => {
        settled = true
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        outcome()
      }
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') return task.onProgress(message.progress)
        settle(() => resolve(message.result as Result))
        this.giveBack(worker)
      }
      // An uncaught error or running out of memory ends the thread: it is not given back.
      const onError = (error: Error) => settle(() => reject(error))
      const onExit = (code: number) => settle(() => reject(new Error(`simulation worker stopped (exit code ${code})`)))
      worker.on('message', onMessage)
      worker.once('error', onError)
      worker.once('exit', onExit)
      const parts = task.parts ?? []
      try {
        worker.postMessage({ input: task.input, stop: task.stop, parts: parts.length } satisfies RunMessage)
      } catch (error) {
        // Input that cannot be copied to a thread never reached it: the thread is free for the next run.
        settle(() => reject(error))
        this.giveBack(worker)
        return
      }
      // One part per turn of the event loop: the other threads of the same simulation get theirs in
      // between, and each thread reads a part while the next is being copied.
      const send = (index: number) => {
        if (index >= parts.length || settled) return
        try {
          worker.postMessage({ part: parts[index] } satisfies RunMessage)
        } catch (error) {
          // The thread holds a run's input without all of its parts: it cannot take another run.
          settle(() => reject(error))
          void worker.terminate()
          return
        }
        setImmediate(() => send(index + 1))
      }
      send(0)
    })
  }

  /** Ends every idle worker now (tests, and a server that is closing). */
  async close(): Promise<void> {
    const idle = this.idle.splice(0)
    for (const { timer } of idle) clearTimeout(timer)
    await Promise.all(idle.map(({ worker }) => worker.terminate()))
  }

  private take(): Worker {
    const kept = this.idle.pop()
    if (kept) {
      clearTimeout(kept.timer)
      kept.worker.off('exit', kept.onExit)
      // A busy worker keeps the process alive until its answer comes.
      kept.worker.ref()
      return kept.worker
    }
    this.started += 1
    return new Worker(simulationWorkerUrl(), { resourceLimits: RESOURCE_LIMITS })
  }

  private giveBack(worker: Worker): void {
    if (this.idle.length >= this.keep) {
      void worker.terminate()
      return
    }
    worker.unref()
    const leave = () => {
      const index = this.idle.indexOf(entry)
      if (index >= 0) this.idle.splice(index, 1)
      clearTimeout(entry.timer)
    }
    const entry: IdleWorker = {
      worker,
      timer: setTimeout(() => {
        leave()
        void worker.terminate()
      }, this.idleMs),
      onExit: leave,
    }
    entry.timer.unref()
    worker.once('exit', leave)
    this.idle.push(entry)
  }
}

/** The process's pool: every simulation, of one journey or of the program, shares it. */
export const simulationWorkers = new SimulationWorkerPool()
