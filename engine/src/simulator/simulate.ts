import type { JourneyDocument } from '@recall/shared'
import { type CompiledJourney, compileJourney } from '../compile'
import { nextDateTrigger, triggers } from '../entry'
import { admitThroughThrottle, type ThrottleState, throttleOf, throttleReason } from '../entry-throttle'
import { hash32 } from '../hash'
import { start, step } from '../step'
import { DAY, HOUR } from '../time/zoned'
import type { ContactView, EnrollmentState, SendRecord, StepInput, StepLogEntry, StepResult } from '../types'
import { TimeQueue } from './queue'
import { seededRandom } from './random'
import { SimulationStats } from './stats'
import type { Behaviour, SimulationContact, SimulationOptions, SimulationResult } from './types'

type Job =
  /** `admitted`: a throttled entry whose turn came, which the throttle has already counted. */
  | { contact: number; kind: 'enter'; triggerId: string; admitted?: true }
  | { contact: number; kind: 'wake' }
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
  contacts: readonly SimulationContact[],
  options: SimulationOptions,
  queue: TimeQueue<Job>,
  randomFor: (index: number) => () => number,
): void {
  const entryPoints = triggers(document)
  const end = options.start + options.days * DAY
  const spread = (options.entrySpreadHours ?? 0) * HOUR
  contacts.forEach((contact, index) => {
    const timeZone = contact.timeZone ?? options.policies.defaultTimeZone
    for (const trigger of entryPoints) {
      const at =
        trigger.data.on === 'date_attribute' ? nextDateTrigger(trigger, contact.attributes, timeZone, options.start) : options.start + Math.floor(randomFor(index)() * spread)
      if (at !== undefined && at < end) {
        queue.push(at, { contact: index, kind: 'enter', triggerId: trigger.id })
        return
      }
    }
  })
}

function reactionsFor(behaviours: readonly Behaviour[], contact: SimulationContact) {
  const cohort = contact.attributes.cohort
  return behaviours.filter((behaviour) => behaviour.cohort === undefined || behaviour.cohort === cohort).flatMap((behaviour) => behaviour.reactions)
}

/**
 * Runs a journey over many contacts on a simulated clock with the same compiled machine and the
 * same policy code as live traffic. Seeded: the same inputs always give the same result.
 */
export function simulate(document: JourneyDocument, contacts: readonly SimulationContact[], options: SimulationOptions): SimulationResult {
  const compiled = compiledFor(document)
  // One generator per contact, seeded by the contact's id: a contact's behaviour does not depend
  // on who else is simulated, so contacts can be split across workers and give the same result.
  const generators: (() => number)[] = new Array(contacts.length)
  const randomFor = (index: number) => {
    generators[index] ??= seededRandom(hash32(`${options.seed}|${(contacts[index] as SimulationContact).id}`))
    return generators[index]
  }
  const queue = new TimeQueue<Job>()
  const views: ContactView[] = contacts.map((contact) => ({ ...contact, sends: [...contact.sends], events: [...contact.events] }))
  const states: (EnrollmentState | undefined)[] = new Array(contacts.length)
  const inFlight = options.inFlight
  if (inFlight)
    contacts.forEach((contact, index) => {
      states[index] = inFlight.get(contact.id)
      const wake = states[index]?.wake
      if (wake) queue.push(Math.max(wake.at, options.start), { contact: index, kind: 'wake' })
    })
  const behaviours = options.behaviours ?? []
  const timelineIds = new Set([...contacts.slice(0, options.timelineContacts ?? 20).map((contact) => contact.id), ...(options.timelineContactIds ?? [])])
  const timelines: Record<string, StepLogEntry[]> = {}
  const stats = new SimulationStats(document, options.policies.defaultTimeZone, options.keepMessages ?? 1000, {
    perPart: options.pricePerPart ?? 0.05,
    perMms: options.pricePerMms ?? 0.15,
  })
  const end = options.start + options.days * DAY
  const stepper = options.stepper ?? { start, step }
  scheduleEntries(document, contacts, options, queue, randomFor)
  const throttles = new Map<string, ThrottleState>()
  /** Holds an entry past its trigger's throttle in arrival order; answers whether it was held. */
  const queuedByThrottle = (item: Extract<Job, { kind: 'enter' }>, at: number): boolean => {
    const throttle = item.admitted ? undefined : throttleOf(document, item.triggerId)
    if (!throttle) return false
    const admission = admitThroughThrottle(throttle, throttles.get(item.triggerId), at)
    throttles.set(item.triggerId, admission.state)
    if (admission.at === at) return false
    queue.push(admission.at, { ...item, admitted: true })
    const contact = contacts[item.contact] as SimulationContact
    const reason = throttleReason(throttle, admission.at, contact.timeZone ?? options.policies.defaultTimeZone)
    const log: StepLogEntry[] = [{ at, nodeId: item.triggerId, kind: 'held', message: reason, detail: 'entry_throttle' }]
    stats.recordLog(log)
    if (timelineIds.has(contact.id)) timelines[contact.id] = [...(timelines[contact.id] ?? []), ...log]
    return true
  }

  let steps = 0
  let reportedDay = 0
  let cancelled = false
  const apply = (index: number, result: StepResult, at: number) => {
    steps += 1
    const contact = views[index] as ContactView
    states[index] = result.state
    stats.recordLog(result.log)
    if (timelineIds.has(contact.id)) timelines[contact.id] = [...(timelines[contact.id] ?? []), ...result.log]
    for (const effect of result.effects) {
      if (effect.type === 'wake') queue.push(effect.at, { contact: index, kind: 'wake' })
      if (effect.type !== 'send') continue
      stats.recordSend(effect, contact.id, at)
      ;(contact.sends as SendRecord[]).push({ at, category: effect.category, template: effect.template?.code })
      const random = randomFor(index)
      for (const reaction of reactionsFor(behaviours, contact)) {
        if (random() >= reaction.probability) continue
        const [low, high] = reaction.delayHours
        const delay = (low + random() * (high - low)) * HOUR
        const properties = reaction.event === 'coupon_redeemed' && effect.coupon ? { code: effect.coupon.code } : undefined
        queue.push(at + delay, { contact: index, kind: 'event', name: reaction.event, ...(properties ? { properties } : {}) })
      }
    }
  }

  while ((queue.peekTime() ?? end) < end) {
    const next = queue.pop() as { at: number; item: Job }
    const { at, item } = next
    const day = Math.floor((at - options.start) / DAY)
    while (reportedDay < day && !cancelled) {
      reportedDay += 1
      options.onProgress?.({ simulatedDays: reportedDay, fraction: reportedDay / options.days, steps })
      cancelled = options.shouldStop?.() ?? false
    }
    if (cancelled) break
    const contact = views[item.contact] as ContactView
    const state = states[item.contact]
    const stepOptions = { contact, policies: options.policies, now: at }
    if (item.kind === 'enter') {
      if (state || queuedByThrottle(item, at)) continue
      apply(item.contact, stepper.start(compiled, { ...stepOptions, enrollmentId: `sim-${item.contact}`, triggerNodeId: item.triggerId, version: 'simulation' }), at)
      continue
    }
    if (item.kind === 'event') (contact.events as { name: string; at: number }[]).push({ name: item.name, at })
    if (state?.status !== 'active') continue
    const input: StepInput = item.kind === 'wake' ? { type: 'wake' } : { type: 'event', name: item.name, ...(item.properties ? { properties: item.properties } : {}) }
    apply(item.contact, stepper.step(compiled, state, input, stepOptions), at)
  }
  if (!cancelled) options.onProgress?.({ simulatedDays: options.days, fraction: 1, steps })
  // A cancelled run says how far it got, so partial results are read as such.
  return { contacts: contacts.length, simulatedDays: cancelled ? reportedDay : options.days, steps, cancelled, ...stats.finish(states), timelines }
}
