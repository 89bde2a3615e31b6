import type { AnyMachineSnapshot, EventObject } from 'xstate'
import type { ReturnedAction } from './pure-transition'

/** What a transition read from the step's context: the route nodes its guards asked, and its delays. */
export interface ContextReads {
  routes: string[]
  delays: string[]
}

/** The step's answers to what guards and delays read, computed as the machine's own guards and delays do. */
export interface ContextAnswers {
  /** The handle a route node takes in this step (memoised by the step, as the guards' answers are). */
  route(nodeId: string, event: EventObject): string
  /** A named delay's length, in milliseconds, for this event. */
  delay(name: string, event: EventObject): number
}

interface Kept {
  routes: string[]
  answers: string[]
  delay: string | undefined
  /** The answer itself when it has no delay to fill in, shared by every enrollment that takes it. */
  answer: [AnyMachineSnapshot, ReturnedAction[]]
  /** With a delay: the answers made so far, by delay (a wait's length differs only across zones and clock changes). */
  byDelay?: Map<number, [AnyMachineSnapshot, ReturnedAction[]]>
}

/** Delays kept per transition; past this many (waits until a contact's own date), answers are made afresh. */
const MAX_KEPT_DELAYS = 64

/** The actions of a kept transition are shared by every enrollment that takes it: nothing may change them. */
function freezeActions(actions: ReturnedAction[]): ReturnedAction[] {
  for (const action of actions) Object.freeze(Object.freeze(action).params)
  return Object.freeze(actions) as ReturnedAction[]
}

const isDelayedRaise = (action: ReturnedAction) => action.type === 'xstate.raise' && typeof (action.params as { delay?: unknown } | undefined)?.delay === 'number'

/**
 * XState's answers for a state and an event, kept per answer of the route nodes its guards asked.
 * The machine has no context of its own, and a transition reads the step's context only through
 * route guards and wait delays: the same state, event and route answers give the same snapshot and
 * actions, with the delay (computed again) as the only difference. Route nodes are asked in the
 * order XState asked them, stopping at the first answer that differs, so no route is judged that
 * XState would not have judged. This spares the simulator nearly all of XState's allocations.
 */
export class TransitionMemo {
  /** By state key, then event type: two lookups rather than a key string built at every transition. */
  private readonly kept = new Map<string, Map<string, Kept[]>>()

  constructor(private readonly answers: ContextAnswers) {}

  find(stateKey: string, event: EventObject): [AnyMachineSnapshot, ReturnedAction[]] | undefined {
    const list = this.kept.get(stateKey)?.get(event.type)
    if (list === undefined) return undefined
    for (const kept of list) {
      let same = true
      for (let index = 0; index < kept.routes.length && same; index++) same = this.answers.route(kept.routes[index] as string, event) === kept.answers[index]
      if (!same) continue
      if (kept.delay === undefined) return kept.answer
      const delay = this.answers.delay(kept.delay, event)
      kept.byDelay ??= new Map()
      let answer = kept.byDelay.get(delay)
      if (answer === undefined) {
        const [snapshot, actions] = kept.answer
        answer = Object.freeze([
          snapshot,
          freezeActions(actions.map((action) => (isDelayedRaise(action) ? { ...action, params: { ...(action.params as object), delay } } : action))),
        ]) as Kept['answer']
        if (kept.byDelay.size < MAX_KEPT_DELAYS) kept.byDelay.set(delay, answer)
      }
      return answer
    }
    return undefined
  }

  keep(stateKey: string, event: EventObject, reads: ContextReads, snapshot: AnyMachineSnapshot, actions: ReturnedAction[]): void {
    // More than one delay in one transition would need matching each to its action: not kept.
    if (reads.delays.length > 1 || actions.filter(isDelayedRaise).length !== reads.delays.length) return
    const answers = reads.routes.map((nodeId) => this.answers.route(nodeId, event))
    let byEvent = this.kept.get(stateKey)
    if (byEvent === undefined) {
      byEvent = new Map()
      this.kept.set(stateKey, byEvent)
    }
    const list = byEvent.get(event.type) ?? []
    list.push({ routes: reads.routes, answers, delay: reads.delays[0], answer: Object.freeze([snapshot, freezeActions(actions)]) as Kept['answer'] })
    byEvent.set(event.type, list)
  }
}
