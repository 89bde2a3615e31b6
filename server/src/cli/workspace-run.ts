import { compareWorkspaceRuns, type SendPolicies, type SimulationContact, type SimulationOptions, simulateWorkspace, type WorkspaceJourney } from '@recall/engine'
import type { Locale } from '@recall/shared'
import type { CliIo } from './commands'
import { workspaceJson, type ZoneOf } from './local-times'
import { formatWorkspaceComparison, formatWorkspaceSummary } from './workspace-summary'

interface WorkspaceRunOptions {
  /** Policies of the second run; absent: one run. */
  whatIf: SendPolicies | undefined
  files: { base: string; changed: string }
  json: boolean
  zoneOf: ZoneOf
}

/**
 * Runs the journeys together on one sample (in this thread: journeys share each contact's sends,
 * and runs of a few thousand contacts take seconds), then, for a what-if, the same sample again.
 */
export function simulateWorkspaceCommand(
  journeys: readonly WorkspaceJourney[],
  contacts: readonly SimulationContact[],
  options: SimulationOptions,
  run: WorkspaceRunOptions,
  locale: Locale,
  io: CliIo,
): void {
  const started = performance.now()
  const base = simulateWorkspace(journeys, contacts, options)
  const seconds = (performance.now() - started) / 1000
  const changed = run.whatIf ? simulateWorkspace(journeys, contacts, { ...options, policies: run.whatIf }) : undefined
  const difference = changed && compareWorkspaceRuns(base, changed)
  if (run.json) {
    const output = changed ? { base: workspaceJson(base, run.zoneOf), changed: workspaceJson(changed, run.zoneOf), difference } : workspaceJson(base, run.zoneOf)
    io.stdout(JSON.stringify(output))
    return
  }
  for (const line of formatWorkspaceSummary(base, { start: options.start, seed: options.seed, seconds }, locale)) io.stdout(line)
  if (difference) for (const line of ['', ...formatWorkspaceComparison(difference, run.files, locale)]) io.stdout(line)
}
