import type { LiveSnapshot } from './monitoring'

/** Where a journey stands: drafts are edited, live ones run, paused ones wait, archived ones are kept. */
export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived'

/** One row of the journeys list, as the API answers it and the web app shows it. */
export interface JourneySummary {
  id: string
  name: string
  status: JourneyStatus
  liveVersion: number | null
  updatedAt: string
  /** Contacts in the journey now, on any version. */
  activeContacts: number
  /** What the journey is filed under (season, brand, team), for filtering the list. */
  tags: string[]
}

/** The list adds each live journey's alarms (delivery rate too low, opt-outs too high). */
export type JourneyListItem = JourneySummary & { alarms: LiveSnapshot['alarms'][number]['code'][] }
