import { type GroupOutcome, type UpliftReport, upliftReport } from '@recall/shared'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { CONVERTING_GOAL } from './journey-series'

interface GroupRow extends Record<string, unknown> {
  held_out: boolean
  contacts: number
  conversions: number
  revenue: number
}

/**
 * Treated against held-out contacts of one journey, by the group each enrollment entered in
 * (fixed in its state at entry), whether or not it reached a message: the comparison the
 * random assignment makes fair. Enrollments that entered while the workspace had no control
 * group were assigned to neither and are left out.
 */
export function controlGroupReportRepository(db: Database) {
  return {
    async report(journeyId: string): Promise<UpliftReport> {
      const result = await db.execute(sql`
        select (e.state ->> 'heldOut')::boolean as held_out, count(*)::int as contacts,
          count(*) filter (where e.converted)::int as conversions, coalesce(sum(goal.revenue), 0)::float8 as revenue
        from enrollments e ${CONVERTING_GOAL}
        where e.journey_id = ${journeyId} and e.state ? 'heldOut'
        group by 1`)
      const rows = (result as unknown as { rows: GroupRow[] }).rows
      const group = (heldOut: boolean): GroupOutcome => {
        const row = rows.find((candidate) => candidate.held_out === heldOut)
        return { contacts: Number(row?.contacts ?? 0), conversions: Number(row?.conversions ?? 0), revenue: Number(row?.revenue ?? 0) }
      }
      return upliftReport(group(false), group(true))
    },
  }
}
