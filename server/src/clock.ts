export interface Clock {
  now: () => number
  /** Real milliseconds per simulated millisecond: 1 for the wall clock, 1/3600 at one simulated hour a second. */
  realPerSimulated: number
}

export const systemClock: Clock = { now: Date.now, realPerSimulated: 1 }

/**
 * A clock that runs `speed` times faster than real time from `simulatedStart`, counted from the real
 * instant `realEpoch`. Every process given the same three numbers reads the same time, so separate
 * workers and the API agree.
 */
export function acceleratedClock(simulatedStart: number, speed: number, realEpoch: number): Clock {
  return { now: () => simulatedStart + (Date.now() - realEpoch) * speed, realPerSimulated: 1 / speed }
}

/** RECALL_CLOCK_START (ISO instant), RECALL_CLOCK_SPEED and RECALL_CLOCK_EPOCH (ms) select an accelerated clock. */
export function clockFromEnvironment(env: Readonly<Record<string, string | undefined>>): Clock {
  if (!env.RECALL_CLOCK_START) return systemClock
  const start = Date.parse(env.RECALL_CLOCK_START)
  const speed = Number(env.RECALL_CLOCK_SPEED ?? 1)
  const epoch = Number(env.RECALL_CLOCK_EPOCH ?? Date.now())
  if (Number.isNaN(start) || !(speed > 0) || Number.isNaN(epoch)) {
    throw new Error('RECALL_CLOCK_START must be an ISO instant, RECALL_CLOCK_SPEED a positive number, RECALL_CLOCK_EPOCH epoch milliseconds')
  }
  return acceleratedClock(start, speed, epoch)
}
