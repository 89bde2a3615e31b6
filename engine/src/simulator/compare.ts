import type { FigureChange, JourneyComparison, WeeklyDistribution, WorkspaceComparison, WorkspaceSimulationResult } from './workspace-types'

const round = (value: number) => Math.round(value * 100) / 100
const change = (base: number, changed: number): FigureChange => ({ base, changed, difference: round(changed - base) })
const reasonTotal = (reasons: readonly { count: number }[]) => reasons.reduce((sum, reason) => sum + reason.count, 0)

/**
 * What-if: two runs of the same sample (same seed, contacts and journeys) under different settings,
 * figure by figure. A journey in one run only counts as zero in the other.
 */
export function compareWorkspaceRuns(base: WorkspaceSimulationResult, changed: WorkspaceSimulationResult): WorkspaceComparison {
  const ids = [...new Set([...Object.keys(base.journeys), ...Object.keys(changed.journeys)])]
  const journeys = ids.map((id): JourneyComparison => {
    const before = base.journeys[id]
    const after = changed.journeys[id]
    const figure = (read: (result: NonNullable<typeof before>) => number) => change(before ? read(before) : 0, after ? read(after) : 0)
    return {
      id,
      name: (after ?? before)?.name ?? id,
      messages: figure((result) => result.messages.total),
      parts: figure((result) => result.messages.parts),
      cost: figure((result) => result.messages.cost),
      held: figure((result) => reasonTotal(result.held)),
      skipped: figure((result) => reasonTotal(result.skipped)),
      conversions: figure((result) => result.conversions.total),
    }
  })
  const dates = [...new Set([...base.total.byDay, ...changed.total.byDay].map((day) => day.date))].sort()
  const dayOf = (result: WorkspaceSimulationResult, date: string) => result.total.byDay.find((day) => day.date === date)
  const weekly = (key: keyof WeeklyDistribution) => change(base.perContactWeekly[key], changed.perContactWeekly[key])
  return {
    total: {
      messages: change(base.total.messages, changed.total.messages),
      parts: change(base.total.parts, changed.total.parts),
      cost: change(base.total.cost, changed.total.cost),
      held: change(reasonTotal(base.total.held), reasonTotal(changed.total.held)),
      skipped: change(reasonTotal(base.total.skipped), reasonTotal(changed.total.skipped)),
      conversions: change(base.total.conversions, changed.total.conversions),
    },
    perContactWeekly: { zero: weekly('zero'), one: weekly('one'), two: weekly('two'), threePlus: weekly('threePlus') },
    journeys,
    byDay: dates.map((date) => ({
      date,
      messages: change(dayOf(base, date)?.messages ?? 0, dayOf(changed, date)?.messages ?? 0),
      cost: change(dayOf(base, date)?.cost ?? 0, dayOf(changed, date)?.cost ?? 0),
    })),
  }
}
