import type { JourneyDocument } from '@recall/shared'
import type { CompiledJourney } from './compile'
import type { RunContext } from './nodes/index'
import type { SendPolicies } from './policies/policies'
import type { ContactView, EnrollmentState } from './types'

/**
 * What node semantics see during one step. A class rather than an object literal with two arrow
 * functions: the simulator makes one per step, and the closures were a visible share of its garbage.
 */
export class StepContext implements RunContext {
  readonly journey: JourneyDocument
  readonly timeZone: string
  /** The route nodes' answers in this step, so guards and the log agree (see compile.ts). */
  routes: Map<string, string> | undefined = undefined

  constructor(
    private readonly compiled: CompiledJourney,
    readonly state: EnrollmentState,
    public contact: ContactView,
    readonly policies: SendPolicies,
    public now: number,
  ) {
    this.journey = compiled.document
    this.timeZone = contact.timeZone ?? policies.defaultTimeZone
  }

  windowOf(nodeId: string) {
    return this.compiled.windowOf(nodeId, this.policies)
  }

  visitKey(nodeId: string): string {
    return `${this.state.enrollmentId}:${nodeId}:${this.state.visits[nodeId] ?? 0}`
  }
}
