import { eq, inArray, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database'
import { coupons, enrollments, messages } from '../../src/db/schema/index'
import { countsFromRows, foldLiveCountDeltas, liveCountsOf } from '../../src/repositories/live-counts'
import { recount } from '../../src/repositories/monitoring'
import { timelineRow, writeTimeline } from '../../src/repositories/timeline'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const JOURNEYS = ['j1', 'j2']
const NODES = ['trigger', 'wait', 'sms', 'exit']
const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'clicked', 'failed', 'cancelled', 'uncertain'] as const
const T0 = new Date('2026-11-24T10:00:00Z')

/** One statement of the kind the runner, the dispatcher, receipts and deletions issue, over several rows at once. */
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('enter' as const),
    journey: fc.constantFrom(...JOURNEYS),
    contacts: fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('move' as const), node: fc.constantFrom(...NODES), contacts: fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('exit' as const), optedOut: fc.boolean(), contacts: fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 6 }) }),
  // `twice`: two messages of one contact and journey in the same statement (a step through two send nodes).
  fc.record({ kind: fc.constant('send' as const), twice: fc.boolean(), contacts: fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 6 }) }),
  // A test send from the editor: no contact, outside the journey's figures.
  fc.record({ kind: fc.constant('testSend' as const), journey: fc.constantFrom(...JOURNEYS) }),
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...STATUSES), every: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('redeem' as const), every: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('deleteContact' as const), contact: fc.integer({ min: 0, max: 29 }) }),
  fc.record({ kind: fc.constant('deleteMessages' as const), every: fc.integer({ min: 2, max: 5 }) }),
  fc.record({ kind: fc.constant('fold' as const) }),
  // A new version goes live: later entries join it; with `migrate`, some contacts in flight move onto it (those whose node it kept).
  fc.record({ kind: fc.constant('republish' as const), journey: fc.constantFrom(...JOURNEYS), migrate: fc.boolean(), every: fc.integer({ min: 1, max: 3 }) }),
)
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never

let serial = 0
/** Each journey's live version in the current run: what the next entry joins. */
const liveVersions = new Map<string, number>()
async function apply(db: Database, op: Operation): Promise<void> {
  const contactIds = 'contacts' in op ? op.contacts.map((index) => `c${index}`) : []
  switch (op.kind) {
    case 'enter': {
      const busy = await db.select({ contactId: enrollments.contactId }).from(enrollments).where(sql`${enrollments.journeyId} = ${op.journey} and ${enrollments.status} = 'active'`)
      const free = contactIds.filter((id) => !busy.some((row) => row.contactId === id))
      if (free.length === 0) return
      const rows = free.map((contactId) => ({
        id: `e${++serial}`,
        journeyId: op.journey,
        version: liveVersions.get(op.journey) ?? 1,
        contactId,
        status: 'active' as const,
        nodeId: 'trigger',
        state: {} as never,
        enteredAt: T0,
      }))
      await db.insert(enrollments).values(rows)
      await writeTimeline(
        db,
        rows.map((row) => timelineRow(row.id, [{ at: T0.getTime(), nodeId: 'trigger', kind: 'entered', message: { en: 'entered', zh: '进入' } }])),
      )
      return
    }
    case 'move': {
      const moved = await db
        .update(enrollments)
        .set({ nodeId: op.node })
        .where(sql`${inArray(enrollments.contactId, contactIds)} and ${enrollments.status} = 'active'`)
        .returning({ id: enrollments.id })
      if (moved.length > 0)
        await writeTimeline(
          db,
          // A step's lines together, as the worker writes them: only the entering line names a connection.
          moved.map((row) =>
            timelineRow(row.id, [
              { at: T0.getTime(), nodeId: 'trigger', kind: 'woke', message: { en: 'woke', zh: '唤醒' } },
              { at: T0.getTime(), nodeId: op.node, kind: 'entered', message: { en: 'entered', zh: '进入' }, detail: `edge-${op.node}` },
            ]),
          ),
        )
      return
    }
    case 'exit':
      await db
        .update(enrollments)
        .set({ status: 'exited', exitReason: op.optedOut ? 'opted_out' : 'exited: done', exitedAt: T0 })
        .where(sql`${inArray(enrollments.contactId, contactIds)} and ${enrollments.status} = 'active'`)
      return
    case 'send': {
      const targets = await db
        .select()
        .from(enrollments)
        .where(sql`${inArray(enrollments.contactId, contactIds)} and ${enrollments.status} = 'active'`)
      if (targets.length === 0) return
      const sent = (op.twice ? [...targets, ...targets] : targets).map((row) => ({
        idempotencyKey: `k${++serial}`,
        enrollmentId: row.id,
        journeyId: row.journeyId,
        contactId: row.contactId,
        nodeId: 'sms',
        channel: 'sms' as const,
        category: 'recall' as const,
        text: '【乐享】好久不见',
        parts: 1,
        createdAt: T0,
      }))
      await db.insert(messages).values(sent)
      await db.insert(coupons).values(
        sent.map((row) => ({
          code: `C${row.idempotencyKey}`,
          status: 'issued' as const,
          messageKey: row.idempotencyKey,
          contactId: row.contactId,
          journeyId: row.journeyId,
          nodeId: 'sms',
        })),
      )
      return
    }
    case 'testSend':
      await db.insert(messages).values({
        idempotencyKey: `t${++serial}`,
        enrollmentId: '',
        journeyId: op.journey,
        contactId: '',
        nodeId: 'sms',
        channel: 'sms',
        category: 'recall',
        text: '【乐享】测试',
        parts: 1,
        createdAt: T0,
        test: true,
      })
      return
    case 'status':
      await db.update(messages).set({ status: op.status }).where(sql`${messages.id} % ${op.every} = 0`)
      return
    case 'redeem':
      await db.update(coupons).set({ status: 'redeemed', redeemedAt: T0 }).where(sql`right(${coupons.code}, 1)::int % ${op.every} = 0`)
      return
    case 'deleteContact':
      await db.delete(enrollments).where(eq(enrollments.contactId, `c${op.contact}`))
      return
    case 'deleteMessages':
      await db.delete(messages).where(sql`${messages.id} % ${op.every} = 1`)
      return
    case 'fold':
      await foldLiveCountDeltas(db, 7)
      return
    case 'republish': {
      const version = (liveVersions.get(op.journey) ?? 1) + 1
      liveVersions.set(op.journey, version)
      if (op.migrate)
        await db
          .update(enrollments)
          .set({ version })
          .where(sql`${enrollments.journeyId} = ${op.journey} and ${enrollments.status} = 'active' and substr(${enrollments.contactId}, 2)::int % ${op.every} = 0`)
      return
    }
  }
}

async function clear(db: Database): Promise<void> {
  liveVersions.clear()
  await db.execute(sql`truncate enrollments, messages, coupons, step_log, live_counts, live_count_deltas`)
}

const zeroTotals = async (db: Database) =>
  ((await db.execute(sql`select count(*)::int as count from live_counts where value = 0`)) as unknown as { rows: { count: number }[] }).rows[0]?.count

describe.each(DATABASE_KINDS)('the live view running totals on %s', (kind) => {
  const database = useTestDatabase(kind)

  it('equal a full recount after any sequence of writes, folded or not', async () => {
    const { db } = database()
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), async (operations) => {
        await clear(db)
        for (const op of operations) await apply(db, op)
        for (const journeyId of JOURNEYS) expect(countsFromRows(await liveCountsOf(db, journeyId))).toEqual(await recount(db, journeyId))
        await foldLiveCountDeltas(db)
        for (const journeyId of JOURNEYS) expect(countsFromRows(await liveCountsOf(db, journeyId))).toEqual(await recount(db, journeyId))
        // Totals that came to nothing (a version everyone left) are gone, not kept at 0 for every snapshot to read.
        expect(await zeroTotals(db)).toBe(0)
      }),
      { numRuns: 20 },
    )
  })

  it('folds the deltas away: after a fold none are left and the totals are unchanged', async () => {
    const { db } = database()
    await clear(db)
    const operations: Operation[] = [
      { kind: 'enter', journey: 'j1', contacts: [1, 2, 3] },
      { kind: 'send', twice: false, contacts: [1, 2] },
      { kind: 'move', node: 'wait', contacts: [3] },
    ]
    for (const op of operations) await apply(db, op)
    const before = countsFromRows(await liveCountsOf(db, 'j1'))
    expect(before).toEqual({
      nodes: { sms: { active: 0, sent: 0, delivered: 0, clicked: 0, failed: 0, redeemed: 0 } },
      waiting: { 1: { trigger: 2, wait: 1 } },
      edges: { 'edge-wait': 1 },
      messaged: 2,
      optedOut: 0,
    })
    expect(await foldLiveCountDeltas(db)).toBeGreaterThan(0)
    expect((await db.execute(sql`select count(*)::int as count from live_count_deltas`)) as unknown as { rows: unknown[] }).toMatchObject({ rows: [{ count: 0 }] })
    expect(countsFromRows(await liveCountsOf(db, 'j1'))).toEqual(before)
  })

  it('counts contacts waiting per version: a republish leaves them on theirs, a migrating one moves those it takes', async () => {
    const { db } = database()
    await clear(db)
    const operations: Operation[] = [
      { kind: 'enter', journey: 'j1', contacts: [1, 2, 3, 4] },
      { kind: 'move', node: 'wait', contacts: [1, 2] },
      { kind: 'republish', journey: 'j1', migrate: false, every: 1 },
      { kind: 'enter', journey: 'j1', contacts: [5, 6] },
      { kind: 'fold' },
      // v3 takes the even contacts in flight: 2 and 4 from v1, 6 from v2.
      { kind: 'republish', journey: 'j1', migrate: true, every: 2 },
      { kind: 'exit', optedOut: false, contacts: [3] },
    ]
    for (const op of operations) await apply(db, op)
    const expected = { 1: { wait: 1 }, 2: { trigger: 1 }, 3: { wait: 1, trigger: 2 } }
    expect(countsFromRows(await liveCountsOf(db, 'j1')).waiting).toEqual(expected)
    await foldLiveCountDeltas(db)
    expect([countsFromRows(await liveCountsOf(db, 'j1')).waiting, await zeroTotals(db)]).toEqual([expected, 0])
  })
})
