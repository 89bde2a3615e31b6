import { type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, createActor, type EventObject } from 'xstate'

export interface ReturnedAction {
  type: string
  params?: unknown
}

export interface PureTransitions {
  /** The machine's initial snapshot; it has no context of its own, so one serves every enrollment. */
  initial: AnyMachineSnapshot
  transition(snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ReturnedAction[]]
}

/**
 * The same as xstate's `transition(machine, snapshot, event)`, which builds a throwaway actor on
 * every call (half the engine's time in the simulator). One inert scope per compiled machine does
 * the same work: actions are collected, never executed. An equivalence test keeps it honest.
 */
export function pureTransitions(machine: AnyStateMachine, looped: (actions: readonly ReturnedAction[]) => boolean = () => false): PureTransitions {
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
  return {
    initial,
    transition(snapshot, event) {
      collected = []
      try {
        const next = machine.transition(snapshot, event, scope) as AnyMachineSnapshot
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
