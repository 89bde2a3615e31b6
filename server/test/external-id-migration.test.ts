import { asc } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { contacts } from '../src/db/schema/index'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration before external ids were stored in NFC. */
const BEFORE = '0021_messaged_count_without_quadratic_scan'

const [composed, decomposed] = ['Zo\u00E9-1', 'Zoe\u0301-1']

/**
 * Contacts as the old release stored them: one id only decomposed (c1), one in both spellings (c2 composed, the
 * duplicate the fix prevents, and c3 decomposed), one id in two decomposed spellings of one composed form (c4, c5).
 */
const OLD_ROWS = `
  insert into contacts (id, external_id, created_at) values
    ('c1', '${decomposed}', '2026-01-01T00:00:00Z'),
    ('c2', 'Ren\u00E9-2', '2026-01-02T00:00:00Z'),
    ('c3', 'Rene\u0301-2', '2026-01-01T00:00:00Z'),
    ('c4', 'A\u0323\u0302-3', '2026-01-02T00:00:00Z'),
    ('c5', 'A\u0302\u0323-3', '2026-01-01T00:00:00Z'),
    ('c6', 'plain-4', '2026-01-01T00:00:00Z')`

describe.each(DATABASE_KINDS)('upgrading external ids to NFC on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('stores each decomposed id composed, unless its composed form is taken, and touches nothing else', async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    const rows = await handle.db.select({ id: contacts.id, externalId: contacts.externalId }).from(contacts).orderBy(asc(contacts.id))
    expect(rows).toEqual([
      { id: 'c1', externalId: composed },
      { id: 'c2', externalId: 'Ren\u00E9-2' },
      { id: 'c3', externalId: 'Rene\u0301-2' },
      { id: 'c4', externalId: 'A\u0323\u0302-3' },
      { id: 'c5', externalId: '\u1EAC-3' },
      { id: 'c6', externalId: 'plain-4' },
    ])
  })
})
