import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, suppressions } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

// Found by an outside tester: opting out from a reply that had already opted its number out answered
// alreadySuppressed yet rewrote the opt-out as a colleague's, and the person's own START was then held.
describe.each(DATABASE_KINDS)('opting out a number already opted out changes nothing, on %s', (kind) => {
  const { app, reply, imported } = useOptOutApp(kind, NOW)
  const db = () => app().database.db
  const rowsOf = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[])
      .filter((row) => row.phone === phone)
      .reverse()
      .map(({ id, text, suppressed, optOutSource, action }) => ({ id, text, suppressed, optOutSource, action }))
  const optOut = async (id: unknown) => (await app().inject({ method: 'POST', url: `/api/replies/${id}/opt-out` })).json()
  const person = async (externalId: string) =>
    (await db().select({ at: contacts.optedOutAt, source: contacts.optOutSource, by: contacts.optedOutBy }).from(contacts).where(eq(contacts.externalId, externalId)))[0]
  const number = async (phone: string) =>
    (
      await db()
        .select({ at: suppressions.optedOutAt, source: suppressions.source, by: suppressions.optedOutBy, reason: suppressions.reason })
        .from(suppressions)
        .where(eq(suppressions.phone, phone))
    )[0]

  it("the person's own TD stays theirs, and their later START lifts it", async () => {
    const phone = '+8613966660001'
    await imported('TD-ONCE', phone)
    await reply(phone, 'TD', NOW - 30 * MINUTE)
    const [td] = await rowsOf(phone)
    expect(await optOut(td?.id)).toEqual({ exited: 0, alreadySuppressed: true })
    expect(await person('TD-ONCE')).toEqual({ at: new Date(NOW - 30 * MINUTE), source: 'reply', by: null })
    expect(await number(phone)).toEqual({ at: new Date(NOW - 30 * MINUTE), source: 'reply', by: null, reason: 'replied "TD"' })
    await reply(phone, 'START', NOW - 10 * MINUTE)
    expect((await rowsOf(phone)).map(({ id: _id, ...row }) => row)).toEqual([
      { text: 'TD', suppressed: false, optOutSource: null, action: 'opted_out' },
      { text: 'START', suppressed: false, optOutSource: null, action: 'opted_in' },
    ])
  })

  it('a reply from a contact opted out by their own earlier STOP at another number changes nothing either', async () => {
    const [old, current] = ['+8613966660002', '+8613966660003']
    await imported('CARRIED-ONCE', old)
    await reply(old, 'STOP', NOW - 50 * MINUTE)
    await imported('CARRIED-ONCE', current)
    await reply(current, '不需要', NOW - 5 * MINUTE)
    const [asked] = await rowsOf(current)
    expect(await optOut(asked?.id)).toEqual({ exited: 0, alreadySuppressed: true })
    expect(await person('CARRIED-ONCE')).toEqual({ at: new Date(NOW - 50 * MINUTE), source: 'reply', by: null })
    expect(await number(current)).toBe(undefined)
    expect((await rowsOf(current)).map(({ id: _id, ...row }) => row)).toEqual([{ text: '不需要', suppressed: true, optOutSource: 'reply', action: null }])
  })
})
