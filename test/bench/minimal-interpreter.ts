// A hand-written interpreter of the same journeys without XState, for the benchmark's "cost of
// XState" ratio only. It uses the same node semantics and policies; only the graph walking differs.
import { type CompiledJourney, type EnrollmentState, makeRunContext, newEnrollmentState, nodeSemantics, type Stepper, type StepResult } from '@recall/engine'
import type { JourneyNode } from '@recall/shared'

type AnySemantics = (typeof nodeSemantics)[keyof typeof nodeSemantics]

function walk(
  compiled: CompiledJourney,
  state: EnrollmentState,
  from: { nodeId: string; handle: string } | undefined,
  startAt: string | undefined,
  result: StepResult,
  options: Parameters<Stepper['step']>[3],
): void {
  const targetOf = (nodeId: string, handle: string) => compiled.document.edges.find((edge) => edge.source === nodeId && edge.sourceHandle === handle)?.target
  let nodeId = startAt ?? (from ? targetOf(from.nodeId, from.handle) : undefined)
  const context = makeRunContext(compiled, state, options)
  for (let guard = 0; guard < 500; guard++) {
    if (nodeId === undefined) {
      state.status = 'exited'
      result.effects.push({ type: 'exit', reason: 'end of path', code: 'completed', converted: false })
      return
    }
    const node = compiled.nodes.get(nodeId) as JourneyNode
    state.nodeId = nodeId
    state.visits[nodeId] = (state.visits[nodeId] ?? 0) + 1
    result.log.push({ at: options.now, nodeId, kind: 'entered', message: compiled.enteredMessage(nodeId) })
    const semantics = nodeSemantics[node.type] as AnySemantics
    if (semantics.mode === 'route') {
      nodeId = targetOf(nodeId, (semantics.route as (n: JourneyNode, c: typeof context) => string)(node, context))
    } else if (semantics.mode === 'wait') {
      const at = (semantics.wakeAt as (n: JourneyNode, c: typeof context) => number | undefined)(node, context) ?? options.now
      state.wake = { at, event: 'timeout' }
      result.effects.push({ type: 'wake', at })
      return
    } else {
      const outcome = (semantics.run as (n: JourneyNode, c: typeof context) => ReturnType<Extract<AnySemantics, { mode: 'run' }>['run']>)(node, context)
      if (outcome.kind === 'exit') {
        state.status = 'exited'
        result.effects.push({ type: 'exit', reason: outcome.reason.en, code: outcome.code, converted: false })
        return
      }
      result.effects.push(...(outcome.effects ?? []))
      if (outcome.kind === 'wait') {
        state.wake = { at: outcome.until }
        result.effects.push({ type: 'wake', at: outcome.until })
        return
      }
      nodeId = targetOf(nodeId, outcome.handle)
    }
  }
}

export const minimalInterpreter: Stepper = {
  start(compiled, options) {
    const state = newEnrollmentState(compiled, options)
    const result: StepResult = { state, effects: [], log: [] }
    walk(compiled, state, undefined, options.triggerNodeId, result, options)
    return result
  },
  step(compiled, previous, input, options) {
    const state: EnrollmentState = { ...previous, variants: { ...previous.variants }, coupons: previous.coupons.map((coupon) => ({ ...coupon })), visits: { ...previous.visits } }
    const result: StepResult = { state, effects: [], log: [] }
    if (state.status !== 'active') return result
    if (input.type === 'event') {
      if (compiled.document.settings.goal?.event === input.name) {
        state.status = 'exited'
        state.converted = true
        result.effects.push({ type: 'exit', reason: 'converted', code: 'converted', converted: true })
      }
      return result
    }
    if (input.type !== 'wake' || !state.wake || state.wake.at > options.now || !state.nodeId) return result
    const wake = state.wake
    state.wake = undefined
    const node = compiled.nodes.get(state.nodeId) as JourneyNode
    const semantics = nodeSemantics[node.type] as AnySemantics
    if (wake.event && semantics.mode === 'wait')
      walk(compiled, state, { nodeId: node.id, handle: (semantics.timeoutHandle as (n: JourneyNode) => string)(node) }, undefined, result, options)
    else walk(compiled, state, undefined, state.nodeId, result, options)
    return result
  },
}
