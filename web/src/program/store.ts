import type { DailyMessages, LocalizedText, ReasonCount, SendWindow } from '@recall/shared'
import { create } from 'zustand'
import { api } from '../app/api'
import { followRun } from '../simulation/follow-run'
import type { SampleRequest } from '../simulation/SampleFields'

/** The settings a what-if changes, as POST /program/simulations takes them. */
export interface WhatIfChanges {
  caps?: { id: string; limit: number }[]
  quietHoursWindow?: SendWindow
  dailyMessageCeiling?: number
  providerWindows?: Partial<Record<'marketing' | 'recall', { start: string; end: string }>>
}

export interface ProgramRequest extends SampleRequest {
  drafts: string[]
  changes?: WhatIfChanges
}

export interface JourneyFigures {
  id: string
  name: string
  contacts: number
  messages: { total: number; parts: number; cost: number; byDay: DailyMessages[] }
  held: ReasonCount[]
  skipped: ReasonCount[]
  conversions: { total: number }
}

export interface WeeklyDistribution {
  zero: number
  one: number
  two: number
  threePlus: number
}

export interface TopContact {
  contactId: string
  timeZone: string
  messages: number
  busiestWeek: number
  timeline: { at: number; nodeId?: string; kind: string; message: LocalizedText; journeyId: string; journeyName: string }[]
}

/** The engine's WorkspaceSimulationResult, as far as the page shows it. */
export interface ProgramResult {
  contacts: number
  simulatedDays: number
  cancelled: boolean
  journeys: Record<string, JourneyFigures>
  total: { messages: number; parts: number; cost: number; byDay: DailyMessages[]; held: ReasonCount[]; skipped: ReasonCount[]; conversions: number }
  perContactWeekly: WeeklyDistribution
  topContacts: TopContact[]
}

export interface FigureChange {
  base: number
  changed: number
  difference: number
}
type Figures = Record<'messages' | 'parts' | 'cost' | 'held' | 'skipped' | 'conversions', FigureChange>

export interface ProgramComparison {
  total: Figures
  perContactWeekly: Record<keyof WeeklyDistribution, FigureChange>
  journeys: (Figures & { id: string; name: string })[]
}

export interface ProgramRun {
  id: string
  status: 'running' | 'done' | 'cancelled' | 'failed'
  progress: number
  error?: string
  journeys: { id: string; name: string; version: number | null }[]
  result?: ProgramResult
  changes?: WhatIfChanges
  changed?: ProgramResult
  comparison?: ProgramComparison
}

interface ProgramState {
  run: ProgramRun | undefined
  request: ProgramRequest | undefined
  cancelling: boolean
}

export const useProgram = create<ProgramState>(() => ({ run: undefined, request: undefined, cancelling: false }))

const path = (id: string) => `/program/simulations/${id}`

/** Starts a program run (a refusal is thrown here) and follows it until it ends. */
export async function startProgramRun(request: ProgramRequest): Promise<void> {
  const run = await api<ProgramRun>('POST', '/program/simulations', request)
  useProgram.setState({ run, request, cancelling: false })
  void followRun(
    path,
    run,
    (id) => useProgram.getState().run?.id === id,
    (next) => useProgram.setState({ run: next }),
  )
}

export async function cancelProgramRun(): Promise<void> {
  const run = useProgram.getState().run
  if (run?.status !== 'running') return
  useProgram.setState({ cancelling: true })
  await api('DELETE', path(run.id))
}
