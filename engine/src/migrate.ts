import { type CompiledJourney, waitEndedEvent } from './compile'
import type { EnrollmentState } from './types'

/**
 * Moves an in-flight enrollment onto a new version of its journey, at the same node: the machine
 * snapshot and a pending wait's wake event are re-keyed for the new machine; wake times, A/B
 * assignments and coupons are kept. Undefined when the new version no longer has the node: the
 * contact then stays on its version.
 */
export function migrateEnrollment(from: CompiledJourney, to: CompiledJourney, state: EnrollmentState, version: string): EnrollmentState | undefined {
  if (state.status !== 'active' || !state.nodeId) return undefined
  const key = to.stateKeyOf.get(state.nodeId)
  if (key === undefined || to.nodes.get(state.nodeId)?.type !== from.nodes.get(state.nodeId)?.type) return undefined
  const snapshot = to.machine.resolveState({ value: key, context: {} } as never)
  const wake =
    state.wake &&
    (state.wake.event && state.wake.event === waitEndedEvent(from, state.nodeId) ? { at: state.wake.at, event: waitEndedEvent(to, state.nodeId) as string } : { ...state.wake })
  return { ...state, version, machine: to.machine.getPersistedSnapshot(snapshot), wake }
}
