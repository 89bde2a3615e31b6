import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { nextLiveWake } from '../../src/worker/next-wake'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const ACTIVE_PER_JOURNEY = 2_000

type ExplainRow = { 'QUERY PLAN': [{ Plan: { Plans?: unknown[] } }] }

/** Two live journeys and a paused one, each with 2,000 active enrollments waking a minute apart. */
async function seed(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`
    insert into journeys (id, name, status, draft) values
      ('live-a', 'A', 'live', '{}'), ('live-b', 'B', 'live', '{}'), ('paused', 'P', 'paused', '{}')`)
  await handle.db.execute(sql`
    insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, next_wake_at, entered_at)
    select j || '-' || n, j, 1, 'c-' || n, 'active', 'wait', '{}',
           timestamptz '2026-12-01 00:00:00+00' + (n + case j when 'paused' then -500 when 'live-a' then 7 else 3 end) * interval '1 minute',
           timestamptz '2026-11-01 00:00:00+00'
    from unnest(array['live-a', 'live-b', 'paused']) as j, generate_series(1, ${ACTIVE_PER_JOURNEY}) as n`)
  // What autovacuum does on PostgreSQL and the server's maintenance does on PGlite.
  await handle.db.execute(sql`ANALYZE`)
}

/** Every plan node of an EXPLAIN (FORMAT JSON) answer, flattened. */
function planNodes(plan: { Plans?: unknown[] }): Record<string, unknown>[] {
  return [plan as Record<string, unknown>, ...((plan.Plans ?? []) as { Plans?: unknown[] }[]).flatMap(planNodes)]
}

describe.each(DATABASE_KINDS)("the idle worker's look for the next wake on %s", (kind) => {
  const database = useTestDatabase(kind, seed)

  it("is the earliest wake of a live journey, the paused journey's earlier wakes left out", async () => {
    const [row] = await nextLiveWake(database().db)
    expect(new Date(row?.at as Date).toISOString()).toBe('2026-12-01T00:04:00.000Z')
  })

  it('reads the due index in wake order and stops at the first live one, not every active enrollment', async () => {
    const query = nextLiveWake(database().db).toSQL()
    const explained = (await database().db.execute(sql.raw(`explain (analyze, format json) ${inline(query)}`))) as unknown as { rows: ExplainRow[] }
    const nodes = planNodes(explained.rows[0]?.['QUERY PLAN'][0].Plan ?? {})
    const enrollmentScan = nodes.find((node) => node['Relation Name'] === 'enrollments')
    expect(enrollmentScan?.['Index Name']).toBe('enrollments_due_idx')
    // The paused journey's 500 earlier wakes, then the first live one: not the 6,000 active rows.
    expect(enrollmentScan?.['Actual Rows']).toBeLessThanOrEqual(510)
  })
})

/** The query with its parameters written in, for EXPLAIN (which takes no bind parameters here). */
function inline(query: { sql: string; params: unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, index: string) => `'${String(query.params[Number(index) - 1]).replaceAll("'", "''")}'`)
}
