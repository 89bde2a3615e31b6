import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const DAY = 86_400_000
const iso = (at: number) => new Date(at).toISOString()

// Found by an outside tester: a STOP from a number a contact had left named no one on the Replies
// page, and "suppressed" said whether the number was on the list, not whether its person still was.
describe.each(DATABASE_KINDS)('the replies name the person a reply came from and whether they are still opted out, on %s', (kind) => {
  const { app, reply, imported } = useOptOutApp(kind, NOW)
  /** The listed replies from a number, oldest first, with the fields this is about. */
  const listed = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[])
      .filter((row) => row.phone === phone)
      .reverse()
      .map(({ text, contactId, contactLeftAt, suppressed, optOutSource, action }) => ({ text, contactId, contactLeftAt, suppressed, optOutSource, action }))
  /** The same, with whether the reply's contact was deleted since. */
  const listedWithDeleted = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[])
      .filter((row) => row.phone === phone)
      .reverse()
      .map(({ text, contactId, contactDeleted, contactLeftAt, suppressed, optOutSource }) => ({ text, contactId, contactDeleted, contactLeftAt, suppressed, optOutSource }))
  const deleted = async (externalId: string) => expect((await app().inject({ method: 'DELETE', url: `/api/contacts/${externalId}` })).statusCode).toBe(204)
  const leftAt = async (externalId: string, at: number) =>
    await app().database.db.execute(sql`update contact_phone_history set left_at = ${iso(at)} where contact_id = (select id from contacts where external_id = ${externalId})`)

  it('a STOP from a number the contact left names them, still opted out until their START from the number they have now', async () => {
    const [old, current] = ['+8613977710001', '+8613977710002']
    await imported('MOVED-1', old)
    await imported('MOVED-1', current)
    await leftAt('MOVED-1', NOW - DAY)
    await reply(old, 'TD', NOW - 30 * MINUTE)
    expect(await listed(old)).toEqual([{ text: 'TD', contactId: 'MOVED-1', contactLeftAt: iso(NOW - DAY), suppressed: true, optOutSource: 'reply', action: 'opted_out' }])
    await reply(current, '订阅', NOW - 10 * MINUTE)
    // The number left behind stays on the list, but the person it named opted back in.
    expect(await listed(old)).toEqual([{ text: 'TD', contactId: 'MOVED-1', contactLeftAt: iso(NOW - DAY), suppressed: false, optOutSource: null, action: 'opted_out' }])
    expect(await listed(current)).toEqual([{ text: '订阅', contactId: 'MOVED-1', contactLeftAt: null, suppressed: false, optOutSource: null, action: 'opted_in' }])
  })

  it('a STOP sent before the contact left the number (pushed late) names them, not the contact holding it now', async () => {
    const phone = '+8613977720001'
    await imported('EARLIER-1', phone)
    await imported('EARLIER-1', '+8613977720002')
    await imported('LATER-1', phone)
    await leftAt('EARLIER-1', NOW - 20 * MINUTE)
    await reply(phone, 'T', NOW - 40 * MINUTE)
    expect(await listed(phone)).toEqual([
      { text: 'T', contactId: 'EARLIER-1', contactLeftAt: iso(NOW - 20 * MINUTE), suppressed: true, optOutSource: 'reply', action: 'opted_out' },
    ])
  })

  it('a number its contact left over 90 days before the reply names the one holding it now, or no one', async () => {
    const [taken, free] = ['+8613977730001', '+8613977730003']
    await imported('LONG-GONE-1', taken)
    await imported('LONG-GONE-1', '+8613977730002')
    await imported('LONG-GONE-1', free)
    await imported('LONG-GONE-1', '+8613977730004')
    await leftAt('LONG-GONE-1', NOW - 91 * DAY)
    await imported('NOW-HOLDS-1', taken)
    await reply(taken, '退订', NOW - 5 * MINUTE)
    await reply(free, '退订', NOW - 5 * MINUTE)
    expect(await listed(taken)).toEqual([{ text: '退订', contactId: 'NOW-HOLDS-1', contactLeftAt: null, suppressed: true, optOutSource: 'reply', action: 'opted_out' }])
    expect(await listed(free)).toEqual([{ text: '退订', contactId: null, contactLeftAt: null, suppressed: true, optOutSource: 'reply', action: 'opted_out' }])
  })

  it('a reply from a number not on the list is still opted out when its contact is, by an opt-out they took from an earlier number', async () => {
    const [old, current] = ['+8613977740001', '+8613977740002']
    await imported('CARRIED-1', old)
    await reply(old, 'STOP', NOW - 50 * MINUTE)
    await imported('CARRIED-1', current)
    await reply(current, '什么时候发货', NOW - 5 * MINUTE)
    expect(await listed(current)).toEqual([{ text: '什么时候发货', contactId: 'CARRIED-1', contactLeftAt: null, suppressed: true, optOutSource: 'reply', action: null }])
  })

  // Found by an outside tester: a reply whose contact was deleted since named no one, as if no contact had ever held the number.
  it('a reply whose contact was deleted since says so; one from a number no contact held names no one', async () => {
    const [gone, stranger] = ['+8613977750001', '+8613977750002']
    await imported('DELETED-1', gone)
    await reply(gone, '什么时候发货', NOW - 30 * MINUTE)
    await reply(gone, 'TD', NOW - 20 * MINUTE)
    await reply(stranger, '你好', NOW - 10 * MINUTE)
    expect(await listedWithDeleted(gone)).toEqual([
      { text: '什么时候发货', contactId: 'DELETED-1', contactDeleted: false, contactLeftAt: null, suppressed: true, optOutSource: 'reply' },
      { text: 'TD', contactId: 'DELETED-1', contactDeleted: false, contactLeftAt: null, suppressed: true, optOutSource: 'reply' },
    ])
    await deleted('DELETED-1')
    // The number stays opted out: its entry outlives the contact.
    expect(await listedWithDeleted(gone)).toEqual([
      { text: '什么时候发货', contactId: null, contactDeleted: true, contactLeftAt: null, suppressed: true, optOutSource: 'reply' },
      { text: 'TD', contactId: null, contactDeleted: true, contactLeftAt: null, suppressed: true, optOutSource: 'reply' },
    ])
    expect(await listedWithDeleted(stranger)).toEqual([{ text: '你好', contactId: null, contactDeleted: false, contactLeftAt: null, suppressed: false, optOutSource: null }])
    // Imported again, the contact holds the number only since: the records no longer say it held it
    // when these replies came (its kept numbers leave with the re-import), so they name no one.
    await imported('DELETED-1', gone)
    expect((await listedWithDeleted(gone)).map(({ contactId, contactDeleted }) => ({ contactId, contactDeleted }))).toEqual([
      { contactId: null, contactDeleted: false },
      { contactId: null, contactDeleted: false },
    ])
  })

  it('a reply from a number a deleted contact had left after the reply says the contact was deleted, not the one holding it now', async () => {
    const phone = '+8613977760001'
    await imported('LEFT-THEN-DELETED-1', phone)
    await imported('LEFT-THEN-DELETED-1', '+8613977760002')
    await imported('HOLDS-NOW-1', phone)
    await leftAt('LEFT-THEN-DELETED-1', NOW - 20 * MINUTE)
    await reply(phone, '什么时候到货', NOW - 40 * MINUTE)
    await deleted('LEFT-THEN-DELETED-1')
    expect(await listedWithDeleted(phone)).toEqual([{ text: '什么时候到货', contactId: null, contactDeleted: true, contactLeftAt: null, suppressed: false, optOutSource: null }])
  })
})
