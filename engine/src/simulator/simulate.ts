import type { JourneyDocument } from '@recall/shared'
import { runJourneys } from './run'
import type { SimulationContact, SimulationOptions, SimulationResult } from './types'

/**
 * Runs a journey over many contacts on a simulated clock with the same compiled machine and the
 * same policy code as live traffic. Seeded: the same inputs always give the same result.
 */
export function simulate(document: JourneyDocument, contacts: readonly SimulationContact[], options: SimulationOptions): SimulationResult {
  const { results } = runJourneys([{ document, ...(options.inFlight ? { inFlight: options.inFlight } : {}) }], contacts, options, (_journey, contact) => `sim-${contact}`)
  return results[0] as SimulationResult
}
