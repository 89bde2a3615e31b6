import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, suppressions } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-04T14:05:33+08:00')
const MINUTE = 60_000

// Found by an outside tester: a contact imported as opted out at 13:56:44 that then replied 退订 at
// 14:05:33 was shown "imported as opted out at 14:05:33": the reply's time overwrote the import's while
// the stronger source (the import) stayed.
describe.each(DATABASE_KINDS)('the time of an opt-out is the time of the one that stands, on %s', (kind) => {
  const { app, reply } = useOptOutApp(kind, NOW)
  const db = () => app().database.db
  /** The person's opt-out and the number's, as stored. */
  async function stored(externalId: string, phone: string) {
    const [person] = await db()
      .select({ at: contacts.optedOutAt, source: contacts.optOutSource, by: contacts.optedOutBy })
      .from(contacts)
      .where(eq(contacts.externalId, externalId))
    const [number] = await db()
      .select({ at: suppressions.optedOutAt, source: suppressions.source, by: suppressions.optedOutBy })
      .from(suppressions)
      .where(eq(suppressions.phone, phone))
    return { person: { ...person, at: person?.at?.toISOString() }, number: number && { ...number, at: number.at.toISOString() } }
  }
  const importOptedOut = async (id: string, phone: string) =>
    expect((await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone, consent: true, suppressed: true }] })).statusCode).toBe(200)
  /** Sets the import's opt-out (made by the database's clock) to a known time. */
  async function importedAt(id: string, phone: string, at: number) {
    await db()
      .update(contacts)
      .set({ optedOutAt: new Date(at) })
      .where(eq(contacts.externalId, id))
    await db()
      .update(suppressions)
      .set({ optedOutAt: new Date(at) })
      .where(eq(suppressions.phone, phone))
  }

  it('a 退订 reply after an import as opted out keeps the import with its own time, on the person and on the number', async () => {
    await importOptedOut('IMP-THEN-STOP', '+8613955510001')
    await importedAt('IMP-THEN-STOP', '+8613955510001', NOW - 9 * MINUTE)
    await reply('+8613955510001', '退订', NOW)
    const kept = { at: '2026-12-04T05:56:33.000Z', source: 'import', by: null }
    expect(await stored('IMP-THEN-STOP', '+8613955510001')).toEqual({ person: kept, number: kept })
    const detail = (await app().inject({ method: 'GET', url: '/api/contacts/IMP-THEN-STOP' })).json().contact
    expect([detail.optedOutAt, detail.optOutSource, detail.numberOptOut]).toEqual([
      '2026-12-04T05:56:33.000Z',
      'import',
      { at: '2026-12-04T05:56:33.000Z', source: 'import', by: null },
    ])
  })

  it('an import as opted out after a reply takes the import with its own time', async () => {
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'STOP-THEN-IMP', phone: '+8613955520001', consent: true }] })
    await reply('+8613955520001', 'TD', NOW - 30 * MINUTE)
    const before = Date.now()
    await importOptedOut('STOP-THEN-IMP', '+8613955520001')
    const { person, number } = await stored('STOP-THEN-IMP', '+8613955520001')
    expect([person.source, number?.source, person.at === number?.at]).toEqual(['import', 'import', true])
    // The import's time (the database's clock), not the reply's.
    expect(Date.parse(person.at ?? '')).toBeGreaterThanOrEqual(before - 1000)
  })

  it('two replies keep the later time: only a START after the last one lifts it', async () => {
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'TWO-STOPS', phone: '+8613955530001', consent: true }] })
    await reply('+8613955530001', 'TD', NOW - 30 * MINUTE)
    await reply('+8613955530001', '退订', NOW - 10 * MINUTE)
    const later = { at: '2026-12-04T05:55:33.000Z', source: 'reply', by: null }
    expect(await stored('TWO-STOPS', '+8613955530001')).toEqual({ person: later, number: later })
  })

  it('a contact deleted and imported again keeps the import time after a later reply', async () => {
    await importOptedOut('IMP-DEL', '+8613955540001')
    await importedAt('IMP-DEL', '+8613955540001', NOW - 20 * MINUTE)
    await reply('+8613955540001', '退订', NOW - 5 * MINUTE)
    expect((await app().inject({ method: 'DELETE', url: '/api/contacts/IMP-DEL' })).statusCode).toBe(204)
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'IMP-DEL', phone: '+8613955540002', consent: true }] })
    expect((await stored('IMP-DEL', '+8613955540002')).person).toEqual({ at: '2026-12-04T05:45:33.000Z', source: 'import', by: null })
  })
})
