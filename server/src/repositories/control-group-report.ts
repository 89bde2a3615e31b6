import { type GroupOutcome, type JourneyUpliftRow, type UpliftReport, upliftReport } from '@recall/shared'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { CONVERTING_GOAL } from './journey-series'

interface GroupRow extends Record<string, unknown> {
  held_out: boolean | null
  contacts: number
  conversions: number
  revenue: number
}

/** Enrollments assigned to a group, with their goal's event and revenue; `where` narrows them. */
const assigned = (where: SQL) => sql`
  select e.journey_id, e.contact_id, (e.state ->> 'heldOut')::boolean as held_out, e.converted, goal.event_id, goal.revenue
  from enrollments e ${CONVERTING_GOAL}
  where e.state ->> 'heldOut' is not null and ${where}`

async function groupRows(db: Database, query: SQL) {
  // Both drivers answer raw SQL with `rows`.
  return ((await db.execute(query)) as unknown as { rows: GroupRow[] }).rows
}

function outcome(rows: GroupRow[], heldOut: boolean | null): GroupOutcome {
  const row = rows.find((candidate) => candidate.held_out === heldOut)
  return { contacts: Number(row?.contacts ?? 0), conversions: Number(row?.conversions ?? 0), revenue: Number(row?.revenue ?? 0) }
}

const report = (rows: GroupRow[]) => upliftReport(outcome(rows, false), outcome(rows, true))

/**
 * Treated against held-out contacts, by the group each enrollment entered in (fixed in its state at
 * entry), whether or not it reached a message: the comparison the random assignment makes fair.
 * Enrollments that entered while the workspace had no control group were assigned to neither and
 * are left out.
 */
export function controlGroupReportRepository(db: Database) {
  return {
    /** One journey: each enrollment is a contact of its group. */
    async report(journeyId: string): Promise<UpliftReport> {
      return report(
        await groupRows(
          db,
          sql`select held_out, count(*)::int as contacts, count(*) filter (where converted)::int as conversions,
            coalesce(sum(revenue), 0)::float8 as revenue
          from (${assigned(sql`e.journey_id = ${journeyId}`)}) a group by 1`,
        ),
      )
    },

    /** Live and paused journeys whose live version has a goal, by name. */
    async goalJourneys(): Promise<Omit<JourneyUpliftRow, keyof UpliftReport>[]> {
      const result = await db.execute(sql`
        select j.id as "journeyId", j.name, j.status from journeys j
        join journey_versions v on v.journey_id = j.id and v.version = j.live_version
        where j.status in ('live', 'paused') and coalesce(v.document -> 'settings' -> 'goal' ->> 'event', '') <> ''
        order by j.name, j.id`)
      return (result as unknown as { rows: Omit<JourneyUpliftRow, keyof UpliftReport>[] }).rows
    },

    /**
     * The journeys pooled per contact, the unit the control group draws: converted if any journey
     * converted them, revenue from their distinct goal events (one order converting two journeys
     * counts once). A contact treated in one journey and held out in another (the share changed
     * between entries) belongs to neither group and is counted apart (`held_out` null).
     */
    async overall(journeyIds: string[]): Promise<{ overall: UpliftReport; mixedContacts: number }> {
      if (journeyIds.length === 0) return { overall: report([]), mixedContacts: 0 }
      const rows = await groupRows(
        db,
        sql`with a as (${assigned(
          sql`e.journey_id in (${sql.join(
            journeyIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )}),
        people as (
          select contact_id, case when bool_and(held_out) then true when not bool_or(held_out) then false end as held_out,
            bool_or(converted) as converted
          from a group by contact_id
        ),
        revenue as (
          select contact_id, sum(revenue) as revenue from (select distinct contact_id, event_id, revenue from a where event_id is not null) goals
          group by contact_id
        )
        select p.held_out, count(*)::int as contacts, count(*) filter (where p.converted)::int as conversions,
          coalesce(sum(r.revenue), 0)::float8 as revenue
        from people p left join revenue r on r.contact_id = p.contact_id group by 1`,
      )
      return { overall: report(rows), mixedContacts: outcome(rows, null).contacts }
    },
  }
}
