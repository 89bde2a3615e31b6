import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const iso = (at: number) => new Date(at).toISOString()

// Found by an outside tester: a START sent before the STOP read "opted in (still opted out)", and a START
// that had nothing to lift (a number never opted out, no contact) read "opted in".
describe.each(DATABASE_KINDS)('a START says what it did, on %s', (kind) => {
  const { app, reply, imported } = useOptOutApp(kind, NOW)
  const listed = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[])
      .filter((row) => row.phone === phone)
      .reverse()
      .map(({ text, contactId, contactConsent, suppressed, optedOutAt, action }) => ({ text, contactId, contactConsent, suppressed, optedOutAt, action }))

  it('a START sent before the STOP (pushed after it) lifts nothing and says so; a reply written before the STOP carries its time', async () => {
    const phone = '+8613988870001'
    await imported('EARLY-1', phone)
    await reply(phone, '你好', NOW - 40 * MINUTE)
    await reply(phone, 'TD', NOW - 30 * MINUTE)
    await reply(phone, 'START', NOW - 35 * MINUTE)
    expect(await listed(phone)).toEqual([
      { text: '你好', contactId: 'EARLY-1', contactConsent: true, suppressed: true, optedOutAt: iso(NOW - 30 * MINUTE), action: null },
      { text: 'START', contactId: 'EARLY-1', contactConsent: true, suppressed: true, optedOutAt: iso(NOW - 30 * MINUTE), action: 'opt_in_too_early' },
      { text: 'TD', contactId: 'EARLY-1', contactConsent: true, suppressed: true, optedOutAt: iso(NOW - 30 * MINUTE), action: 'opted_out' },
    ])
  })

  it('a START from a number never opted out, or no contact’s, has nothing to lift', async () => {
    const [held, unknown] = ['+8613988870002', '+8613988870003']
    await imported('NEVER-OUT-1', held)
    await reply(held, '订阅', NOW - 10 * MINUTE)
    await reply(unknown, 'START', NOW - 10 * MINUTE)
    expect(await listed(held)).toEqual([{ text: '订阅', contactId: 'NEVER-OUT-1', contactConsent: true, suppressed: false, optedOutAt: null, action: 'opt_in_nothing' }])
    expect(await listed(unknown)).toEqual([{ text: 'START', contactId: null, contactConsent: null, suppressed: false, optedOutAt: null, action: 'opt_in_nothing' }])
  })

  it('a START lifting the opt-out of a contact without consent says they have none', async () => {
    const phone = '+8613988870004'
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'NO-CONSENT-1', phone, consent: false }] })
    await reply(phone, 'TD', NOW - 30 * MINUTE)
    await reply(phone, 'START', NOW - 10 * MINUTE)
    expect(await listed(phone)).toEqual([
      { text: 'TD', contactId: 'NO-CONSENT-1', contactConsent: false, suppressed: false, optedOutAt: null, action: 'opted_out' },
      { text: 'START', contactId: 'NO-CONSENT-1', contactConsent: false, suppressed: false, optedOutAt: null, action: 'opted_in' },
    ])
  })
})
