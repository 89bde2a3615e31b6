import { Worker } from 'node:worker_threads'
import type { LiveStateForecast, LiveStateInput, ScenarioForecast } from '@recall/engine'
import type { Database } from '../db/database'
import { invalidRequest } from '../plugins/errors'
import { datesOfRun, withEveryDay } from '../simulation/every-day'
import { bundledWorkerUrlAsync } from '../simulation/worker-bundle'
import { readLiveState } from './live-state'
import type { ForecastFigures, ForecastOptions, PublishForecast } from './types'

export type { ForecastFigures, ForecastOptions, PublishForecast } from './types'

export const DEFAULT_FORECAST_DAYS = 14
export const MAX_FORECAST_DAYS = 60
/**
 * Up to this many contacts (in flight and entering) the forecast runs in the calling thread: a
 * worker costs more to start. More run in a worker thread, so the API (and PGlite, which shares
 * its thread) keeps answering while it computes.
 */
const IN_THREAD_MAX = 500

async function inWorker(input: LiveStateInput): Promise<LiveStateForecast> {
  const url = await bundledWorkerUrlAsync(new URL('./worker.ts', import.meta.url), 'forecast-worker')
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 768 },
    })
    worker.once('message', (forecast: LiveStateForecast) => {
      resolve(forecast)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

async function run(input: LiveStateInput): Promise<LiveStateForecast> {
  if (input.inFlight.length + input.entrants.length > IN_THREAD_MAX) return inWorker(input)
  // Loaded only here, so the API's start-up does not pay for the simulator when nobody forecasts.
  const { forecastFromLiveState } = await import('@recall/engine')
  return forecastFromLiveState(input)
}

const DAYS_RANGE = { en: `Days must be a whole number from 1 to ${MAX_FORECAST_DAYS}`, zh: `天数必须是 1 到 ${MAX_FORECAST_DAYS} 之间的整数` }
const round = (value: number) => Math.round(value * 100) / 100

/** Every local date the forecast covers, in the workspace's zone, with the days nothing is sent at 0: a chart needs them all. */
function figuresOf({ result, next24hMessages }: ScenarioForecast, start: number, days: number, timeZone: string): ForecastFigures {
  return {
    byDay: withEveryDay(result.messages.byDay, datesOfRun(start, days, timeZone)),
    messages: result.messages.total,
    parts: result.messages.parts,
    cost: result.messages.cost,
    next24hMessages,
    conversions: result.conversions.total,
  }
}

/**
 * What publishing the draft would do over the next days, against leaving the live version as it
 * is: from the contacts in flight now (moved as publish would move them) and new entries at the
 * last week's rate, with the workspace's policies, prices and the contacts' real send history.
 */
export async function forecastPublish(db: Database, journeyId: string, options: ForecastOptions): Promise<PublishForecast> {
  const days = options.days ?? DEFAULT_FORECAST_DAYS
  if (!Number.isInteger(days) || days < 1 || days > MAX_FORECAST_DAYS)
    throw invalidRequest([{ code: 'forecast.days', severity: 'error', path: '/querystring/days', message: DAYS_RANGE }])
  const migrate = options.migrate ?? false
  const { input, newEntriesPerDay } = await readLiveState(db, journeyId, { now: options.now, days, migrate })
  const forecast = await run(input)
  const timeZone = input.options.policies.defaultTimeZone
  const proposed = figuresOf(forecast.proposed, options.now, days, timeZone)
  const current = figuresOf(forecast.current, options.now, days, timeZone)
  return {
    days,
    start: new Date(options.now).toISOString(),
    timeZone,
    inFlight: input.inFlight.length,
    newEntriesPerDay: round(newEntriesPerDay),
    migrate,
    proposed,
    current,
    difference: { messages: proposed.messages - current.messages, cost: round(proposed.cost - current.cost), conversions: proposed.conversions - current.conversions },
    removedNodes: forecast.removedNodes.map((node) => ({ nodeId: node.nodeId, label: node.summary.en, summary: node.summary, contacts: node.contacts })),
  }
}
