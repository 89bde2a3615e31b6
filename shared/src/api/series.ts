/** The live view over time: what a journey did per hour or per day, in the workspace's time zone. */

export type SeriesBucket = 'hour' | 'day'

export interface SeriesPoint {
  /** The instant the bucket starts (a local hour or midnight in `timeZone`), ISO. */
  start: string
  entries: number
  /** Messages the provider took (sent, delivered, clicked, or of unknown fate), by when the journey wrote them, as the funnel counts them. */
  sends: number
  /** Enrollments that reached the goal, by the time they exited. */
  conversions: number
  /** The goal events' `properties.revenue` of those conversions (non-numeric values left out). */
  revenue: number
}

export interface JourneySeries {
  timeZone: string
  bucket: SeriesBucket
  /** The range counted: from the start of the range (or the first entry, since launch) to the server's now. */
  from: string
  to: string
  points: SeriesPoint[]
  totals: Omit<SeriesPoint, 'start'>
  /** Whether any conversion in the range carried a revenue: the chart shows revenue only then. */
  hasRevenue: boolean
}
