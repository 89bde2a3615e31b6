import { type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, createActor, type EventObject } from 'xstate'
import { type ContextAnswers, type ContextReads, TransitionMemo } from './transition-memo'

export interface ReturnedAction {
  type: string
  params?: unknown
}

export interface PureTransitions {
  /** The machine's initial snapshot; it has no context of its own, so one serves every enrollment. */
  initial: AnyMachineSnapshot
  transition(snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ReturnedAction[]]
  /** `machine.getPersistedSnapshot`, one frozen object per state: enrollments resting in a state share it. */
  persisted(snapshot: AnyMachineSnapshot): unknown
  /** `machine.resolveState`, one snapshot per persisted state; snapshots are never changed, only replaced. */
  resolved(persisted: unknown): AnyMachineSnapshot
}

/**
 * The key of a snapshot that is only its state: no context, output, error or history (none of our
 * machines have any), so every enrollment in that state persists and resolves to the same thing.
 */
function plainStateKey(snapshot: {
  status?: unknown
  value?: unknown
  context?: unknown
  output?: unknown
  error?: unknown
  historyValue?: unknown
  children?: unknown
}): string | undefined {
  if (typeof snapshot.value !== 'string' || snapshot.output !== undefined || snapshot.error !== undefined) return undefined
  for (const part of [snapshot.context, snapshot.historyValue, snapshot.children])
    if (part !== undefined && (typeof part !== 'object' || part === null || Object.keys(part).length > 0)) return undefined
  return `${String(snapshot.status)}|${snapshot.value}`
}

function deepFreeze<Value>(value: Value): Value {
  if (value && typeof value === 'object') for (const part of Object.values(Object.freeze(value))) deepFreeze(part)
  return value
}

/**
 * The same as xstate's `transition(machine, snapshot, event)`, which builds a throwaway actor on
 * every call (half the engine's time in the simulator). One inert scope per compiled machine does
 * the same work: actions are collected, never executed. An equivalence test keeps it honest.
 */
export function pureTransitions(
  machine: AnyStateMachine,
  looped: (actions: readonly ReturnedAction[]) => boolean = () => false,
  /** How guards and delays read the step's context; without it, no transition is kept. */
  answers?: ContextAnswers,
): PureTransitions {
  const self = createActor(machine)
  let collected: ReturnedAction[] = []
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (action: ReturnedAction) => {
      collected.push(action)
    },
  } as unknown as AnyActorScope
  const initial = machine.getInitialSnapshot(scope)
  // Persisting and resolving allocated a fresh snapshot at every step, a large share of the
  // simulator's garbage; the step's own state is what varies, and it lives outside the machine.
  const persistedByKey = new Map<string, unknown>()
  const resolvedByKey = new Map<string, AnyMachineSnapshot>()
  const memo = answers && new TransitionMemo(answers)
  // The keys of the shared snapshots (never changed, see above), so the steps that pass them
  // around do not build their key strings again at every call.
  const keyOfShared = new WeakMap<object, string>()
  const keyOf = (snapshot: object) => keyOfShared.get(snapshot) ?? plainStateKey(snapshot)
  const share = <Shared extends object>(shared: Shared, key: string): Shared => {
    keyOfShared.set(shared, key)
    return shared
  }
  return {
    initial,
    persisted(snapshot) {
      const key = keyOf(snapshot)
      if (key === undefined) return machine.getPersistedSnapshot(snapshot)
      let persisted = persistedByKey.get(key)
      if (persisted === undefined) {
        persisted = share(deepFreeze(machine.getPersistedSnapshot(snapshot) as object), key)
        persistedByKey.set(key, persisted)
      }
      return persisted
    },
    resolved(persisted) {
      const key = keyOf(persisted as object)
      if (key === undefined) return machine.resolveState(persisted as never)
      let snapshot = resolvedByKey.get(key)
      if (snapshot === undefined) {
        snapshot = share(machine.resolveState(persisted as never), key)
        resolvedByKey.set(key, snapshot)
      }
      return snapshot
    },
    transition(snapshot, event) {
      const stateKey = memo && keyOf(snapshot)
      const known = stateKey === undefined ? undefined : memo?.find(stateKey, event)
      if (known) return known
      collected = []
      const reads: ContextReads = { routes: [], delays: [] }
      try {
        const next = machine.transition(snapshot, { ...event, reads }, scope) as AnyMachineSnapshot
        if (stateKey !== undefined && memo) {
          const nextKey = plainStateKey(next)
          memo.keep(stateKey, event, reads, nextKey === undefined ? next : share(next, nextKey), collected)
        }
        return [next, collected]
      } catch (error) {
        // Past the machine's maxIterations: when the caller recognises a loop in the actions so
        // far, it gets them (to stop the contact) and the snapshot stays where it was.
        if (looped(collected)) return [snapshot, collected]
        throw error
      }
    },
  }
}
