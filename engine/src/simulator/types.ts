import type { DailyMessages, MessageCategory, NodeCounts, ReasonCount, VariantResult } from '@recall/shared'
import type { CompiledJourney } from '../compile'
import type { SendPolicies } from '../policies/policies'
import type { StartOptions, StepOptions } from '../step'
import type { ContactView, EnrollmentState, StepInput, StepLogEntry, StepResult } from '../types'

export interface Stepper {
  start(compiled: CompiledJourney, options: StartOptions): StepResult
  step(compiled: CompiledJourney, state: EnrollmentState, input: StepInput, options: StepOptions): StepResult
}

/** A scripted reaction to each message a contact receives. */
export interface Reaction {
  event: string
  probability: number
  /** Delay after the send, drawn uniformly between the two, in hours. */
  delayHours: [number, number]
}

export interface Behaviour {
  /** Applies to contacts whose `cohort` attribute equals this; to everyone when absent. */
  cohort?: string
  reactions: Reaction[]
}

export interface SimulationOptions {
  start: number
  days: number
  seed: number
  policies: SendPolicies
  behaviours?: Behaviour[]
  /** Contacts entering through event, segment or API triggers arrive spread over these first hours. */
  entrySpreadHours?: number
  /** Price of one SMS part and of one MMS, in yuan. */
  pricePerPart?: number
  pricePerMms?: number
  /** How many messages to keep verbatim (all are counted). */
  keepMessages?: number
  /** Contacts whose full timeline is kept: the first N (DEFAULT_TIMELINE_CONTACTS when absent), plus any named. */
  timelineContacts?: number
  timelineContactIds?: string[]
  /**
   * Contacts already in the journey, by contact id: they resume at their node, their pending wait
   * fires at its stored time (at the start when already due), and they do not enter again. Keyed
   * by id so the map survives splitting the contacts across workers.
   */
  inFlight?: ReadonlyMap<string, EnrollmentState>
  /** The engine to drive; the XState engine unless a benchmark swaps in another for comparison. */
  stepper?: Stepper
  onProgress?: (progress: { simulatedDays: number; fraction: number; steps: number }) => void
  /** Stops early (a cancelled run) when it returns true; checked once per simulated day. */
  shouldStop?: () => boolean
}

export interface SimulatedMessage {
  at: number
  contactId: string
  nodeId: string
  channel: 'sms' | 'mms'
  category: MessageCategory
  text: string
  parts: number
  cost: number
}

export interface SimulationResult {
  contacts: number
  simulatedDays: number
  steps: number
  cancelled: boolean
  nodes: Record<string, NodeCounts>
  edges: Record<string, number>
  messages: { total: number; parts: number; cost: number; byDay: DailyMessages[]; sample: SimulatedMessage[] }
  held: ReasonCount[]
  skipped: ReasonCount[]
  exits: ReasonCount[]
  conversions: { total: number; byVariant: VariantResult[] }
  timelines: Record<string, StepLogEntry[]>
  /** The zone each kept timeline is read in (the contact's own, else the workspace's), by contact id: its lines name no zone. */
  timeZones: Record<string, string>
}

export type SimulationContact = ContactView
export type { DailyMessages, NodeCounts, ReasonCount, VariantResult }

/** How many of a sample's first contacts keep their whole timeline when a run does not say. */
export const DEFAULT_TIMELINE_CONTACTS = 20
