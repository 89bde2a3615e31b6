import { asc } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { suppressions } from '../src/db/schema/index'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration before suppressions named who opted a number out. */
const BEFORE = '0024_message_provider_and_queued_phone'

/** Suppressions as the old release wrote them: a reply's own, an editor's from a reply, an import's. */
const OLD_ROWS = `
  insert into suppressions (phone, reason) values
    ('+8613800000001', 'replied "TD"'),
    ('+8613800000002', 'replied "不需要"; opted out by Ada'),
    ('+8613800000003', 'imported as suppressed'),
    ('+8613800000004', 'replied "stop; opted out by nobody"')`

describe.each(DATABASE_KINDS)('naming the source of opt-outs stored before sources on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it("counts a reply's own opt-out as a reply, an editor's and an import's as not the person's", async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    const rows = await handle.db.select({ phone: suppressions.phone, source: suppressions.source }).from(suppressions).orderBy(asc(suppressions.phone))
    expect(rows).toEqual([
      { phone: '+8613800000001', source: 'reply' },
      { phone: '+8613800000002', source: 'admin' },
      { phone: '+8613800000003', source: 'import' },
      { phone: '+8613800000004', source: 'reply' },
    ])
  })
})

describe.each(DATABASE_KINDS)('naming the colleague behind opt-outs stored before 0026, on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it("reads an admin's name from the reason it wrote, the last one when a reply's text holds the words too", async () => {
    const rows = `
      insert into suppressions (phone, reason, source) values
        ('+8613800000011', 'replied "不需要"; opted out by Ada Lovelace', 'admin'),
        ('+8613800000012', 'replied "x"; opted out by Eve"; opted out by Bo (API key "ops")', 'admin'),
        ('+8613800000013', 'replied "TD"', 'reply'),
        ('+8613800000014', 'imported as suppressed', 'import')`
    const handle = await openDatabase(await oldDatabase(kind, '0025_opt_out_follows_the_person', rows, cleanups))
    cleanups.unshift(() => handle.close())
    const named = await handle.db.select({ phone: suppressions.phone, by: suppressions.optedOutBy }).from(suppressions).orderBy(asc(suppressions.phone))
    expect(named).toEqual([
      { phone: '+8613800000011', by: 'Ada Lovelace' },
      { phone: '+8613800000012', by: 'Bo (API key "ops")' },
      { phone: '+8613800000013', by: null },
      { phone: '+8613800000014', by: null },
    ])
  })
})
