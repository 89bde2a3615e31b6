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
})
