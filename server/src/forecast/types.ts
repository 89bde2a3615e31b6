// The forecast's shape lives in shared: the web app's publish dialog reads the same types.
export type { ForecastFigures, PublishForecast, RemovedNodeForecast } from '@recall/shared'

export interface ForecastOptions {
  /** The journeys' clock (the demo clock in demo mode). */
  now: number
  /** 1–60, 14 unless given. */
  days?: number
  /** Forecast publishing with "move contacts in flight to the new version"; false, as publish's own default, unless given. */
  migrate?: boolean
}
