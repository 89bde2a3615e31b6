import type { DailyMessages, LocalizedText, NodeCounts, ReasonCount, VariantResult } from '@recall/shared'
import { create } from 'zustand'
import { api, failureText, send } from '../app/api'
import { ifMatchOf } from '../editor/saved-draft'
import { followRun } from './follow-run'
import type { SampleRequest } from './SampleFields'

export type { NodeCounts, ReasonCount }

export interface SimulationResult {
  contacts: number
  simulatedDays: number
  cancelled: boolean
  nodes: Record<string, NodeCounts>
  edges: Record<string, number>
  messages: { total: number; parts: number; cost: number; byDay: DailyMessages[] }
  held: ReasonCount[]
  skipped: ReasonCount[]
  exits: ReasonCount[]
  conversions: { total: number; byVariant: VariantResult[] }
  timelines: Record<string, { at: number; nodeId?: string; kind: string; message: LocalizedText }[]>
  /** The zone each timeline's contact is judged in, by contact id: its times are read on that clock. */
  timeZones: Record<string, string>
}

export interface SimulationRequest extends SampleRequest {
  compareLive: boolean
}

export interface SimulationRun {
  id: string
  status: 'running' | 'done' | 'cancelled' | 'failed'
  progress: number
  result?: SimulationResult
  baseline?: SimulationResult & { version: number }
  error?: string
  /** Cancelled, and its threads are still stopping: what they simulated comes as its partial result. */
  stopping?: boolean
}

interface SimulationState {
  run: SimulationRun | undefined
  request: SimulationRequest | undefined
  /** Show the counts of this run on the canvas. */
  overlay: boolean
  /** Cancel was asked and the server has not answered yet. */
  cancelling: boolean
  /** Why the server refused the last cancel: the run goes on. */
  cancelError?: string
}

export const useSimulation = create<SimulationState>(() => ({ run: undefined, request: undefined, overlay: false, cancelling: false }))

/**
 * A polled state of the run, unless it is older than a cancel shown already: a poll sent before the
 * cancel may still answer "running", and the panel must not go back to running for it.
 */
function followed(next: SimulationRun): void {
  const current = useSimulation.getState().run
  if (current?.id === next.id && current.status === 'cancelled' && next.status === 'running') return
  useSimulation.setState({ run: next })
}

/**
 * Starts a run on the server (a refusal is thrown here) and follows it in the background until it ends.
 * `revision` is the draft the person sees, sent as If-Match: a newer draft saved elsewhere is refused (412), not simulated as theirs.
 */
export async function startSimulation(journeyId: string, request: SimulationRequest, revision: number | undefined): Promise<void> {
  const run = await send<SimulationRun>('POST', `/journeys/${encodeURIComponent(journeyId)}/simulations`, { json: request }, ifMatchOf(revision))
  useSimulation.setState({ run, request, overlay: true, cancelling: false, cancelError: undefined })
  void followRun(
    (id) => `/simulations/${id}`,
    run,
    (id) => useSimulation.getState().run?.id === id,
    followed,
  )
}

/**
 * Shows the run cancelled at once (the server frees its place as it answers); the answer confirms
 * it, or a refusal puts the run back to running with the reason. Polling goes on until the threads
 * have stopped and the partial result is in.
 */
export async function cancelSimulation(): Promise<void> {
  const run = useSimulation.getState().run
  if (run?.status !== 'running') return
  useSimulation.setState({ run: { ...run, status: 'cancelled', stopping: true }, cancelling: true, cancelError: undefined })
  try {
    await api('DELETE', `/simulations/${run.id}`)
    useSimulation.setState({ cancelling: false })
  } catch (cause) {
    const current = useSimulation.getState().run
    if (current?.id !== run.id) return
    const { stopping: _stopping, ...rest } = current
    useSimulation.setState({ run: { ...rest, status: 'running' }, cancelling: false, cancelError: failureText(cause) })
  }
}

export function closeSimulation(): void {
  useSimulation.setState({ run: undefined, request: undefined, overlay: false, cancelling: false, cancelError: undefined })
}
