import type { JourneyDocument, JourneyNodeOf, LocalizedText, NodeKind, WeeklyIntervals } from '@recall/shared'
import type { ContactZones } from '../policies/contact-zones'
import type { SendPolicies } from '../policies/policies'
import type { ContactView, Effect, EnrollmentState, ExitReasonCode } from '../types'

/** What a node's semantics may read while the engine steps one contact. */
export interface RunContext {
  journey: JourneyDocument
  contact: ContactView
  policies: SendPolicies
  now: number
  /** The zone waits and dates are counted in: the contact's, its number's country's main zone, or the workspace's. */
  timeZone: string
  /** Every zone the contact's windowed sends must be inside their window in, at `now`. */
  readonly zones: ContactZones
  /** The enrollment as it stands in this step; run nodes may record coupons on it. */
  state: EnrollmentState
  /** The effective send window of a send node, computed once per journey version. */
  windowOf(nodeId: string): WeeklyIntervals
  /** Idempotency key of the current visit to a node. */
  visitKey(nodeId: string): string
  /** The short link code of the message with this key; absent: the plain hash (shortLinkCode). */
  linkCode?: ((key: string) => string) | undefined
  /** The caller keeps no timeline: lines only a timeline shows carry UNTOLD (see StepOptions.brief). */
  brief?: boolean
}

/** The message of a line only a timeline shows, in a step whose caller keeps none. */
export const UNTOLD: LocalizedText = Object.freeze({ en: '', zh: '' })

export type RunOutcome =
  | { kind: 'next'; handle: string; effects?: Effect[]; message?: LocalizedText; logKind?: 'sent' | 'held_out' | 'skipped' }
  | { kind: 'wait'; until: number; effects?: Effect[]; message: LocalizedText; logKind: 'held' | 'waiting' }
  | { kind: 'exit'; code: ExitReasonCode; reason: LocalizedText }

export interface EventListener {
  event: string
  handle: string
  matches(properties: Readonly<Record<string, unknown>> | undefined): boolean
}

/**
 * The three ways a node behaves in the compiled machine:
 * route — passes at once along the handle `route` picks (becomes guarded eventless transitions);
 * wait — pauses until an XState delayed event (and maybe an event) moves it on;
 * run — performs an action on entry and on each wake (sends, reminders, exits).
 */
export type NodeSemantics<Kind extends NodeKind> =
  | { mode: 'route'; route(node: JourneyNodeOf<Kind>, context: RunContext): string }
  | {
      mode: 'wait'
      /** When the contact moves on by time alone; undefined or past means at once. */
      wakeAt(node: JourneyNodeOf<Kind>, context: RunContext): number | undefined
      timeoutHandle(node: JourneyNodeOf<Kind>): string
      listener?(node: JourneyNodeOf<Kind>): EventListener | undefined
      describe(node: JourneyNodeOf<Kind>, wakeAt: number, context: RunContext): LocalizedText
    }
  | { mode: 'run'; run(node: JourneyNodeOf<Kind>, context: RunContext): RunOutcome }
