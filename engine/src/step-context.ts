import type { JourneyDocument } from '@recall/shared'
import type { CompiledJourney } from './compile'
import type { RunContext } from './nodes/index'
import { type ContactZones, contactTimeZone, contactZones } from './policies/contact-zones'
import type { SendPolicies } from './policies/policies'
import type { ContactView, EnrollmentState, SendRecord } from './types'

/**
 * What node semantics see during one step. A class rather than an object literal with two arrow
 * functions: the simulator makes one per step, and the closures were a visible share of its garbage.
 */
export class StepContext implements RunContext {
  readonly journey: JourneyDocument
  readonly timeZone: string
  /** The route nodes' answers in this step, so guards and the log agree (see compile.ts). */
  routes: string[] | undefined = undefined
  /** This step's sends not yet in `seen`'s sends. */
  private unseen: SendRecord[] | undefined = undefined

  constructor(
    private readonly compiled: CompiledJourney,
    readonly state: EnrollmentState,
    private seen: ContactView,
    readonly policies: SendPolicies,
    public now: number,
    readonly brief: boolean,
    readonly linkCode: ((key: string) => string) | undefined = undefined,
  ) {
    this.journey = compiled.document
    this.timeZone = contactTimeZone(seen, policies.defaultTimeZone)
  }

  /** Looked up when a node asks (sends and reminders): a cached answer per zone, number prefix and country. */
  get zones(): ContactZones {
    return contactZones(this.seen, this.policies.defaultTimeZone, this.now)
  }

  /**
   * The contact with this step's sends so far: a later send must count them in the caps. They are
   * added when the contact is next read, not at each send: most steps do not read it again.
   */
  get contact(): ContactView {
    if (this.unseen) {
      this.seen = { ...this.seen, sends: [...this.seen.sends, ...this.unseen] }
      this.unseen = undefined
    }
    return this.seen
  }

  /** A send made in this step, for the caps of later sends in it. */
  sent(record: SendRecord): void {
    // Most steps send once: an array of one, not an empty one whose first push makes room for 16.
    if (this.unseen) this.unseen.push(record)
    else this.unseen = [record]
  }

  windowOf(nodeId: string) {
    return this.compiled.windowOf(nodeId, this.policies)
  }

  visitKey(nodeId: string): string {
    return `${this.state.enrollmentId}:${nodeId}:${this.state.visits[nodeId] ?? 0}`
  }
}
