import type { LocalizedText } from '../i18n'
import type { DailyMessages } from './simulation'

/** What one version does over the forecast: the contacts in flight now plus new entries at the recent rate. */
export interface ForecastFigures {
  byDay: DailyMessages[]
  messages: number
  parts: number
  cost: number
  /** Messages in the 24 hours from the forecast's start (what an approval rule on sending volume reads). */
  next24hMessages: number
  conversions: number
}

/** A node of the live version that the draft removes, and the contacts at it or reaching it while the forecast runs. */
export interface RemovedNodeForecast {
  nodeId: string
  /** The node's kind and summary in English, e.g. "Wait: Wait 3 days". */
  label: string
  /** The same in both languages, for the publish dialog. */
  summary: LocalizedText
  contacts: number
}

/**
 * Publishing the draft against leaving the live version as it is, over the next `days` from the
 * live state: answered by GET /api/journeys/:id/forecast.
 */
export interface PublishForecast {
  days: number
  /** ISO instant the forecast starts at: the server's (demo) clock. */
  start: string
  /**
   * The zone `byDay`'s dates are local dates of: the workspace's default. Each contact is still
   * simulated in its own zones; only the days are counted on this one clock.
   */
  timeZone: string
  /** Active enrollments of the journey now. */
  inFlight: number
  /** Entries per day over the last 7 days, the rate new contacts are assumed to arrive at. */
  newEntriesPerDay: number
  /** Whether in-flight contacts are moved onto the new version (the publish dialog's choice). */
  migrate: boolean
  /** Publishing the draft. */
  proposed: ForecastFigures
  /** Leaving the live version as it is. */
  current: ForecastFigures
  /** proposed − current. */
  difference: { messages: number; cost: number; conversions: number }
  removedNodes: RemovedNodeForecast[]
}
