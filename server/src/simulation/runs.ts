import { randomUUID } from 'node:crypto'
import type { SendPolicies, SimulationContact, SimulationResult } from '@recall/engine'
import type { JourneyDocument, LocalizedText } from '@recall/shared'
import { generateSampleContacts } from '../demo/sample-contacts'
import { ApiError } from '../plugins/errors'
import { simulateInParallel } from './parallel'

export interface SimulationRequest {
  count: number
  seed: number
  /** china: the retailer's usual mix; mixed: a third of contacts abroad, to see other zones' windows. */
  zoneMix: 'china' | 'mixed'
  /** Share of gold and platinum members among generated contacts, 0–1. */
  vipShare: number
  /** Shares of messages that get a click, an order and a coupon redemption within two days. */
  clickRate: number
  orderRate: number
  redeemRate: number
  start: number
  days: number
}

export interface SimulationRun {
  id: string
  journeyId: string
  status: 'running' | 'done' | 'cancelled' | 'failed'
  progress: number
  request: SimulationRequest
  result?: SimulationResult
  /** The live version on the same sample, when asked to compare. */
  baseline?: SimulationResult & { version: number }
  error?: string
  /** The error in both languages, when the run failed on its own input (e.g. an empty segment). */
  errorMessage?: LocalizedText
}

/** Where a run's contacts come from; called after the run has been answered, never before. */
export type SampleSource = () => SimulationContact[] | Promise<SimulationContact[]>

const MIXED_ZONES: [string, number][] = [
  ['Asia/Shanghai', 66],
  ['Europe/London', 12],
  ['America/New_York', 12],
  ['Australia/Sydney', 10],
]

/** Runs kept for looking at; the oldest are forgotten first. */
const KEEP_RUNS = 20
/** Sample contacts whose whole timeline comes back for the per-contact view. */
const TIMELINES = 25

/** Simulations run in the background, one journey draft (and maybe its live version) on one sample. */
export function simulationRuns() {
  const runs = new Map<string, SimulationRun & { abort: AbortController }>()
  const view = ({ abort: _abort, ...run }: SimulationRun & { abort: AbortController }): SimulationRun => run

  return {
    start(
      journeyId: string,
      draft: JourneyDocument,
      live: { document: JourneyDocument; version: number } | undefined,
      request: SimulationRequest,
      policies: SendPolicies,
      pricing: { perPart: number; perMms: number },
      /** Real contacts (a saved segment, an uploaded file); generated ones when absent. */
      given?: SampleSource,
    ): SimulationRun {
      const id = randomUUID()
      const run = { id, journeyId, status: 'running' as const, progress: 0, request, abort: new AbortController() } as SimulationRun & { abort: AbortController }
      runs.set(id, run)
      for (const old of [...runs.keys()].slice(0, Math.max(0, runs.size - KEEP_RUNS))) runs.delete(old)
      const sample: SampleSource =
        given ??
        (() =>
          generateSampleContacts({
            count: request.count,
            seed: request.seed,
            now: request.start,
            vipShare: request.vipShare,
            ...(request.zoneMix === 'mixed' ? { timeZones: MIXED_ZONES } : {}),
          }).map((contact) => ({
            ...contact,
            consent: true,
          })))
      const reactions = [
        { event: 'link_clicked', probability: request.clickRate, delayHours: [0, 24] as [number, number] },
        { event: 'order_placed', probability: request.orderRate, delayHours: [1, 48] as [number, number] },
        { event: 'coupon_redeemed', probability: request.redeemRate, delayHours: [1, 48] as [number, number] },
      ]
      const options = (share: number, offset: number) => ({
        start: request.start,
        days: request.days,
        seed: request.seed,
        policies,
        behaviours: [{ reactions }],
        entrySpreadHours: 24,
        pricePerPart: pricing.perPart,
        pricePerMms: pricing.perMms,
        keepMessages: 0,
        timelineContacts: TIMELINES,
        onProgress: (progress: { fraction: number }) => {
          run.progress = offset + progress.fraction * share
        },
      })
      const share = live ? 0.5 : 1
      void (async () => {
        try {
          // The request is answered first: building 100,000 contacts or reading a segment's takes
          // seconds, and the caller polls the run for progress meanwhile.
          await new Promise((resolve) => setImmediate(resolve))
          const contacts = await sample()
          run.result = await simulateInParallel(draft, contacts, options(share, 0), { signal: run.abort.signal })
          if (live && !run.abort.signal.aborted)
            run.baseline = { ...(await simulateInParallel(live.document, contacts, options(share, share), { signal: run.abort.signal })), version: live.version }
          run.status = run.abort.signal.aborted ? 'cancelled' : 'done'
          run.progress = 1
        } catch (cause) {
          run.status = 'failed'
          run.error = cause instanceof Error ? cause.message : String(cause)
          if (cause instanceof ApiError) run.errorMessage = cause.localized
        }
      })()
      return view(run)
    },
    get(id: string): SimulationRun | undefined {
      const run = runs.get(id)
      return run && view(run)
    },
    cancel(id: string): boolean {
      const run = runs.get(id)
      run?.abort.abort()
      return run !== undefined
    },
  }
}
