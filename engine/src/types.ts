import type { LocalizedText, MessageCategory, Offer, WeeklyIntervals, WhoseOptOut } from '@recall/shared'
import type { SendPolicies } from './policies/policies'

/** A send already made to the contact, by any journey: what frequency caps count. */
export interface SendRecord {
  at: number
  category: MessageCategory
  /** The cloud template it was sent with, for the cloud's per-number limit per template. */
  template?: string | undefined
  /** The journey that sent it, when known: a cap's skip or hold reason names who used the cap. */
  journey?: { id: string; name: string } | undefined
}

/** An event in the contact's history, for conditions such as "3 app opens in 30 days". */
export interface EventRecord {
  name: string
  at: number
  properties?: Record<string, unknown>
}

export interface ContactView {
  id: string
  /**
   * IANA zone. Without one the contact is judged by its phone number's country (every zone of it),
   * and without a number of a known country in the workspace's default zone (see contactZones).
   */
  timeZone?: string | undefined
  /** E.164, for the zones of a contact without one of its own. */
  phone?: string | null | undefined
  attributes: Record<string, unknown>
  /** Consent to marketing and recall messages. */
  consent: boolean
  /** Opted out: the number is on the suppression list, or the person opted out (a reply, an import, a colleague, a complaint). */
  suppressed: boolean
  /** Whose opt-out that is, for the reason a marketer reads; absent where the caller does not know (a simulation's file). */
  optOut?: WhoseOptOut | undefined
  /** Recent sends across all journeys, for rolling caps. */
  sends: readonly SendRecord[]
  /** Recent events, for event-history conditions. */
  events: readonly EventRecord[]
}

export interface IssuedCoupon {
  nodeId: string
  code: string
  label: string
  value: number
  kind: Offer['kind']
  issuedAt: number
  expiresAt: number
  redeemed: boolean
  /** Drawn from this server-side pool: the server puts the pool's next code in place of `code`. */
  poolId?: string
}

export type StepLogKind = 'entered' | 'routed' | 'waiting' | 'woke' | 'sent' | 'held_out' | 'held' | 'skipped' | 'exited' | 'converted' | 'ignored'

/** One line of a contact's timeline, readable by a marketer. */
export interface StepLogEntry {
  at: number
  nodeId: string | undefined
  kind: StepLogKind
  message: LocalizedText
  /** Handle taken, hold/skip reason code, cap rule id… for counting and filtering. */
  detail?: string
}

export type ExitReasonCode = 'completed' | 'exit_node' | 'converted' | 'no_consent' | 'suppressed' | 'cap_reached' | 'removed' | 'loop_guard'

export interface MmsContent {
  title: string
  slides: { mediaUrl?: string; text: string }[]
  fallbackText: string
}

/**
 * A send's window as the dispatcher checks it again: `weekly` in `timeZone`, or in every one of
 * `timeZones` when the contact is judged in all the zones of its number's country.
 */
export interface SendWindowCheck {
  /** The contact's zone, or its country's main zone: where times are told. */
  timeZone: string
  weekly: WeeklyIntervals
  /** Every zone the send must be inside `weekly` in, east to west; absent: `timeZone` alone. */
  timeZones?: string[]
  /** The number's country those zones are of, to name them ("every time zone of the United States"). */
  country?: string
}

export type Effect =
  | {
      type: 'send'
      channel: 'sms' | 'mms'
      nodeId: string
      category: MessageCategory
      text: string
      parts: number
      idempotencyKey: string
      coupon?: IssuedCoupon
      mms?: MmsContent
      /** For template providers: the template code and its filled parameters. */
      template?: { code: string; params: Record<string, string> }
      /** The message's short link: its code in the text and where it leads. */
      link?: { code: string; url: string }
      /** When it may go out, in the contact's zone(s): the dispatcher checks again at the moment of sending. */
      window: SendWindowCheck
      /** The expiry of the coupon or date the message speaks of: a message held or retried past it is never sent. */
      notAfter?: number
    }
  | { type: 'wake'; at: number }
  | { type: 'hold'; nodeId: string; until: number; reason: LocalizedText; code: 'window' | 'cap' | 'holiday' | 'pool'; poolId?: string }
  | { type: 'exit'; reason: string; code: ExitReasonCode; converted: boolean }

/** A wake the engine owes the contact: an XState delayed event, or a node to re-run (held sends, reminders). */
export interface PendingWake {
  at: number
  /** The XState event to deliver, for wait nodes; absent for a node re-run. */
  event?: string
}

/** Everything persisted per enrollment: plain JSON, resumable on any process. */
export interface EnrollmentState {
  enrollmentId: string
  journeyId: string
  version: string
  contactId: string
  status: 'active' | 'exited'
  /** XState's persisted snapshot; its value is the node the contact is at. */
  machine: unknown
  nodeId: string | undefined
  enteredAt: number
  nodeEnteredAt: number
  wake: PendingWake | undefined
  /** Sticky A/B assignments by node id. */
  variants: Record<string, string>
  coupons: IssuedCoupon[]
  /** Times each node was entered, for idempotency keys that stay unique in loops. */
  visits: Record<string, number>
  converted: boolean
  /**
   * The control-group assignment when it entered, absent when the workspace had no control group:
   * held out (true), its marketing and recall sends are recorded, not sent. Fixed at entry so a
   * later change of the share does not split one trip between groups.
   */
  heldOut?: boolean
  exit?: { at: number; reason: string; code: ExitReasonCode }
}

export type StepInput = { type: 'wake' } | { type: 'event'; name: string; properties?: Record<string, unknown> } | { type: 'remove'; reason: string }

export interface StepContext {
  contact: ContactView
  policies: SendPolicies
  now: number
}

export interface StepResult {
  state: EnrollmentState
  effects: Effect[]
  log: StepLogEntry[]
}
