import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { estimateMembers } from '../../src/catalog/estimate'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

/** Contacts made by the database itself; every fourth is gold. */
const addContacts = (from: number, to: number) => sql`
  insert into contacts (id, external_id, attributes, consent)
  select gen_random_uuid()::text, 'T-' || n, jsonb_build_object('tier', case when n % 4 = 0 then 'gold' else 'silver' end), false
  from generate_series(${from}::int, ${to}::int) as n`
const gold = { match: 'all' as const, conditions: [{ kind: 'attribute' as const, attribute: 'tier', operator: 'eq' as const, value: 'gold' }] }
const NOW = Date.parse('2026-11-24T12:00:00Z')

describe.each(DATABASE_KINDS)('the total of an estimate on a large table, on %s', (kind) => {
  const database = useTestDatabase(kind)

  it('is counted exactly while the table is small', async () => {
    await database().db.execute(addContacts(1, 40_000))
    await database().db.execute(sql`analyze contacts`)
    expect(await estimateMembers(database().db, gold, NOW)).toMatchObject({ total: 40_000, sampled: 2_000, exact: false })
  })

  // The planner's figures are estimates: ANALYZE samples the table, and growth since is scaled by pages.
  it('is the planner’s estimate, scaled to the pages added since the last ANALYZE, once the table is large', async () => {
    await database().db.execute(addContacts(40_001, 120_000))
    await database().db.execute(sql`analyze contacts`)
    await database().db.execute(addContacts(120_001, 180_000))
    const estimate = await estimateMembers(database().db, gold, NOW)
    expect(estimate).toMatchObject({ sampled: 2_000, exact: false })
    expect(Math.abs(estimate.total - 180_000)).toBeLessThanOrEqual(180_000 * 0.02)
    // A quarter are gold; a sample of 2,000 is within 3 points of it (> 4 standard deviations).
    expect(Math.abs(estimate.count / estimate.total - 0.25)).toBeLessThanOrEqual(0.03)
  })
})
