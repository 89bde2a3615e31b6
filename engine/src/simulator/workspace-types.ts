import type { DailyMessages, JourneyDocument, ReasonCount } from '@recall/shared'
import type { StepLogEntry } from '../types'
import type { SimulationOptions, SimulationResult } from './types'

/** One journey of a workspace simulation: its id and name are what skip reasons and timelines name. */
export interface WorkspaceJourney {
  id: string
  name: string
  document: JourneyDocument
}

/**
 * A workspace run takes the single-journey options as they are: none of them is about one journey.
 * `policies` are the workspace's real settings (caps across journeys, quiet hours, category and
 * provider windows, holidays, the per-contact daily ceiling).
 */
export interface WorkspaceSimulationOptions extends SimulationOptions {
  /** How many of the most-messaged contacts are returned with their timelines (default 10). */
  topContacts?: number
}

/** A journey's own result in a workspace run: what `simulate` reports, plus who it is. */
export interface WorkspaceJourneyResult extends SimulationResult {
  id: string
  name: string
}

/**
 * How many contacts get 0, 1, 2, 3 or more messages (all journeys together) in their busiest
 * rolling 7 days (168 hours) of the simulated period. Runs shorter than 7 days count the whole run.
 */
export interface WeeklyDistribution {
  zero: number
  one: number
  two: number
  threePlus: number
}

/** A line of a contact's timeline across journeys: which journey wrote it. */
export interface WorkspaceTimelineEntry extends StepLogEntry {
  journeyId: string
  journeyName: string
}

export interface TopContact {
  contactId: string
  /** The zone the contact's times are read in: its own, or the workspace default. */
  timeZone: string
  /** Messages sent to it over the whole run, all journeys. */
  messages: number
  /** Its busiest rolling 7 days, as counted in `perContactWeekly`. */
  busiestWeek: number
  timeline: WorkspaceTimelineEntry[]
}

export interface WorkspaceTotals {
  messages: number
  parts: number
  cost: number
  byDay: DailyMessages[]
  held: ReasonCount[]
  skipped: ReasonCount[]
  /** Summed over journeys: a contact reaching two journeys' goals counts in each. */
  conversions: number
}

export interface WorkspaceSimulationResult {
  contacts: number
  simulatedDays: number
  steps: number
  cancelled: boolean
  /** By journey id, in the order the journeys were given. */
  journeys: Record<string, WorkspaceJourneyResult>
  total: WorkspaceTotals
  perContactWeekly: WeeklyDistribution
  /** The most-messaged contacts first (ties: in sample order). */
  topContacts: TopContact[]
}

/** A figure in two runs of the same sample: the base, the changed run and changed − base. */
export interface FigureChange {
  base: number
  changed: number
  difference: number
}

export interface JourneyComparison {
  id: string
  name: string
  messages: FigureChange
  parts: FigureChange
  cost: FigureChange
  held: FigureChange
  skipped: FigureChange
  conversions: FigureChange
}

/** What-if: the same sample under two settings, side by side. */
export interface WorkspaceComparison {
  total: { messages: FigureChange; parts: FigureChange; cost: FigureChange; held: FigureChange; skipped: FigureChange; conversions: FigureChange }
  perContactWeekly: Record<keyof WeeklyDistribution, FigureChange>
  /** Journeys in either run, base order first. */
  journeys: JourneyComparison[]
  byDay: { date: string; messages: FigureChange; cost: FigureChange }[]
}
