import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { countsFromRows, foldLiveCountDeltas, liveCountsOf } from '../src/repositories/live-counts'
import { monitoringRepository, recount } from '../src/repositories/monitoring'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration that counted contacts waiting per node whatever their version. */
const BEFORE = '0031_enrollment_state_json'

/**
 * Journey j live at v2 with contacts still on v1, as the old release counted them: some totals
 * folded, one entry's delta not yet (the old triggers added v1's and v2's contacts at "wait" together).
 */
const OLD_ROWS = `
  insert into journeys (id, name, status, draft, live_version) values ('j', 'Win-back', 'live', '{}', 2);
  insert into journey_versions (journey_id, version, document, published_at) values
    ('j', 1, '{}', '2026-11-01T02:00:00Z'), ('j', 2, '{}', '2026-11-20T02:00:00Z');
  insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, entered_at, exit_reason) values
    ('e1', 'j', 1, 'c1', 'active', 'wait', '{}', '2026-11-02T02:00:00Z', null),
    ('e2', 'j', 1, 'c2', 'active', 'sms', '{}', '2026-11-02T02:00:00Z', null),
    ('e3', 'j', 2, 'c3', 'active', 'wait', '{}', '2026-11-21T02:00:00Z', null),
    ('e4', 'j', 2, 'c4', 'exited', null, '{}', '2026-11-21T02:00:00Z', 'opted_out'),
    ('e5', 'j', 1, 'c5', 'exited', null, '{}', '2026-11-02T02:00:00Z', 'completed');
  insert into live_counts (journey_id, node_id, metric, value)
    select journey_id, node_id, metric, sum(delta) from live_count_deltas group by 1, 2, 3;
  delete from live_count_deltas;
  insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, entered_at)
    values ('e6', 'j', 2, 'c6', 'active', 'trigger', '{}', '2026-11-22T02:00:00Z')`

type TotalRow = { version: number; node_id: string; metric: string; value: number }

describe.each(DATABASE_KINDS)('upgrading the live counts to contacts waiting per version on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('recounts the contacts waiting per version, keeps the other totals, and the live view tells the versions apart', async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    const { db } = handle
    const totals = (await db.execute(sql`select version, node_id, metric, value::int as value from live_counts order by metric, version, node_id`)) as unknown as {
      rows: TotalRow[]
    }
    expect(totals.rows).toEqual([
      { version: 1, node_id: 'sms', metric: 'active', value: 1 },
      { version: 1, node_id: 'wait', metric: 'active', value: 1 },
      { version: 2, node_id: 'trigger', metric: 'active', value: 1 },
      { version: 2, node_id: 'wait', metric: 'active', value: 1 },
      { version: 0, node_id: '', metric: 'opted_out', value: 1 },
    ])
    // The old per-node delta of e6's entry was counted again with the rest, not kept beside it.
    expect(((await db.execute(sql`select count(*)::int as count from live_count_deltas`)) as unknown as { rows: { count: number }[] }).rows).toEqual([{ count: 0 }])
    expect(countsFromRows(await liveCountsOf(db, 'j'))).toEqual(await recount(db, 'j'))

    const snapshot = await monitoringRepository(db).snapshot('j')
    expect({ liveVersion: snapshot.liveVersion, older: snapshot.olderVersions, wait: snapshot.nodes.wait?.active, trigger: snapshot.nodes.trigger?.active }).toEqual({
      liveVersion: 2,
      older: [{ version: 1, publishedAt: '2026-11-01T02:00:00.000Z', active: 2, nodes: { wait: 1, sms: 1 } }],
      wait: 1,
      trigger: 1,
    })
    expect([snapshot.nodes.sms, snapshot.totals.active, snapshot.totals.optedOut]).toEqual([undefined, 4, 1])

    // The new triggers count on: moving e1 onto v2 (a publish that moves contacts in flight) moves its count.
    await db.execute(sql`update enrollments set version = 2 where id = 'e1'`)
    await foldLiveCountDeltas(db)
    const after = await monitoringRepository(db).snapshot('j')
    expect([after.olderVersions, after.nodes.wait?.active]).toEqual([[{ version: 1, publishedAt: '2026-11-01T02:00:00.000Z', active: 1, nodes: { sms: 1 } }], 2])
  })
})
