import type { LocalizedText } from '@recall/shared'
import type { AnyMachineSnapshot } from 'xstate'
import { CONVERTED_STATE, type CompiledJourney, END_STATE, ENTER_ACTION, GOAL_EVENT, type MachineEvent, routeTaken } from './compile'
import { semanticsOf, UNTOLD } from './nodes/index'
import { inControlGroup } from './policies/control-group'
import type { SendPolicies } from './policies/policies'
import { StepContext } from './step-context'
import type { ContactView, Effect, EnrollmentState, ExitReasonCode, StepInput, StepLogEntry, StepResult } from './types'

export interface StepOptions {
  contact: ContactView
  policies: SendPolicies
  now: number
  /**
   * The caller keeps no timeline for this contact: lines only a timeline shows (routed, waiting,
   * sent) carry UNTOLD instead of a text built for nobody, which was much of the simulator's garbage.
   * Held, skipped and exit lines keep theirs: reports count them by reason.
   */
  brief?: boolean
  /**
   * Makes a sent message's short link code from its key: the server keys it with a secret of its
   * own, so codes cannot be computed from keys. Absent: the plain hash (simulated links go nowhere).
   */
  linkCode?: ((key: string) => string) | undefined
  /**
   * The caller gives the enrollment up and reads the result before its next step (the simulator):
   * the step changes the enrollment in place instead of copying it, and returns its effects and log
   * in arrays it empties and fills again at the next step. A copy per step lived until the contact's
   * next step, so every one was promoted out of the young generation.
   */
  inPlace?: boolean
}

interface Run {
  compiled: CompiledJourney
  state: EnrollmentState
  context: StepContext
  effects: Effect[]
  log: StepLogEntry[]
  /** The node and handle the contact is leaving by, to name the edge it takes. */
  leaving: { nodeId: string; handle: string } | undefined
  /**
   * Nodes entered in this step, all at one instant. Entering one again means a loop with no wait
   * that takes time (validation refuses those; this is the net under it): the contact is stopped.
   */
  entered: string[]
  loopAt: string | undefined
  /**
   * The real present. A contact entered at an event's own (earlier) time routes and starts its
   * waits at that time, but nodes that act (sends, reminders, exits) act now: a message judged
   * against the send window of an hour ago would break today's rules.
   */
  actsAt: number
}

/**
 * A step's arrays, kept between steps: an array's first push allocates room for 16 elements, and a
 * step filled three of them. `entered` never leaves the step; `effects` and `log` are handed out only
 * to in-place callers (StepOptions.inPlace), the others get fresh ones. Steps never nest.
 */
const kept = { entered: [] as string[], effects: [] as Effect[], log: [] as StepLogEntry[] }

/** Emptied by popping: setting the length to 0 would free the room the next step fills again. */
function emptied<Item>(items: Item[]): Item[] {
  while (items.length > 0) items.pop()
  return items
}

// Lines written at most steps, made once.
const WOKE: LocalizedText = { en: 'woke up', zh: '唤醒' }
const END_OF_PATH: LocalizedText = { en: 'exited: end of the path', zh: '退出:路径结束' }

/**
 * The step's own copy of the enrollment, which it may change. Wake, variants and coupons are
 * replaced, never changed in place (ab-split, composeSend, redeeming below), so the copy shares them.
 */
function cloneState(state: EnrollmentState): EnrollmentState {
  return { ...state, visits: { ...state.visits } }
}

function note(run: Run, kind: StepLogEntry['kind'], message: LocalizedText, detail?: string, nodeId = run.state.nodeId): void {
  const entry: StepLogEntry = { at: run.context.now, nodeId, kind, message }
  if (detail !== undefined) entry.detail = detail
  run.log.push(entry)
}

function finish(run: Run, code: ExitReasonCode, reason: LocalizedText): void {
  const converted = code === 'converted'
  run.state.status = 'exited'
  run.state.wake = undefined
  run.state.converted ||= converted
  run.state.exit = { at: run.context.now, reason: reason.en, code }
  run.effects.push({ type: 'exit', reason: reason.en, code, converted })
  note(run, converted ? 'converted' : 'exited', reason, code)
}

/** What node semantics see during one step; exported for drivers that walk the graph themselves. */
export function makeRunContext(compiled: CompiledJourney, state: EnrollmentState, options: StepOptions): StepContext {
  return new StepContext(compiled, state, options.contact, options.policies, options.now, options.brief ?? false, options.linkCode)
}

function newRun(compiled: CompiledJourney, state: EnrollmentState, options: StepOptions, actsAt = options.now): Run {
  const reused = options.inPlace === true
  return {
    compiled,
    state,
    context: makeRunContext(compiled, state, options),
    effects: reused ? emptied(kept.effects) : [],
    log: reused ? emptied(kept.log) : [],
    leaving: undefined,
    entered: emptied(kept.entered),
    loopAt: undefined,
    actsAt,
  }
}

/** Brings the step's clock to the present before a node that acts; a no-op unless the contact entered in the past. */
function catchUp(run: Run, nodeId: string): void {
  const node = run.compiled.nodes.get(nodeId)
  if (node && semanticsOf(node.type).mode === 'run') run.context.now = Math.max(run.context.now, run.actsAt)
}

/** Applies XState's returned actions: node entries, delayed events (wake times) and their cancellations. */
function applyActions(run: Run, actions: readonly { type: string; params?: unknown }[]): void {
  // By index: kept actions are frozen, and iterating a frozen array allocates at every element.
  for (let index = 0; index < actions.length; index++) {
    const action = actions[index] as (typeof actions)[number]
    const params = action.params as Record<string, unknown> | undefined
    if (action.type === ENTER_ACTION) {
      const nodeId = params?.nodeId as string
      if (run.entered.includes(nodeId)) {
        run.loopAt = nodeId
        return
      }
      run.entered.push(nodeId)
      catchUp(run, nodeId)
      const edgeId = run.leaving && run.compiled.edgeOf.get(run.leaving.nodeId)?.get(run.leaving.handle)
      run.state.nodeId = nodeId
      run.state.nodeEnteredAt = run.context.now
      run.state.visits[nodeId] = (run.state.visits[nodeId] ?? 0) + 1
      note(run, 'entered', run.compiled.enteredMessage(nodeId), edgeId)
      const handle = routeTaken(run.context, nodeId)
      run.leaving = handle === undefined ? undefined : { nodeId, handle }
      if (handle !== undefined && run.compiled.nodes.get(nodeId)?.type !== 'trigger')
        note(run, 'routed', run.context.brief ? UNTOLD : { en: `branch ${handle}`, zh: `进入分支 ${handle}` }, handle)
    } else if (action.type === 'xstate.raise' && typeof params?.delay === 'number') {
      run.state.wake = { at: run.context.now + params.delay, event: (params.event as { type: string }).type }
    } else if (action.type === 'xstate.cancel' && run.state.wake?.event === params?.sendId) {
      run.state.wake = undefined
    }
  }
}

function stopLooping(run: Run, nodeId: string): void {
  finish(run, 'loop_guard', { en: `stopped: loop at node ${nodeId} without a wait`, zh: `已停止:节点 ${nodeId} 处的循环没有等待` })
}

/** Feeds one event to the machine, then keeps going through instant nodes until the contact rests. */
function drive(run: Run, snapshot: AnyMachineSnapshot, firstEvent: string): AnyMachineSnapshot {
  const { compiled, context } = run
  let eventType: string | undefined = firstEvent
  let current = snapshot
  while (eventType !== undefined) {
    const event: MachineEvent = { type: eventType, context }
    // Not destructured: the answer is a kept (frozen) pair, and destructuring it allocates an iterator.
    const answer = compiled.transitions.transition(current, event)
    current = answer[0]
    applyActions(run, answer[1])
    if (run.loopAt !== undefined) {
      stopLooping(run, run.loopAt)
      return current
    }
    eventType = undefined
    const stateKey = String(current.value)
    if (current.status === 'done') {
      if (stateKey === CONVERTED_STATE)
        finish(run, 'converted', { en: `converted: ${compiled.document.settings.goal?.event ?? 'goal'}`, zh: `已转化:${compiled.document.settings.goal?.event ?? '目标'}` })
      else if (stateKey === END_STATE) finish(run, 'completed', END_OF_PATH)
      else eventType = runNode(run, compiled.nodeIdOf.get(stateKey) as string)
      continue
    }
    const nodeId = compiled.nodeIdOf.get(stateKey) as string
    const node = compiled.nodes.get(nodeId)
    if (!node) break
    const semantics = semanticsOf(node.type)
    if (semantics.mode === 'wait') {
      const wake = run.state.wake
      // A wait begun at an event's earlier time may already be over: it ended at its own time.
      if (wake?.event && wake.at <= run.actsAt) {
        if (context.now < wake.at) {
          context.now = wake.at
          note(run, 'woke', WOKE)
        }
        eventType = wake.event
        run.state.wake = undefined
        run.leaving = { nodeId, handle: semantics.timeoutHandle(node as never) }
      } else if (wake) {
        note(run, 'waiting', context.brief ? UNTOLD : semantics.describe(node as never, wake.at, context))
      }
    } else {
      eventType = runNode(run, nodeId)
    }
  }
  return current
}

const NO_EFFECTS: readonly Effect[] = []

/** `NEXT.<handle>` made once per handle: a string joined per step was flattened again at every lookup of it. */
const nextEvents = new Map<string, string>()
function nextEvent(handle: string): string {
  let event = nextEvents.get(handle)
  if (event === undefined) {
    // Branch handles are named by marketers: emptied when full rather than grown without bound.
    if (nextEvents.size >= 1_000) nextEvents.clear()
    event = `NEXT.${handle}`
    nextEvents.set(handle, event)
  }
  return event
}

/** Runs an action node; returns the handle event to take, or undefined when the contact rests or exits. */
function runNode(run: Run, nodeId: string): string | undefined {
  const node = run.compiled.nodes.get(nodeId)
  if (!node) return undefined
  const semantics = semanticsOf(node.type)
  if (semantics.mode !== 'run') return undefined
  catchUp(run, nodeId)
  const outcome = semantics.run(node as never, run.context)
  for (const effect of (outcome.kind !== 'exit' && outcome.effects) || NO_EFFECTS) {
    run.effects.push(effect)
    // Later sends in the same step must see this one in the contact's caps.
    if (effect.type === 'send') run.context.sent({ at: run.context.now, category: effect.category, template: effect.template?.code })
  }
  switch (outcome.kind) {
    case 'exit':
      finish(run, outcome.code, outcome.reason)
      return undefined
    case 'wait':
      run.state.wake = { at: outcome.until }
      run.effects.push({ type: 'wake', at: outcome.until })
      note(run, outcome.logKind, outcome.message)
      return undefined
    case 'next':
      if (outcome.message) note(run, outcome.logKind ?? 'routed', outcome.message, outcome.handle)
      run.leaving = { nodeId, handle: outcome.handle }
      return nextEvent(outcome.handle)
  }
}

function persist(run: Run, snapshot: AnyMachineSnapshot, previousWake?: EnrollmentState['wake']): StepResult {
  run.state.machine = run.compiled.transitions.persisted(snapshot)
  // A wake effect asks the driver to (re)schedule; an unchanged wake needs none.
  const wake = run.state.wake
  const rescheduled = wake && (wake.at !== previousWake?.at || wake.event !== previousWake?.event)
  if (run.state.status === 'active' && wake && rescheduled && !run.effects.some((effect) => effect.type === 'wake')) run.effects.push({ type: 'wake', at: wake.at })
  return { state: run.state, effects: run.effects, log: run.log }
}

export interface StartOptions extends StepOptions {
  enrollmentId: string
  triggerNodeId: string
  version: string
  /**
   * When the contact entered, if before `now`: the time of the event that triggered the entry.
   * Entry, routing and waits count from it; sends and exits happen at `now`.
   */
  enteredAt?: number
}

/** A fresh enrollment, before its first step. */
export function newEnrollmentState(compiled: CompiledJourney, options: StartOptions): EnrollmentState {
  return {
    enrollmentId: options.enrollmentId,
    journeyId: compiled.document.id,
    version: options.version,
    contactId: options.contact.id,
    status: 'active',
    machine: undefined,
    nodeId: undefined,
    enteredAt: options.now,
    nodeEnteredAt: options.now,
    wake: undefined,
    variants: {},
    coupons: [],
    visits: {},
    converted: false,
    ...(options.policies.controlGroup?.percent ? { heldOut: inControlGroup(options.policies.controlGroup, options.contact.id) } : {}),
  }
}

/** Enrolls a contact through one of the journey's triggers and runs it until it first rests. */
export function start(compiled: CompiledJourney, options: StartOptions): StepResult {
  const entered = { ...options, now: Math.min(options.enteredAt ?? options.now, options.now) }
  const state = newEnrollmentState(compiled, entered)
  const run = newRun(compiled, state, entered, options.now)
  return persist(run, drive(run, compiled.transitions.initial, `ENTER.${options.triggerNodeId}`))
}

/**
 * Moves one enrollment on: a wake (a wait ended, a held send may go), an incoming event (goal,
 * wait-for-event, coupon redeemed) or a removal. Waking early or twice changes nothing.
 */
export function step(compiled: CompiledJourney, previous: EnrollmentState, input: StepInput, options: StepOptions): StepResult {
  // Read before the step changes them: in place, `previous` is the state being changed.
  const previousWake = previous.wake
  const previousCoupons = previous.coupons
  const state = options.inPlace ? previous : cloneState(previous)
  const run = newRun(compiled, state, options)
  if (state.status !== 'active') return { state, effects: [], log: [] }
  const snapshot = compiled.transitions.resolved(state.machine)
  const now = options.now
  switch (input.type) {
    case 'remove':
      finish(run, 'removed', { en: `exited: removed (${input.reason})`, zh: `退出:已移出旅程(${input.reason})` })
      return persist(run, snapshot)
    case 'wake': {
      const wake = state.wake
      if (!wake || wake.at > now) return { state: previous, effects: [], log: [] }
      state.wake = undefined
      note(run, 'woke', WOKE)
      if (wake.event) {
        const node = state.nodeId ? compiled.nodes.get(state.nodeId) : undefined
        const semantics = node && semanticsOf(node.type)
        if (node && semantics?.mode === 'wait') run.leaving = { nodeId: node.id, handle: semantics.timeoutHandle(node as never) }
        return persist(run, drive(run, snapshot, wake.event))
      }
      // A held send runs again now: that is its visit at this instant, and entering it again within
      // the step would be a loop.
      if (state.nodeId) run.entered.push(state.nodeId)
      const eventType = state.nodeId ? runNode(run, state.nodeId) : undefined
      return persist(run, eventType ? drive(run, snapshot, eventType) : snapshot)
    }
    case 'event': {
      if (input.name === 'coupon_redeemed') {
        const code = input.properties?.code
        state.coupons = state.coupons.map((coupon) => (code === undefined || coupon.code === code ? { ...coupon, redeemed: true } : coupon))
      }
      if (compiled.document.settings.goal?.event === input.name) return persist(run, drive(run, snapshot, GOAL_EVENT), previousWake)
      const listener = state.nodeId ? compiled.listeners.get(state.nodeId) : undefined
      if (listener && listener.event === input.name && listener.matches(input.properties)) {
        run.leaving = { nodeId: state.nodeId as string, handle: listener.handle }
        note(run, 'routed', run.context.brief ? UNTOLD : { en: `${input.name} received`, zh: `收到事件 ${input.name}` }, listener.handle)
        return persist(run, drive(run, snapshot, `EVENT.${input.name}`), previousWake)
      }
      // An event that changes nothing (a click during a plain wait): the enrollment as it was, as
      // for an early wake, rather than an equal copy that the simulator would keep in its place.
      if (state.coupons === previousCoupons) return { state: previous, effects: [], log: [] }
      return persist(run, snapshot, previousWake)
    }
  }
}
