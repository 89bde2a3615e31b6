import { isoWithOffset, type SimulationResult, type StepLogEntry, type WorkspaceSimulationResult } from '@recall/engine'

/** Which zone a contact's times are read in: its own, or the workspace default. */
export type ZoneOf = (contactId: string) => string

const localEntries = <Entry extends StepLogEntry>(entries: readonly Entry[], timeZone: string) => entries.map((entry) => ({ ...entry, at: isoWithOffset(entry.at, timeZone) }))

/** `--json`: every instant as ISO 8601 with the contact's own offset, never epoch milliseconds. */
export function simulationJson(result: SimulationResult, zoneOf: ZoneOf) {
  return {
    ...result,
    messages: { ...result.messages, sample: result.messages.sample.map((message) => ({ ...message, at: isoWithOffset(message.at, zoneOf(message.contactId)) })) },
    timelines: Object.fromEntries(Object.entries(result.timelines).map(([contactId, entries]) => [contactId, localEntries(entries, zoneOf(contactId))])),
  }
}

export function workspaceJson(result: WorkspaceSimulationResult, zoneOf: ZoneOf) {
  return {
    ...result,
    journeys: Object.fromEntries(Object.entries(result.journeys).map(([id, journey]) => [id, simulationJson(journey, zoneOf)])),
    topContacts: result.topContacts.map((top) => ({ ...top, timeline: localEntries(top.timeline, top.timeZone) })),
  }
}
