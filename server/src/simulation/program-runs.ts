import {
  compareWorkspaceRuns,
  type SendPolicies,
  type WorkspaceComparison,
  type WorkspaceJourney,
  type WorkspaceSimulationOptions,
  type WorkspaceSimulationResult,
} from '@recall/engine'
import { backgroundRuns } from './background-runs'
import { datesSimulated, programRunWithEveryDay } from './every-day'
import type { Sample } from './generated-sample'
import { simulateWorkspaceInWorker } from './parallel'
import type { ProgramJourney } from './program-journeys'
import type { SimulationRequest } from './runs'
import { sampleRunOptions } from './sample-sources'
import type { WhatIfChanges } from './what-if'

interface ProgramRunFields {
  request: SimulationRequest
  journeys: ProgramJourney[]
  /** The workspace's real settings. */
  result?: WorkspaceSimulationResult
  /** A what-if: the same sample under the changed settings, and the two side by side. */
  changes?: WhatIfChanges
  changed?: WorkspaceSimulationResult
  comparison?: WorkspaceComparison
}

export interface ProgramRunInput {
  request: SimulationRequest
  journeys: WorkspaceJourney[]
  listed: ProgramJourney[]
  /** Generated samples are made in the worker thread that simulates them. */
  contacts: Sample
  policies: SendPolicies
  pricing: { perPart: number; perMms: number }
  /** With changes: the policies they give, already checked. */
  whatIf?: { changes: WhatIfChanges; policies: SendPolicies }
  /** The person who starts it (personRef): theirs to cancel, and counted toward their running runs. */
  owner: string
}

/** The most-messaged contacts that come back with their timelines across journeys. */
const TOP_CONTACTS = 10

/** Program simulations: every live journey and the chosen drafts together, maybe twice for a what-if. */
export function programRuns() {
  const runs = backgroundRuns<ProgramRunFields>()
  return {
    ...runs,
    start(input: ProgramRunInput) {
      const { request, whatIf } = input
      const fields: ProgramRunFields = { request, journeys: input.listed, ...(whatIf ? { changes: whatIf.changes } : {}) }
      return runs.start(
        fields,
        async ({ signal, progress, set }) => {
          // A what-if runs the sample twice: each run is half the progress bar.
          const share = whatIf ? 0.5 : 1
          const options = (policies: SendPolicies, offset: number): WorkspaceSimulationOptions => ({
            ...sampleRunOptions(request, policies, input.pricing, (fraction) => progress(offset + fraction * share)),
            timelineContacts: 0,
            topContacts: TOP_CONTACTS,
          })
          // Every day simulated, quiet ones too, dated as the simulator dates its figures.
          const withDays = (run: WorkspaceSimulationResult) => programRunWithEveryDay(run, datesSimulated(request.start, request.days, run, input.policies.defaultTimeZone))
          const result = withDays(await simulateWorkspaceInWorker(input.journeys, input.contacts, options(input.policies, 0), { signal }))
          set({ result })
          if (!whatIf || signal.aborted) return
          const changed = withDays(await simulateWorkspaceInWorker(input.journeys, input.contacts, options(whatIf.policies, share), { signal }))
          set({ changed, ...(signal.aborted ? {} : { comparison: compareWorkspaceRuns(result, changed) }) })
        },
        input.owner,
      )
    },
  }
}
