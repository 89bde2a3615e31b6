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
