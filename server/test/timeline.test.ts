import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { readTimeline, timelineRow, writeTimeline } from '../src/repositories/timeline'
import { DATABASE_KINDS, useTestDatabase } from './support/databases'

const AT = Date.parse('2026-11-24T02:00:00Z')

describe.each(DATABASE_KINDS)('a step timeline row on %s', (kind) => {
  const database = useTestDatabase(kind)

  it('stores only what differs from the row (time, empty node and detail) and reads every line back whole', async () => {
    const { db } = database()
    const lines = [
      { at: AT, nodeId: null, kind: 'opt_out', message: { en: 'replied TD', zh: '回复了 TD' } },
      { at: AT, nodeId: 'wait', kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, detail: 'e-start-wait' },
      { at: AT + 1_500, nodeId: 'wait', kind: 'waiting', message: { en: 'waiting until 10:01', zh: '等待至 10:01' }, detail: null },
    ]
    await db.transaction((tx) => writeTimeline(tx, [timelineRow('e1', lines)]))
    const stored = (await db.execute(
      sql`select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at, lines::text as lines, edges::text as edges from step_log`,
    )) as unknown as { rows: { at: string; lines: string; edges: string }[] }
    expect(stored.rows.map((row) => ({ ...row, lines: JSON.parse(row.lines) }))).toEqual([
      {
        at: '2026-11-24T02:00:00.000',
        lines: [
          { kind: 'opt_out', message: { en: 'replied TD', zh: '回复了 TD' } },
          { kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, nodeId: 'wait', detail: 'e-start-wait' },
          { kind: 'waiting', message: { en: 'waiting until 10:01', zh: '等待至 10:01' }, at: '2026-11-24T02:00:01.500Z', nodeId: 'wait' },
        ],
        edges: '{e-start-wait}',
      },
    ])
    expect(await readTimeline(db, ['e1'])).toEqual([
      { enrollmentId: 'e1', at: new Date(AT), nodeId: null, kind: 'opt_out', message: { en: 'replied TD', zh: '回复了 TD' }, detail: null },
      { enrollmentId: 'e1', at: new Date(AT), nodeId: 'wait', kind: 'entered', message: { en: 'entered wait', zh: '进入 wait' }, detail: 'e-start-wait' },
      { enrollmentId: 'e1', at: new Date(AT + 1_500), nodeId: 'wait', kind: 'waiting', message: { en: 'waiting until 10:01', zh: '等待至 10:01' }, detail: null },
    ])
  })
})
