import { hasEntryThrottle } from '../entry-throttle'
import { contactTimeZone } from '../policies/contact-zones'
import { DAY } from '../time/zoned'
import type { SendRecord } from '../types'
import { mergeSimulationResults } from './merge'
import { runJourneys } from './run'
import type { SimulationContact } from './types'
import type {
  TopContact,
  WeeklyDistribution,
  WorkspaceJourney,
  WorkspaceJourneyResult,
  WorkspaceSimulationOptions,
  WorkspaceSimulationResult,
  WorkspaceTimelineEntry,
} from './workspace-types'

const WEEK = 7 * DAY

/** The most sends within any rolling 7 days; `times` ascending. */
export function busiestWeek(times: readonly number[]): number {
  let most = 0
  let first = 0
  for (let last = 0; last < times.length; last += 1) {
    while ((times[last] as number) - (times[first] as number) >= WEEK) first += 1
    most = Math.max(most, last - first + 1)
  }
  return most
}

function weeklyDistribution(weeks: readonly number[]): WeeklyDistribution {
  const distribution = { zero: 0, one: 0, two: 0, threePlus: 0 }
  for (const count of weeks) {
    if (count === 0) distribution.zero += 1
    else if (count === 1) distribution.one += 1
    else if (count === 2) distribution.two += 1
    else distribution.threePlus += 1
  }
  return distribution
}

/**
 * Runs several journeys together over one sample on one simulated clock: each contact's sends are
 * shared by every journey, so caps across journeys, the daily ceiling and the windows act as live,
 * and a cap's skip reason names the journey that used it. Seeded and deterministic.
 */
export function simulateWorkspace(journeys: readonly WorkspaceJourney[], contacts: readonly SimulationContact[], options: WorkspaceSimulationOptions): WorkspaceSimulationResult {
  const driven = journeys.map((journey) => ({ document: journey.document, identity: { id: journey.id, name: journey.name } }))
  // Enrollments are named by contact id, not position, so a rerun of a few contacts replays them exactly.
  const enrollmentIds = (sample: readonly SimulationContact[]) => (journey: number, contact: number) =>
    `sim-${(journeys[journey] as WorkspaceJourney).id}-${(sample[contact] as SimulationContact).id}`
  const run = runJourneys(driven, contacts, options, enrollmentIds(contacts))

  const sent = run.views.map((view, index) => (view.sends as SendRecord[]).slice((contacts[index] as SimulationContact).sends.length))
  const weeks = sent.map((sends) => busiestWeek(sends.map((send) => send.at)))
  const ranked = sent
    .map((sends, index) => ({ index, messages: sends.length }))
    .filter((entry) => entry.messages > 0)
    .sort((a, b) => b.messages - a.messages || a.index - b.index)
    .slice(0, options.topContacts ?? 10)
  const topIds = ranked.map((entry) => (contacts[entry.index] as SimulationContact).id)

  // Whose timelines were kept is decided before anyone is messaged: the most messaged are replayed
  // with their timelines on. Contacts are independent unless a trigger throttles entries.
  let timelineResults = run.results
  const kept = new Set(Object.keys(run.results[0]?.timelines ?? {}))
  if (!run.cancelled && topIds.some((id) => !kept.has(id))) {
    const alone = !journeys.some((journey) => hasEntryThrottle(journey.document))
    const sample = alone ? ranked.map((entry) => contacts[entry.index] as SimulationContact) : contacts
    const replayOptions = { ...options, timelineContacts: 0, timelineContactIds: topIds, keepMessages: 0 }
    delete replayOptions.onProgress
    delete replayOptions.shouldStop
    timelineResults = runJourneys(driven, sample, replayOptions, enrollmentIds(sample)).results
  }
  const topContacts: TopContact[] = ranked.map((entry) => {
    const contact = contacts[entry.index] as SimulationContact
    const timeline: WorkspaceTimelineEntry[] = journeys
      .flatMap((journey, index) => (timelineResults[index]?.timelines[contact.id] ?? []).map((line) => ({ ...line, journeyId: journey.id, journeyName: journey.name })))
      .sort((a, b) => a.at - b.at)
    return {
      contactId: contact.id,
      timeZone: contactTimeZone(contact, options.policies.defaultTimeZone),
      messages: entry.messages,
      busiestWeek: weeks[entry.index] as number,
      timeline,
    }
  })

  const byJourney: Record<string, WorkspaceJourneyResult> = {}
  journeys.forEach((journey, index) => {
    byJourney[journey.id] = { ...(run.results[index] as WorkspaceJourneyResult), id: journey.id, name: journey.name }
  })
  // Summing journeys is what merging disjoint shares does to messages, reasons and conversions.
  const sum = run.results.length > 0 ? mergeSimulationResults(run.results, 0) : undefined
  return {
    contacts: contacts.length,
    simulatedDays: run.simulatedDays,
    steps: run.steps,
    cancelled: run.cancelled,
    journeys: byJourney,
    total: {
      messages: sum?.messages.total ?? 0,
      parts: sum?.messages.parts ?? 0,
      cost: sum?.messages.cost ?? 0,
      byDay: sum?.messages.byDay ?? [],
      held: sum?.held ?? [],
      skipped: sum?.skipped ?? [],
      conversions: sum?.conversions.total ?? 0,
    },
    perContactWeekly: weeklyDistribution(weeks),
    topContacts,
  }
}
