import type { JourneyDocument, JourneyNode } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import {
  type CompiledJourney,
  type ContactView,
  compileJourney,
  defaultPolicies,
  type EnrollmentState,
  type SendPolicies,
  type StepInput,
  type StepResult,
  start,
  step,
} from '../src/index'

export function template(id: string): JourneyDocument {
  const found = JOURNEY_TEMPLATES.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no template ${id}`)
  return found
}

export function contact(overrides: Partial<ContactView> = {}): ContactView {
  return { id: 'c1', timeZone: 'Asia/Shanghai', attributes: { name: '张女士' }, consent: true, suppressed: false, sends: [], events: [], ...overrides }
}

export const policies: SendPolicies = defaultPolicies()

/** An A/B split node's type and data, 50/50, for generated journeys. */
export const EVEN_AB_SPLIT = {
  type: 'ab_split' as const,
  data: {
    variants: [
      { id: 'A', label: 'A', weight: 50 },
      { id: 'B', label: 'B', weight: 50 },
    ],
  },
}

/** An instant written as a local wall time with its offset, e.g. at('2026-11-24T22:30+08:00'). */
export const at = (iso: string) => {
  const parsed = Date.parse(iso)
  if (Number.isNaN(parsed)) throw new Error(`bad instant ${iso}`)
  return parsed
}

/** trigger → the given nodes in a chain (each 'out'/'sent'/first handle to the next) → exit. */
export function chain(nodes: Omit<JourneyNode, 'position'>[], settings: Partial<JourneyDocument['settings']> = {}, handles: string[] = []): JourneyDocument {
  const all = [{ id: 'start', type: 'trigger', data: { on: 'api' } }, ...nodes, { id: 'end', type: 'exit', data: { reason: 'completed' } }] as JourneyNode[]
  return {
    schemaVersion: 1,
    id: 'test-journey',
    name: 'Test',
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip', ...settings },
    nodes: all.map((node, index) => ({ ...node, position: { x: index * 300, y: 0 } }) as JourneyNode),
    edges: all.slice(0, -1).map((node, index) => ({ id: `e${index}`, source: node.id, sourceHandle: handles[index - 1] ?? 'out', target: (all[index + 1] as JourneyNode).id })),
  }
}

/** Drives one contact: start, then apply inputs in order, returning every step's result. */
export class Driver {
  readonly compiled: CompiledJourney
  state: EnrollmentState | undefined
  readonly results: StepResult[] = []

  /** Takes a document, or a journey compiled once for many drivers (compiling is the costly part). */
  constructor(
    journey: JourneyDocument | CompiledJourney,
    public person: ContactView = contact(),
    readonly rules: SendPolicies = policies,
  ) {
    this.compiled = 'machine' in journey ? journey : compileJourney(journey)
  }

  start(now: number, triggerNodeId = this.compiled.document.nodes.find((node) => node.type === 'trigger')?.id ?? 'start'): StepResult {
    return this.record(start(this.compiled, { enrollmentId: 'enr-1', triggerNodeId, version: 'v1', contact: this.person, policies: this.rules, now }), now)
  }

  step(input: StepInput, now: number): StepResult {
    if (!this.state) throw new Error('not started')
    return this.record(step(this.compiled, this.state, input, { contact: this.person, policies: this.rules, now }), now)
  }

  /** Wakes the contact exactly when it asked to be woken. */
  wake(): StepResult {
    const wakeAt = this.state?.wake?.at
    if (wakeAt === undefined) throw new Error('no wake pending')
    return this.step({ type: 'wake' }, wakeAt)
  }

  private record(result: StepResult, now: number): StepResult {
    this.state = result.state
    this.results.push(result)
    for (const effect of result.effects) if (effect.type === 'send') this.person = { ...this.person, sends: [...this.person.sends, { at: now, category: effect.category }] }
    return result
  }
}

export const sends = (result: StepResult) => result.effects.filter((effect) => effect.type === 'send')
export const iso = (instant: number | undefined) => (instant === undefined ? undefined : new Date(instant).toISOString())

export { compileJourney }
