import type { EnrollmentState, LiveEnrollment, LiveStateInput, SimulationContact } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { enrollmentState, stateColumns } from '../db/enrollment-state'
import { enrollments, journeys, journeyVersions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { sendPolicies } from '../providers/send-rules'
import { journeyNotFound } from '../repositories/journey-refusals'
import { workspaceSettingsRepository } from '../repositories/workspace-settings'
import { contactViews, type StoredContactView } from '../worker/contact-view'
import { observedReactions } from './reactions'

const DAY = 86_400_000
/** The recent entry rate is read over this many days before now. */
export const ENTRY_RATE_DAYS = 7
/** Rows or ids per query: a large live state is read in short queries, never one enormous IN list or result. */
const IDS_PER_QUERY = 1_000

/** The engine's view without the row id and phone: what the simulator needs, and no phone number goes to a worker. */
/** The number stays: a contact without a zone of its own is judged in its number's country's zones. */
const simulationContact = ({ rowId: _row, ...view }: StoredContactView): SimulationContact => view

/**
 * The journey's active enrollments a page at a time (keyset on id): on PGlite every query runs on
 * the API's thread, and one query over tens of thousands of states would stall every request.
 */
async function activeEnrollments(db: Database, journeyId: string) {
  const rows: { id: string; contactId: string; state: EnrollmentState }[] = []
  for (;;) {
    const page = await db
      .select({ ...stateColumns, contactId: enrollments.contactId })
      .from(enrollments)
      .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active'), gt(enrollments.id, rows.at(-1)?.id ?? '')))
      .orderBy(asc(enrollments.id))
      .limit(IDS_PER_QUERY)
    rows.push(...page.map((row) => ({ id: row.id, contactId: row.contactId, state: enrollmentState(row) })))
    if (page.length < IDS_PER_QUERY) return rows
  }
}

async function viewsOf(db: Database, rowIds: readonly string[], now: number): Promise<Map<string, SimulationContact>> {
  const views = new Map<string, SimulationContact>()
  for (let index = 0; index < rowIds.length; index += IDS_PER_QUERY)
    for (const [rowId, view] of await contactViews(db, rowIds.slice(index, index + IDS_PER_QUERY), now)) views.set(rowId, simulationContact(view))
  return views
}

/**
 * New contacts for the forecast: those who entered recently, again, as many as the rate brings,
 * each with the sends it had before it entered (what this journey sent it since would wrongly use up its caps).
 */
function entrantsFrom(recent: readonly { contact: SimulationContact; enteredAt: number }[], count: number): SimulationContact[] {
  if (recent.length === 0) return []
  return Array.from({ length: count }, (_, index) => {
    const { contact, enteredAt } = recent[index % recent.length] as { contact: SimulationContact; enteredAt: number }
    // Distinct from the in-flight ids: the same person may be in flight and stand for a new entry.
    return { ...contact, id: `${contact.id}#new-${index}`, sends: contact.sends.filter((send) => send.at < enteredAt) }
  })
}

export interface LiveState {
  input: LiveStateInput
  newEntriesPerDay: number
}

/**
 * Everything the forecast reads, in plain reads (no transaction is held while it computes):
 * the draft and the versions contacts are on, the active enrollments with their contacts' real
 * send history, the recent entry rate, and the workspace's policies and prices.
 */
export async function readLiveState(db: Database, journeyId: string, options: { now: number; days: number; migrate: boolean }): Promise<LiveState> {
  const [journey] = await db.select().from(journeys).where(eq(journeys.id, journeyId))
  if (!journey) throw journeyNotFound(journeyId)
  if (journey.liveVersion === null) throw new ApiError(409, 'journey_not_published', { en: 'Publish the journey first', zh: '请先发布旅程' })
  const active = await activeEnrollments(db, journeyId)
  const versionNumbers = [...new Set([journey.liveVersion, ...active.map((row) => Number(row.state.version))])]
  const versions = new Map<string, JourneyDocument>()
  for (const row of await db
    .select({ version: journeyVersions.version, document: journeyVersions.document })
    .from(journeyVersions)
    .where(and(eq(journeyVersions.journeyId, journeyId), inArray(journeyVersions.version, versionNumbers))))
    versions.set(String(row.version), row.document)
  const since = new Date(options.now - ENTRY_RATE_DAYS * DAY)
  const recent = await db
    .select({ contactId: enrollments.contactId, enteredAt: enrollments.enteredAt })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), gt(enrollments.enteredAt, since), lte(enrollments.enteredAt, new Date(options.now))))
    .orderBy(enrollments.enteredAt, sql`${enrollments.id}`)
  const views = await viewsOf(db, [...new Set([...active.map((row) => row.contactId), ...recent.map((row) => row.contactId)])], options.now)
  const inFlight = active.flatMap((row): LiveEnrollment[] => {
    const contact = views.get(row.contactId)
    return contact ? [{ contact, state: row.state }] : []
  })
  const newEntriesPerDay = recent.length / ENTRY_RATE_DAYS
  const recentContacts = recent.flatMap((row) => {
    const contact = views.get(row.contactId)
    return contact ? [{ contact, enteredAt: row.enteredAt.getTime() }] : []
  })
  const workspace = await workspaceSettingsRepository(db).load()
  return {
    newEntriesPerDay,
    input: {
      draft: journey.draft,
      versions,
      liveVersion: String(journey.liveVersion),
      inFlight,
      entrants: entrantsFrom(recentContacts, Math.round(newEntriesPerDay * options.days)),
      migrate: options.migrate,
      options: {
        start: options.now,
        days: options.days,
        seed: 1,
        policies: await sendPolicies(db),
        behaviours: [{ reactions: await observedReactions(db, journeyId, [journey.draft, ...versions.values()], options.now) }],
        pricePerPart: workspace.pricePerPart,
        pricePerMms: workspace.pricePerMms,
        keepMessages: 0,
        timelineContacts: 0,
      },
    },
  }
}
