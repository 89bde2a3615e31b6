import type { DailyMessages, LocalizedText, NodeCounts, ReasonCount, VariantResult } from '@recall/shared'
import { create } from 'zustand'
import { api } from '../app/api'
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
}

interface SimulationState {
  run: SimulationRun | undefined
  request: SimulationRequest | undefined
  /** Show the counts of this run on the canvas. */
  overlay: boolean
  /** Cancel was asked: a big run takes a while to stop, and the button says so meanwhile. */
  cancelling: boolean
}

export const useSimulation = create<SimulationState>(() => ({ run: undefined, request: undefined, overlay: false, cancelling: false }))

/** Starts a run on the server (a refusal is thrown here) and follows it in the background until it ends. */
export async function startSimulation(journeyId: string, request: SimulationRequest): Promise<void> {
  const run = await api<SimulationRun>('POST', `/journeys/${encodeURIComponent(journeyId)}/simulations`, request)
  useSimulation.setState({ run, request, overlay: true, cancelling: false })
  void followRun(
    (id) => `/simulations/${id}`,
    run,
    (id) => useSimulation.getState().run?.id === id,
    (next) => useSimulation.setState({ run: next }),
  )
}

export async function cancelSimulation(): Promise<void> {
  const run = useSimulation.getState().run
  if (run?.status !== 'running') return
  useSimulation.setState({ cancelling: true })
  await api('DELETE', `/simulations/${run.id}`)
}

export function closeSimulation(): void {
  useSimulation.setState({ run: undefined, request: undefined, overlay: false, cancelling: false })
}
