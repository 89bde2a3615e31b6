import type { JourneySeries, SeriesBucket, SeriesPoint } from '@recall/shared'
import { eq, min, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { enrollments } from '../db/schema/index'
import { bucketEdges } from '../monitoring/buckets'

/**
 * Statuses the funnel counts as sent: handed to the provider, whatever the carrier made of it (a
 * failed one was sent and not delivered; one of unknown fate may have reached the phone). Counted by when the step wrote them, as the funnel beside the chart counts
 * them, so the two agree even while the outbox catches up with a backlog.
 */
const SENT = sql`('sent', 'delivered', 'clicked', 'uncertain', 'failed')`

/**
 * A goal event's `properties.revenue` when it is a price: a JSON number, or a plain decimal in
 * text ("99.50"), from 0 up to a trillion. Anything else (text, a list, NaN written as a string, a
 * number no order has) counts the conversion without revenue rather than failing the chart.
 */
const REVENUE = sql`case
  when jsonb_typeof(ev.properties -> 'revenue') = 'number' and (ev.properties ->> 'revenue')::numeric between 0 and 1e12
    then (ev.properties ->> 'revenue')::numeric
  when jsonb_typeof(ev.properties -> 'revenue') = 'string' and ev.properties ->> 'revenue' ~ '^\\s*[0-9]{1,12}(\\.[0-9]{1,6})?\\s*$'
    then trim(ev.properties ->> 'revenue')::numeric
end`

/**
 * Joins `goal.revenue` to enrollments `e`: the revenue of the goal event that converted it, the first
 * one between entering and exiting; null when it did not convert or the event names no price.
 * `goal.event_id` names that event, so one order converting two journeys is counted once per contact.
 */
export const CONVERTING_GOAL = sql`
  join journey_versions v on v.journey_id = e.journey_id and v.version = e.version
  left join lateral (
    select ev.id as event_id, ${REVENUE} as revenue from events ev
    where e.converted and ev.contact_id = e.contact_id and ev.name = v.document -> 'settings' -> 'goal' ->> 'event'
      and ev.occurred_at >= e.entered_at and ev.occurred_at <= e.exited_at
    order by ev.occurred_at, ev.id limit 1
  ) goal on true`

interface BucketRow extends Record<string, unknown> {
  bucket: number
  entries: number
  sends: number
  conversions: number
  revenue: number
  valued: number
}

/** Entries, sends, conversions and revenue of a journey per local hour or day. */
export function journeySeriesRepository(db: Database) {
  /** The bucket (1…n) a timestamp column falls in, by the edges' epoch milliseconds. */
  const bucketOf = (column: SQL, edges: string) => sql`width_bucket(extract(epoch from ${column}) * 1000, ${edges}::float8[])`

  return {
    /** When the journey's first contact entered: "since launch" starts there, on the journeys' own clock. */
    async firstEntry(journeyId: string): Promise<number | undefined> {
      const [row] = await db
        .select({ first: min(enrollments.enteredAt) })
        .from(enrollments)
        .where(eq(enrollments.journeyId, journeyId))
      return row?.first ? row.first.getTime() : undefined
    },

    async series(journeyId: string, range: { from: number; to: number; bucket: SeriesBucket; timeZone: string }): Promise<JourneySeries> {
      const edges = bucketEdges(range.from, range.to, range.bucket, range.timeZone)
      const from = Math.max(range.from, edges[0] as number)
      const edgeList = `{${edges.join(',')}}`
      const since = new Date(from)
      const until = new Date(range.to)
      const [sinceText, untilText] = [sql`${since.toISOString()}::timestamptz`, sql`${until.toISOString()}::timestamptz`]
      const result = await db.execute(sql`
        with entries as (
          select ${bucketOf(sql`entered_at`, edgeList)} as bucket, count(*)::int as entries
          from enrollments where journey_id = ${journeyId} and entered_at >= ${sinceText} and entered_at <= ${untilText} group by 1
        ), sends as (
          select ${bucketOf(sql`created_at`, edgeList)} as bucket, count(*)::int as sends
          from messages where journey_id = ${journeyId} and not test and status in ${SENT} and created_at >= ${sinceText} and created_at <= ${untilText} group by 1
        ), conversions as (
          select ${bucketOf(sql`e.exited_at`, edgeList)} as bucket, count(*)::int as conversions,
            coalesce(sum(goal.revenue), 0)::float8 as revenue, count(goal.revenue)::int as valued
          from enrollments e ${CONVERTING_GOAL}
          where e.journey_id = ${journeyId} and e.converted and e.exited_at >= ${sinceText} and e.exited_at <= ${untilText}
          group by 1
        )
        select bucket, coalesce(max(entries), 0)::int as entries, coalesce(max(sends), 0)::int as sends,
          coalesce(max(conversions), 0)::int as conversions, coalesce(max(revenue), 0)::float8 as revenue, coalesce(max(valued), 0)::int as valued
        from (
          select bucket, entries, null::int as sends, null::int as conversions, null::float8 as revenue, null::int as valued from entries
          union all select bucket, null, sends, null, null, null from sends
          union all select bucket, null, null, conversions, revenue, valued from conversions
        ) counted group by bucket`)
      // Both drivers answer raw SQL with `rows`.
      const rows = result as unknown as { rows: BucketRow[] }
      const byBucket = new Map(rows.rows.map((row) => [Number(row.bucket), row]))
      const points: SeriesPoint[] = edges.slice(0, -1).map((start, index) => {
        const row = byBucket.get(index + 1)
        return {
          start: new Date(start).toISOString(),
          entries: Number(row?.entries ?? 0),
          sends: Number(row?.sends ?? 0),
          conversions: Number(row?.conversions ?? 0),
          revenue: Number(row?.revenue ?? 0),
        }
      })
      const sum = (field: keyof Omit<SeriesPoint, 'start'>) => points.reduce((total, point) => total + point[field], 0)
      return {
        timeZone: range.timeZone,
        bucket: range.bucket,
        from: since.toISOString(),
        to: until.toISOString(),
        points,
        totals: { entries: sum('entries'), sends: sum('sends'), conversions: sum('conversions'), revenue: sum('revenue') },
        hasRevenue: rows.rows.some((row) => Number(row.valued) > 0),
      }
    },
  }
}
