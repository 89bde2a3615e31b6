import { type JourneyDocument, type JourneyNode, type LocalizedText, nodeKindOf, type WeeklyIntervals } from '@recall/shared'
import { type AnyStateMachine, createMachine } from 'xstate'
import { type EventListener, type RunContext, semanticsOf } from './nodes/index'
import type { SendPolicies } from './policies/policies'
import { nodeSendWindow } from './policies/window'
import { type PureTransitions, pureTransitions, type ReturnedAction } from './pure-transition'
import type { ContextReads } from './transition-memo'

/** The event every transition carries: the step's context, so guards and delays can read it. */
export interface MachineEvent {
  type: string
  context: RunContext
  /** Filled by guards and delays as they read the context, so the transition can be kept for the next enrollment. */
  reads?: ContextReads
}

export const END_STATE = '__end'
export const CONVERTED_STATE = '__converted'
export const START_STATE = '__start'
export const GOAL_EVENT = 'GOAL'
export const ENTER_ACTION = 'recall.entered'

export interface CompiledJourney {
  document: JourneyDocument
  machine: AnyStateMachine
  transitions: PureTransitions
  nodes: ReadonlyMap<string, JourneyNode>
  /** XState state key of each node: node ids may hold dots, which XState reads as paths. */
  stateKeyOf: ReadonlyMap<string, string>
  nodeIdOf: ReadonlyMap<string, string>
  listeners: ReadonlyMap<string, EventListener>
  /** Edge ids by source node, then handle, for counting traffic per edge. */
  edgeOf: ReadonlyMap<string, ReadonlyMap<string, string>>
  windowOf(nodeId: string, policies: SendPolicies): WeeklyIntervals
  /** The timeline line for entering a node, built once: the simulator writes millions of them. */
  enteredMessage(nodeId: string): LocalizedText
}

const eventOf = (name: string) => `EVENT.${name}`

/**
 * The step's route answers: node id, then handle, in pairs. One small array rather than a Map per
 * step; a step passes few route nodes.
 */
type RoutesTaken = { routes?: string[] }

/** Route nodes memoise their choice per step so guards and the log agree without recomputing. */
function routeOnce(node: JourneyNode, context: RunContext & RoutesTaken): string {
  const known = routeTaken(context, node.id)
  if (known !== undefined) return known
  const semantics = semanticsOf(node.type)
  const handle = semantics.mode === 'route' ? semantics.route(node as never, context) : 'out'
  context.routes ??= []
  context.routes.push(node.id, handle)
  return handle
}

export function routeTaken(context: RunContext, nodeId: string): string | undefined {
  const routes = (context as RunContext & RoutesTaken).routes
  if (routes) for (let index = 0; index < routes.length; index += 2) if (routes[index] === nodeId) return routes[index + 1]
  return undefined
}

/** True when the actions enter some node twice: a loop the step stops. */
export function enteredTwice(actions: readonly ReturnedAction[]): boolean {
  const entered = new Set<unknown>()
  for (const action of actions) {
    if (action.type !== ENTER_ACTION) continue
    const nodeId = (action.params as { nodeId?: unknown } | undefined)?.nodeId
    if (entered.has(nodeId)) return true
    entered.add(nodeId)
  }
  return false
}

/**
 * Compiles a journey version to an XState machine: nodes become states, output handles become
 * transitions, split conditions become guards, waits become delayed transitions. Pure and cached
 * by the caller per version.
 */
export function compileJourney(document: JourneyDocument): CompiledJourney {
  const stateKeyOf = new Map(document.nodes.map((node, index) => [node.id, `n${index}`]))
  const nodeIdOf = new Map([...stateKeyOf].map(([id, key]) => [key, id]))
  const nodes = new Map(document.nodes.map((node) => [node.id, node]))
  const edgeOf = new Map<string, Map<string, string>>()
  const targets = new Map<string, string>()
  for (const edge of document.edges) {
    const key = `${edge.source}\u0000${edge.sourceHandle}`
    const target = stateKeyOf.get(edge.target)
    if (target && !targets.has(key)) {
      targets.set(key, target)
      const fromSource = edgeOf.get(edge.source) ?? new Map<string, string>()
      fromSource.set(edge.sourceHandle, edge.id)
      edgeOf.set(edge.source, fromSource)
    }
  }
  // Re-entering: an edge back into the node it leaves still runs the node's entry again (a wait
  // restarts, a send is a new visit, a loop is seen as one) rather than standing still.
  const transitionTo = (nodeId: string, handle: string) => ({ target: targets.get(`${nodeId}\u0000${handle}`) ?? END_STATE, reenter: true })
  const listeners = new Map<string, EventListener>()
  const delays: Record<string, (args: { event: MachineEvent }) => number> = {}

  const states: Record<string, object> = {}
  for (const node of document.nodes) {
    const key = stateKeyOf.get(node.id) as string
    const entry = { type: ENTER_ACTION, params: { nodeId: node.id } }
    const semantics = semanticsOf(node.type)
    const handles = nodeKindOf(node.type)
      .handles(node.data)
      .map((handle) => handle.id)
    const next = Object.fromEntries(handles.map((handle) => [`NEXT.${handle}`, transitionTo(node.id, handle)]))
    if (node.type === 'exit') {
      states[key] = { entry, type: 'final' }
    } else if (semantics.mode === 'route') {
      states[key] = {
        entry,
        always: handles.map((handle) => ({
          guard: ({ event }: { event: MachineEvent }) => {
            if (event.reads && !event.reads.routes.includes(node.id)) event.reads.routes.push(node.id)
            return routeOnce(node, event.context) === handle
          },
          ...transitionTo(node.id, handle),
        })),
      }
    } else if (semantics.mode === 'wait') {
      const delay = `wait.${key}`
      delays[delay] = ({ event }) => {
        event.reads?.delays.push(delay)
        const at = semantics.wakeAt(node as never, event.context)
        return at === undefined ? 0 : Math.max(0, at - event.context.now)
      }
      const listener = semantics.listener?.(node as never)
      if (listener) listeners.set(node.id, listener)
      states[key] = {
        entry,
        after: { [delay]: transitionTo(node.id, semantics.timeoutHandle(node as never)) },
        on: listener ? { [eventOf(listener.event)]: transitionTo(node.id, listener.handle) } : {},
      }
    } else {
      states[key] = { entry, on: next }
    }
  }
  const triggers = document.nodes.filter((node) => node.type === 'trigger')
  states[START_STATE] = { on: Object.fromEntries(triggers.map((node) => [`ENTER.${node.id}`, stateKeyOf.get(node.id)])) }
  states[END_STATE] = { type: 'final' }
  states[CONVERTED_STATE] = { type: 'final' }

  // One event passes each node at most once (more is a loop of splits, which would never settle):
  // past that many microsteps XState throws instead of spinning, and the step stops the contact.
  const options = { maxIterations: document.nodes.length + 3 }
  const machine = createMachine({ id: 'journey', initial: START_STATE, states, on: { [GOAL_EVENT]: `.${CONVERTED_STATE}` }, options } as never, { delays } as never)
  const enteredMessages = new Map<string, LocalizedText>(
    document.nodes.map((node) => {
      const kind = nodeKindOf(node.type)
      const en = kind.summary(node.data, 'en')
      const zh = kind.summary(node.data, 'zh-CN')
      return [node.id, { en: `entered ${node.id} (${en})`, zh: `进入 ${node.id}(${zh})` }]
    }),
  )
  const windowsByPolicies = new WeakMap<SendPolicies, Map<string, WeeklyIntervals>>()
  return {
    document,
    machine,
    transitions: pureTransitions(machine, enteredTwice, {
      route: (nodeId, event) => routeOnce(nodes.get(nodeId) as JourneyNode, (event as MachineEvent).context),
      delay: (name, event) => (delays[name] as (args: { event: MachineEvent }) => number)({ event: event as MachineEvent }),
    }),
    nodes,
    stateKeyOf,
    nodeIdOf,
    listeners,
    edgeOf,
    enteredMessage: (nodeId) => enteredMessages.get(nodeId) ?? { en: `entered ${nodeId}`, zh: `进入 ${nodeId}` },
    windowOf(nodeId, policies) {
      let windows = windowsByPolicies.get(policies)
      if (!windows) {
        windows = new Map()
        windowsByPolicies.set(policies, windows)
      }
      let window = windows.get(nodeId)
      if (!window) {
        window = nodeSendWindow(document, nodes.get(nodeId), policies)
        windows.set(nodeId, window)
      }
      return window
    },
  }
}

/** The event XState raises when the wait at `nodeId` ends: `xstate.after.<delay>.<machine id>.<state>`. */
export function waitEndedEvent(compiled: CompiledJourney, nodeId: string): string | undefined {
  const key = compiled.stateKeyOf.get(nodeId)
  return key === undefined ? undefined : `xstate.after.wait.${key}.journey.${key}`
}
