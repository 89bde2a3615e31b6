import type { SimulationContact } from './types'
import type { WorkspaceJourney, WorkspaceSimulationOptions, WorkspaceSimulationResult } from './workspace-types'

/**
 * Runs several journeys together over one sample on one simulated clock: each contact's sends are
 * shared by every journey, so caps across journeys, the daily ceiling and the windows act as live.
 */
export function simulateWorkspace(journeys: readonly WorkspaceJourney[], contacts: readonly SimulationContact[], options: WorkspaceSimulationOptions): WorkspaceSimulationResult {
  throw new Error(`simulateWorkspace: not built yet (${journeys.length} journeys, ${contacts.length} contacts, ${options.days} days)`)
}
