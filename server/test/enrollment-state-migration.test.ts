import type { EnrollmentState } from '@recall/engine'
import { asc, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { enrollmentState, stateColumns } from '../src/db/enrollment-state'
import { enrollments } from '../src/db/schema/index'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration that stored an enrollment's whole state as jsonb. */
const BEFORE = '0030_late_stop_after_reimport'

/** Two states as the old release stored them: every field, the column ones included. */
const waiting: EnrollmentState = {
  enrollmentId: 'e1',
  journeyId: 'j',
  version: '2',
  contactId: 'C-1',
  status: 'active',
  machine: { value: 'n5', status: 'active', context: {}, children: {}, historyValue: {} },
  nodeId: 'wait',
  enteredAt: 1795485600000,
  nodeEnteredAt: 1795485960000,
  wake: { at: 1795486020000, event: 'xstate.after.wait.n5.journey.n5' },
  variants: { split: 'b' },
  coupons: [{ nodeId: 'offer', code: 'SAVE-10', label: '满100减10', value: 10, kind: 'amount_off', issuedAt: 1795485600000, expiresAt: 1796000000000, redeemed: false }],
  visits: { start: 1, wait: 1 },
  converted: false,
  heldOut: false,
}
const exited: EnrollmentState = {
  ...waiting,
  enrollmentId: 'e2',
  contactId: 'C-2',
  status: 'exited',
  nodeId: undefined,
  wake: undefined,
  exit: { at: 1795486100000, reason: 'done', code: 'completed' },
}
const OLD_ROWS = `
  insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, entered_at) values
    ('e1', 'j', 2, 'c1', 'active', 'wait', '${JSON.stringify(waiting)}', '2026-11-24T02:00:00Z'),
    ('e2', 'j', 2, 'c2', 'exited', null, '${JSON.stringify(exited)}', '2026-11-24T02:00:00Z')`

describe.each(DATABASE_KINDS)('upgrading enrollment states to json without their columns on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('strips the fields the columns hold, and every state reads back as it was', async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    const rows = await handle.db.select(stateColumns).from(enrollments).orderBy(asc(enrollments.id))
    expect(rows.map((row) => Object.keys(row.state).sort())).toEqual([
      ['contactId', 'converted', 'coupons', 'enteredAt', 'heldOut', 'machine', 'nodeEnteredAt', 'variants', 'visits', 'wake'],
      ['contactId', 'converted', 'coupons', 'enteredAt', 'exit', 'heldOut', 'machine', 'nodeEnteredAt', 'variants', 'visits'],
    ])
    expect(rows.map(enrollmentState)).toEqual([waiting, exited])
    // What the reports and the outbox read with SQL is still there.
    // Both drivers answer raw SQL with `rows`.
    const fields = (await handle.db.execute(
      sql`select id, state ->> 'heldOut' as held_out, state -> 'variants' ->> 'split' as variant, state -> 'exit' ->> 'code' as exit_code, json_typeof(state) as type from enrollments order by id`,
    )) as unknown as { rows: unknown[] }
    expect(fields.rows).toEqual([
      { id: 'e1', held_out: 'false', variant: 'b', exit_code: null, type: 'object' },
      { id: 'e2', held_out: 'false', variant: 'b', exit_code: 'completed', type: 'object' },
    ])
  })
})
