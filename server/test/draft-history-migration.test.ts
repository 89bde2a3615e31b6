import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { journeyDraftRevisions } from '../src/db/schema/index'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration before draft revisions were kept. */
const BEFORE = '0026_opt_out_outlives_phone_and_deletion'

/** A journey as the old release left it: its draft at revision 4, saved by Ada. */
const OLD_ROWS = `
  insert into journeys (id, name, draft, draft_revision, draft_saved_by, updated_at)
  values ('cart', 'Cart', '{"id":"cart","name":"Cart"}', 4, 'Ada', '2026-11-30T08:00:00Z')`

describe.each(DATABASE_KINDS)('keeping the draft revisions of journeys saved before they were kept on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('keeps each journey’s draft as it stands as its latest revision, with who saved it and when', async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    expect(await handle.db.select().from(journeyDraftRevisions)).toEqual([
      { journeyId: 'cart', revision: 4, document: { id: 'cart', name: 'Cart' }, savedBy: 'Ada', savedAt: new Date('2026-11-30T08:00:00Z') },
    ])
  })
})
