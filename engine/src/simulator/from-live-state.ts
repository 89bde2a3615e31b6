import { type JourneyDocument, type LocalizedText, nodeKindOf } from '@recall/shared'
import { type CompiledJourney, compileJourney } from '../compile'
import { migrateEnrollment } from '../migrate'
import { start, step } from '../step'
import { DAY } from '../time/zoned'
import type { EnrollmentState, StepResult } from '../types'
import { mergeSimulationResults } from './merge'
import { simulate } from './simulate'
import type { SimulationContact, SimulationOptions, SimulationResult, Stepper } from './types'

/** A contact in flight now: where it is (its version, node and pending wait) and its real history. */
export interface LiveEnrollment {
  contact: SimulationContact
  state: EnrollmentState
}

export interface LiveStateInput {
  draft: JourneyDocument
  /** Published versions by version number as a string (EnrollmentState.version): the live one and any in-flight contact is on. */
  versions: ReadonlyMap<string, JourneyDocument>
  liveVersion: string
  inFlight: readonly LiveEnrollment[]
  /** Contacts entering during the forecast, spread evenly at random over it; ids distinct from in-flight ones. */
  entrants: readonly SimulationContact[]
  /** Publish with "move contacts in flight to the new version". */
  migrate: boolean
  options: Omit<SimulationOptions, 'inFlight' | 'entrySpreadHours' | 'stepper' | 'onProgress' | 'shouldStop'>
}

/** One scenario's totals with what the simulator does not count by itself. */
export interface ScenarioForecast {
  result: SimulationResult
  /** Messages sent in the 24 hours from the start. */
  next24hMessages: number
}

export interface RemovedNodeReach {
  nodeId: string
  summary: LocalizedText
  /** Distinct contacts at the node at the start or reaching it during the forecast, publishing the draft. */
  contacts: number
}

export interface LiveStateForecast {
  proposed: ScenarioForecast
  current: ScenarioForecast
  removedNodes: RemovedNodeReach[]
}

/** Contacts simulated on one version: their enrollments resume, entrants enter. */
interface Group {
  document: JourneyDocument
  contacts: SimulationContact[]
  inFlight: Map<string, EnrollmentState>
}

function groupFor(groups: Map<string, Group>, version: string, document: JourneyDocument): Group {
  let group = groups.get(version)
  if (!group) {
    group = { document, contacts: [], inFlight: new Map() }
    groups.set(version, group)
  }
  return group
}

/**
 * The stepper the simulator drives, wrapped to watch what its totals do not keep: sends in the
 * first 24 hours, and which contacts are at or pass through the watched nodes.
 */
function watchingStepper(from: number, watched: ReadonlySet<string>) {
  const reached = new Map<string, Set<string>>()
  let next24h = 0
  const observe = (result: StepResult, { now, contact }: { now: number; contact: SimulationContact }): StepResult => {
    if (now < from + DAY) next24h += result.effects.filter((effect) => effect.type === 'send').length
    for (const entry of result.log) {
      if (entry.nodeId === undefined || !watched.has(entry.nodeId)) continue
      const contacts = reached.get(entry.nodeId) ?? new Set()
      contacts.add(contact.id)
      reached.set(entry.nodeId, contacts)
    }
    return result
  }
  const stepper: Stepper = {
    start: (compiled, options) => observe(start(compiled, options), options),
    step: (compiled, state, input, options) => observe(step(compiled, state, input, options), options),
  }
  return { stepper, reached, next24h: () => next24h }
}

function runScenario(groups: Iterable<Group>, input: LiveStateInput, watched: ReadonlySet<string>) {
  const watch = watchingStepper(input.options.start, watched)
  const results = [...groups].map((group) =>
    simulate(group.document, group.contacts, {
      ...input.options,
      inFlight: group.inFlight,
      // New entries arrive at an even rate over the whole forecast.
      entrySpreadHours: input.options.days * 24,
      stepper: watch.stepper,
    }),
  )
  const result = results.length > 0 ? mergeSimulationResults(results, input.options.keepMessages) : simulate(input.draft, [], input.options)
  return { forecast: { result, next24hMessages: watch.next24h() }, reached: watch.reached }
}

/**
 * Nodes of the live version that the draft does not have, with their summaries. Only the live
 * version's contacts can be moved by this publish: nodes older versions alone had were removed by
 * an earlier publish, and their contacts go on the same with or without this one.
 */
function removedNodesOf(live: JourneyDocument, draft: JourneyDocument): Map<string, LocalizedText> {
  const kept = new Set(draft.nodes.map((node) => node.id))
  const removed = new Map<string, LocalizedText>()
  for (const node of live.nodes) {
    if (kept.has(node.id)) continue
    const kind = nodeKindOf(node.type)
    removed.set(node.id, {
      en: `${kind.label.en}: ${kind.summary(node.data as never, 'en')}`,
      zh: `${kind.label.zh}:${kind.summary(node.data as never, 'zh-CN')}`,
    })
  }
  return removed
}

/**
 * Forecasts publishing the draft against leaving the live version as it is, from the live state:
 * contacts in flight resume at their node with their pending waits (moved onto the draft as
 * publish would move them, or left on their version), and new contacts enter at the recent rate.
 * Pure and seeded: the same state gives the same forecast.
 */
export function forecastFromLiveState(input: LiveStateInput): LiveStateForecast {
  const draftVersion = 'draft'
  const compiled = new Map<string, CompiledJourney>()
  const compiledOf = (version: string, document: JourneyDocument) => {
    if (!compiled.has(version)) compiled.set(version, compileJourney(document))
    return compiled.get(version) as CompiledJourney
  }
  const live = input.versions.get(input.liveVersion)
  if (!live) throw new Error(`forecastFromLiveState: version ${input.liveVersion} is not among the versions`)
  const current = new Map<string, Group>()
  const proposed = new Map<string, Group>()
  for (const { contact, state } of input.inFlight) {
    const document = input.versions.get(state.version)
    if (!document) continue
    const mine = groupFor(current, state.version, document)
    mine.contacts.push(contact)
    mine.inFlight.set(contact.id, state)
    const moved = input.migrate ? migrateEnrollment(compiledOf(state.version, document), compiledOf(draftVersion, input.draft), state, draftVersion) : undefined
    const target = moved ? groupFor(proposed, draftVersion, input.draft) : groupFor(proposed, state.version, document)
    target.contacts.push(contact)
    target.inFlight.set(contact.id, moved ?? state)
  }
  groupFor(current, input.liveVersion, live).contacts.push(...input.entrants)
  groupFor(proposed, draftVersion, input.draft).contacts.push(...input.entrants)
  const removed = removedNodesOf(live, input.draft)
  const proposedRun = runScenario(proposed.values(), input, new Set(removed.keys()))
  const currentRun = runScenario(current.values(), input, new Set())
  // Counted over the live version's contacts only: those on an older version reach the same nodes whether or not the draft is published.
  const onLive = new Set(proposed.get(input.liveVersion)?.contacts.map((contact) => contact.id))
  const atStart = new Map<string, Set<string>>()
  for (const { contact, state } of input.inFlight)
    if (state.version === input.liveVersion && state.nodeId !== undefined && removed.has(state.nodeId))
      atStart.set(state.nodeId, (atStart.get(state.nodeId) ?? new Set()).add(contact.id))
  const removedNodes = [...removed].map(([nodeId, summary]) => {
    const reached = [...(proposedRun.reached.get(nodeId) ?? [])].filter((id) => onLive.has(id))
    return { nodeId, summary, contacts: new Set([...(atStart.get(nodeId) ?? []), ...reached]).size }
  })
  return { proposed: proposedRun.forecast, current: currentRun.forecast, removedNodes }
}
