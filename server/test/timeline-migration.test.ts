import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { enrollments } from '../src/db/schema/index'
import { countsFromRows, liveCountsOf } from '../src/repositories/live-counts'
import { recount } from '../src/repositories/monitoring'
import { readTimeline } from '../src/repositories/timeline'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration with a row per timeline line. */
const BEFORE = '0019_message_not_after'

/** Rows as the old release wrote them: a row per line, the live counts kept by the old triggers. */
const OLD_ROWS = `
  insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, entered_at)
  values ('e1', 'j', 1, 'c1', 'active', 'wait', '{}', '2026-11-24T02:00:00Z'), ('e2', 'j', 1, 'c2', 'active', 'wait', '{}', '2026-11-24T02:00:00Z');
  insert into step_log (enrollment_id, at, node_id, kind, message, detail) values
    ('e1', '2026-11-24T02:00:00Z', 'start', 'entered', '{"en":"entered start","zh":"进入 start"}', null),
    ('e1', '2026-11-24T02:00:00Z', 'wait', 'entered', '{"en":"entered wait","zh":"进入 wait"}', 'e-start-wait'),
    ('e2', '2026-11-24T02:00:00.123Z', 'wait', 'entered', '{"en":"entered wait","zh":"进入 wait"}', 'e-start-wait'),
    ('e1', '2026-11-24T02:00:00Z', 'wait', 'waiting', '{"en":"waiting until 10:01","zh":"等待至 10:01"}', null)`

describe.each(DATABASE_KINDS)('upgrading the timeline to a row per step on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('keeps every line in order, counts each connection once, and uncounts a deleted enrollment', async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    const lines = await readTimeline(handle.db, ['e1', 'e2'])
    expect(lines).toEqual([
      { enrollmentId: 'e1', at: new Date('2026-11-24T02:00:00Z'), nodeId: 'start', kind: 'entered', message: { en: 'entered start', zh: '进入 start' }, detail: null },
      { enrollmentId: 'e1', at: new Date('2026-11-24T02:00:00Z'), nodeId: 'wait', kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, detail: 'e-start-wait' },
      { enrollmentId: 'e2', at: new Date('2026-11-24T02:00:00.123Z'), nodeId: 'wait', kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, detail: 'e-start-wait' },
      { enrollmentId: 'e1', at: new Date('2026-11-24T02:00:00Z'), nodeId: 'wait', kind: 'waiting', message: { en: 'waiting until 10:01', zh: '等待至 10:01' }, detail: null },
    ])
    // The old triggers counted both steps along the connection; the upgrade adds nothing to that.
    expect(countsFromRows(await liveCountsOf(handle.db, 'j')).edges).toEqual({ 'e-start-wait': 2 })
    expect((await recount(handle.db, 'j')).edges).toEqual({ 'e-start-wait': 2 })
    await handle.db.delete(enrollments).where(eq(enrollments.id, 'e2'))
    expect(countsFromRows(await liveCountsOf(handle.db, 'j')).edges).toEqual({ 'e-start-wait': 1 })
  })
})
