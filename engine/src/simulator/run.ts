import type { JourneyDocument } from '@recall/shared'
import { type CompiledJourney, compileJourney } from '../compile'
import { nextDateTrigger, triggers } from '../entry'
import { admitThroughThrottle, type ThrottleState, throttleOf, throttleReason } from '../entry-throttle'
import { hash32 } from '../hash'
import { contactTimeZone } from '../policies/contact-zones'
import { type StepOptions, start, step } from '../step'
import { DAY, HOUR } from '../time/zoned'
import type { ContactView, EnrollmentState, SendRecord, StepInput, StepLogEntry, StepResult } from '../types'
import { TimeQueue } from './queue'
import { seededRandom } from './random'
import { SimulationStats } from './stats'
import { type Behaviour, DEFAULT_TIMELINE_CONTACTS, type Reaction, type SimulationContact, type SimulationOptions, type SimulationResult } from './types'

/** A journey to drive; `identity` tags its sends so cap reasons can name it (absent: sends untagged). */
export interface RunJourney {
  document: JourneyDocument
  identity?: { id: string; name: string }
  /** Contacts already in this journey, by contact id (see SimulationOptions.inFlight). */
  inFlight?: ReadonlyMap<string, EnrollmentState>
}

export interface RunOutput {
  results: SimulationResult[]
  /** The contacts as they ended: their sends hold every simulated send, from every journey. */
  views: readonly ContactView[]
  steps: number
  cancelled: boolean
  simulatedDays: number
}

type Job =
  /** `admitted`: a throttled entry whose turn came, which the throttle has already counted. */
  | { contact: number; journey: number; kind: 'enter'; triggerId: string; admitted?: true }
  | { contact: number; journey: number; kind: 'wake' }
  /** Events belong to the contact: every journey it is in sees them. */
  | { contact: number; kind: 'event'; name: string; properties?: Record<string, unknown> }

const compiledCache = new WeakMap<JourneyDocument, CompiledJourney>()

function compiledFor(document: JourneyDocument): CompiledJourney {
  let compiled = compiledCache.get(document)
  if (!compiled) {
    compiled = compileJourney(document)
    compiledCache.set(document, compiled)
  }
  return compiled
}

/** When each contact enters: a date trigger fires on its date; any other trigger within the entry spread. */
function scheduleEntries(
  document: JourneyDocument,
  journey: number,
  contacts: readonly SimulationContact[],
  options: SimulationOptions,
  queue: TimeQueue<Job>,
  randomFor: (index: number) => () => number,
): void {
  const entryPoints = triggers(document)
  const end = options.start + options.days * DAY
  const spread = (options.entrySpreadHours ?? 0) * HOUR
  contacts.forEach((contact, index) => {
    const timeZone = contactTimeZone(contact, options.policies.defaultTimeZone)
    for (const trigger of entryPoints) {
      const at =
        trigger.data.on === 'date_attribute' ? nextDateTrigger(trigger, contact.attributes, timeZone, options.start) : options.start + Math.floor(randomFor(index)() * spread)
      if (at !== undefined && at < end) {
        queue.push(at, { contact: index, journey, kind: 'enter', triggerId: trigger.id })
        return
      }
    }
  })
}

/** The reactions of each cohort, gathered once per run rather than at every send. */
function reactionsByCohort(behaviours: readonly Behaviour[]): (contact: SimulationContact) => readonly Reaction[] {
  const byCohort = new Map<unknown, readonly Reaction[]>()
  return (contact) => {
    const cohort = contact.attributes.cohort
    let reactions = byCohort.get(cohort)
    if (reactions === undefined) {
      reactions = behaviours.filter((behaviour) => behaviour.cohort === undefined || behaviour.cohort === cohort).flatMap((behaviour) => behaviour.reactions)
      byCohort.set(cohort, reactions)
    }
    return reactions
  }
}

const WAKE: StepInput = Object.freeze({ type: 'wake' })

/**
 * Drives journeys over one sample on one simulated clock with the same compiled machines and the
 * same policy code as live traffic. Each contact's sends are shared by every journey, as in the
 * live contact view, so caps and the daily ceiling count across journeys. Seeded: one generator
 * per contact, seeded by its id, so a contact's behaviour does not depend on who else is simulated.
 */
export function runJourneys(
  journeys: readonly RunJourney[],
  contacts: readonly SimulationContact[],
  options: SimulationOptions,
  enrollmentIdOf: (journey: number, contact: number) => string,
): RunOutput {
  const compiled = journeys.map((journey) => compiledFor(journey.document))
  const generators: (() => number)[] = new Array(contacts.length)
  const randomFor = (index: number) => {
    generators[index] ??= seededRandom(hash32(`${options.seed}|${(contacts[index] as SimulationContact).id}`))
    return generators[index]
  }
  const queue = new TimeQueue<Job>()
  const views: ContactView[] = contacts.map((contact) => ({ ...contact, sends: [...contact.sends], events: [...contact.events] }))
  const states: (EnrollmentState | undefined)[][] = journeys.map(() => new Array(contacts.length))
  // One wake job per contact and journey, queued again at each wake: a job lives until its time
  // comes, so a new one per wake was promoted out of the young generation every time.
  const wakeJobs: Job[][] = journeys.map(() => new Array(contacts.length))
  const wakeJob = (journey: number, contact: number): Job => {
    const jobs = wakeJobs[journey] as Job[]
    jobs[contact] ??= { contact, journey, kind: 'wake' }
    return jobs[contact]
  }
  // Contacts already in a journey resume at their node: a pending wait fires at its stored time, at the start when already due.
  for (const [journey, { inFlight }] of journeys.entries()) {
    if (!inFlight) continue
    for (const [index, contact] of contacts.entries()) {
      // A copy: steps change the simulator's enrollments in place (StepOptions.inPlace), and these are the caller's.
      const given = inFlight.get(contact.id)
      const state = given && { ...given, visits: { ...given.visits } }
      ;(states[journey] as (EnrollmentState | undefined)[])[index] = state
      if (state?.wake) queue.push(Math.max(state.wake.at, options.start), wakeJob(journey, index))
    }
  }
  const reactionsFor = reactionsByCohort(options.behaviours ?? [])
  const timelineIds = new Set([...contacts.slice(0, options.timelineContacts ?? DEFAULT_TIMELINE_CONTACTS).map((contact) => contact.id), ...(options.timelineContactIds ?? [])])
  const timelines: Record<string, StepLogEntry[]>[] = journeys.map(() => ({}))
  const pricing = { perPart: options.pricePerPart ?? 0.05, perMms: options.pricePerMms ?? 0.15 }
  const stats = journeys.map((journey) => new SimulationStats(journey.document, options.policies.defaultTimeZone, options.keepMessages ?? 1000, pricing))
  const stepsOf = journeys.map(() => 0)
  const end = options.start + options.days * DAY
  const stepper = options.stepper ?? { start, step }
  for (const [index, journey] of journeys.entries()) scheduleEntries(journey.document, index, contacts, options, queue, randomFor)
  const throttles = new Map<string, ThrottleState>()
  const note = (journey: number, contactId: string, log: readonly StepLogEntry[]) => {
    ;(stats[journey] as SimulationStats).recordLog(log)
    const kept = timelines[journey] as Record<string, StepLogEntry[]>
    if (timelineIds.has(contactId)) kept[contactId] = [...(kept[contactId] ?? []), ...log]
  }
  /** Holds an entry past its trigger's throttle in arrival order; answers whether it was held. */
  const queuedByThrottle = (item: Extract<Job, { kind: 'enter' }>, at: number): boolean => {
    const document = (journeys[item.journey] as RunJourney).document
    const throttle = item.admitted ? undefined : throttleOf(document, item.triggerId)
    if (!throttle) return false
    const key = `${item.journey}|${item.triggerId}`
    const admission = admitThroughThrottle(throttle, throttles.get(key), at)
    throttles.set(key, admission.state)
    if (admission.at === at) return false
    queue.push(admission.at, { ...item, admitted: true })
    const contact = contacts[item.contact] as SimulationContact
    const reason = throttleReason(throttle, admission.at, contactTimeZone(contact, options.policies.defaultTimeZone))
    note(item.journey, contact.id, [{ at, nodeId: item.triggerId, kind: 'held', message: reason, detail: 'entry_throttle' }])
    return true
  }

  let steps = 0
  let reportedDay = 0
  let cancelled = false
  const apply = (journey: number, index: number, result: StepResult, at: number) => {
    steps += 1
    stepsOf[journey] = (stepsOf[journey] ?? 0) + 1
    const contact = views[index] as ContactView
    ;(states[journey] as (EnrollmentState | undefined)[])[index] = result.state
    note(journey, contact.id, result.log)
    const identity = (journeys[journey] as RunJourney).identity
    for (const effect of result.effects) {
      if (effect.type === 'wake') queue.push(effect.at, wakeJob(journey, index))
      if (effect.type !== 'send') continue
      ;(stats[journey] as SimulationStats).recordSend(effect, contact.id, at)
      const record: SendRecord = { at, category: effect.category, template: effect.template?.code }
      if (identity)
        record.journey = identity
        // Every simulated send counts toward caps and the ceiling, as a live one the provider accepted
        // does even when its delivery report later says failed (countedTowardCaps on the server): the
        // simulator models no refusals before the hand-over and no delivery failures, so none is left out.
      ;(contact.sends as SendRecord[]).push(record)
      const random = randomFor(index)
      for (const reaction of reactionsFor(contact)) {
        if (random() >= reaction.probability) continue
        const [low, high] = reaction.delayHours
        const delay = (low + random() * (high - low)) * HOUR
        const event: Job = { contact: index, kind: 'event', name: reaction.event }
        if (reaction.event === 'coupon_redeemed' && effect.coupon) event.properties = { code: effect.coupon.code }
        queue.push(at + delay, event)
      }
    }
  }

  // One options object for every step, changed in place: steps read it and keep nothing of it.
  const stepOptions: StepOptions = { contact: views[0] as ContactView, policies: options.policies, now: options.start, brief: true, inPlace: true }
  while ((queue.peekTime() ?? end) < end) {
    const at = queue.peekTime() as number
    const item = queue.pop() as Job
    const day = Math.floor((at - options.start) / DAY)
    while (reportedDay < day && !cancelled) {
      reportedDay += 1
      options.onProgress?.({ simulatedDays: reportedDay, fraction: reportedDay / options.days, steps })
      cancelled = options.shouldStop?.() ?? false
    }
    if (cancelled) break
    const contact = views[item.contact] as ContactView
    stepOptions.contact = contact
    stepOptions.now = at
    stepOptions.brief = !timelineIds.has(contact.id)
    if (item.kind === 'event') {
      ;(contact.events as { name: string; at: number }[]).push({ name: item.name, at })
      const input: StepInput = item.properties ? { type: 'event', name: item.name, properties: item.properties } : { type: 'event', name: item.name }
      for (let journey = 0; journey < journeys.length; journey += 1) {
        const state = (states[journey] as (EnrollmentState | undefined)[])[item.contact]
        if (state?.status === 'active') apply(journey, item.contact, stepper.step(compiled[journey] as CompiledJourney, state, input, stepOptions), at)
      }
      continue
    }
    const state = (states[item.journey] as (EnrollmentState | undefined)[])[item.contact]
    const machine = compiled[item.journey] as CompiledJourney
    if (item.kind === 'enter') {
      if (state || queuedByThrottle(item, at)) continue
      const enrollmentId = enrollmentIdOf(item.journey, item.contact)
      apply(item.journey, item.contact, stepper.start(machine, { ...stepOptions, enrollmentId, triggerNodeId: item.triggerId, version: 'simulation' }), at)
      continue
    }
    if (state?.status === 'active') apply(item.journey, item.contact, stepper.step(machine, state, WAKE, stepOptions), at)
  }
  if (!cancelled) options.onProgress?.({ simulatedDays: options.days, fraction: 1, steps })
  // A cancelled run says how far it got, so partial results are read as such.
  const simulatedDays = cancelled ? reportedDay : options.days
  const zoneOf = new Map(contacts.filter((contact) => timelineIds.has(contact.id)).map((contact) => [contact.id, contactTimeZone(contact, options.policies.defaultTimeZone)]))
  const results = journeys.map((_, journey) => ({
    contacts: contacts.length,
    simulatedDays,
    steps: stepsOf[journey] as number,
    cancelled,
    ...(stats[journey] as SimulationStats).finish(states[journey] as (EnrollmentState | undefined)[]),
    timelines: timelines[journey] as Record<string, StepLogEntry[]>,
    timeZones: Object.fromEntries(Object.keys(timelines[journey] as object).map((id) => [id, zoneOf.get(id) as string])),
  }))
  return { results, views, steps, cancelled, simulatedDays }
}
