import type { LocalizedText } from '../i18n'
import type { Problem } from '../validation/problem'
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
  /** The draft set to go live later, if any. */
  schedule: PublishSchedule | null
  /** What the journey is filed under (season, brand, team), for filtering the list. */
  tags: string[]
}

/** A publish set for a time in a zone; `failure` says why it did not go live when its time came. */
export interface PublishSchedule {
  /** The instant, ISO 8601 UTC. */
  publishAt: string
  /** The same instant as the zone's wall clock, as it was chosen: "2026-12-05T09:00". */
  localTime: string
  timeZone: string
  note: string
  scheduledBy: string | null
  failure: { failedAt: string; message: LocalizedText; problems: Problem[] } | null
}

/** The list adds each live journey's alarms (delivery rate too low, opt-outs too high). */
export type JourneyListItem = JourneySummary & { alarms: LiveSnapshot['alarms'][number]['code'][] }

/**
 * What an open editor polls to notice a colleague's work: the draft revision and who saved it, the
 * live version and who published it. No documents, so asking every few seconds stays cheap.
 */
export interface JourneyHead {
  status: JourneyStatus
  /** The ETag a draft save's If-Match names. */
  draftRevision: number
  draftSavedBy: string | null
  liveVersion: number | null
  /** Who published the live version and when (ISO 8601), from the publishing history; null before the first publish. */
  published: { version: number; by: string; at: string } | null
}
