import type { SendPolicies, SimulationResult } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { backgroundRuns } from './background-runs'
import { datesSimulated, journeyRunWithEveryDay } from './every-day'
import type { SampleRequest } from './generated-sample'
import { simulateInParallel } from './parallel'
import type { SampleSource, SampleSourceName } from './sample-schema'
import { sampleRunOptions } from './sample-sources'

export interface SimulationRequest extends SampleRequest {
  days: number
  /** Whom the run simulates: who may read its results depends on it (see checkRunReader). */
  source: SampleSourceName
}

interface SimulationFields {
  journeyId: string
  request: SimulationRequest
  result?: SimulationResult
  /** The live version on the same sample, when asked to compare. */
  baseline?: SimulationResult & { version: number }
}

/** Sample contacts whose whole timeline comes back for the per-contact view. */
const TIMELINES = 25

/** Simulations run in the background, one journey draft (and maybe its live version) on one sample. */
export function simulationRuns() {
  const runs = backgroundRuns<SimulationFields>()
  return {
    ...runs,
    start(
      journeyId: string,
      draft: JourneyDocument,
      live: { document: JourneyDocument; version: number } | undefined,
      request: SimulationRequest,
      policies: SendPolicies,
      pricing: { perPart: number; perMms: number },
      /** Whom to simulate, asked for once the run has been answered. */
      sample: SampleSource,
      /** The person who starts it (personRef): theirs to cancel, and counted toward their running runs. */
      owner: string,
    ) {
      return runs.start(
        { journeyId, request },
        async ({ signal, progress, set }) => {
          // The request is answered first: the caller polls the run while the sample is built.
          await new Promise((resolve) => setImmediate(resolve))
          const contacts = await sample()
          const share = live ? 0.5 : 1
          const options = (offset: number) => ({
            ...sampleRunOptions(request, policies, pricing, (fraction) => progress(offset + fraction * share)),
            timelineContacts: TIMELINES,
          })
          // Every day simulated, quiet ones too, dated as the simulator dates its figures.
          const withDays = (result: SimulationResult) => journeyRunWithEveryDay(result, datesSimulated(request.start, request.days, result, policies.defaultTimeZone))
          set({ result: withDays(await simulateInParallel(draft, contacts, options(0), { signal })) })
          if (live && !signal.aborted) set({ baseline: { ...withDays(await simulateInParallel(live.document, contacts, options(share), { signal })), version: live.version } })
        },
        owner,
      )
    },
  }
}
